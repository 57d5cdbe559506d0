// Small UTF-8 helpers for code that walks text by code point. Input is
// always valid UTF-8 (the decoder guarantees it).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace norm::utf8 {

// Decodes the code point at s[i] and advances i past it.
inline char32_t Next(std::string_view s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  char32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra && i < s.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

// The code point that ends just before s[end].
inline char32_t Prev(std::string_view s, size_t end) {
  size_t i = end;
  while (i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xC0) == 0x80) --i;
  if (i > 0) --i;
  return Next(s, i);
}

inline void Append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Scripts written without spaces between words: a line break between two
// such characters joins them with nothing (Han, kana, bopomofo, CJK
// punctuation, full-width forms). Hangul uses spaces and is not included.
inline bool IsCjkNoSpace(char32_t c) {
  return (c >= 0x2E80 && c <= 0x2FDF) ||  // radicals
         (c >= 0x3000 && c <= 0x303F) ||  // CJK punctuation
         (c >= 0x3040 && c <= 0x30FF) ||  // kana
         (c >= 0x3100 && c <= 0x312F) ||  // bopomofo
         (c >= 0x31A0 && c <= 0x31FF) ||  // bopomofo ext, katakana ext
         (c >= 0x3400 && c <= 0x4DBF) ||  // Han ext A
         (c >= 0x4E00 && c <= 0x9FFF) ||  // Han
         (c >= 0xF900 && c <= 0xFAFF) ||  // compatibility ideographs
         (c >= 0xFE30 && c <= 0xFE4F) ||  // CJK compatibility forms
         (c >= 0xFF00 && c <= 0xFF60) ||  // full-width forms
         (c >= 0x20000 && c <= 0x3FFFF);  // Han ext B and later
}

inline bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Collapses runs of ASCII whitespace into one space, or into nothing when the
// run holds a line break and sits between two IsCjkNoSpace characters.
// Leading/trailing whitespace becomes a single space (callers trim at block
// boundaries).
std::string CollapseWhitespace(std::string_view s);

// Removes leading and trailing ASCII whitespace.
std::string_view TrimAscii(std::string_view s);

// Copies s into *out with every U+0000 as U+FFFD (what CommonMark reads it
// as) and returns how many there were; with none, returns 0 and leaves *out
// alone (no copy).
int64_t ReplaceNul(std::string_view s, std::string* out);

}  // namespace norm::utf8
