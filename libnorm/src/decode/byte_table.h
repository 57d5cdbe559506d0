// Decoding tables of the single-byte encodings: the character of each of
// the 256 byte values. The table's encodings (encoding_list.h) have theirs
// compiled in (gen_byte_tables, run at build time, builds them with
// BuildByteTable below, the code encodings made at run time use), so the
// first detection of a legacy file no longer asks ICU and iconv 256 times
// per encoding. Internal.
#pragma once

#include <array>
#include <cstdint>

#include "charset.h"
#include "utf8.h"

namespace norm::charset {

struct ByteTable {
  // UTF-8 of each byte value; len 0 = unassigned.
  std::array<std::array<char, 4>, 256> utf8{};
  std::array<uint8_t, 256> len{};
  std::array<char32_t, 256> code_point{};  // U+FFFD when unassigned
  bool ascii_compatible = true;            // bytes 0x00-0x7F are ASCII
};

// The table of the characters the converter gives for each byte (U+FFFD
// where a byte is unassigned; beyond the BMP counts as unassigned). Both
// the generator and the run-time path go through here.
constexpr ByteTable TableOfChars(const std::array<char32_t, 256>& chars) {
  ByteTable t;
  for (int b = 0; b < 256; ++b) {
    const char32_t c = chars[b];
    t.code_point[b] = c >= 0x10000 ? 0xFFFD : c;
    if (b < 0x80 && c != static_cast<char32_t>(b)) t.ascii_compatible = false;
    if (c == 0xFFFD || c >= 0x10000) continue;
    t.len[b] = static_cast<uint8_t>(utf8::Encode(c, t.utf8[b].data()));
  }
  return t;
}

// The characters of the 256 bytes of a single-byte encoding, from ICU
// (enc.icu) or glibc's iconv (enc.iconv); false when neither opens it.
bool ConvertEachByte(const Encoding& enc, std::array<char32_t, 256>* chars);

// The table compiled in for an entry of the encoding table, or nullptr
// (not single-byte, not in the table, or no converter at build time).
const ByteTable* CompiledByteTable(const Encoding& enc);

}  // namespace norm::charset
