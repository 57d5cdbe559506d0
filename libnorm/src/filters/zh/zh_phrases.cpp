#include "zh_phrases.h"

#include <algorithm>
#include <memory>
#include <mutex>

namespace norm::zh_internal {

size_t PhraseDict::Match(const char* p, const char* end, std::string_view* value) const {
  // Keys sorted by their bytes stay sorted when cut to their first L bytes:
  // the keys that start with the text's first L bytes are one range, narrowed
  // character by character; a key equal to the prefix is its range's first.
  const auto key = [&](size_t i) {
    return std::string_view(pool + offsets[2 * i], offsets[2 * i + 1] - offsets[2 * i]);
  };
  size_t lo = 0, hi = size, best = 0, best_i = 0;
  const char* q = p;
  while (q < end && lo < hi) {
    q += std::min<size_t>(utf8::SequenceLength(static_cast<unsigned char>(*q)),
                          static_cast<size_t>(end - q));
    const std::string_view prefix(p, static_cast<size_t>(q - p));
    const size_t len = prefix.size();
    size_t a = lo, b = hi;
    while (a < b) {  // first key whose cut is >= prefix
      const size_t m = a + (b - a) / 2;
      if (key(m).substr(0, len) < prefix)
        a = m + 1;
      else
        b = m;
    }
    lo = a;
    b = hi;
    while (a < b) {  // first key whose cut is > prefix
      const size_t m = a + (b - a) / 2;
      if (key(m).substr(0, len) <= prefix)
        a = m + 1;
      else
        b = m;
    }
    hi = a;
    if (lo < hi && key(lo).size() == len) best = len, best_i = lo;
  }
  if (best != 0)
    *value = std::string_view(pool + offsets[2 * best_i + 1],
                              offsets[2 * best_i + 2] - offsets[2 * best_i + 1]);
  return best;
}

PhraseConverter::PhraseConverter(const PhraseConfig& config) {
  const auto group = [](const int* dicts, int n) {
    Group g;
    for (int i = 0; i < n; ++i) {
      const PhraseDict& d = kPhraseDicts[dicts[i]];
      g.tries.push_back(&d);
      // Keys in byte order: an ASCII key would come first.
      g.ascii_keys = g.ascii_keys || (d.size != 0 && static_cast<unsigned char>(d.pool[0]) < 0x80);
    }
    return g;
  };
  segmentation_ = group(config.segmentation, config.segmentation_size);
  for (int i = 0; i < config.chain_size; ++i)
    chain_.push_back(group(config.chain[i], config.group_size[i]));
}

const PhraseConverter* PhraseConverter::Get(std::string_view name) {
  static std::once_flag once;
  static std::vector<std::unique_ptr<PhraseConverter>> all;
  std::call_once(once, [] {
    for (size_t i = 0; i < kPhraseConfigCount; ++i)
      all.push_back(std::unique_ptr<PhraseConverter>(new PhraseConverter(kPhraseConfigs[i])));
  });
  for (size_t i = 0; i < kPhraseConfigCount; ++i) {
    if (name == kPhraseConfigs[i].name) return all[i].get();
  }
  return nullptr;
}

std::string PhraseConverter::Convert(std::string_view text) const {
  std::string out, a, b;
  out.reserve(text.size() + text.size() / 16);
  ForEachMatch(
      text, segmentation_, segmentation_.ascii_keys,
      [&](const char* begin, const char* end) { ConvertChain(chain_, begin, end, &out, &a, &b); },
      [&](const char* begin, const char* end, std::string_view) {
        ConvertChain(chain_, begin, end, &out, &a, &b);
      });
  return out;
}

}  // namespace norm::zh_internal
