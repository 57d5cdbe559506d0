// The text floor's UTF-8 (libnorm/src/text/utf8.h): Decode's rules for
// untrusted bytes, and the walkers for valid text.
#include "utf8.h"
#include "norm/decode.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace norm::utf8 {
namespace {

struct DecodeCase {
  std::string_view bytes;
  char32_t cp;
  uint32_t len;
  bool ok;
};

TEST(Utf8, DecodeAcceptsWellFormedAndRejectsTheRest) {
  const DecodeCase cases[] = {
      {"A", 'A', 1, true},
      {"\xC2\xA0", 0xA0, 2, true},
      {"\xE4\xB8\xAD", 0x4E2D, 3, true},
      {"\xF0\x9F\x98\x80", 0x1F600, 4, true},
      {"\xF4\x8F\xBF\xBF", 0x10FFFF, 4, true},
      {"\xC0\xAF", kReplacement, 1, false},          // overlong lead
      {"\xC1\xBF", kReplacement, 1, false},          // overlong lead
      {"\xE0\x80\xAF", kReplacement, 1, false},      // overlong 3-byte
      {"\xF0\x80\x80\xAF", kReplacement, 1, false},  // overlong 4-byte
      {"\xED\xA0\x80", kReplacement, 1, false},      // surrogate
      {"\xF4\x90\x80\x80", kReplacement, 1, false},  // past U+10FFFF
      {"\xF5\x80\x80\x80", kReplacement, 1, false},  // lead past F4
      {"\x80", kReplacement, 1, false},              // stray continuation
      {"\xE4\xB8", kReplacement, 1, false},          // truncated
      {"\xE4\x41\xAD", kReplacement, 1, false},      // broken by ASCII
  };
  for (const DecodeCase& c : cases) {
    const Decoded d = Decode(c.bytes, 0);
    EXPECT_EQ(d.cp, c.cp) << testing::PrintToString(c.bytes);
    EXPECT_EQ(d.len, c.len) << testing::PrintToString(c.bytes);
    EXPECT_EQ(d.ok, c.ok) << testing::PrintToString(c.bytes);
  }
}

TEST(Utf8, EncodeAndAppendRoundTripThroughNext) {
  for (char32_t cp : {U'\0', U'A', U'\u00E9', U'\u07FF', U'\u0800', U'\u4E2D', U'\uFFFD',
                      U'\U00010000', U'\U0001F600', U'\U0010FFFF'}) {
    std::string s;
    Append(s, cp);
    char buf[4];
    EXPECT_EQ(std::string(buf, Encode(cp, buf)), s);
    size_t i = 0;
    EXPECT_EQ(Next(s, i), cp);
    EXPECT_EQ(i, s.size());
    const Decoded d = Decode(s, 0);
    EXPECT_TRUE(d.ok);
    EXPECT_EQ(d.cp, cp);
  }
}

TEST(Utf8, WalkersOnValidText) {
  const std::string_view s = "a\u00E9\u4E2D\U0001F600";  // 1 + 2 + 3 + 4 bytes
  EXPECT_EQ(Count(s), 4u);
  EXPECT_EQ(First(s), U'a');
  EXPECT_EQ(Last(s), U'\U0001F600');
  EXPECT_EQ(Prev(s, 6), U'\u4E2D');
  EXPECT_EQ(Prev(s, 0), 0u);
  EXPECT_EQ(First(""), 0u);
  EXPECT_EQ(Last(""), 0u);
  size_t i = s.size();
  EXPECT_EQ(Back(s, i), U'\U0001F600');
  EXPECT_EQ(i, 6u);
  EXPECT_EQ(Back(s, i), U'\u4E2D');
  EXPECT_EQ(i, 3u);
  EXPECT_EQ(CharStart(s, 5), 3u);
  EXPECT_EQ(CharStart(s, 3), 3u);
  EXPECT_EQ(CharStart(s, 2), 1u);
  EXPECT_EQ(CharStart(s, s.size()), s.size());
  EXPECT_EQ(SequenceLength(0x41), 1u);
  EXPECT_EQ(SequenceLength(0xC3), 2u);
  EXPECT_EQ(SequenceLength(0xE4), 3u);
  EXPECT_EQ(SequenceLength(0xF0), 4u);
  EXPECT_EQ(SequenceLength(0x80), 1u);  // never stalls
  EXPECT_EQ(SequenceLength(0xFF), 1u);
}

TEST(Utf8, NextStaysInBoundsOnTruncatedText) {
  const std::string_view s("\xE4\xB8", 2);
  size_t i = 0;
  Next(s, i);
  EXPECT_EQ(i, 2u);
}

// Next reads three-byte sequences without its loop: the same code point
// and the same end, also where the text ends inside one.
TEST(Utf8, NextThreeByteFastPathMatchesTheLoop) {
  const std::string text = "\u4E2D\u6587 a\u00E9\U0001F600\uFFFD\u0800\uFFFF";
  std::u32string got;
  for (size_t i = 0; i < text.size();) got.push_back(Next(text, i));
  EXPECT_EQ(got, U"\u4E2D\u6587 a\u00E9\U0001F600\uFFFD\u0800\uFFFF");
  for (size_t cut = 1; cut <= 3; ++cut) {  // 中 cut after 1, 2 and 3 bytes
    const std::string_view s("\xE4\xB8\xAD", cut);
    size_t i = 0;
    const char32_t c = Next(s, i);
    EXPECT_EQ(i, cut);
    EXPECT_EQ(c, cut == 1 ? 0x4u : cut == 2 ? 0x138u : 0x4E2Du);
  }
}

TEST(Utf8, ReplaceNulCountsAndCopiesOnlyWhenNeeded) {
  std::string out = "untouched";
  EXPECT_EQ(ReplaceNul("abc", &out), 0);
  EXPECT_EQ(out, "untouched");
  EXPECT_EQ(ReplaceNul(std::string_view("a\0b\0", 4), &out), 2);
  EXPECT_EQ(out, "a\uFFFDb\uFFFD");
}

}  // namespace
}  // namespace norm::utf8
