// Vietnamese tone marks in single-byte readings. See vietnamese_tones.h.
#include "vietnamese_tones.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <iterator>
#include <string>

#include "text_model.h"
#include "utf8.h"

namespace norm::detect {
namespace {

bool VietnameseVowel(char32_t c) {
  const auto l = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
  return l == 'a' || l == 'e' || l == 'i' || l == 'o' || l == 'u' || l == 'y' || l == 0x0103 ||
         l == 0x00E2 || l == 0x00EA || l == 0x00F4 || l == 0x01A1 || l == 0x01B0;
}

// Whether text[i..] (after a tone mark) ends a Vietnamese syllable.
bool SyllableEnd(const std::u32string& text, size_t i) {
  auto lower = [&](size_t k) {
    return k < text.size() ? static_cast<char32_t>(u_tolower(static_cast<UChar32>(text[k]))) : 0;
  };
  // The vowels that follow a toned one: "chìa", "ngồi", "sáo", "đâu", "ấy".
  auto glide = [](char32_t c) { return c == 'a' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; };
  for (int vowels = 0; vowels < 2 && glide(lower(i)); ++vowels) ++i;
  const char32_t f = lower(i), g = lower(i + 1);
  if ((f == 'n' && (g == 'g' || g == 'h')) || (f == 'c' && g == 'h')) {
    i += 2;
  } else if (f == 'c' || f == 'm' || f == 'n' || f == 'p' || f == 't') {
    ++i;
  }
  return i >= text.size() || !u_isalpha(static_cast<UChar32>(text[i]));
}

// Whether text[..i) (before a toned vowel at i) starts a Vietnamese
// syllable: at most two vowels before it ("tuổi", "người") after one of the
// onsets (b c ch d đ g gh gi h k kh l m n ng ngh nh p ph q r s t th tr v x),
// or none, at the word's start. Vietnamese writes no f j w z: Latvian
// "ziņa" read as "zịa" is no syllable.
bool SyllableStart(const std::u32string& text, size_t i) {
  auto lower = [&](size_t k) {
    return static_cast<char32_t>(u_tolower(static_cast<UChar32>(text[k])));
  };
  for (int vowels = 0; vowels < 2 && i > 0 && VietnameseVowel(text[i - 1]); ++vowels) --i;
  size_t onset = 0;  // letters before the vowels
  while (onset < 3 && i > onset && u_isalpha(static_cast<UChar32>(text[i - onset - 1]))) ++onset;
  if (i > onset && u_isalpha(static_cast<UChar32>(text[i - onset - 1]))) return false;
  if (onset == 0) return true;
  std::u32string o;
  for (size_t k = i - onset; k < i; ++k) o.push_back(lower(k));
  static const std::u32string kOnsets[] = {U"b",  U"c",   U"ch", U"d",  U"\u0111", U"g", U"gh",
                                           U"gi", U"h",   U"k",  U"kh", U"l",      U"m", U"n",
                                           U"ng", U"ngh", U"nh", U"p",  U"ph",     U"q", U"r",
                                           U"s",  U"t",   U"th", U"tr", U"v",      U"x"};
  return std::find(std::begin(kOnsets), std::end(kOnsets), o) != std::end(kOnsets);
}

// Whether the text has a combining mark (U+0300..U+036F) and each stands on
// the vowel of a Vietnamese syllable. A byte scan first: most readings of
// most samples have no mark (U+0300..U+036F is CC 80..CD AF in UTF-8).
bool TonesOnVowels(std::string_view utf8) {
  bool marks = false;
  for (size_t i = 0; i + 1 < utf8.size() && !marks; ++i) {
    const auto b0 = static_cast<unsigned char>(utf8[i]);
    const auto b1 = static_cast<unsigned char>(utf8[i + 1]);
    marks = (b0 == 0xCC && b1 >= 0x80) || (b0 == 0xCD && b1 <= 0xAF);
  }
  if (!marks) return false;
  std::u32string text;
  for (size_t i = 0; i < utf8.size();) text.push_back(utf8::Next(utf8, i));
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] < 0x0300 || text[i] > 0x036F) continue;
    if (i == 0 || !VietnameseVowel(text[i - 1]) || !SyllableEnd(text, i + 1) ||
        !SyllableStart(text, i - 1)) {
      return false;
    }
  }
  return true;
}

}  // namespace

// What scoring the text as its composed form adds to its generic score
// (0 unless TonesOnVowels).
double ComposedGain(std::string_view utf8) {
  if (!TonesOnVowels(utf8)) return 0.0;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return 0.0;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  const icu::UnicodeString n = nfc->normalize(u, status);
  if (U_FAILURE(status)) return 0.0;
  std::string composed;
  n.toUTF8String(composed);
  return text_model::ScoreText(composed).sum - text_model::ScoreText(utf8).sum;
}

}  // namespace norm::detect
