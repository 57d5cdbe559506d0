// Tests of the realign filter (libnorm/src/filters/realign.h). Damaged lines
// come from scripts/cjk_damage.py run over tests/data/cjk_sentences_*.txt
// (our own sentences).
#include "realign.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "norm/report.h"
#include "ruby.h"
#include "script.h"
#include "utf8.h"
#include "word_model.h"

namespace norm {
namespace {

std::string Realign(std::string_view text, Report* report = nullptr) {
  Report local;
  return RealignFilter().Transform(text, report ? *report : local);
}

// Realigns line, expecting it back unchanged and not even searched (a
// search costs milliseconds); the Report, for further checks.
Report ExpectUnsearched(std::string_view line) {
  Report report;
  EXPECT_EQ(Realign(line, &report), line);
  EXPECT_EQ(report.Get("realign", "lines-searched"), 0) << line;
  return report;
}

// realign, then ruby removing every verified annotation.
std::string Repair(std::string_view text) {
  Report report;
  RubyFilter::Options o;
  o.min_annotations = 1;
  return RubyFilter(o).Transform(RealignFilter().Transform(text, report), report);
}

TEST(Realign, AnnotationInsertedInsideACharacter) {
  // 客可 = BFCD BFC9: the straddle CD BF spells 吐 (tú), so "(tú)" went in
  // after BF; the orphaned lead byte swallowed `(`, and the rest was read
  // one byte out of step until the ASCII `(` before 在's reading.
  Report report;
  std::string out = Realign("乘客?tú)梢栽?zài)半小時內到達", &report);
  EXPECT_EQ(out, "乘客可以在(zài)半小時內到達");
  EXPECT_EQ(report.Get("realign", "gbk-realigned"), 1);
  EXPECT_EQ(report.Get("realign", "annotations-dropped"), 1);
  ASSERT_EQ(report.events().size(), 1u);
  EXPECT_EQ(report.events()[0].before, "?tú)梢栽?");
}

TEST(Realign, DroppedUserDefinedPairIsRestored) {
  // 通家 read out of step: A8BC is a user-defined pair the decoder dropped.
  Report report;
  EXPECT_EQ(Repair("普通(tōng)家庭在?jué)馉?zhēng)年代"), "普通家庭在戰爭年代");
  EXPECT_EQ(Repair("政府計(jì)劃在未(wèi)來五(wǔ)年內投資(zī)建設(shè)更(gèng)多的(de)公共交?huáng)"
                   "ㄔO(shè)施。"),
            "政府計劃在未來五年內投資建設更多的公共交通設施。");
}

TEST(Realign, ResynchronisesOnAsciiTrailByte) {
  EXPECT_EQ(Repair("瞭解當地的?niáng)L土人情。"), "瞭解當地的風土人情。");
}

TEST(Realign, SpanAfterAClauseMark) {
  // ，價 = A3AC 8372: "(zhuàn)" went in after the straddle AC 83 (瑑), the
  // orphaned 83 swallowed `(`, and the `?` follows the clause mark rather
  // than a Han character.
  EXPECT_EQ(Repair("這家餐廳的服務態度很好，?zhuàn)r格也比較合理。"),
            "這家餐廳的服務態度很好，價格也比較合理。");
}

TEST(Realign, FullStopAtTheLineEnd) {
  // 告。 = B8E6 A1A3: "(jìn)" went in after the straddle E6 A1 (妗), and the
  // lone A3 at the end became `?`; the line ends on 。 rather than on 告.
  EXPECT_EQ(Repair("會議推遲到下週三舉行，請大家相互轉告?jìn)?"),
            "會議推遲到下週三舉行，請大家相互轉告。");
}

// Issue 18's examples: a lead byte simply lost (no `?`), so the decoder
// runs one byte out of step to the end of the line or to an ASCII byte.
TEST(Realign, LostLeadByteWithoutMarker) {
  Report report;
  // 在 = D4DA lost its lead: DA B5 CD ... read as 诘臀孪...; the last byte
  // alone became U+FFFD.
  EXPECT_EQ(Realign("这种新材料诘臀孪氯匀槐３至己玫牡嫉缧阅堋\xEF\xBF\xBD", &report),
            "这种新材料在低温下仍然保持良好的导电性能。");
  EXPECT_EQ(report.Get("realign", "gbk-realigned"), 1);
  ASSERT_EQ(report.events().size(), 1u);
  EXPECT_NE(report.events()[0].what.find("lost lead byte"), std::string::npos);
  EXPECT_NE(report.events()[0].what.find("margin"), std::string::npos);
  // （ = A3A8 lost A3: A8 and the ASCII G read as ℅.
  EXPECT_EQ(Realign("国内生产总值℅DP）同比增长"), "国内生产总值（GDP）同比增长");
  // Traditional text in GBK likewise.
  EXPECT_EQ(Realign("這種新材料诘蜏叵氯匀槐３至己玫膶щ娦阅堋\xEF\xBF\xBD"),
            "這種新材料在低溫下仍然保持良好的導電性能。");
}

TEST(Realign, LostLeadByteMarkedByQuestionMark) {
  // Big5: 在 = A662, 這 = B36F; the lead replaced by `?`, the trail read as
  // an ASCII letter; （ = A15D likewise. A `?` before ASCII is common in
  // technical text, so these are repaired in a document that shows the
  // damage elsewhere (here an orphaned reading on the line before).
  const std::string before = "乘客?tú)梢栽?zài)半小時內到達\n";
  Report report;
  EXPECT_EQ(Realign(before + "這種新材料?b低溫下仍然保持良好的導電性能。\n" +
                        "國內生產總值?]GDP）同比增長5.2%。",
                    &report),
            "乘客可以在(zài)半小時內到達\n這種新材料在低溫下仍然保持良好的導電性能。\n"
            "國內生產總值（GDP）同比增長5.2%。");
  EXPECT_EQ(report.Get("realign", "big5-realigned"), 2);
  // Alone, they are left as they stand.
  EXPECT_EQ(Realign("國內生產總值?]GDP）同比增長5.2%。"), "國內生產總值?]GDP）同比增長5.2%。");
  // A `?` before a double-byte character is evidence enough.
  EXPECT_EQ(Realign("国内生产总值?℅DP）同比增长"), "国内生产总值（GDP）同比增长");
}

TEST(Realign, CleanTechnicalTextUnchanged) {
  // Lone letters, `?` before ASCII, rare characters: what a lost byte could
  // explain, with nothing else on the line to show damage.
  for (const char* clean :
       {"虽然现在用C的工作不多，但是掌握C++的程序员很多。", "他们都吃维生素A的食物。",
        "按u上卷，按d下卷，按b上翻一頁。", "匹配?[abc]的文件", "飛行員承受的G力很大。",
        "研究人员使用B超和X光检查。"}) {
    Report report;
    EXPECT_EQ(Realign(clean, &report), clean) << clean;
  }
}

TEST(Realign, CleanTextWithQuestionMarksUnchanged) {
  for (const char* clean :
       {"你說什麼?我沒聽清楚(真的)。", "是嗎?(笑)", "什麼?ok)", "為什麼?why)不行", "價格?",
        "Is it 10:00?(yes)", "中文?a)b", "", "沒有問題"}) {
    Report report;
    EXPECT_EQ(Realign(clean, &report), clean) << clean;
    EXPECT_EQ(report.Get("realign", "gbk-realigned"), 0);
  }
}

// A table row of a man page: box drawing beside Han text is layout, not a
// double-byte symbol read out of step (│ was read as Big5 ％x before).
TEST(Realign, BoxDrawingTableRowUnchanged) {
  const std::string row = "    │物理接口│网络接口│lo, eth0│Linux 内核给出的名字 │";
  const Report report = ExpectUnsearched(row);
  EXPECT_EQ(report.Get("realign", "big5-realigned"), 0);
}

// Two U+FFFD in a row: bytes lost by lossy UTF-8 decoding, which no
// realignment can restore; the line is not searched.
TEST(Realign, LossyUtf8LineNotSearched) {
  const std::string lossy = "子曰：\uFFFD\uFFFD由也好勇过我，无所取材。";
  ExpectUnsearched(lossy);
  // Nor is one U+FFFD in text that reads well on both sides (a character
  // lossy UTF-8 lost): a double-byte decoder writes one next to text it
  // read out of step.
  Report one;
  const std::string verse = "种麻得麻，\uFFFD豆得豆\uFFFD";
  EXPECT_EQ(Realign(verse, &one), verse);
  EXPECT_EQ(one.Get("realign", "lines-searched"), 0);
  // Beside garble it is searched (and restored): 导电性能。 with the lead
  // byte of 在 lost ends 阅堋\uFFFD.
  Report garbled;
  EXPECT_EQ(Realign("这种新材料诘臀孪氯匀槐３至己玫牡嫉缧阅堋\uFFFD", &garbled),
            "这种新材料在低温下仍然保持良好的导电性能。");
  EXPECT_EQ(garbled.Get("realign", "lines-searched"), 1);
}

// A line that reads as garble from its start is mojibake of another kind
// (here GBK read as Big5), not a stream that went out of step inside it:
// realigning it traded one garble for another. It is not searched.
TEST(Realign, OtherMojibakeNotSearched) {
  const std::string crossed =
      "眕峈腕砩ㄛ眕峈掀侚賸腔桵尪載荎倯﹝筍岆桵尪眒冪侚賸ㄛ祥婬懂閨\uFFFD瓦\uFFFD蠅﹝";
  ExpectUnsearched(crossed);
}

// A lossy decoder's marks throughout a line that starts in step: Big5 read
// as GBK after a clean clause (each Big5 clause mark A141-A17E becomes U+FFFD
// and a letter). A stream that lost a byte writes one such mark where it
// comes back in step, not one every few characters: not searched (main
// searched it to a wrong repair, at several milliseconds).
TEST(Realign, LossyMarksThroughoutNotSearched) {
  ExpectUnsearched(
      "研究人员表示，\uFFFDL\uFFFD苔b穦某\uFFFDW癚阶\uFFFDF\uFFFD堞h拜肈\uFFFDA\uFFFD]"
      "珹竒蕾\uFFFDB毙▅㎝吏挂\uFFFDA程\uFFFD峁FΘ\uFFFDF\uFFFD@醚\uFFFDC");
}

// Full-width square brackets (editors' notes, characters spelled by their
// parts in e-texts of classical prose) are no strong trace: a clean line
// holding them gets the tests of a line without traces, and is not searched
// (main searched it in full, about 10 ms).
TEST(Realign, FullwidthSquareBracketsAreNoStrongTrace) {
  ExpectUnsearched("居逆境中，周身皆针砭药石，砥节□［石厉］行而不觉；");
}

// Whether a line is searched depends on the line, not on the rest of the
// document: after a span was realigned, clean lines with a lone letter
// between Han characters (and nothing garbled near it) are still not
// searched (main searched both, each to its budget, and gave up).
TEST(Realign, RepairElsewhereIsNoReasonToSearchALine) {
  const std::string damaged = "使用这个?∠羁梢匀贸绦蛟诤筇ㄔ诵校呀峁慈肴罩疚募?\n";
  const std::string clean =
      "如果传送n个回应要求没有接收到，在n秒内送出。\n"
      "後面可以跟字母u（或g或z）表示世界時間。\n";
  Report report;
  EXPECT_EQ(Realign(damaged + clean, &report),
            "使用这个选项可以让程序在后台运行，把结果写入日志文件\n" + clean);
  EXPECT_EQ(report.Get("realign", "lines-searched"), 1);
  EXPECT_EQ(report.Get("realign", "spans-given-up"), 0);
}

// Clean classical verse holds rare characters close together (weak
// evidence) but no stretch that reads worse than the rest of the line: it is
// not searched.
TEST(Realign, CleanVerseNotSearched) {
  const std::string verse = "群山万壑赴荆门，生长明妃尚有村。";
  ExpectUnsearched(verse);
}

// Chinese prose typed with ASCII question marks (real pages write them so):
// text reads well on both sides of each `?`, so none is a lost byte and the
// line is not searched (each search costs milliseconds).
TEST(Realign, AsciiQuestionMarksInProseNotSearched) {
  const std::string prose =
      "当今中国最流行的是什么主义?答：犬儒主义。问题在于，这到底是怎么一回事呢?我们再看。";
  ExpectUnsearched(prose);
}

std::u32string U32(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(utf8::Next(s, i));
  return out;
}

size_t EditDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<size_t> d(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) d[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = d[0];
    d[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = d[j];
      d[j] = std::min({d[j] + 1, d[j - 1] + 1, diag + (a[i - 1] != b[j - 1] ? 1 : 0)});
      diag = up;
    }
  }
  return d[b.size()];
}

// tests/data/realign_gbk.tsv: damaged, original, misaligned characters.
// Hostile text stays cheap: one search per damaged stretch of a line, over
// at most 512 characters, at most 1,024 searches per document (its
// Report), the stretches beyond the budget left alone and counted.
TEST(Realign, SearchesAreBoundedAndCounted) {
  const std::string damaged = "乘客?tú)梢栽?zài)半小時內到達";
  const std::string repaired = "乘客可以在(zài)半小時內到達";
  // A long line: the span is repaired, the clean rest kept.
  std::string tail;
  for (int i = 0; i < 200; ++i) tail += "的研究";
  Report report;
  EXPECT_EQ(Realign(damaged + tail, &report), repaired + tail);
  EXPECT_EQ(report.Get("realign", "gbk-realigned"), 1);
  EXPECT_EQ(report.Get("realign", "lines-searched"), 1);
  // The budget lives in the document's Report: with 1,016 searches already
  // spent by earlier spans (which repaired 300), 8 of 60 more damaged lines
  // are searched.
  std::string text;
  for (int i = 0; i < 60; ++i) text += damaged + "\n";
  Report many;
  many.Count("realign", "lines-searched", 1016);
  many.Count("realign", "gbk-realigned", 300);
  std::string out = Realign(text, &many);
  EXPECT_EQ(many.Get("realign", "gbk-realigned"), 308);
  EXPECT_EQ(many.Get("realign", "lines-searched"), 1024);
  EXPECT_EQ(many.Get("realign", "lines-not-searched"), 52);
  EXPECT_EQ(out.substr(0, repaired.size() + 1), repaired + "\n");
  EXPECT_EQ(out.substr(out.size() - damaged.size() - 1), damaged + "\n");
}

// A long paragraph (web pages hold lines of thousands of characters) with
// damage every few hundred characters: each damaged stretch gets a search
// of its own, not only the first 512 characters (main left all but the
// first stretch of such lines garbled, half the held-out set's errors).
TEST(Realign, EveryDamagedStretchOfALongLineIsSearched) {
  const std::string damaged = "乘客?tú)梢栽?zài)半小時內到達";
  const std::string repaired = "乘客可以在(zài)半小時內到達";
  std::string gap;
  for (int i = 0; i < 200; ++i) gap += "的研究";
  Report report;
  EXPECT_EQ(Realign(damaged + gap + "，" + damaged + gap + "。" + damaged, &report),
            repaired + gap + "，" + repaired + gap + "。" + repaired);
  EXPECT_EQ(report.Get("realign", "gbk-realigned"), 3);
  EXPECT_EQ(report.Get("realign", "lines-searched"), 3);
  ASSERT_EQ(report.events().size(), 3u);
  // Offsets are the line's.
  const size_t second = damaged.size() + gap.size() + std::string("，").size();
  EXPECT_EQ(report.events()[1].position, static_cast<int64_t>(second + std::string("乘客").size()));
}

// Big5's clause marks are A141-A17E: with the lead byte lost and a `?`
// written in its place, 、 reads `?B` and 。 `?C`. After the marker a capital
// letter is the trail, not the A股 of prose (main charged it as such and
// kept `?B`).
TEST(Realign, MarkedLostLeadBeforeBig5ClauseMark) {
  EXPECT_EQ(Realign("工廠(chang3)生產(chan3)的物理?B化學產品"),
            "工廠(chang3)生產(chan3)的物理、化學產品");
  EXPECT_EQ(Realign("新產品(pin3)的價格(ge2)很高?C下個月開始銷售"),
            "新產品(pin3)的價格(ge2)很高。下個月開始銷售");
}

// Big5 這 = B36F with its lead lost reads as `o`; a reading in step before
// it (ruby removes it later) does not hide the Han character next to it.
TEST(Realign, LoneLetterAfterAReadingInStep) {
  EXPECT_EQ(Realign("我們坐了四個(ㄍㄜˋ)小時(ㄕˊ)的車(ㄔㄜ)去見(ㄐㄧㄢˋ)與(ㄩˇ)o位老師。"),
            "我們坐了四個(ㄍㄜˋ)小時(ㄕˊ)的車(ㄔㄜ)去見(ㄐㄧㄢˋ)與(ㄩˇ)這位老師。");
}

// After an Arabic numeral the word lattice starts afresh: 分 (GBK B7 D6,
// its lead lost to `?`) and 又 (D3 D6) read the same bytes, and 又 is the
// likelier word alone; after 50, the characters the dictionary holds after
// a Chinese numeral (十分) are likelier. Ours.
TEST(Realign, NumeralContextChoosesTheUnit) {
  EXPECT_EQ(Realign("列车于晚上7时50?中硎怀龀嫡荆�乘客很多。"),
            "列车于晚上7时50分许驶出车站，乘客很多。");
  RealignFilter::Options o;
  o.numeral_bonus = 0;
  Report report;
  EXPECT_EQ(RealignFilter(o).Transform("列车于晚上7时50?中硎怀龀嫡荆�乘客很多。", report),
            "列车于晚上7时50又许驶出车站，乘客很多。");
}

// A `?` written for a lost lead byte right after a reading (the reading is
// removed later, so the mark stands after a Han character) before a lone
// ASCII trail byte: 時 is GBK 9572, 定 and 是 Big5 A977 and AC4F. Main left
// them as they stood (`很長(cháng)?r間`). Ours; an ASCII question after a
// reading in a textbook line stays.
TEST(Realign, LostLeadMarkedAfterReading) {
  EXPECT_EQ(Realign("他們等(děng)了很長(cháng)?r間，火車才到站。"),
            "他們等(děng)了很長(cháng)時間，火車才到站。");
  EXPECT_EQ(Realign("這件事我們已(ㄧˇ)經決(ㄐㄩㄝˊ)?w了，明天就出發。"),
            "這件事我們已(ㄧˇ)經決(ㄐㄩㄝˊ)定了，明天就出發。");
  EXPECT_EQ(Realign("他說這裡(ㄌㄧˇ)?O最好(ㄏㄠˇ)的地方。"),
            "他說這裡(ㄌㄧˇ)是最好(ㄏㄠˇ)的地方。");
  EXPECT_EQ(Realign("这是什么(shénme)?A: 这是苹果(píngguǒ)。"),
            "这是什么(shénme)?A: 这是苹果(píngguǒ)。");
}

// Byte-compatible words that score alike alone: the word-pair gain
// (word_model::PairGain, sunpinyin-data's bigrams) chooses by the word before.
// Each line lost one GBK lead byte (to `?`), ours; without the pairs they
// came out 的前做了, 这我医院, 老人是都说.
TEST(Realign, WordPairsChooseBetweenByteCompatibleWords) {
  if (word_model::PairGain(U"手上", U"戴") == 0) GTEST_SKIP() << "built without sunpinyin-data";
  EXPECT_EQ(Realign("他们?咽Ｏ碌那\xEF\xBF\xBD做了原始投资，希望明年能有更好的收入。"),
            "他们把剩下的钱做了原始投资，希望明年能有更好的收入。");
  EXPECT_EQ(Realign("记者来到这?乙皆海\xEF\xBF\xBD看到很多病人在门口排队等候挂号。"),
            "记者来到这家医院，看到很多病人在门口排队等候挂号。");
  EXPECT_EQ(Realign("村里的老人?嵌妓担\xEF\xBF\xBD这条河以前的水很清，现在却变得很脏。"),
            "村里的老人们都说，这条河以前的水很清，现在却变得很脏。");
}

// A line cut off right after a full-width mark's lead byte (a related-titles
// list's teaser): read out of step, its last pair left the lead A3 alone and
// the decoder wrote `?` for it. The mark guessed for the lost trail gets no
// closing-mark bonus at the line's end (its lead byte is the only evidence),
// so the line stays cut (，the commoner mark of the row) rather than ending
// on an invented ！ that makes it look whole. Ours: 扩大海外市场，. (A mark
// read from its own bytes keeps the bonus: Big5 `表情C` at a line's end is 表情。)
TEST(Realign, GuessedLineEndIsNoClosingMark) {
  EXPECT_EQ(Realign("他在接受采访时表示，公司明年将继续?┐蠛Ｍ馐谐。?"),
            "他在接受采访时表示，公司明年将继续扩大海外市场，");
}

// A span realigned before in the document is weaker evidence than a trace
// on the line itself: a manual page with one garbled line keeps its
// variable `n` (Big5 要 = AD 6E with a lost lead, twice on the line) and its
// lone letters `g` (GBK 間 = E9 67) on later lines, where each place out of
// step would win by a few nats only.
TEST(Realign, DocumentEvidenceIsWeakerThanTracesOnTheLine) {
  // Ours: 使用这个选项可以让程序在后台运行… with the lead of 选 lost to `?`.
  const std::string garbled = "使用这个?∠羁梢匀贸绦蛟诤筇ㄔ诵校呀峁慈肴罩疚募?\n";
  Report report;
  const std::string out = Realign(garbled +
                                      "如果传送n个回应要求没有接收到，在n秒内送出。\n"
                                      "後面可以跟字母u（或g或z）表示世界時間。",
                                  &report);
  EXPECT_EQ(report.Get("realign", "gbk-realigned") + report.Get("realign", "big5-realigned"), 1);
  EXPECT_NE(out.find("\n如果传送n个回应要求没有接收到，在n秒内送出。\n後面可以跟字母u（或g或z）表示"
                     "世界時間。"),
            std::string::npos)
      << out;
}

// The decoder swallowed the `(` of 疼's reading with a lone byte and wrote
// U+FFFD beside a box-drawing character (些 lost its lead D0: A9C9 is ┥, the
// pair FACC was dropped): the orphaned reading marks the place although
// nothing beside the U+FFFD is CJK text.
TEST(Realign, LostMarkBeforeOrphanedReadingIsSuspicious) {
  EXPECT_EQ(Realign("她的手上有┥\xEF\xBF\xBDténg)，就停下来休息了。"),
            "她的手上有些生疼(téng)，就停下来休息了。");
}

// A converter folded 。”read out of step too: 很好。”大 is BA DC BA C3 A1
// A3 A1 B1 B4 F3; one byte out of step it read 芎谩！贝 and folded ！ to `!`.
TEST(Realign, FoldedPunctuationReadOutOfStep) {
  EXPECT_EQ(Realign("我觉得这个办法真的很?qiōng)谩!贝蠹倚ψ诺愕阃贰?"),
            "我觉得这个办法真的很好。”大家笑着点点头。");
}

// Real pages type full-width minus signs between years, circled numbers
// and angle-bracketed titles in prose: such marks are suspicious, not strong
// evidence of a stream out of step (main searched these lines at the full
// beam, a few milliseconds each, for nothing).
TEST(Realign, TypesetMarksAreNotStrongEvidence) {
  for (const char* line :
       {"他在2010年－2016年间担任经理。", "②根据各变量的回归系数判断，影响显著。",
        "你的那本＜程序设计＞翻译得很好。", "健身秘訣︱金鐘國頻道四日吸百萬粉絲"}) {
    ExpectUnsearched(line);
  }
}

// A line without traces of damage, with rare characters far apart (a
// recurring name), gets one search of its first cluster, not of every
// stretch between.
TEST(Realign, CleanLineWithRareNamesSearchedOnce) {
  std::string line = "记者在虬泓山庄采访孙启勤时，正是春季。";
  std::string gap;
  for (int i = 0; i < 40; ++i) gap += "我们的研究，";
  line += gap + "孙启勤说虬泓山庄的规划很大。" + gap + "虬泓山庄的孙启勤。";
  Report report;
  EXPECT_EQ(Realign(line, &report), line);
  EXPECT_LE(report.Get("realign", "lines-searched"), 1);
  EXPECT_LE(report.Get("realign", "chars-searched"), 64);
}

// Searches that stop paying stop: 256 more than four per repaired span.
// With 256 spent on lines left as they were, no damaged line is searched;
// with 250, six are, and as each is repaired the budget grows with it.
TEST(Realign, UnpaidSearchesStop) {
  const std::string damaged = "乘客?tú)梢栽?zài)半小時內到達";
  std::string text;
  for (int i = 0; i < 60; ++i) text += damaged + "\n";
  Report spent;
  spent.Count("realign", "lines-searched", 256);
  EXPECT_EQ(Realign(text, &spent), text);
  EXPECT_EQ(spent.Get("realign", "lines-not-searched"), 60);
  Report paying;
  paying.Count("realign", "lines-searched", 250);
  Realign(text, &paying);
  EXPECT_EQ(paying.Get("realign", "gbk-realigned"), 60);
  EXPECT_EQ(paying.Get("realign", "lines-not-searched"), 0);
}

// Cheap rejection (a plausibility bound): a line without traces of its own
// made of Han characters and full-width marks only (classical verse, rare
// pairs everywhere) has no way back in step but a stray byte, which with the
// gain such a line needs costs more than a repair could win: it is not
// searched, not even in a document where a span was realigned before (the
// cost of a line depends on the line, not on the rest of its document).
TEST(Realign, VerseWithoutWayBackInStepNotSearched) {
  const std::string verse = "春日遲遲，卉木萋萋。倉庚喈喈，采蘩祁祁。";
  Report realigned_before;
  realigned_before.Count("realign", "gbk-realigned", 1);
  EXPECT_EQ(Realign(verse, &realigned_before), verse);
  EXPECT_EQ(realigned_before.Get("realign", "lines-searched"), 0);
  // The same line with a lone letter (a possible trail byte) is searched
  // there, and left as it stands.
  Report with_letter;
  with_letter.Count("realign", "gbk-realigned", 1);
  const std::string lettered = "春日遲遲，卉木萋萋。倉庚喈喈，采蘩b祁祁。";
  EXPECT_EQ(Realign(lettered, &with_letter), lettered);
  EXPECT_EQ(with_letter.Get("realign", "lines-searched"), 1);
}

// Every search has a budget of hypotheses; past it the search gives up,
// the span is left as it stands and counted (`spans-given-up`, with an
// event for --explain). A line without traces of its own gets a small one:
// a long cluster of rare characters and lone letters (what a hostile or
// unusual line looks like) after clean text is given up, its neighbours
// untouched. (Clean text first: the cluster reads worse than the line does
// on average, which is what gets a line without traces searched at all;
// before, a span realigned elsewhere in the document was enough.)
TEST(Realign, LongImplausibleLineIsGivenUpAndCounted) {
  std::string line;
  for (int i = 0; i < 5; ++i) line += "我们的研究表明，这种新材料在低温下仍然保持良好的导电性能：";
  for (int i = 0; i < 60; ++i) line += "龘靐b齉爩x";
  Report report;
  const std::string text = "乘客可以在半小時內到達。\n" + line + "\n好的。";
  EXPECT_EQ(Realign(text, &report), text);
  EXPECT_EQ(report.Get("realign", "lines-searched"), 1);
  EXPECT_EQ(report.Get("realign", "spans-given-up"), 1);
  const auto& events = report.events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_NE(events[0].what.find("given up"), std::string::npos) << events[0].what;
  EXPECT_EQ(events[0].before, events[0].after);
  // A line with strong traces of its own has a generous budget: the damaged
  // lines of the tests are searched to the end.
  Report damaged;
  EXPECT_EQ(Realign("乘客?tú)梢栽?zài)半小時內到達", &damaged), "乘客可以在(zài)半小時內到達");
  EXPECT_EQ(damaged.Get("realign", "spans-given-up"), 0);
}

// Many U+FFFD (lossy UTF-8 read as GBK: one per lost character, here never
// two in a row) on a line of verse: each stands between characters that a
// decoder out of step did not garble, so none is a trace and the line is
// not searched.
TEST(Realign, LineOfManyScatteredReplacementCharactersNotSearched) {
  ExpectUnsearched("种麻得麻，\uFFFD豆得豆\uFFFD种瓜得瓜，\uFFFD\u6c34得水\uFFFD。");
}

// Cheap rejection by byte class: a span holding a Han character the codec
// lacks was not decoded by it (a stream out of step still decodes to the
// codec's characters), so that codec is not searched. Lossy UTF-8 verse in
// Simplified script (弃, 轩 are not in Big5) was "repaired" as Big5 read out
// of step (白首卧松了松); it is left as it stands.
TEST(Realign, CodecLackingACharacterOfTheSpanNotSearched) {
  const std::string verse = "红\uFFFD弃轩冕，白首卧松云\uFFFD";
  Report report;
  EXPECT_EQ(Realign(verse, &report), verse);
  EXPECT_EQ(report.Get("realign", "big5-realigned"), 0);
  // Simplified text damaged as GBK is still repaired as GBK.
  EXPECT_EQ(Realign("这种新材料诘臀孪氯匀槐３至己玫牡嫉缧阅堋\uFFFD"),
            "这种新材料在低温下仍然保持良好的导电性能。");
}

// Lossy UTF-8 read as windows-1252 (`?` for its undefined bytes), repaired
// by `mojibake` with each lost character kept as U+FFFD: in classical verse,
// which holds rare pairs throughout, the characters beside each U+FFFD read
// as garble to GarbledBeside, but no more than the rest of the line, and a
// double-byte decoder out of step writes one only after a stretch read out
// of step. Such lines were searched (a few milliseconds each, the mixed
// bench's slowest lines) for repairs that were all wrong; they are not.
TEST(Realign, LostCharacterOfVerseReadInStepNotSearched) {
  ExpectUnsearched("摽有梅，頃\uFFFD塈之，求我庶士，迨其謂之。");
  ExpectUnsearched("林有樸樕，野有死鹿，白茅純\uFFFD，有女如玉。");
  // Beside a stretch out of step it is still searched (and restored).
  Report garbled;
  EXPECT_EQ(Realign("这种新材料诘臀孪氯匀槐３至己玫牡嫉缧阅堋\uFFFD", &garbled),
            "这种新材料在低温下仍然保持良好的导电性能。");
  EXPECT_EQ(garbled.Get("realign", "lines-searched"), 1);
}

// What UTF-8 read as windows-1252 leaves when `mojibake` repairs only part
// of a line (å ï ¼ Œ: Latin-1 and windows-1252 letters neither GBK nor Big5
// holds) was never written by a double-byte decoder: neither codec is
// searched over a span holding them (before, this line's first characters
// became 「å“楂樹根」).
TEST(Realign, SingleByteCodePageLeftoversNotRealigned) {
  const std::string partial = "å?伴珮涓?å°½çœ‹æž«å?¶ï¼Œé™¢å‡€ä½•é¡»å??\uFFFD花。";
  Report report;
  EXPECT_EQ(Realign(partial, &report), partial);
  EXPECT_EQ(report.Get("realign", "gbk-realigned") + report.Get("realign", "big5-realigned"), 0);
}

struct CorpusScore {
  size_t lines = 0, exact = 0, errors = 0, span = 0;
  double Cer() const { return 100.0 * static_cast<double>(errors) / static_cast<double>(span); }
};

// Runs realign + ruby over a cjk_damage.py TSV (damaged, original,
// misaligned characters). Lines read in step must come out exact (ruby
// alone restores them) when `check_in_step` is set.
CorpusScore MeasureCorpus(const std::string& path, bool check_in_step, bool verbose) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << path << " missing";
  CorpusScore score;
  std::string line;
  while (std::getline(in, line)) {
    size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
    std::string damaged = line.substr(0, t1), original = line.substr(t1 + 1, t2 - t1 - 1);
    int misaligned = std::stoi(line.substr(t2 + 1));
    std::string out = Repair(damaged);
    if (misaligned == 0) {
      if (check_in_step) {
        EXPECT_EQ(out, original) << damaged;
      }
      continue;
    }
    ++score.lines;
    size_t e = EditDistance(U32(out), U32(original));
    score.errors += e;
    score.span += static_cast<size_t>(misaligned);
    if (e == 0) ++score.exact;
    if (e != 0 && verbose) {
      std::printf("damaged  %s\noriginal %s\ngot      %s\n\n", damaged.c_str(), original.c_str(),
                  out.c_str());
    }
  }
  std::printf("realign corpus %s: %zu misaligned lines, %zu restored exactly, CER %.2f%%\n",
              path.c_str(), score.lines, score.exact, score.Cer());
  return score;
}

