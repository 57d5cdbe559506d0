// The text floor's character classes (libnorm/src/text/script.h): one table
// pins every class for the characters whose class was ever in doubt.
#include "script.h"

#include <gtest/gtest.h>

namespace norm::text {
namespace {

struct ClassRow {
  char32_t c;
  bool han, kana, bopomofo, hangul, cjk_letter, no_space;
};

TEST(Script, ClassTable) {
  //                han    kana   bopo   hangul letter nospace
  const ClassRow rows[] = {
      {U'A', false, false, false, false, false, false},
      {U'中', true, false, false, false, true, true},
      {U'〇', true, false, false, false, true, true},    // U+3007 Script=Han
      {U'々', false, false, false, false, false, true},  // iteration mark
      {U'、', false, false, false, false, false, true},
      {U'。', false, false, false, false, false, true},
      {U'あ', false, true, false, false, true, true},
      {U'ア', false, true, false, false, true, true},
      {U'ー', false, true, false, false, true, true},    // U+30FC prolonged sound mark
      {U'・', false, false, false, false, false, true},  // U+30FB middle dot
      {U'゛', false, true, false, false, true, true},    // U+309B voicing mark
      {U'ㇰ', false, true, false, false, true, true},    // U+31F0 katakana extension
      {U'ㄅ', false, false, true, false, true, true},    // U+3105 bopomofo
      {U'ㆠ', false, false, true, false, true, true},    // U+31A0 bopomofo extended
      {U'한', false, false, false, true, false, false},
      {U'ㄱ', false, false, false, true, false, false},  // U+3131 compatibility jamo
      {U'ᄀ', false, false, false, true, false, false},  // U+1100 jamo
      {U'豈', true, false, false, false, true, true},    // U+F900 compatibility ideograph
      {U'𠀀', true, false, false, false, true, true},    // U+20000 extension B
      {U'⺀', false, false, false, false, false, true},  // U+2E80 radical
      {U'，', false, false, false, false, false, true},  // U+FF0C full-width comma
      {U'ｱ', false, false, false, false, false, false},  // U+FF71 half-width katakana
      {U'\u3000', false, false, false, false, false, true},
  };
  for (const ClassRow& r : rows) {
    SCOPED_TRACE(testing::Message() << "U+" << std::hex << static_cast<uint32_t>(r.c));
    EXPECT_EQ(IsHan(r.c), r.han);
    EXPECT_EQ(IsKana(r.c), r.kana);
    EXPECT_EQ(IsBopomofo(r.c), r.bopomofo);
    EXPECT_EQ(IsHangul(r.c), r.hangul);
    EXPECT_EQ(IsCjkLetter(r.c), r.cjk_letter);
    EXPECT_EQ(IsCjkNoSpace(r.c), r.no_space);
  }
}

TEST(Script, WeightedLengthCountsCjkThreeTimesAndSkipsSpaces) {
  EXPECT_EQ(WeightedLength("ab c"), 3u);
  EXPECT_EQ(WeightedLength("中文"), 2u * kCjkWeight);
  EXPECT_EQ(WeightedLength("a\u00A0\u3000b\t\n"), 2u);
  EXPECT_EQ(WeightedLength("ー"), 1u * kCjkWeight);
}

}  // namespace
}  // namespace norm::text
