#include "readings.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>

#include "utf8.h"

namespace norm::unihan_data {
extern const size_t kReadingCount;
extern const uint32_t kReadingCodepoints[];
extern const uint32_t kReadingOffsets[];
extern const char kReadingBlob[];
}  // namespace norm::unihan_data

namespace norm::readings {
namespace {

std::string_view Entry(char32_t cp) {
  using namespace unihan_data;
  const uint32_t* end = kReadingCodepoints + kReadingCount;
  const uint32_t* it = std::lower_bound(kReadingCodepoints, end, static_cast<uint32_t>(cp));
  if (it == end || *it != cp) return {};
  size_t k = static_cast<size_t>(it - kReadingCodepoints);
  return std::string_view(kReadingBlob + kReadingOffsets[k],
                          kReadingOffsets[k + 1] - kReadingOffsets[k]);
}

// Splits a tone-marked syllable into its toneless letters (ü kept as 'v')
// and tone 1-5.
bool StripTone(std::string_view syllable, std::string& base, int& tone) {
  base.clear();
  tone = 5;
  static constexpr std::u32string_view kToned[] = {U"āáǎà", U"ēéěè", U"īíǐì", U"ōóǒò",
                                                   U"ūúǔù", U"ǖǘǚǜ", U"ńňǹ",  U"ḿ"};
  static constexpr char kBase[] = {'a', 'e', 'i', 'o', 'u', 'v', 'n', 'm'};
  size_t i = 0;
  while (i < syllable.size()) {
    char32_t c = utf8::Next(syllable, i);
    if (c >= 'A' && c <= 'Z') c += 32;
    if (c >= 'a' && c <= 'z') {
      base += static_cast<char>(c);
      continue;
    }
    if (c == U'ü' || c == U'Ü') {
      base += 'v';
      continue;
    }
    if (c == U'ê') {
      base += 'e';
      continue;
    }
    bool found = false;
    for (size_t v = 0; v < std::size(kToned) && !found; ++v) {
      size_t pos = kToned[v].find(c);
      if (pos != std::u32string_view::npos) {
        base += kBase[v];
        tone = v == 6 ? static_cast<int>(pos) + 2 : v == 7 ? 2 : static_cast<int>(pos) + 1;
        found = true;
      }
    }
    if (!found) return false;
  }
  return !base.empty();
}

}  // namespace

std::string_view Mandarin(char32_t cp) {
  std::string_view e = Entry(cp);
  return e.substr(0, e.find('|'));
}

std::string_view Japanese(char32_t cp) {
  std::string_view e = Entry(cp);
  size_t bar = e.find('|');
  return bar == std::string_view::npos ? std::string_view() : e.substr(bar + 1);
}

std::string PinyinToNumbered(std::string_view syllable) {
  std::string base;
  int tone;
  if (!StripTone(syllable, base, tone)) return {};
  return base + static_cast<char>('0' + tone);
}

std::string PinyinToZhuyin(std::string_view syllable) {
  std::string s;
  int tone;
  if (!StripTone(syllable, s, tone)) return {};
  static constexpr std::pair<std::string_view, std::string_view> kInitials[] = {
      {"zh", "ㄓ"}, {"ch", "ㄔ"}, {"sh", "ㄕ"}, {"b", "ㄅ"}, {"p", "ㄆ"}, {"m", "ㄇ"}, {"f", "ㄈ"},
      {"d", "ㄉ"},  {"t", "ㄊ"},  {"n", "ㄋ"},  {"l", "ㄌ"}, {"g", "ㄍ"}, {"k", "ㄎ"}, {"h", "ㄏ"},
      {"j", "ㄐ"},  {"q", "ㄑ"},  {"x", "ㄒ"},  {"r", "ㄖ"}, {"z", "ㄗ"}, {"c", "ㄘ"}, {"s", "ㄙ"}};
  // Rimes in their underlying spelling (y/w spellings resolved first).
  static constexpr std::pair<std::string_view, std::string_view> kRimes[] = {
      {"a", "ㄚ"},      {"o", "ㄛ"},     {"e", "ㄜ"},      {"ai", "ㄞ"},     {"ei", "ㄟ"},
      {"ao", "ㄠ"},     {"ou", "ㄡ"},    {"an", "ㄢ"},     {"en", "ㄣ"},     {"ang", "ㄤ"},
      {"eng", "ㄥ"},    {"er", "ㄦ"},    {"i", "ㄧ"},      {"ia", "ㄧㄚ"},   {"ie", "ㄧㄝ"},
      {"iao", "ㄧㄠ"},  {"iou", "ㄧㄡ"}, {"iu", "ㄧㄡ"},   {"ian", "ㄧㄢ"},  {"in", "ㄧㄣ"},
      {"iang", "ㄧㄤ"}, {"ing", "ㄧㄥ"}, {"iong", "ㄩㄥ"}, {"u", "ㄨ"},      {"ua", "ㄨㄚ"},
      {"uo", "ㄨㄛ"},   {"uai", "ㄨㄞ"}, {"uei", "ㄨㄟ"},  {"ui", "ㄨㄟ"},   {"uan", "ㄨㄢ"},
      {"uen", "ㄨㄣ"},  {"un", "ㄨㄣ"},  {"uang", "ㄨㄤ"}, {"ueng", "ㄨㄥ"}, {"ong", "ㄨㄥ"},
      {"v", "ㄩ"},      {"ve", "ㄩㄝ"},  {"van", "ㄩㄢ"},  {"vn", "ㄩㄣ"}};
  std::string out;
  std::string rime = s;
  for (const auto& [latin, zhuyin] : kInitials) {
    if (s.starts_with(latin)) {
      out = zhuyin;
      rime = s.substr(latin.size());
      break;
    }
  }
  if (out.empty()) {  // y/w spellings
    if (s.starts_with("yu")) {
      rime = "v" + s.substr(2);
    } else if (s.starts_with("yi")) {
      rime = s.substr(1);
    } else if (s.starts_with("y")) {
      rime = "i" + s.substr(1);
    } else if (s == "wu") {
      rime = "u";
    } else if (s.starts_with("w")) {
      rime = "u" + s.substr(1);
    }
  } else if (rime.starts_with("u") && (s[0] == 'j' || s[0] == 'q' || s[0] == 'x')) {
    rime = "v" + rime.substr(1);
  }
  bool apical = rime == "i" && (out == "ㄓ" || out == "ㄔ" || out == "ㄕ" || out == "ㄖ" ||
                                out == "ㄗ" || out == "ㄘ" || out == "ㄙ");
  if (!apical) {
    bool found = false;
    for (const auto& [latin, zhuyin] : kRimes) {
      if (rime == latin) {
        out += zhuyin;
        found = true;
        break;
      }
    }
    if (!found) return {};
  }
  switch (tone) {
    case 2:
      return out + "ˊ";
    case 3:
      return out + "ˇ";
    case 4:
      return out + "ˋ";
    case 5:
      return "˙" + out;
    default:
      return out;
  }
}

bool HasReading(char32_t cp, std::string_view reading) {
  if (reading.empty()) return false;
  bool zhuyin = static_cast<unsigned char>(reading[0]) >= 0xCA;  // ˊ or bopomofo
  bool numbered = reading.back() >= '1' && reading.back() <= '5';
  std::string lower(reading);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  std::string_view all = Mandarin(cp);
  size_t pos = 0;
  while (pos < all.size()) {
    size_t end = all.find(' ', pos);
    if (end == std::string_view::npos) end = all.size();
    std::string_view r = all.substr(pos, end - pos);
    pos = end + 1;
    if (zhuyin     ? PinyinToZhuyin(r) == reading
        : numbered ? PinyinToNumbered(r) == lower
                   : r == lower) {
      return true;
    }
  }
  return false;
}

std::string RomajiToHiragana(std::string_view romaji) {
  static std::mutex mu;
  static std::unique_ptr<icu::Transliterator> latin_hiragana;
  static bool failed = false;
  std::lock_guard<std::mutex> lock(mu);
  if (!latin_hiragana && !failed) {
    UErrorCode status = U_ZERO_ERROR;
    latin_hiragana.reset(
        icu::Transliterator::createInstance("Latin-Hiragana", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) {
      latin_hiragana.reset();
      failed = true;
    }
  }
  if (!latin_hiragana) return {};
  std::string lower(romaji);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(lower);
  latin_hiragana->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace norm::readings