// NORM_REALIGN_CORPUS=<tsv> measures another cjk_damage.py output instead
// (the bounds below then do not apply); NORM_REALIGN_VERBOSE=1 prints every
// line not restored exactly.
// The document's own undamaged text is evidence (realign_cache.h): a name
// the writer used in a clean line (孙启明, our own sentences) beats the
// common character the same bytes spell in a damaged one (GBK 孙 = CBEF lost
// its lead byte, `?` in its place; 里 = C0EF shares the trail), which is the
// best guess for the line alone.
TEST(Realign, DocumentPairsChooseTheWritersName) {
  const std::string clean = "孙启明是我们学校的老师，今年四十岁。孙启明每天骑车上班。";
  const std::string damaged = "他没有买任何商业保险，?锲裘髦缓米约焊读肆酵蛟\xEF\xBF\xBD的医疗费。";
  EXPECT_EQ(Realign(clean + "\n" + damaged),
            clean + "\n他没有买任何商业保险，孙启明只好自己付了两万元的医疗费。");
  EXPECT_EQ(Realign(damaged), "他没有买任何商业保险，里启明只好自己付了两万元的医疗费。");
  // The pairs of the damaged stretch itself vouch for nothing.
  EXPECT_EQ(Realign(damaged + "\n" + damaged),
            "他没有买任何商业保险，里启明只好自己付了两万元的医疗费。\n"
            "他没有买任何商业保险，里启明只好自己付了两万元的医疗费。");
}

