// Tests of the cjk-punct filter (libnorm/src/filters/cjk_punct.h).
#include "cjk_punct.h"

#include <gtest/gtest.h>

#include "norm/report.h"

namespace norm {
namespace {

std::string Punct(std::string_view text, Report* report = nullptr) {
  Report local;
  return CjkPunctFilter().Transform(text, report ? *report : local);
}

TEST(CjkPunct, StrayCommaBeforeClauseMarks) {
  Report report;
  EXPECT_EQ(Punct("他很高興,。我們走吧,、還有,；最後,,。", &report),
            "他很高興。我們走吧、還有；最後。");
  EXPECT_EQ(report.Get("cjk-punct", "stray-removed"), 5);
}

TEST(CjkPunct, StrayCommaAfterAsciiParenthesis) {
  EXPECT_EQ(Punct("課文《悲壯的兩小時》(以下簡稱《悲》),。《悲》文敘述"),
            "課文《悲壯的兩小時》（以下簡稱《悲》）。《悲》文敘述");
}

TEST(CjkPunct, DoubledCommasAndAsciiMarks) {
  Report report;
  EXPECT_EQ(Punct("據報道,,今天下雨,大家:注意安全!你去嗎?我不去;他去", &report),
            "據報道，今天下雨，大家：注意安全！你去嗎？我不去；他去");
  EXPECT_EQ(report.Get("cjk-punct", "doubled-merged"), 1);
  EXPECT_EQ(report.Get("cjk-punct", "widened"), 6);
}

TEST(CjkPunct, StrayCommaBeforeAsciiMarkThatIsWidened) {
  EXPECT_EQ(Punct("不受限制,;第二級"), "不受限制；第二級");
}

TEST(CjkPunct, Parentheses) {
  // Each line carries the converter's fingerprint (`,。`).
  EXPECT_EQ(Punct("用於人工智能(AI)的芯片,。"), "用於人工智能（AI）的芯片。");
  EXPECT_EQ(Punct("使用Python(一種語言)寫,。"), "使用Python（一種語言）寫。");
  EXPECT_EQ(Punct("函數f(x)的值,。"), "函數f(x)的值。");
}

TEST(CjkPunct, LatinOrDigitBeforeCommaInChineseParagraph) {
  EXPECT_EQ(Punct("他們發布了DeepSeek-V3,,這讓許多人驚訝"),
            "他們發布了DeepSeek-V3，這讓許多人驚訝");
}

TEST(CjkPunct, PercentOrDigitBeforeCommaInChineseProse) {
  // Issue 18: a percent sign or a digit, then an ASCII comma, then Han text.
  EXPECT_EQ(Punct("全年经济增长4.6%,略低于预期,。"), "全年经济增长4.6%，略低于预期。");
  EXPECT_EQ(Punct("價格上漲了12%,,但銷量不變"), "價格上漲了12%，但銷量不變");
  EXPECT_EQ(Punct("去年為100,今年翻倍,。"), "去年為100，今年翻倍。");
  // Numbers and Latin text keep theirs.
  for (const char* clean : {"增长了4.6%,3.2%和1.1%", "rates of 4.6%, 3.2% and 1.1%", "共1,000元"}) {
    EXPECT_EQ(Punct(clean), clean) << clean;
  }
}

// A converter folds `，` and keeps the space a writer put after it
// (Taiwanese blogs write `， `): the comma run still stands between CJK text.
TEST(CjkPunct, CommaBeforeSpaceAndCjkInFoldedLine) {
  EXPECT_EQ(Punct("有一張紙條,, 紙條上寫著,我出去買菜了, 你的早餐,。"),
            "有一張紙條， 紙條上寫著，我出去買菜了， 你的早餐。");
  // Latin text after the space, or no fingerprint on the line: left alone.
  EXPECT_EQ(Punct("支持中文,, Linux 與 Windows,。"), "支持中文,, Linux 與 Windows,。");
  EXPECT_EQ(Punct("我出去買菜了, 你的早餐在桌上。"), "我出去買菜了, 你的早餐在桌上。");
}

// `?` `!` `;` before a closing quote or bracket end their sentence as at the
// end of a line: `嗎?”` is `嗎？”`.
TEST(CjkPunct, MarkBeforeClosingQuoteInFoldedLine) {
  EXPECT_EQ(Punct("他問,,“辦山莊能賺到錢嗎?”她說「好!」"),
            "他問，“辦山莊能賺到錢嗎？”她說「好！」");
  // A colon before a closing quote is not a sentence's end; no fingerprint, no change.
  EXPECT_EQ(Punct("他問,,“注意:”"), "他問，“注意:”");
  EXPECT_EQ(Punct("“能賺到錢嗎?”"), "“能賺到錢嗎?”");
}

TEST(CjkPunct, LeavesTimesNumbersUrlsLatinAndKorean) {
  for (const char* clean :
       {"2024-11-12 10:33:27美國", "共3,000人參加", "見 https://example.com/a?b=1,2 網站",
        "He said: hello, world! (ok)", "안녕하세요, 세계! 한국어(韓國語)입니다.",
        "中文，已經是全角。", "價格為1,234.5元", "比分是3:2。", ""}) {
    EXPECT_EQ(Punct(clean), clean) << clean;
  }
}

TEST(CjkPunct, AuthorsAsciiPunctuationWithoutFingerprintStays) {
  // Clean manual-page and prose lines: ASCII punctuation beside CJK on
  // purpose, no stray comma before a clause mark, no doubled comma.
  for (const char* clean :
       {"在 systemd 下,系统日志会被写入日志文件。", "移植性に関する問題 (デフォルトは gnu)。",
        "用於人工智能(AI)的芯片", "全年经济增长4.6%,略低于预期",
        "在DOS和Windows FAT文件系统中,时间的计量精度是2秒。对共享资源设置这个选项,可以",
        "注意:这个选项只对 root 有效;其他用户无法使用!"}) {
    EXPECT_EQ(Punct(clean), clean) << clean;
  }
}

// Issue 18, item 4: a line too short for a stray or doubled comma. A number
// inside Chinese prose, an ASCII comma, Han text, in a line without any `，`
// (the converter folds every one) that ends a sentence with `。` and never
// with an ASCII full stop: the comma was folded, and the line is.
TEST(CjkPunct, NumberCommaHanInProseWithoutFullWidthComma) {
  EXPECT_EQ(Punct("全年经济增长4.6%,略低于预期。"), "全年经济增长4.6%，略低于预期。");
  EXPECT_EQ(Punct("去年人均收入為100,比前年增長了5%,其中城鎮增長較快。"),
            "去年人均收入為100，比前年增長了5%，其中城鎮增長較快。");
  // Writers who mix styles: a `，` elsewhere, `.` after Han text, no `。`, a
  // number not inside Chinese text, or digits on both sides of the comma.
  for (const char* clean :
       {"若看不到，则表明尚未有活动的转换表。按下0,可以看到转换表编辑菜单。",
        "函数执行成功时返回0.错误时返回1,并置相应错误代码。", "成功时返回0,错误时返回 -1",
        "版本 2.0,发布于去年。", "共1,000元,比去年多。", "共1,000元。"}) {
    EXPECT_EQ(Punct(clean), clean) << clean;
  }
}

TEST(CjkPunct, HalfWidthFullStopMeansTheAuthorsCommas) {
  // An ASCII full stop after CJK text: the converter keeps `。`, so this line
  // was written in half-width punctuation, doubled comma and all.
  const char* clean =
      "例如,,在这个例子中可以使用 -l-t 选项.第一个连字符是规则开关符,而后面的是减号.";
  EXPECT_EQ(Punct(clean), clean);
}

TEST(CjkPunct, EachLineDecidesAlone) {
  const std::string damaged = "據報道,,美國總統拜登公布了新的政策(草案),。";
  const std::string clean = "在 systemd 下,系统日志(journal)会被写入磁盘。";
  const std::string fixed = "據報道，美國總統拜登公布了新的政策（草案）。";
  EXPECT_EQ(Punct(damaged), fixed);
  EXPECT_EQ(Punct(clean), clean);
  EXPECT_EQ(Punct(damaged + "\n" + clean + "\n"), fixed + "\n" + clean + "\n");
  EXPECT_EQ(Punct(clean + "\n" + damaged), clean + "\n" + fixed);
}

TEST(CjkPunct, Idempotent) {
  std::string once = Punct("據報道,,美國總統,。新法規允許(AI)使用!");
  EXPECT_EQ(Punct(once), once);
}

// A pair after a widened pair sees its full-width parenthesis on the first
// run too (the second run widened it; a real page was not idempotent). The
// doubled commas are the converter's fingerprint that lets the line change.
TEST(CjkPunct, AdjacentPairsSettleOnTheFirstRun) {
  EXPECT_EQ(Punct("好,,默契(新歌+精选)(2008重装版)"), "好，默契（新歌+精选）（2008重装版）");
  EXPECT_EQ(Punct("中文,,(2008)(重装版)中文"), "中文,,(2008)（重装版）中文");
  // Without the fingerprint the author's ASCII parentheses stay.
  EXPECT_EQ(Punct("默契(新歌+精选)(2008重装版)"), "默契(新歌+精选)(2008重装版)");
  for (const char* in : {"默契(新歌+精选)(2008重装版)", "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)中文",
                         "中文(a)(b)(c)(d)(e)", "(1),(2),(中)"}) {
    std::string once = Punct(in);
    EXPECT_EQ(Punct(once), once) << in;
  }
}

}  // namespace
}  // namespace norm
