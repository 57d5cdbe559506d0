// Membership in a fixed list of short lower-case ASCII words, for the
// extractor's class and id words: every word of every class of every
// element is looked up in lists of up to 85 words, and a scan comparing
// each entry was a tenth of a page's run. Entries are bucketed by first
// letter and length, so a lookup compares only the few entries that could
// be equal (usually none).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace norm::html {

class WordList {
 public:
  // words: lower-case ASCII, starting with a letter; the list must outlive
  // this object (Find returns views into it).
  template <typename List>  // an array of std::string_view
  explicit WordList(const List& words) {
    std::array<uint16_t, kBuckets + 1> count{};
    for (std::string_view w : words)
      if (size_t b = Bucket(w); b < kBuckets) ++count[b + 1];
    for (size_t b = 0; b < kBuckets; ++b) count[b + 1] += count[b];
    start_ = count;
    entries_.resize(count[kBuckets]);
    // Within a bucket, entries keep the list's order (Find returns the
    // first equal entry, as a scan of the list would).
    for (std::string_view w : words)
      if (size_t b = Bucket(w); b < kBuckets) entries_[count[b]++] = w;
  }

  // The list's entry equal to w, or an empty view.
  std::string_view Find(std::string_view w) const {
    size_t b = Bucket(w);
    if (b >= kBuckets) return {};
    for (size_t i = start_[b]; i < start_[b + 1]; ++i)
      if (entries_[i] == w) return entries_[i];
    return {};
  }
  bool Contains(std::string_view w) const { return !Find(w).empty(); }

 private:
  static constexpr size_t kMaxLength = 15;
  static constexpr size_t kBuckets = 26 * (kMaxLength + 1);
  // kBuckets (no bucket) for a word no entry can equal.
  static size_t Bucket(std::string_view w) {
    if (w.empty() || w.size() > kMaxLength || w[0] < 'a' || w[0] > 'z') return kBuckets;
    return static_cast<size_t>(w[0] - 'a') * (kMaxLength + 1) + w.size();
  }

  std::array<uint16_t, kBuckets + 1> start_{};
  std::vector<std::string_view> entries_;
};

}  // namespace norm::html
