// A set of string_views into memory that outlives it (a mapped file), built
// once and then only read, from any number of threads. Open addressing with
// linear probing: building it hashes each item once, where sorting the
// ~13,000 views of Debian's EasyList cost more than the rest of start-up.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace norm {

class ViewSet {
 public:
  // Adds s (empty views are ignored). Call Build() before Contains().
  void Add(std::string_view s) {
    if (!s.empty()) items_.push_back(s);
  }

  void Build() {
    size_t capacity = 16;
    while (capacity < items_.size() * 2) capacity <<= 1;
    slots_.assign(capacity, std::string_view());
    mask_ = capacity - 1;
    size_ = 0;
    for (std::string_view s : items_) {
      size_t i = Hash(s) & mask_;
      while (!slots_[i].empty() && slots_[i] != s) i = (i + 1) & mask_;
      if (slots_[i].empty()) {
        slots_[i] = s;
        ++size_;
      }
    }
    items_.clear();
    items_.shrink_to_fit();
  }

  bool Contains(std::string_view s) const {
    if (s.empty() || slots_.empty()) return false;
    for (size_t i = Hash(s) & mask_; !slots_[i].empty(); i = (i + 1) & mask_)
      if (slots_[i] == s) return true;
    return false;
  }

  size_t size() const { return size_; }

 private:
  static size_t Hash(std::string_view s) {
    uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    return static_cast<size_t>(h ^ (h >> 29));
  }

  std::vector<std::string_view> items_;
  std::vector<std::string_view> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace norm