TEST(Realign, CorpusCharacterErrorRate) {
  const char* other = std::getenv("NORM_REALIGN_CORPUS");
  const char* verbose_env = std::getenv("NORM_REALIGN_VERBOSE");
  const bool verbose = verbose_env && *verbose_env;
  if (other && *other) {
    MeasureCorpus(other, false, verbose);
    return;
  }
  const std::string data = std::string(NORM_SOURCE_DIR) + "/tests/data/";
  // Traditional text in GBK, annotations straddling characters (seed 004's
  // damage): `cjk_damage.py --codec gbk --seeds 3 --straddle 1
  // cjk_sentences_hant.txt`.
  CorpusScore straddle = MeasureCorpus(data + "realign_gbk.tsv", true, verbose);
  ASSERT_GT(straddle.lines, 50u);
  // Lost lead bytes (with and without a `?`), annotations at every offset,
  // dropped user-defined pairs: Simplified in GBK, Traditional in Big5 and
  // GBK (`cjk_damage.py --doc ... --lost-rate 0.03`, misaligned lines only;
  // see docs/accuracy.md, Realign).
  CorpusScore lost = MeasureCorpus(data + "realign_lost.tsv", false, verbose);
  ASSERT_GT(lost.lines, 50u);
  // Measured 2026-12-02 (docs/accuracy.md): a regression fails here.
  EXPECT_LT(straddle.Cer(), 8.0);  // 7.67%, 105 of 119 exact (6.13%, 106 before)
  EXPECT_GE(straddle.exact, 104u);
  EXPECT_LT(lost.Cer(), 17.0);  // 16.15%, 35 of 73 exact
  EXPECT_GE(lost.exact, 33u);
}

}  // namespace
}  // namespace norm
