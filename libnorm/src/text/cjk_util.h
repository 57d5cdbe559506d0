// CJK character-class helpers shared by the ruby, cjk-punct
// and realign filters. Internal: not part of the public API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace norm::cjk {

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
