#include "visible.h"

#include <unicode/uchar.h>

#include "utf8.h"

namespace norm::text {

bool VisibleByCharType(char32_t c) {
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
      return false;
    default:
      return true;
  }
}

size_t CountVisible(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      n += b > 0x20 && b < 0x7F;
      ++i;
      continue;
    }
    char32_t c = utf8::Next(s, i);
    // Ranges without a control, format or space character (Latin-1's
    // letters and symbols up to the Arabic block; CJK, kana, Hangul and
    // the rest of the BMP up to the BOM): counted without ICU's lookup.
    // tests/visible_test.cpp checks every code point against u_charType.
    if ((c >= 0xA1 && c <= 0x5FF && c != 0xAD) || (c >= 0x3001 && c <= 0xFEFE)) {
      ++n;
      continue;
    }
    n += VisibleByCharType(c);
  }
  return n;
}

}  // namespace norm::text
