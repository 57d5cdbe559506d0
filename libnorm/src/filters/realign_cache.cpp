// See realign_cache.h.
#include "realign_cache.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "script.h"

namespace norm::realign {
namespace {

// Characters either side of a suspicious token whose pairs do not count: a
// stream goes out of step a few characters before the token realign sees
// (kShiftWindow there) and reads garble until an ASCII byte brings it back,
// mostly within a clause.
constexpr size_t kBefore = 4;
constexpr size_t kAfter = 16;

}  // namespace

void PairCache::Add(const std::vector<char32_t>& line, const std::vector<size_t>& suspicious,
                    const std::vector<bool>& in_reading) {
  std::vector<bool> near(line.size(), false);
  for (size_t s : suspicious) {
    const size_t from = s > kBefore ? s - kBefore : 0;
    const size_t to = std::min(line.size(), s + kAfter + 1);
    for (size_t k = from; k < to; ++k) near[k] = true;
  }
  const uint64_t weight = suspicious.empty() ? 2 : 1;
  // A reading after a character, `(qǐ)`, is skipped: the pair spans it
  // (孙启(qǐ)明 holds 启明).
  auto reading = [&](size_t k) {
    return (k < in_reading.size() && in_reading[k]) ||
           (line[k] == '(' && k + 1 < in_reading.size() && in_reading[k + 1]);
  };
  size_t prev = line.size();  // the last character outside a reading
  for (size_t k = 0; k < line.size(); ++k) {
    if (reading(k)) continue;
    const size_t before = prev;
    prev = k;
    if (before == line.size() || near[k] || near[before]) continue;
    if (!text::IsHan(line[k])) continue;
    const char32_t first = Context(line[before]);
    if (first == 0) continue;
    counted_.push_back((Key(first, line[k]) << 2) | weight);
  }
}

void PairCache::Seal() {
  // Keys: code points below 2^21, so a key fits in 53 bits and shifts by 2.
  std::sort(counted_.begin(), counted_.end());
  // Pairs seen with their weights; the weights of all pairs (kept or not)
  // by first character, for the conditional probability.
  std::vector<std::pair<uint64_t, uint64_t>> keys;
  std::vector<std::pair<char32_t, uint64_t>> firsts;
  for (size_t i = 0; i < counted_.size();) {
    const uint64_t key = counted_[i] >> 2;
    uint64_t weight = 0;
    for (; i < counted_.size() && counted_[i] >> 2 == key; ++i) weight += counted_[i] & 3;
    const char32_t first = static_cast<char32_t>(key >> 32);
    if (firsts.empty() || firsts.back().first != first) firsts.push_back({first, 0});
    firsts.back().second += weight;
    if (weight >= 2) keys.push_back({key, weight});
  }
  counted_.clear();
  counted_.shrink_to_fit();
  size_ = keys.size();
  if (size_ == 0) return;
  uint64_t slots = 16;
  while (slots < 2 * size_) slots *= 2;
  table_.assign(slots, 0);
  log_probs_.assign(slots, 0);
  mask_ = slots - 1;
  for (const auto& [key, weight] : keys) {
    const char32_t first = static_cast<char32_t>(key >> 32);
    const auto it = std::lower_bound(
        firsts.begin(), firsts.end(), first,
        [](const std::pair<char32_t, uint64_t>& f, char32_t c) { return f.first < c; });
    uint64_t slot = Hash(key) & mask_;
    while (table_[slot] != 0) slot = (slot + 1) & mask_;
    table_[slot] = key;
    log_probs_[slot] =
        static_cast<float>(std::log(static_cast<double>(weight) / static_cast<double>(it->second)));
  }
}

}  // namespace norm::realign
