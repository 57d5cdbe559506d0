// Tests of the ruby filter (libnorm/src/filters/ruby.h).
#include "ruby.h"

#include <gtest/gtest.h>

#include "norm/document.h"
#include "norm/report.h"

namespace norm {
namespace {

std::string Ruby(std::string_view text, Report* report = nullptr, RubyFilter::Options o = {}) {
  Report local;
  return RubyFilter(o).Transform(text, report ? *report : local);
}

TEST(Ruby, RemovesRepeatedPinyinAnnotations) {
  Report report;
  EXPECT_EQ(Ruby("這家餐廳(tīng)的招牌(pái)菜是紅燒(shāo)肉。", &report),
            "這家餐廳的招牌菜是紅燒肉。");
  EXPECT_EQ(report.Get("ruby", "removed"), 3);
  EXPECT_EQ(report.Get("ruby", "candidates"), 3);
  ASSERT_FALSE(report.events().empty());
  EXPECT_EQ(report.events()[0].before, "廳(tīng)");
  EXPECT_EQ(report.events()[0].after, "廳");
}

TEST(Ruby, AcceptsEveryUnihanReadingNotJustTheFirst) {
  // 行 is xíng and háng; 長 is cháng and zhǎng.
  EXPECT_EQ(Ruby("銀行(háng)的行(xíng)長(zhǎng)很長(cháng)。"), "銀行的行長很長。");
}

TEST(Ruby, KeepsTooFewAnnotationsAndGenuineParentheses) {
  Report report;
  const std::string two = "他們用人工智能(AI)研究半導(dǎo)體和芯(xīn)片。";
  EXPECT_EQ(Ruby(two, &report), two);
  EXPECT_EQ(report.Get("ruby", "removed"), 0);
  EXPECT_EQ(report.Get("ruby", "candidates"), 2);
  // A wrong reading is not an annotation: 導 is never read "dà".
  const std::string wrong = "導(dà)體(tǐ)領(lǐng)域(yù)";
  EXPECT_EQ(Ruby(wrong), "導(dà)體領域");
}

TEST(Ruby, AnnotationsOfWords) {
  EXPECT_EQ(Ruby("北京(běi jīng)和上海(shànghǎi)是中國(zhōngguó)的城市。"),
            "北京和上海是中國的城市。");
}

TEST(Ruby, ToneNumbersAndZhuyin) {
  EXPECT_EQ(Ruby("導(dao3)體(ti3)領(ling3)域"), "導體領域");
  EXPECT_EQ(Ruby("注(ㄓㄨˋ)音(ㄧㄣ)符(ㄈㄨˊ)號(ㄏㄠˋ)"), "注音符號");
}

TEST(Ruby, JapaneseFurigana) {
  // On and kun readings in hiragana or katakana; okurigana stays outside.
  EXPECT_EQ(Ruby("漢字(かんじ)を東京(トウキョウ)で導(みちび)く学校(がくこう)"),
            "漢字を東京で導く学校");
}

TEST(Ruby, TonelessPinyinIsNotEvidence) {
  const std::string weak = "我的(de)書們(men)嗎(ma)";
  EXPECT_EQ(Ruby(weak), weak);
  // ...but goes along with real evidence.
  EXPECT_EQ(Ruby("我的(de)半導(dǎo)體領(lǐng)域(yù)"), "我的半導體領域");
}

TEST(Ruby, FullWidthParentheses) { EXPECT_EQ(Ruby("導（dǎo）體（tǐ）領（lǐng）域"), "導體領域"); }

TEST(Ruby, CleanTextUnchanged) {
  for (const char* clean : {"人工智能(AI)的芯片", "函數 f(x) = x(x+1)", "見第(3)條和(4)條",
                            "Hello (world) (again) (and again)", "α粒子(alpha)", ""}) {
    EXPECT_EQ(Ruby(clean), clean);
  }
}

TEST(Ruby, DocumentEvidenceSpansParagraphs) {
  Document doc;
  doc.blocks.push_back(Block::Paragraph({Inline::Text("半導(dǎo)體")}));
  doc.blocks.push_back(Block::Paragraph({Inline::Text("領(lǐng)域")}));
  doc.blocks.push_back(Block::Paragraph({Inline::Text("進(jìn)行")}));
  Report report;
  RubyFilter().Apply(doc, report);
  EXPECT_EQ(PlainText(doc.blocks[0]), "半導體");
  EXPECT_EQ(PlainText(doc.blocks[2]), "進行");
  EXPECT_EQ(report.Get("ruby", "removed"), 3);
  // Each paragraph alone holds too little evidence.
  EXPECT_EQ(Ruby("半導(dǎo)體"), "半導(dǎo)體");
}

}  // namespace
}  // namespace norm
