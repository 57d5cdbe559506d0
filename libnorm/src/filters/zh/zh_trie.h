// Internal: a code-point trie answering "longest key that prefixes this
// text", the one question OpenCC's maximum-match segmentation and conversion
// ask at every position. Built once, then read-only (thread-safe).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "utf8.h"

namespace norm::zh_internal {

// Decodes the character at p (p < end) of valid text; *len receives its
// byte length.
inline uint32_t DecodeUtf8(const char* p, const char* end, size_t* len) {
  const std::string_view s(p, static_cast<size_t>(end - p));
  size_t i = 0;
  const uint32_t cp = utf8::Next(s, i);
  *len = i;
  return cp;
}

class Trie {
 public:
  Trie() : root_(0x10000, -1) {
    value_.push_back(-1);  // node 0 is the root
  }

  // Adds key -> value; an existing key keeps its first value. Empty keys are
  // ignored.
  void Insert(std::string_view key, std::string_view value) {
    if (key.empty()) return;
    int32_t node = 0;
    const char* p = key.data();
    const char* end = p + key.size();
    while (p < end) {
      size_t n;
      uint32_t cp = DecodeUtf8(p, end, &n);
      p += n;
      if (cp < 0x80) ascii_keys_ = true;
      int32_t child = Child(node, cp);
      if (child < 0) {
        child = static_cast<int32_t>(value_.size());
        value_.push_back(-1);
        if (node == 0 && cp < 0x10000) {
          root_[cp] = child;
        } else {
          build_[Key(node, cp)] = child;
        }
      }
      node = child;
    }
    if (value_[node] < 0) {
      value_[node] = static_cast<int32_t>(offsets_.size());
      offsets_.push_back(static_cast<uint32_t>(pool_.size()));
      lengths_.push_back(static_cast<uint32_t>(value.size()));
      pool_.append(value);
      ++size_;
    }
  }

  // Freezes the trie into its lookup table. Call once after the inserts.
  void Finish() {
    size_t cap = 16;
    while (cap < build_.size() * 2) cap <<= 1;
    keys_.assign(cap, kEmpty);
    children_.assign(cap, -1);
    mask_ = cap - 1;
    for (const auto& [k, child] : build_) {
      size_t i = Hash(k) & mask_;
      while (keys_[i] != kEmpty) i = (i + 1) & mask_;
      keys_[i] = k;
      children_[i] = child;
    }
    build_.clear();
    build_.rehash(0);
    finished_ = true;
  }

  // Byte length of the longest key that prefixes [p, end), 0 when none;
  // *value receives its value.
  size_t Match(const char* p, const char* end, std::string_view* value) const {
    int32_t node = 0;
    const char* q = p;
    size_t best = 0;
    int32_t best_value = -1;
    while (q < end) {
      size_t n;
      uint32_t cp = DecodeUtf8(q, end, &n);
      int32_t child = Child(node, cp);
      if (child < 0) break;
      q += n;
      node = child;
      if (value_[node] >= 0) {
        best = static_cast<size_t>(q - p);
        best_value = value_[node];
      }
    }
    if (best != 0) {
      *value = std::string_view(pool_).substr(offsets_[best_value], lengths_[best_value]);
    }
    return best;
  }

  bool ascii_keys() const { return ascii_keys_; }
  size_t size() const { return size_; }

 private:
  static constexpr uint64_t kEmpty = ~uint64_t{0};
  static uint64_t Key(int32_t node, uint32_t cp) {
    return (static_cast<uint64_t>(node) << 21) | cp;
  }
  static size_t Hash(uint64_t k) { return static_cast<size_t>((k * 0x9E3779B97F4A7C15ull) >> 17); }

