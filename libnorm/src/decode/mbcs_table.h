// A lookup table for the common case of ICU's multi-byte converters (GBK,
// GB18030, Big5, Shift_JIS, EUC-KR, EUC-JP): ASCII bytes, single high bytes
// and two-byte pairs that ICU maps to one character. The decoder answers
// those from the table and hands everything else (four-byte GB18030, three-
// byte EUC-JP, unmapped or invalid bytes, a pair cut by the end of a chunk)
// to ICU itself, so the text is the same as ICU's, about three times faster.
#pragma once

#include <array>
#include <cstdint>

#include "charset.h"

namespace norm::charset {

struct MbcsTable {
  // Indexed by the high byte minus 0x80: what ICU makes of that byte alone
  // (kSingle) or nothing (it starts a longer sequence, or is invalid).
  // Indexed by (lead - 0x80) << 8 | trail: what ICU makes of the pair.
  // An entry holds the character's UTF-8 (up to 4 bytes, zero-padded) and
  // its length; kPrivateUse is or-ed into the length of a private-use
  // character (the engine counts those).
  static constexpr uint8_t kLengthMask = 0x07;
  static constexpr uint8_t kPrivateUse = 0x80;
  std::array<std::array<char, 4>, 128> single_utf8{};
  std::array<uint8_t, 128> single_len{};
  std::array<std::array<char, 4>, 128 * 256> pair_utf8{};
  std::array<uint8_t, 128 * 256> pair_len{};
};

// The table of an ICU multi-byte encoding, built from ICU on first use and
// kept for the process (~170 KB); nullptr for encodings it does not suit
// (single-byte, stateful, UTF-16/32, not ASCII-compatible, iconv-only).
const MbcsTable* MbcsTableFor(const Encoding& encoding);

}  // namespace norm::charset
