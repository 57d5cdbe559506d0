// A document's own evidence for realign: the pairs of adjacent characters
// (Han, or a digit then Han) its undamaged stretches hold. A word the writer
// used elsewhere in the document (a name, a recurring term that no
// dictionary holds) is likelier than another word the same bytes spell
// (孙启明 written cleanly in one line, 里启明 in a damaged one: GBK 孙 CBEF
// and 里 C0EF share the trail byte), which a unigram word model scoring each
// word alone cannot tell; the text around the damage is real, undamaged
// evidence of what it says (the cache of a cache language model, Kuhn and
// De Mori 1990).
//
// Which stretches count: everything on a line farther than a few characters
// from a suspicious token (realign's signs of a stream out of step), so that
// the garble a misaligned stream leaves does not vouch for itself; and a
// pair counts only when it occurs at least twice in those stretches, or once
// on a line without any suspicious token.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "script.h"

namespace norm::realign {

class PairCache {
 public:
  // Adds the pairs of a line's undamaged stretches; suspicious: the
  // positions of its suspicious tokens (realign's FindSuspicious);
  // in_reading: the letters and `)` of its readings (MarkReadings), skipped.
  void Add(const std::vector<char32_t>& line, const std::vector<size_t>& suspicious,
           const std::vector<bool>& in_reading);
  // Makes the pairs added so far searchable.
  void Seal();
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  // What a character stands for as the first of a pair: itself if Han, '0'
  // for any Arabic digit (a number's unit: 48岁 where the document writes
  // 35岁 elsewhere), else 0 (no pair).
  static char32_t Context(char32_t c) {
    if (c >= '0' && c <= '9') return '0';
    return text::IsHan(c) ? c : 0;
  }
  // log P(b | a) in the document's undamaged text (b a Han character), or
  // 1 when the pair was not seen there.
  double LogProb(char32_t a, char32_t b) const {
    if (size_ == 0) return 1;
    a = Context(a);
    if (a == 0) return 1;
    const uint64_t key = Key(a, b);
    for (uint64_t slot = Hash(key) & mask_;; slot = (slot + 1) & mask_) {
      if (table_[slot] == key) return log_probs_[slot];
      if (table_[slot] == 0) return 1;
    }
  }
  bool Has(char32_t a, char32_t b) const { return LogProb(a, b) <= 0; }

 private:
  static uint64_t Key(char32_t a, char32_t b) {
    return (static_cast<uint64_t>(a) << 32) | static_cast<uint64_t>(b);
  }
  static uint64_t Hash(uint64_t key) {
    key ^= key >> 29;
    key *= 0xBF58476D1CE4E5B9ull;
    key ^= key >> 32;
    return key;
  }
  std::vector<uint64_t> counted_;  // pairs with their weight (2: a line without damage)
  std::vector<uint64_t> table_;
  std::vector<float> log_probs_;
  uint64_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace norm::realign
