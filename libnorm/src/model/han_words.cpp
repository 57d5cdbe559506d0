#include "han_words.h"

#include <string>
#include <unordered_map>

#include "han_words_data.h"
#include "utf8.h"

namespace norm::text_model {

namespace {

// FNV-1a over the code points, salted by script; never 0. Must match
// word_hash in libnorm/data/gen_text_model.py.
uint64_t HanWordHash(const char32_t* cps, size_t n, size_t k, char32_t at_k, uint64_t salt) {
  uint64_t h = 0xCBF29CE484222325ULL;
  for (size_t i = 0; i < n; ++i) {
    h ^= static_cast<uint64_t>(i == k ? at_k : cps[i]);
    h *= 0x100000001B3ULL;
  }
  h ^= salt * 0x9E3779B97F4A7C15ULL;
  return h == 0 ? 1 : h;
}

}  // namespace

uint32_t HanWordFreq(const char32_t* cps, size_t n, size_t k, char32_t at_k, HanScript script) {
  if (n < 2 || n > kHanWordMax || script == HanScript::kEither) return 0;
  const uint64_t salt = script == HanScript::kTraditional ? 1 : 2;
  const uint64_t key = HanWordHash(cps, n, k, at_k, salt);
  constexpr size_t kMask = (size_t{1} << data::kHanWordBits) - 1;
  for (size_t h = key >> (64 - data::kHanWordBits);; h = (h + 1) & kMask) {
    if (data::kHanWordKeys[h] == key) return data::kHanWordFreqs[h];
    if (data::kHanWordKeys[h] == 0) return 0;
  }
}

namespace {

struct Ambiguous {
  int kept_percent = 50;
  std::u32string alternatives;
};

// Parsed once from the generated "X\tPERCENT\tALTS\n" lines.
const std::unordered_map<char32_t, Ambiguous>& AmbiguousTable() {
  static const auto* const table = [] {
    auto* t = new std::unordered_map<char32_t, Ambiguous>();
    std::string_view s = data::kHanAlternatives;
    for (size_t i = 0; i < s.size();) {
      const char32_t key = utf8::Next(s, i);
      Ambiguous a;
      if (i < s.size() && s[i] == '\t') ++i;
      a.kept_percent = 0;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9')
        a.kept_percent = a.kept_percent * 10 + (s[i++] - '0');
      if (i < s.size() && s[i] == '\t') ++i;
      while (i < s.size() && s[i] != '\n') a.alternatives.push_back(utf8::Next(s, i));
      ++i;
      (*t)[key] = std::move(a);
    }
    return t;
  }();
  return *table;
}

}  // namespace

std::u32string_view HanAlternatives(char32_t c) {
  const auto& table = AmbiguousTable();
  auto it = table.find(c);
  return it == table.end() ? std::u32string_view() : std::u32string_view(it->second.alternatives);
}

int HanKeptPercent(char32_t c) {
  const auto& table = AmbiguousTable();
  auto it = table.find(c);
  return it == table.end() ? 100 : it->second.kept_percent;
}

}  // namespace norm::text_model
