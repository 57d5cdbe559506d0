// Small UTF-8 and CJK character-class helpers shared by the ruby, cjk-punct
// and realign filters. Internal: not part of the public API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace norm::cjk {

// Decodes the code point starting at s[i] and advances i. Invalid bytes
// decode as U+FFFD and advance by one byte, so scanning never stalls.
inline char32_t NextCodePoint(std::string_view s, size_t& i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (len == 0 || c > 0xF4 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = c & (0x3F >> (len - 1));
  for (int k = 1; k < len; ++k) {
    unsigned char t = b(i + k);
    if ((t & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (t & 0x3F);
  }
  static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += len;
  return cp;
}

// Decodes the code point that ends just before s[i] and moves i back to its
// first byte. Requires i > 0.
inline char32_t PrevCodePoint(std::string_view s, size_t& i) {
  size_t start = i - 1;
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
    --start;
  }
  size_t j = start;
  char32_t cp = NextCodePoint(s, j);
  if (j != i) {  // not a well-formed sequence ending at i: step one byte
    i = i - 1;
    return 0xFFFD;
  }
  i = start;
  return cp;
}

inline void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Han ideographs (URO, extensions A-H, compatibility ideographs) and 〇.
inline bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x323AF) || (c >= 0xF900 && c <= 0xFAFF) || c == 0x3007;
}
inline bool IsKana(char32_t c) {
  return (c >= 0x3041 && c <= 0x30FF && c != 0x30FB) || (c >= 0x31F0 && c <= 0x31FF);
}
inline bool IsBopomofo(char32_t c) {
  return (c >= 0x3105 && c <= 0x312F) || (c >= 0x31A0 && c <= 0x31BF);
}
// CJK and full-width punctuation: 、。〈〉《》「」『』【】〔〕…，；：！？（）“”‘’—
inline bool IsCjkPunct(char32_t c) {
  return (c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) ||
         (c >= 0x3014 && c <= 0x301F) || c == 0xFF01 || c == 0xFF08 || c == 0xFF09 || c == 0xFF0C ||
         c == 0xFF1A || c == 0xFF1B || c == 0xFF1F || c == 0x2026 || c == 0x201C || c == 0x201D ||
         c == 0x2018 || c == 0x2019 || c == 0x2014 || c == 0x00B7 || c == 0x30FB;
}
// A character of Chinese or Japanese running text (not Hangul: Korean uses
// ASCII punctuation).
inline bool IsCjkLetter(char32_t c) { return IsHan(c) || IsKana(c) || IsBopomofo(c); }

}  // namespace norm::cjk
