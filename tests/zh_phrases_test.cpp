// The consistency step's OpenCC tables, compiled at build time
// (filters/zh/zh_phrases.h), convert exactly as OpenCC's converters built
// from the installed dictionaries at run time.
#include <gtest/gtest.h>

#include <string>

#include "norm/status.h"
#include "zh.h"
#include "zh/zh_phrases.h"

namespace norm {
namespace {

using zh_internal::PhraseConverter;

TEST(ZhPhrases, ConvertAsOpenCCDoes) {
  const std::string texts[] = {
      "用于前后的头发，皇后与干燥的乾隆年间，游标在里面。软件和网络，芯片。",
      "頭髮在後面，於是他說：「這裡的遊標與軟體」。乾燥的乾隆年間，著名的著作。",
      "A1 內容的百分比、目錄的佔用量、户口、裏面、为了爲了。",
      "",
      "plain ASCII text, 中文 and ASCII mixed 123",
  };
  for (const char* name : {"t2s", "s2t", "t2tw", "t2hk"}) {
    const PhraseConverter* compiled = PhraseConverter::Get(name);
    ASSERT_NE(compiled, nullptr) << name;
    Status s;
    auto runtime = ZhConverter::Build(name, /*compile=*/false, &s);
    ASSERT_NE(runtime, nullptr) << s.message();
    for (const std::string& t : texts)
      EXPECT_EQ(compiled->Convert(t), runtime->Convert(t)) << name << ": " << t;
  }
  EXPECT_EQ(PhraseConverter::Get("s2twp"), nullptr);
}

TEST(ZhPhrases, LongestKeyWins) {
  // STPhrases has 干燥 and 乾隆年間 (four characters) over 干 and 乾隆.
  EXPECT_EQ(PhraseConverter::Get("s2t")->Convert("干燥，乾隆年间"), "乾燥，乾隆年間");
  EXPECT_EQ(PhraseConverter::Get("t2s")->Convert("乾隆年間"), "乾隆年间");
}

}  // namespace
}  // namespace norm
