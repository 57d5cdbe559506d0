#include "damage.h"

#include <gtest/gtest.h>

namespace norm {
namespace {

TEST(Damage, KindsAreNamedAndDeterministic) {
  ASSERT_FALSE(damage::ListKinds().empty());
  std::string a, b, c, error;
  for (const auto& k : damage::ListKinds()) {
    std::string text = "中文信息处理，很重要。café “x”";
    bool ok = damage::Apply(k.name, text, 7, &a, &error);
    if (!ok) {
      EXPECT_EQ(error.rfind("unmappable", 0), 0u) << k.name << ": " << error;
      continue;
    }
    ASSERT_TRUE(damage::Apply(k.name, text, 7, &b, &error));
    EXPECT_EQ(a, b) << k.name;
  }
  ASSERT_TRUE(damage::Apply("utf8-as-windows-1252", "café", 1, &a, &error));
  EXPECT_EQ(a, "cafÃ©");
  ASSERT_TRUE(damage::Apply("enc=GBK|dec=windows-1252", "中国", 1, &a, &error));
  EXPECT_EQ(a, "ÖÐ¹ú");
  ASSERT_TRUE(damage::Apply("ruby", "半导体半导体半导体", 3, &c, &error));
  EXPECT_NE(c.find('('), std::string::npos);
  ASSERT_TRUE(damage::Apply("punct", "你好，世界。", 3, &c, &error));
  EXPECT_EQ(c.find("，"), std::string::npos);
}

TEST(Damage, SeedsChangeRandomKinds) {
  std::string text = "经过十八个月的翻修，位于老城区河畔的市立图书馆本周六重新开放。";
  std::string a, b, error;
  int differ = 0;
  for (uint64_t seed = 1; seed < 6; ++seed) {
    ASSERT_TRUE(damage::Apply("gbk-drop-byte", text, seed, &a, &error));
    ASSERT_TRUE(damage::Apply("gbk-drop-byte", text, seed + 100, &b, &error));
    differ += a != b;
  }
  EXPECT_GT(differ, 0);
}

TEST(Damage, RejectsBadSpecs) {
  std::string out, error;
  EXPECT_FALSE(damage::Apply("enc=UTF-8", "x", 1, &out, &error));
  EXPECT_FALSE(damage::Apply("dec=GBK", "x", 1, &out, &error));
  EXPECT_FALSE(damage::Apply("enc=NoSuchCodec|dec=GBK", "x", 1, &out, &error));
  EXPECT_FALSE(damage::Apply("frobnicate", "x", 1, &out, &error));
  EXPECT_EQ(damage::UnescapeField(damage::EscapeField("a\tb\\n\nc")), "a\tb\\n\nc");
}

}  // namespace
}  // namespace norm
