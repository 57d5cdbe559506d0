// What the consistency step's whole-text passes (ReadDocLines, CountPairs)
// ask of each BMP code point, in one byte, so that a character costs one
// table load: its text_model::HanClass in the low three bits (kKanaClass for
// kana, which are never Han, so that a line's kana are counted with its
// classes), and the flags below. Generated at build time from the text
// model's tables (libnorm/data/gen_zh_char_flags.cpp): built at run time it
// cost 3 M instructions in every process whose text has both scripts.
// tests/zh_char_flags_test.cpp checks it against the run-time definitions.
#pragma once

#include <cstdint>

namespace norm::zh_internal {

inline constexpr uint8_t kClassMask = 7;
inline constexpr uint8_t kKanaClass = 7;         // text::IsKana (HanClass has 0..6)
inline constexpr uint8_t kFlagInPairs = 1 << 3;  // a shared character or another form of one
inline constexpr uint8_t kFlagMostly = 1 << 4;   // a -mostly character or another form of one
inline constexpr uint8_t kFlagHan = 1 << 6;      // text::IsHan

// Indexed by code point, U+0000..U+FFFF.
extern const uint8_t kCharFlags[0x10000];

}  // namespace norm::zh_internal
