// Internal helpers shared by the mojibake and cjk-mojibake filters and the
// damage generator: single-byte code page tables built
// once from ICU's converters.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "utf8.h"

namespace norm::mojibake_internal {

// The floor's utf8::Decode and utf8::Append in the shape these filters use:
// an invalid or truncated sequence yields length 1 and *cp = -1.
inline int DecodeUtf8(std::string_view text, size_t i, int32_t* cp) {
  const utf8::Decoded d = utf8::Decode(text, i);
  *cp = d.ok ? static_cast<int32_t>(d.cp) : -1;
  return static_cast<int>(d.len);
}
inline void AppendUtf8(std::string& out, int32_t c) { utf8::Append(out, static_cast<char32_t>(c)); }

// A single-byte code page: byte -> code point, and code point -> byte.
// Bytes the code page leaves undefined decode to the C1/Latin-1 code point of
// the same value (what browsers and ICU's windows-125x converters do), so
// text that went through such a decoder can still be encoded back.
struct SingleByteCodec {
  std::string name;      // "windows-1252", ...
  std::string icu_name;  // the ICU converter it was built from
  std::array<int32_t, 256> to_unicode{};
  // Sorted (code point, byte) pairs; several code points may share a byte
  // (windows-1252 also accepts the Latin-1 C1 controls U+0080..U+009F).
  std::vector<std::pair<int32_t, uint8_t>> from_unicode;
  // Direct byte lookup for code points below kDirect (-1: not encodable).
  static constexpr int32_t kDirect = 0x2600;
  std::vector<int16_t> direct;
  // Byte for code point c, or -1 when c is not in this code page.
  int Encode(int32_t c) const {
    if (c < 0x80) return c;
    if (c < kDirect) return direct[c];
    return EncodeSlow(c);
  }
  int EncodeSlow(int32_t c) const;
};

// The code pages the mojibake filter tries, built once (thread-safe) from ICU.
std::span<const SingleByteCodec> WesternCodecs();
const SingleByteCodec* FindWesternCodec(std::string_view name);

}  // namespace norm::mojibake_internal
