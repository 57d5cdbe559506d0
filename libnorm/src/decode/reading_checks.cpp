// Spelling checks of single-byte readings. See reading_checks.h.
#include "reading_checks.h"

#include <unicode/uchar.h>

#include <array>

#include "utf8.h"

namespace norm::detect {

bool BoxDrawing(char32_t c) { return c >= 0x2500 && c <= 0x257F; }

bool HorizontalLine(char32_t c) { return c == 0x2500 || c == 0x2501 || c == 0x2550; }

size_t DrawnLines(std::string_view sample, const std::vector<uint32_t>& high,
                  const char32_t* table) {
  size_t n = 0;
  for (size_t i = 0; i < high.size();) {
    // A run of consecutive high bytes that read as box drawing.
    size_t j = i;
    bool doubled = false;
    while (j < high.size() && (j == i || high[j] == high[j - 1] + 1) &&
           BoxDrawing(table[static_cast<unsigned char>(sample[high[j]])])) {
      if (j > i && HorizontalLine(table[static_cast<unsigned char>(sample[high[j]])]) &&
          sample[high[j]] == sample[high[j - 1]]) {
        doubled = true;
      }
      ++j;
    }
    if (doubled) n += j - i;
    i = j > i ? j : i + 1;
  }
  return n;
}

std::vector<uint8_t> DoubledHighBytes(std::string_view sample, const std::vector<uint32_t>& high) {
  std::array<bool, 128> seen{};
  std::vector<uint8_t> out;
  for (size_t i = 1; i < high.size(); ++i) {
    const auto b = static_cast<unsigned char>(sample[high[i]]);
    if (high[i - 1] + 1 == high[i] && static_cast<unsigned char>(sample[high[i - 1]]) == b &&
        !seen[b - 0x80]) {
      seen[b - 0x80] = true;
      out.push_back(static_cast<uint8_t>(b));
    }
  }
  return out;
}

bool WordInternalMark(char32_t c) {
  return c == 0x2019 || c == 0x02BC || c == 0x00B7 || c == 0x2010 || c == 0x2011 || c == 0x00AD ||
         c == 0x2027 || c == 0x05F3 || c == 0x05F4 || c == 0x05BE || (c >= 0x055A && c <= 0x055F);
}

bool OtherScriptInWord(char32_t c) {
  if (c < 0x370 || c > 0x1DFF || c == 0x3BC || c == 0x3A9) return false;
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK)) != 0;
}

double SpellingFaults(std::string_view sample, const std::vector<uint32_t>& high,
                      const char32_t* table) {
  size_t glued = 0, quotes = 0;
  auto ascii_letter = [&](size_t k) {
    const auto b = static_cast<unsigned char>(sample[k]);
    return (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
  };
  bool low_opened = false;
  auto at = [&](size_t k) { return table[static_cast<unsigned char>(sample[k])]; };
  auto mask = [&](size_t k) { return U_GET_GC_MASK(static_cast<UChar32>(at(k))); };
  for (const uint32_t k : high) {
    const char32_t c = at(k);
    // A letter, mark or digit of a non-Latin script touching an ASCII
    // letter: Latin text's accented letter read as Arabic's fathatan
    // ("Figurً"), a Thai digit ("๘res"), Greek letters ("keistumπα").
    if (OtherScriptInWord(c) &&
        ((k > 0 && ascii_letter(k - 1)) || (k + 1 < sample.size() && ascii_letter(k + 1)))) {
      ++glued;
      continue;
    }
    if (k > 0 && k + 1 == sample.size()) {
      // The sample's last byte, the word it ends cut or not: after a
      // letter, a quote other than a closing low one's partner is glued
      // inside the word or closes it wrongly ("Slavoni‘" for MacRoman's
      // ë), a capital after two lower-case letters ends or sits inside
      // one ("MambŽ" for é); either way a fault (see below).
      const bool after_letter = u_isalpha(static_cast<UChar32>(at(k - 1)));
      const bool quote = c == 0x2018 || c == 0x201C || c == 0x201A || c == 0x201E;
      const bool low = c == 0x201A || c == 0x201E;
      glued += after_letter && quote && (low || !low_opened);
      glued += (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_LU_MASK) != 0 && k >= 2 &&
               (mask(k - 1) & U_GC_LL_MASK) != 0 && (mask(k - 2) & U_GC_LL_MASK) != 0;
      continue;
    }
    if (k == 0) {
      low_opened = low_opened || c == 0x201A || c == 0x201E;
      continue;
    }
    const uint32_t m = U_GET_GC_MASK(static_cast<UChar32>(c));
    if (c == 0x2018 || c == 0x201C || c == 0x201A || c == 0x201E) {
      const bool low = c == 0x201A || c == 0x201E;
      const bool after_letter = u_isalpha(static_cast<UChar32>(at(k - 1)));
      const uint32_t next = mask(k + 1);
      const bool closes = after_letter && (next & (U_GC_L_MASK | U_GC_ND_MASK)) == 0;
      quotes += closes && (low || !low_opened);
      glued += after_letter && (next & U_GC_L_MASK) != 0;  // inside a word
      low_opened = low_opened || low;
    } else if ((m & (U_GC_P_MASK | U_GC_S_MASK)) != 0 && !WordInternalMark(c)) {
      glued +=
          u_isalpha(static_cast<UChar32>(at(k - 1))) && u_isalpha(static_cast<UChar32>(at(k + 1)));
    } else if ((m & U_GC_LU_MASK) != 0) {
      // A capital inside a word, or ending one after two lower-case
      // letters: MacRoman's word-final é read as windows-1252's Ž
      // ("indiquŽ").
      const bool after_lower = (mask(k - 1) & U_GC_LL_MASK) != 0;
      glued += after_lower &&
               ((mask(k + 1) & U_GC_LL_MASK) != 0 ||
                (k >= 2 && (mask(k - 2) & U_GC_LL_MASK) != 0 && (mask(k + 1) & U_GC_L_MASK) == 0));
    }
  }
  return kGluedSymbol * static_cast<double>(glued) + kMisplacedQuote * static_cast<double>(quotes);
}

bool CjkLettersOrOpeners(std::string_view utf8) {
  for (size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<UChar32>(utf8::Next(utf8, i));
    if (c >= 0x80 && (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_PS_MASK | U_GC_PI_MASK)) == 0) {
      return false;
    }
  }
  return true;
}

