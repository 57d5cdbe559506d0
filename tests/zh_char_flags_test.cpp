// The consistency step's per-code-point table, generated at build time
// (libnorm/data/gen_zh_char_flags.cpp), against the run-time definitions it
// stands for: the text model's classes and other forms, the script ranges.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "han_words.h"
#include "script.h"
#include "text_model.h"
#include "zh/zh_char_flags.h"

namespace norm::zh_internal {
namespace {

// The BMP characters of classes a and b and their other forms (as the step
// built them at run time before the table was generated).
std::array<bool, 0x10000> WithAlternatives(text_model::HanClass a, text_model::HanClass b) {
  std::array<bool, 0x10000> v{};
  for (char32_t c = 0x3400; c < 0x10000; ++c) {
    const text_model::HanClass k = text_model::HanClassOf(c);
    if (k != a && k != b) continue;
    v[c] = true;
    for (char32_t alt : text_model::HanAlternatives(c))
      if (alt < 0x10000) v[alt] = true;
  }
  return v;
}

TEST(ZhCharFlags, EqualsTheRunTimeDefinitions) {
  using text_model::HanClass;
  const auto pairs = WithAlternatives(HanClass::kSimplifiedShared, HanClass::kTraditionalShared);
  const auto mostly = WithAlternatives(HanClass::kSimplifiedMostly, HanClass::kTraditionalMostly);
  for (char32_t c = 0; c < 0x10000; ++c) {
    const uint8_t f = kCharFlags[c];
    const uint8_t k =
        text::IsKana(c) ? kKanaClass : static_cast<uint8_t>(text_model::HanClassOf(c));
    ASSERT_EQ(f & kClassMask, k) << std::hex << static_cast<uint32_t>(c);
    ASSERT_EQ((f & kFlagInPairs) != 0, pairs[c]) << std::hex << static_cast<uint32_t>(c);
    ASSERT_EQ((f & kFlagMostly) != 0, mostly[c]) << std::hex << static_cast<uint32_t>(c);
    ASSERT_EQ((f & kFlagHan) != 0, text::IsHan(c)) << std::hex << static_cast<uint32_t>(c);
  }
}

TEST(ZhCharFlags, KanaAreNeverHanClasses) {
  for (char32_t c = 0; c < 0x10000; ++c)
    if (text::IsKana(c)) {
      ASSERT_EQ(text_model::HanClassOf(c), text_model::HanClass::kEither);
    }
}

TEST(ZhCharFlags, KnownCharacters) {
  // 於: Traditional-mostly (Simplified writes 于; 於 stays in a few names).
  EXPECT_EQ(kCharFlags[U'於'] & kClassMask,
            static_cast<uint8_t>(text_model::HanClass::kTraditionalMostly));
  EXPECT_NE(kCharFlags[U'於'] & kFlagMostly, 0);
  EXPECT_NE(kCharFlags[U'於'] & kFlagHan, 0);
  EXPECT_EQ(kCharFlags[U'あ'] & kClassMask, kKanaClass);
  EXPECT_EQ(kCharFlags[U'あ'] & kFlagHan, 0);
  EXPECT_NE(kCharFlags[U'中'] & kFlagHan, 0);
  EXPECT_EQ(kCharFlags[U'a'], 0);
}

}  // namespace
}  // namespace norm::zh_internal
