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

// The classes come from OpenCC's dictionaries (gen_text_model.py), not from
// a word list that holds both scripts: 簡, 購 and 鏈 are Traditional-only
// although jieba's dictionary has words written with them.
TEST(HanScript, ClassesFromOpenCCDictionaries) {
  using text_model::HanClass;
  struct Case {
    char32_t c;
    HanClass cls;
  };
  const Case cases[] = {
      {U'们', HanClass::kSimplifiedOnly},
      {U'这', HanClass::kSimplifiedOnly},
      {U'們', HanClass::kTraditionalOnly},
      {U'這', HanClass::kTraditionalOnly},
      {U'簡', HanClass::kTraditionalOnly},
      {U'購', HanClass::kTraditionalOnly},
      {U'鏈', HanClass::kTraditionalOnly},
      {U'裏', HanClass::kTraditionalOnly},
      // Kept by OpenCC in a few phrases (皇后, 淳于), the other form is far
      // more common in Traditional writing (Taiwan usage: libchewing).
      {U'后', HanClass::kSimplifiedMostly},
      {U'于', HanClass::kSimplifiedMostly},
      {U'么', HanClass::kSimplifiedMostly},
      {U'於', HanClass::kTraditionalMostly},
      {U'瞭', HanClass::kTraditionalMostly},
      // Both forms common: only the context tells (標準/批准, 裡面/公里).
      {U'准', HanClass::kSimplifiedShared},
      {U'制', HanClass::kSimplifiedShared},
      {U'注', HanClass::kSimplifiedShared},
      {U'志', HanClass::kSimplifiedShared},
      {U'周', HanClass::kSimplifiedShared},
      {U'系', HanClass::kSimplifiedShared},
      {U'里', HanClass::kSimplifiedShared},
      {U'台', HanClass::kSimplifiedShared},
      {U'乾', HanClass::kTraditionalShared},
      {U'覆', HanClass::kTraditionalShared},
      {U'的', HanClass::kEither},
      {U'a', HanClass::kEither},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(static_cast<int>(text_model::HanClassOf(c.c)), static_cast<int>(c.cls))
        << static_cast<uint32_t>(c.c);
  }
  // Only the -only and -mostly classes are evidence of a script.
  EXPECT_EQ(text_model::ScriptOf(U'后'), text_model::HanScript::kSimplified);
  EXPECT_EQ(text_model::ScriptOf(U'准'), text_model::HanScript::kEither);
  EXPECT_EQ(text_model::ScriptOf(U'簡'), text_model::HanScript::kTraditional);
}

}  // namespace
}  // namespace norm
