// text::CountVisible (libnorm/src/text/visible.h): its ranges counted
// without ICU must agree with the rule it states (not white space, a
// control or a format character by u_charType) on every code point.
#include "visible.h"

#include <gtest/gtest.h>

#include <string>

#include "utf8.h"

namespace norm::text {
namespace {

std::string Utf8(char32_t c) {
  std::string s;
  utf8::Append(s, c);
  return s;
}

TEST(CountVisible, EveryCodePointAsIcuClassifiesIt) {
  size_t wrong = 0;
  for (char32_t c = 0x80; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;  // no UTF-8 form
    size_t want = VisibleByCharType(c) ? 1 : 0;
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
