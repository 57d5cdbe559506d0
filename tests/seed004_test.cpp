// Acceptance: seed 004 (../shared/seeds/004_*.txt, see DESIGN.md) comes out of
// the default pipeline fully restored by realign, ruby and cjk-punct.
#include <gtest/gtest.h>

#include <filesystem>

#include "norm/norm.h"
#include "script.h"
#include "test_util.h"
#include "utf8.h"

namespace norm::test {
namespace {

namespace fs = std::filesystem;

TEST(Seed004, FullyRestored) {
  fs::path seed;
  if (fs::exists(NORM_SEEDS_DIR)) {
    for (const auto& e : fs::directory_iterator(NORM_SEEDS_DIR))
      if (e.path().filename().string().rfind("004_", 0) == 0) seed = e.path();
  }
  if (seed.empty()) GTEST_SKIP() << "seed 004 absent";
  std::string out = Normalize(ReadFile(seed)).markdown;
  EXPECT_NE(out.find("美國在芯片半導體領域對中國進行的無理打壓"), std::string::npos);
  EXPECT_NE(out.find("是因為中國"), std::string::npos);
  // No reading left, in parentheses or orphaned: no closing parenthesis right
  // after a pinyin letter.
  const std::u32string pinyin = U"abcdefghijklmnopqrstuvwxyzāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü";
  std::u32string text;
  for (size_t i = 0; i < out.size();) text.push_back(utf8::Next(out, i));
  for (size_t i = 1; i < text.size(); ++i) {
    if (text[i] == U')' || text[i] == U'）') {
      EXPECT_EQ(pinyin.find(text[i - 1]), std::u32string::npos) << "reading left at char " << i;
    }
  }
  for (const char* bad : {",。", ",、", ",；", ",，", ",,", "?", "(AI)"})
    EXPECT_EQ(out.find(bad), std::string::npos) << bad;
  EXPECT_NE(out.find("人工智能（AI）的芯片"), std::string::npos);
  EXPECT_NE(out.find("據英國《金融時報》報道，美國總統"), std::string::npos);
  EXPECT_NE(out.find("不會面臨任何限制；第二級"), std::string::npos);
  EXPECT_NE(out.find("，還拓展了長臂管轄，對第三方"), std::string::npos);
}

}  // namespace
}  // namespace norm::test
