// Internal helpers shared by the mojibake and cjk-mojibake filters and the
// damage generator: UTF-8 stepping, and single-byte code page tables built
// once from ICU's converters.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace norm::mojibake_internal {

// Decodes the code point at text[i]. Returns its length in bytes (1 to 4) and
// sets *cp; an invalid or truncated sequence yields length 1 and *cp = -1.
inline int DecodeUtf8(std::string_view text, size_t i, int32_t* cp) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  unsigned char b = s[i];
  if (b < 0x80) {
    *cp = b;
    return 1;
  }
  auto cont = [&](size_t k) { return k < n && (s[k] & 0xC0) == 0x80; };
  if (b >= 0xC2 && b <= 0xDF) {
    if (cont(i + 1)) {
      *cp = ((b & 0x1F) << 6) | (s[i + 1] & 0x3F);
      return 2;
    }
  } else if (b >= 0xE0 && b <= 0xEF) {
    if (cont(i + 1) && cont(i + 2)) {
      int32_t c = ((b & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
        *cp = c;
        return 3;
      }
    }
  } else if (b >= 0xF0 && b <= 0xF4) {
    if (cont(i + 1) && cont(i + 2) && cont(i + 3)) {
      int32_t c = ((b & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) |
                  (s[i + 3] & 0x3F);
      if (c >= 0x10000 && c <= 0x10FFFF) {
        *cp = c;
        return 4;
      }
    }
  }
  *cp = -1;
  return 1;
}

inline void AppendUtf8(std::string& out, int32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

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
