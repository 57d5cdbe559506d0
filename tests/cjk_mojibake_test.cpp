#include "cjk_mojibake.h"

#include <gtest/gtest.h>

#include <string>

#include "damage.h"

namespace norm {
namespace {

std::string Fix(std::string_view s, Report* report = nullptr) {
  CjkMojibakeFilter f;
  Report local;
  return f.Transform(s, report ? *report : local);
}

std::string Damage(std::string_view kind, std::string_view text) {
  std::string out, error;
  EXPECT_TRUE(damage::Apply(kind, text, 1, &out, &error)) << error;
  return out;
}

TEST(CjkMojibake, Utf8ReadAsGbk) {
  // The example from issue 4: 参考消息 read as GBK. The last byte is lost:
  // the bytes cannot tell 息 from any other character starting E6 81, so
  // it stays U+FFFD, counted (issue 15: never guess what the bytes lost).
  std::string damaged = Damage("utf8-as-gbk", "参考消息");
  EXPECT_EQ(damaged.substr(0, 15), "鍙傝€冩秷");
  Report r;
  EXPECT_EQ(Fix(damaged, &r), "参考消\uFFFD");
  EXPECT_EQ(r.Get("cjk-mojibake", "fixed"), 1);
  EXPECT_EQ(r.Get("cjk-mojibake", "via-utf8-as-gbk"), 1);
  EXPECT_EQ(r.Get("cjk-mojibake", "lost-bytes-kept"), 1);
  std::string even = "北京是中国的首都";  // nothing lost
  EXPECT_EQ(Fix(Damage("utf8-as-gbk", even)), even);
}

TEST(CjkMojibake, Utf8ReadAsOtherDoubleByteCodePages) {
  EXPECT_EQ(Fix(Damage("utf8-as-shift_jis", "こんにちは")), "こんにちは");
  // A Shift_JIS decoder that lost one byte (U+001A): 語 lost its last byte
  // and comes back as U+FFFD, never as a guess.
  std::string lossy = Damage("utf8-as-shift_jis", "日本語");
  EXPECT_NE(lossy.find('\x1A'), std::string::npos);
  Report r;
  EXPECT_EQ(Fix(lossy, &r), "日本\uFFFD");
  EXPECT_EQ(r.Get("cjk-mojibake", "lost-bytes-kept"), 1);
  EXPECT_EQ(Fix(Damage("utf8-as-gbk", "The café is open")), "The café is open");
}

TEST(CjkMojibake, DoubleByteReadAsLatin1) {
  EXPECT_EQ(Fix("ÖÐ¹ú"), "中国");
  std::string s = "北京是中国的首都，也是历史悠久的文化名城。";
  EXPECT_EQ(Fix(Damage("gbk-as-windows-1252", s)), s);
  std::string t = "臺灣的夜市有許多好吃的小吃。";
  EXPECT_EQ(Fix(Damage("big5-as-windows-1252", t)), t);
  std::string k = "서울은 대한민국의 수도입니다.";
  EXPECT_EQ(Fix(Damage("euc-kr-as-windows-1252", k)), k);
}

TEST(CjkMojibake, GbkAndBig5ReadAsEachOther) {
  std::string s = "这家餐厅的饺子非常好吃，价格也很便宜。";
  EXPECT_EQ(Fix(Damage("gbk-as-big5", s)), s);
  std::string t = "經濟發展與環境保護必須兼顧。";
  EXPECT_EQ(Fix(Damage("big5-as-gbk", t)), t);
}

TEST(CjkMojibake, ZhuyinReadingsNeedTheLineToConfirmTheDamage) {
  // GBK's `！：？` read as Big5 is `ㄐㄩˋ`, a well-formed zhuyin syllable:
  // alone it is a reading, kept; beside runs the same crossing repairs, it
  // is the damage it looks like.
  for (const char* reading : {"ㄐㄩˋ", "ㄐㄩˋ ㄗˇ", "˙ㄉㄜ", "注音 ㄐㄩˋ 的字有：句、巨、具。"}) {
    EXPECT_EQ(Fix(reading), reading) << reading;
  }
  std::string s = "我们今天的会议结果 ！：？ 大家都很满意";
  EXPECT_EQ(Fix(Damage("gbk-as-big5", s)), s);
}

TEST(CjkMojibake, ReportsIrreversibleArtifactsUnchanged) {
  Report r;
  std::string s = "文件损坏：锟斤拷锟斤拷，内存：烫烫烫烫";
  EXPECT_EQ(Fix(s, &r), s);
  EXPECT_EQ(r.Get("cjk-mojibake", "irreversible"), 3);
  EXPECT_EQ(r.Get("cjk-mojibake", "fixed"), 0);
}

TEST(CjkMojibake, LeavesRunsPastTheBudgetCounted) {
  std::string run;
  for (int i = 0; i < 4000; ++i) run += "鍙傝€冩秷";  // 20,000 characters
  Report r;
  EXPECT_EQ(Fix(run, &r), run);
  EXPECT_EQ(r.Get("cjk-mojibake", "runs-too-long"), 1);
}

TEST(CjkMojibake, LeavesCleanTextAlone) {
  const char* clean[] = {"贵州茅台",   "iPhone没电了", "A股上涨",    "毛毛虫",
                         "臺灣的夜市", "ÀÉÎ",          "Noël «été»", "今日はとても良い天気ですね。",
                         "서울특별시", "α粒子",        "§¶",         "ÖÐ"};
  for (const char* s : clean) {
    Report r;
    EXPECT_EQ(Fix(s, &r), s) << s;
  }
  CjkMojibakeFilter f;
  EXPECT_FALSE(f.MayChange("plain ASCII and naïve café"));
}

}  // namespace
}  // namespace norm