  int32_t Child(int32_t node, uint32_t cp) const {
    if (node == 0 && cp < 0x10000) return root_[cp];
    uint64_t k = Key(node, cp);
    if (!finished_) {
      auto it = build_.find(k);
      return it == build_.end() ? -1 : it->second;
    }
    size_t i = Hash(k) & mask_;
    while (true) {
      uint64_t s = keys_[i];
      if (s == k) return children_[i];
      if (s == kEmpty) return -1;
      i = (i + 1) & mask_;
    }
  }

  std::vector<int32_t> root_;   // children of the root, BMP code points
  std::vector<int32_t> value_;  // per node: index of its value, or -1
  std::vector<uint32_t> offsets_, lengths_;
  std::string pool_;
  std::vector<uint64_t> keys_;  // open addressing: (parent << 21 | cp)
  std::vector<int32_t> children_;
  size_t mask_ = 0;
  std::unordered_map<uint64_t, int32_t> build_;
  bool finished_ = false;
  bool ascii_keys_ = false;
  size_t size_ = 0;
};

// Walks text left to right taking the longest key of `dict` (a Trie, or
// anything with its Match) at each character: on_run(begin, end) for each
// stretch where no key starts, on_match(begin, end, value) for each match.
// ascii_keys: whether a key may start with an ASCII byte (else ASCII is
// skipped unasked).
template <typename Dict, typename OnRun, typename OnMatch>
void ForEachMatch(std::string_view text, const Dict& dict, bool ascii_keys, OnRun on_run,
                  OnMatch on_match) {
  const char* p = text.data();
  const char* end = p + text.size();
  const char* run = p;  // start of the current unmatched stretch
  while (p < end) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (c < 0x80 && !ascii_keys) {
      ++p;
      continue;
    }
    std::string_view value;
    size_t len = dict.Match(p, end, &value);
    if (len == 0) {
      p += std::min<size_t>(utf8::SequenceLength(c), static_cast<size_t>(end - p));
      continue;
    }
    if (run < p) on_run(run, p);
    on_match(p, p + len, value);
    p += len;
    run = p;
  }
  if (run < end) on_run(run, end);
}

// A dictionary as OpenCC consults it: a group whose first member with a match
// wins (a plain dictionary is a group of one). Dict: a Trie, or anything with
// its Match.
template <typename Dict>
struct MatchGroup {
  std::vector<const Dict*> tries;
  bool ascii_keys = false;

  size_t Match(const char* p, const char* end, std::string_view* value) const {
    for (const Dict* t : tries) {
      size_t len = t->Match(p, end, value);
      if (len != 0) return len;
    }
    return 0;
  }

  // OpenCC's Conversion::Convert of one segment, appended to *out.
  void Convert(const char* p, const char* end, std::string* out) const {
    while (p < end) {
      if (static_cast<unsigned char>(*p) < 0x80 && !ascii_keys) {
        const char* q = p + 1;
        while (q < end && static_cast<unsigned char>(*q) < 0x80) ++q;
        out->append(p, q);
        p = q;
        continue;
      }
      std::string_view value;
      size_t len = Match(p, end, &value);
      if (len != 0) {
        out->append(value);
        p += len;
      } else {
        size_t n = std::min<size_t>(utf8::SequenceLength(static_cast<unsigned char>(*p)),
                                    static_cast<size_t>(end - p));
        out->append(p, n);
        p += n;
      }
    }
  }
};

// OpenCC's conversion chain applied to one segment [p, end), appended to
// *out; a and b are scratch buffers.
template <typename Group>
void ConvertChain(const std::vector<Group>& chain, const char* p, const char* end, std::string* out,
                  std::string* a, std::string* b) {
  if (chain.size() == 1) {
    chain[0].Convert(p, end, out);
    return;
  }
  a->clear();
  chain[0].Convert(p, end, a);
  for (size_t i = 1; i < chain.size(); ++i) {
    b->clear();
    chain[i].Convert(a->data(), a->data() + a->size(), b);
    std::swap(*a, *b);
  }
  out->append(*a);
}

}  // namespace norm::zh_internal
