// One Simplified/Traditional detector (libnorm/src/model/han_script.h):
// --zh-target's choice and the metadata filter's lang label agree.
#include "han_script.h"

#include <gtest/gtest.h>

#include <string>

#include "metadata.h"
#include "zh.h"

namespace norm {
namespace {

TEST(HanScript, ZhTargetAndMetadataLabelTextTheSameWay) {
  struct Case {
    std::string text;
    ZhScript script;
    std::string lang;
  };
  const Case cases[] = {
      // No character of metadata's former 40-character list: it said "zh".
      {"一号文件：全角标点，保持不变。", ZhScript::kHans, "zh-Hans"},
      {"一號文件：全角標點，保持不變。", ZhScript::kHant, "zh-Hant"},
      // 里 and 干 are written in Traditional text too (公里, 干涉): they are
      // no evidence either way.
      {"他在公里外干涉了一件事情。", ZhScript::kUnknown, "zh"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DetectZhScript(c.text), c.script) << c.text;
    EXPECT_EQ(MetadataFilter::DetectLang(c.text), c.lang) << c.text;
  }
}

TEST(HanScript, CountsOnlyScriptSpecificHanCharacters) {
  text_model::HanScriptCounts counts;
  text_model::CountHanScript("这這 abc 里", &counts);
  EXPECT_EQ(counts.simplified_only, 1);
  EXPECT_EQ(counts.traditional_only, 1);
  EXPECT_EQ(text_model::DecideHanScript(counts), text_model::HanScript::kEither);
}

}  // namespace
}  // namespace norm
