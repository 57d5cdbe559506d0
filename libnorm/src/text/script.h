// Character classes of the CJK scripts, once for the whole library. The
// edges are decided here and pinned by tests/script_test.cpp:
//   〇 (U+3007, Script=Han) is Han;
//   ー (U+30FC, Script_Extensions Hiragana Katakana) is kana, ・ (U+30FB,
//   punctuation shared with Chinese) is not;
//   々 and the other marks of U+3000..U+303F are no script's letters, but
//   they are written without spaces (IsCjkNoSpace).
#pragma once

#include <cstddef>
#include <string_view>

#include "utf8.h"

namespace norm::text {

// Han ideographs: URO, extension A, compatibility ideographs, planes 2-3
// (extensions B and later), and 〇.
inline constexpr bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) || c == 0x3007;
}

// Hiragana, katakana (with ー and the voicing marks, without ・) and the
// katakana phonetic extensions.
inline constexpr bool IsKana(char32_t c) {
  return (c >= 0x3041 && c <= 0x30FF && c != 0x30FB) || (c >= 0x31F0 && c <= 0x31FF);
}

inline constexpr bool IsBopomofo(char32_t c) {
  return (c >= 0x3105 && c <= 0x312F) || (c >= 0x31A0 && c <= 0x31BF);
}

// Hangul syllables, jamo and compatibility jamo.
inline constexpr bool IsHangul(char32_t c) {
  return (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0x3130 && c <= 0x318F);
}

// A letter of Chinese or Japanese running text (not Hangul: Korean is
// written with spaces and ASCII punctuation).
inline constexpr bool IsCjkLetter(char32_t c) { return IsHan(c) || IsKana(c) || IsBopomofo(c); }

// Scripts written without spaces between words: a line break between two
// such characters joins them with nothing (Han, kana, bopomofo, radicals,
// CJK symbols and punctuation, full-width forms). Hangul is not included.
inline constexpr bool IsCjkNoSpace(char32_t c) {
  return (c >= 0x2E80 && c <= 0x2FDF) ||  // radicals
         (c >= 0x3000 && c <= 0x303F) ||  // CJK symbols and punctuation
         (c >= 0x3040 && c <= 0x30FF) ||  // kana
         (c >= 0x3100 && c <= 0x312F) ||  // bopomofo
         (c >= 0x31A0 && c <= 0x31FF) ||  // bopomofo ext, strokes, katakana ext
         (c >= 0x3400 && c <= 0x4DBF) ||  // Han ext A
         (c >= 0x4E00 && c <= 0x9FFF) ||  // Han
         (c >= 0xF900 && c <= 0xFAFF) ||  // compatibility ideographs
         (c >= 0xFE30 && c <= 0xFE4F) ||  // CJK compatibility forms
         (c >= 0xFF00 && c <= 0xFF60) ||  // full-width forms
         (c >= 0x20000 && c <= 0x3FFFF);  // Han ext B and later
}

// The full-width mark a punctuation-folding converter turns into ASCII c
// (！？，：；（）, folded to ! ? , : ; ( )), or 0 for any other c.
inline constexpr char32_t FullwidthOfFolded(char32_t c) {
  switch (c) {
    case '!':
      return U'！';
    case '?':
      return U'？';
    case ',':
      return U'，';
    case ':':
      return U'：';
    case ';':
      return U'；';
    case '(':
      return U'（';
    case ')':
      return U'）';
    default:
      return 0;
  }
}

// Text length in "Latin letter" units for density decisions: an
// IsCjkNoSpace character counts kCjkWeight (a 100-character Chinese
// paragraph weighs like a 300-letter English one), other characters one;
// ASCII whitespace, NBSP and the ideographic space count nothing.
inline constexpr int kCjkWeight = 3;
inline size_t WeightedLength(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {  // most of any page, even a Chinese one: markup-free ASCII runs
      n += !(b == ' ' || (b >= '\t' && b <= '\r'));
      ++i;
      continue;
    }
    const char32_t c = utf8::Next(s, i);
    if (c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 || c == 0x3000) continue;
    n += IsCjkNoSpace(c) ? kCjkWeight : 1;
  }
  return n;
}

}  // namespace norm::text