size_t NonAsciiChars(std::string_view utf8) {
  size_t n = 0;
  for (const char ch : utf8) n += static_cast<unsigned char>(ch) >= 0xC0;
  return n;
}

bool LatinLettersInWords(std::string_view sample, const std::vector<uint32_t>& high,
                         const char32_t* table) {
  if (high.empty()) return false;
  auto at = [&](size_t k) { return table[static_cast<unsigned char>(sample[k])]; };
  auto ascii_letter = [&](size_t k) {
    const auto b = static_cast<unsigned char>(sample[k]);
    return (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
  };
  auto camel = [&](size_t k) {  // sample[k] lower case, sample[k + 1] upper case
    return k + 1 < sample.size() && u_islower(static_cast<UChar32>(at(k))) &&
           u_isupper(static_cast<UChar32>(at(k + 1)));
  };
  size_t run = 0;
  for (size_t i = 0; i < high.size(); ++i) {
    const uint32_t k = high[i];
    const char32_t c = table[static_cast<unsigned char>(sample[k])];
    // ª º are letters to Unicode, not to words. A high byte that starts
    // the sample may be a character's trail byte: nothing to judge by.
    if (k == 0 || c >= 0x250 || c == 0xAA || c == 0xBA || !u_isalpha(static_cast<UChar32>(c))) {
      return false;
    }
    run = i > 0 && high[i - 1] + 1 == k ? run + 1 : 1;
    if (run > 2) return false;
    // Two accented letters in a row stand inside a word ("ções"), not at
    // its edge ("DAPĄŁ" for GB2312's "DAP。"); but two lower-case ones may
    // end a word after an ASCII letter ("Lisää", "Sää": Finnish and
    // Estonian double their vowels at words' ends).
    if (run == 2) {  // k >= 2: a high byte at 0 returned above
      auto lower_at = [&](size_t j) { return u_islower(static_cast<UChar32>(at(j))) != 0; };
      const bool inside = ascii_letter(k - 2) && k + 1 < sample.size() && ascii_letter(k + 1);
      const bool ends_lower_word =
          lower_at(k) && lower_at(k - 1) && ascii_letter(k - 2) &&
          (k + 1 == sample.size() || !u_isalpha(static_cast<UChar32>(at(k + 1))));
      if (!inside && !ends_lower_word) return false;
    }
    const size_t first = k + 1 - run;  // the run's first byte
    size_t last = k;
    while (last + 1 < sample.size() && static_cast<unsigned char>(sample[last + 1]) >= 0x80) {
      ++last;
    }
    // Inside a word: after an ASCII letter, or before two ("Äquatorial"),
    // or a short word of its own between a space and a non-letter ("és a",
    // "în loc"). One ASCII letter after it and no more may be the trail
    // byte of a double-byte character ("">²V" for Big5's "混"). A word
    // also starts after an elided article's apostrophe ("d'ús", "l'été"),
    // and may go on past the sample's end ("Zadarska žu" cut in "županija").
    size_t after = 0;
    while (after < 2 && last + 1 + after < sample.size() && ascii_letter(last + 1 + after)) ++after;
    const bool elided = first > 1 && sample[first - 1] == '\'' && ascii_letter(first - 2);
    const bool after_space =
        elided || (first > 0 && (sample[first - 1] == ' ' || sample[first - 1] == '\n'));
    const bool word_ends =
        last + 2 == sample.size() || (last + 2 < sample.size() && !ascii_letter(last + 2));
    if (!(first > 0 && ascii_letter(first - 1)) && after < 2 &&
        !(after_space && after == 1 && word_ends)) {
      return false;
    }
    if ((k > 0 && camel(k - 1)) || camel(k)) return false;
  }
  return true;
}

}  // namespace norm::detect
