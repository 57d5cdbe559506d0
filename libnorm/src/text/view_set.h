// A set of strings stored as (offset, length) slots into one block of text
// that outlives the set: a mapped EasyList file, or the table compiled into
// the library at build time (libnorm/data/gen_easylist.py writes the same
// layout and hash, so no work is left for start-up). Built once, then only
// read, from any number of threads. Open addressing with linear probing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace norm {

class ViewSet {
 public:
  ViewSet() = default;
  ViewSet(const ViewSet&) = delete;  // slots_ may point into owned_
  ViewSet& operator=(const ViewSet&) = delete;

  // Adds s, a view into the text later passed to Build (empty views and
  // views of 64 KiB or more are ignored).
  void Add(std::string_view s) {
    if (!s.empty() && s.size() < 0x10000) items_.push_back(s);
  }

  // Packs the added views, relative to base.
  void Build(const char* base) {
    size_t capacity = 16;
    while (capacity < items_.size() * 2) capacity <<= 1;
    owned_.assign(capacity, 0);
    Point(base, owned_.data(), capacity, 0);
    for (std::string_view s : items_) {
      size_t i = Hash(s) & mask_;
      while (owned_[i] != 0 && At(owned_[i]) != s) i = (i + 1) & mask_;
      if (owned_[i] == 0) {
        owned_[i] = Slot(static_cast<uint64_t>(s.data() - base), s.size());
        ++size_;
      }
    }
    items_.clear();
    items_.shrink_to_fit();
  }

  // Uses a table packed elsewhere (capacity a power of two, size entries).
  void Adopt(const char* base, const uint64_t* slots, size_t capacity, size_t size) {
    owned_.clear();
    Point(base, slots, capacity, size);
  }

  bool Contains(std::string_view s) const {
    if (s.empty() || capacity_ == 0) return false;
    for (size_t i = Hash(s) & mask_; slots_[i] != 0; i = (i + 1) & mask_)
      if (At(slots_[i]) == s) return true;
    return false;
  }

  size_t size() const { return size_; }

  // FNV-1a with a final fold; gen_easylist.py computes the same.
  static uint64_t Hash(std::string_view s) {
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    return h ^ (h >> 29);
  }
  static uint64_t Slot(uint64_t offset, size_t length) { return offset << 16 | length; }

 private:
  void Point(const char* base, const uint64_t* slots, size_t capacity, size_t size) {
    base_ = base;
    slots_ = slots;
    capacity_ = capacity;
    mask_ = capacity ? capacity - 1 : 0;
    size_ = size;
  }
  std::string_view At(uint64_t slot) const {
    return std::string_view(base_ + (slot >> 16), static_cast<size_t>(slot & 0xFFFF));
  }

  std::vector<std::string_view> items_;
  std::vector<uint64_t> owned_;
  const char* base_ = nullptr;
  const uint64_t* slots_ = nullptr;
  size_t capacity_ = 0;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace norm
