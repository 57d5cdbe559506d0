// text::CountVisible (libnorm/src/text/visible.h): its ranges counted
// without ICU must agree with the rule it states (not white space, a
// control or a format character by u_charType) on every code point.
#include "visible.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include <string>

namespace norm::text {
namespace {

bool VisibleByIcu(char32_t c) {
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

std::string Utf8(char32_t c) {
  std::string s;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

TEST(CountVisible, EveryCodePointAsIcuClassifiesIt) {
  size_t wrong = 0;
  for (char32_t c = 0x80; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;  // no UTF-8 form
    size_t want = VisibleByIcu(c) ? 1 : 0;
    if (CountVisible(Utf8(c)) != want && ++wrong <= 5)
      ADD_FAILURE() << "U+" << std::hex << static_cast<uint32_t>(c);
  }
  EXPECT_EQ(wrong, 0u);
}

TEST(CountVisible, AsciiAndMixed) {
  EXPECT_EQ(CountVisible(""), 0u);
  EXPECT_EQ(CountVisible(" a\tb\n"), 2u);
  EXPECT_EQ(CountVisible("中文\xE3\x80\x80字"), 3u);      // U+3000 is a space
  EXPECT_EQ(CountVisible("soft\xC2\xADhyphen"), 10u);     // U+00AD is a format character
  EXPECT_EQ(CountVisible("\xEF\xBB\xBFx\xC2\xA0y"), 2u);  // BOM, no-break space
}

}  // namespace
}  // namespace norm::text
