// UTF-8, once for the whole library. Two kinds of input:
//  - valid text (what the decoder hands on, and everything built from it):
//    Next, Prev, CharStart, Count trust it and stay in bounds on any input;
//  - untrusted bytes (user files, code-page guesses, byte patterns): Decode
//    checks every rule (no overlongs, surrogates, values past U+10FFFF or
//    truncated sequences) and reports what it found.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace norm::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Bytes 0x80..0xBF continue a character; every other byte starts one.
inline constexpr bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Length of the sequence that lead byte b starts in valid text: 1 for ASCII,
// and 1 for a byte that cannot lead (a continuation byte, F8..FF), so that
// a scan always advances. Callers clamp it to the text end.
inline constexpr size_t SequenceLength(unsigned char b) {
  return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF8 ? 4 : 1;
}

// Decodes the code point at s[i] of valid text and advances i past it.
inline char32_t Next(std::string_view s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  // Three bytes (all of CJK) without the loop: the same value.
  if (c >= 0xE0 && c < 0xF0 && i + 1 < s.size()) {
    const char32_t cp = (static_cast<char32_t>(c & 0x0F) << 12) |
                        (static_cast<char32_t>(static_cast<unsigned char>(s[i]) & 0x3F) << 6) |
                        (static_cast<unsigned char>(s[i + 1]) & 0x3F);
    i += 2;
    return cp;
  }
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  char32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra && i < s.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

// The start of the character that holds s[i] (i itself when a character
// starts there or i is past the end).
inline size_t CharStart(std::string_view s, size_t i) {
  if (i >= s.size()) return i;
  while (i > 0 && IsContinuation(static_cast<unsigned char>(s[i]))) --i;
  return i;
}

// The code point that ends just before s[end] in valid text (0 when end is 0).
inline char32_t Prev(std::string_view s, size_t end) {
  if (end == 0) return 0;
  size_t i = end;
  while (i > 0 && IsContinuation(static_cast<unsigned char>(s[i - 1]))) --i;
  if (i > 0) --i;
  return Next(s, i);
}

// Steps i (> 0) back to the start of the character that ends just before
// s[i] in valid text and returns that character.
inline char32_t Back(std::string_view s, size_t& i) {
  do --i;
  while (i > 0 && IsContinuation(static_cast<unsigned char>(s[i])));
  size_t j = i;
  return Next(s, j);
}

// The first and the last code point of valid text (0 when it is empty).
inline char32_t First(std::string_view s) {
  size_t i = 0;
  return s.empty() ? 0 : Next(s, i);
}
inline char32_t Last(std::string_view s) { return Prev(s, s.size()); }

// Code points in valid text.
inline size_t Count(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += !IsContinuation(c);
  return n;
}

// One character of untrusted bytes: ok with its code point and length, or
// not ok with U+FFFD and length 1 (the caller resynchronizes on the next
// byte, so scanning never stalls).
struct Decoded {
  char32_t cp;
  uint32_t len;
  bool ok;
};

// Decodes the character at s[i] (i < s.size()).
inline Decoded Decode(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return {c, 1, true};
  constexpr Decoded kBad{kReplacement, 1, false};
  const uint32_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (len == 0 || c > 0xF4 || s.size() - i < len) return kBad;
  char32_t cp = c & (0x3F >> (len - 1));
  for (uint32_t k = 1; k < len; ++k) {
    if (!IsContinuation(b(i + k))) return kBad;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kBad;
  return {cp, len, true};
}

// Writes cp (a Unicode scalar value) as UTF-8 at out (room for 4 bytes);
// returns the number of bytes written.
constexpr size_t Encode(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// Appends cp (a Unicode scalar value) as UTF-8.
inline void Append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
    return;
  }
  char buf[4];
  out.append(buf, Encode(cp, buf));
}

// Copies s into *out with every U+0000 as U+FFFD (what CommonMark reads it
// as) and returns how many there were; with none, returns 0 and leaves *out
// alone (no copy).
int64_t ReplaceNul(std::string_view s, std::string* out);

}  // namespace norm::utf8
