// Script consistency (filters/zh/zh_consistency.h): stray characters of the
// other Chinese script are converted in context; everything else passes.
#include <gtest/gtest.h>
#include <algorithm>

#include <string>
#include <utility>

#include "norm/options.h"
#include "norm/report.h"
#include "test_util.h"
#include "zh.h"
#include "zh/zh_consistency.h"

namespace norm {
namespace {

using zh_internal::Consistency;

std::string FixHant(std::string s, Report* r = nullptr) {
  Report local;
  Consistency("").Fix(s, ZhScript::kHant, r != nullptr ? *r : local);
  return s;
}

std::string FixHans(std::string s) {
  Report r;
  Consistency("").Fix(s, ZhScript::kHans, r);
  return s;
}

TEST(ZhConsistency, TraditionalLeftoversConvertedInContext) {
  Report r;
  EXPECT_EQ(FixHant("去年聖誕節前后，政府宣佈對用于人工智能的晶片實施管制。", &r),
            "去年聖誕節前後，政府宣佈對用於人工智能的晶片實施管制。");
  EXPECT_EQ(r.Get("zh", "consistency-chars"), 2);
  ASSERT_EQ(r.events().size(), 2u);
  EXPECT_EQ(r.events()[0].what, "consistency");
  EXPECT_EQ(r.events()[0].before, "前后");
  EXPECT_EQ(r.events()[0].after, "前後");
  // A phrase decides: 頭发 is hair (髮), 發現 a discovery.
  EXPECT_EQ(FixHant("她的頭发很長，這個發現讓大家驚訝。"), "她的頭髮很長，這個發現讓大家驚訝。");
  EXPECT_EQ(FixHant("這是圣誕節的禮物。"), "這是聖誕節的禮物。");
}

TEST(ZhConsistency, CharactersValidInBothScriptsStay) {
  // 皇后 and 太后 are Traditional words; 于 and 余 are surnames; 台 is how
  // Taiwan and Hong Kong write 臺 (s2hk keeps it).
  const std::string text = "皇后與太后的故事在台灣廣為流傳，于右任與余光中的作品也是。";
  EXPECT_EQ(FixHant(text), text);
}

TEST(ZhConsistency, SimplifiedLeftoversConverted) {
  EXPECT_EQ(FixHans("这种精神後来被扭曲，於是人们开始怀疑。"),
            "这种精神后来被扭曲，于是人们开始怀疑。");
}

TEST(ZhConsistency, QuotationsAndNamesOfTheOtherScriptStay) {
  const std::string quote = "作者寫道：「这个问题很简单，我们必须面对」這句話引起了討論。";
  EXPECT_EQ(FixHant(quote), quote);
  // A line clearly in the other script is judged by its own script.
  const std::string line = "这个问题很简单，我们必须面对现实。";
  EXPECT_EQ(FixHant(line), line);
  // A run of three of them in a row: a name or a term.
  const std::string run = "這位來自國外的学习会會員說話了。";
  EXPECT_EQ(FixHant(run), run);
}

TEST(ZhConsistency, CleanTextPassesUnchanged) {
  const std::string hant =
      "中國的人工智能公司正在繞過美國的出口管制，通過第三方獲取高端晶片，暴露出美國封鎖尖端技術"
      "對華出口的漏洞。但美國專家也承認，目前的制裁並不包含提供雲端計算服務的公司。";
  const std::string hans =
      "中国上海壁仞智能科技有限公司在美国对华实施限制后，作出自己仍能生产人工智能芯片的判断。"
      "据彭博社报道，该公司仍然能够继续让台积电生产其先进芯片。";
  Report r;
  std::string a = hant, b = hans;
  Consistency("").Fix(a, ZhScript::kHant, r);
  Consistency("").Fix(b, ZhScript::kHans, r);
  EXPECT_EQ(a, hant);
  EXPECT_EQ(b, hans);
  EXPECT_TRUE(r.counters().empty());
}

TEST(ZhConsistency, EachLineJudgedOnItsOwn) {
  // The second line is Simplified: its 後 is a leftover towards Simplified.
  EXPECT_EQ(FixHant("這個問題很複雜，用于說明。\n这个问题很简单，然後我们走了。"),
            "這個問題很複雜，用於說明。\n这个问题很简单，然后我们走了。");
}

TEST(ZhConsistency, SharedCharactersChangeOnlyWhereUsageSaysSo) {
  // 准 is Traditional in 批准; in 標准 a leftover of 標準 (Taiwan usage).
  EXPECT_EQ(FixHant("這是標准的做法，請參閱說明文件。"), "這是標準的做法，請參閱說明文件。");
  for (const std::string clean : {"這個計畫已經批准了，請參閱說明。", "這只適用於新的檔案與資料。",
                                  "此選項只影響目前的檔案。", "將游標移到儲存格的開頭。"}) {
    EXPECT_EQ(FixHant(clean), clean);
  }
}

TEST(ZhConsistency, UnclearLinesTakeTheirNeighbours) {
  // A Traditional poem in a Simplified document: 參 stays.
  const std::string poem =
      "參差荇菜，左右流之。\n窈窕淑女，寤寐求之。\n求之不得，寤寐思服。\n"
      "悠哉悠哉，輾轉反側。";
  EXPECT_EQ(FixHans(poem), poem);
  // And a Traditional neighbourhood fixes a line that is not clear alone.
  EXPECT_EQ(FixHans("這個問題我們說過很多次。\n用于說明。"),
            "這個問題我們說過很多次。\n用於說明。");
  // Japanese (a line with kana) is not Chinese of either script.
  const std::string ja = "這個問題我們說過很多次。\n来週の会議は午後三時から始まります。";
  EXPECT_EQ(FixHans(ja), ja);
  // A Japanese title in a Chinese line keeps its kanji; the rest is fixed.
  EXPECT_EQ(FixHans("这个问题我们说过很多次，然後大家都同意了。另外推荐渡り廊下走り隊的歌曲。"),
            "这个问题我们说过很多次，然后大家都同意了。另外推荐渡り廊下走り隊的歌曲。");
}

TEST(ZhConsistency, NearestLinesDecideFirst) {
  // A verse with one Traditional character after dense Simplified prose: the
  // verses around it are Traditional, so 參 stays, though the five lines
  // each side hold more Simplified than Traditional.
  const std::string text =
      "这个问题我们说过很多次，对于这些说法，他们也应该认真对待。\n"
      "这些诗歌原来都是配乐演唱的，后来乐谱失传，只留下了歌词，读来难免觉得遗憾。\n"
      "下面这首诗历来被认为是爱情诗的代表，读者们对它的评价众说纷纭。\n"
      "请对照原文，体会它的节奏与韵律，这样学习诗经会更加轻松。\n"
      "關關雎鳩，在河之洲。\n參差荇菜，左右流之。\n悠哉悠哉，輾轉反側。";
  EXPECT_EQ(FixHans(text), text);
  // Far lines still decide when the near ones are not clear.
  EXPECT_EQ(FixHans("這個問題我們說過很多次。\n他說了。\n用于說明。"),
            "這個問題我們說過很多次。\n他說了。\n用於說明。");
}

TEST(ZhConsistency, ClassicalFormsTheTextWritesStay) {
  // Classical verse writes 于 throughout, never 於: 于 stays where no word
  // writes 於 around it; 用于 is still a leftover (用於 is a word).
  const std::string verse =
      "這些詩歌裡的寫法與後世不同，讀者應該對照閱讀，並用于說明。\n"
      "赫赫南仲，玁狁于襄。\n胡轉予于恤？靡所止居。\n畏天之威，于時保之。";
  EXPECT_EQ(FixHant(verse),
            "這些詩歌裡的寫法與後世不同，讀者應該對照閱讀，並用於說明。\n"
            "赫赫南仲，玁狁于襄。\n胡轉予于恤？靡所止居。\n畏天之威，于時保之。");
  // Modern text that writes 於 as often: a stray 于 is a leftover.
  EXPECT_EQ(FixHant("這裡的說明對於讀者很重要。讀者應該對照閱讀，他于是離開了。"),
            "這裡的說明對於讀者很重要。讀者應該對照閱讀，他於是離開了。");
}

TEST(ZhConsistency, TheTextsOwnFormsDecideBetweenStandards) {
  // 户 is Hong Kong's form: kept in text that writes it, a leftover in text
  // that writes 戶.
  EXPECT_EQ(FixHant("用戶的帳戶在這裡，每個戶長與住戶都有門戶。用户可以更改。"),
            "用戶的帳戶在這裡，每個戶長與住戶都有門戶。用戶可以更改。");
  const std::string hk = "用户的帳户在這裏，每個住户都可以更改。";
  EXPECT_EQ(FixHant(hk), hk);
}

// Verse and classical prose (short clauses, no modern function words) write
// the characters both scripts share in their own senses: in a verse line a
// character Big5 encodes stays (洒, 于, 后, 几, 游), one it does not is
// still a leftover (发). Modern prose with short clauses is not verse.
TEST(ZhConsistency, VerseKeepsWhatItsScriptsCharsetWrites) {
  const std::string verse =
      "新臺有洒，河水浼浼，燕婉之求，蘧篨不殄。\n至于暴矣，兄弟不知，咥其笑矣，靜言思之。\n"
      "戚戚兄弟，莫遠具爾。或肆之筵，或授之几。\n昊天有成命，二后受之。\n"
      "就其深矣，方之舟之。就其淺矣，泳之游之。";
  EXPECT_EQ(FixHant(verse), verse);
  EXPECT_EQ(FixHant("毋逝我梁，毋发我笱。我躬不閱，遑恤我後。"),
            "毋逝我梁，毋發我笱。我躬不閱，遑恤我後。");
  EXPECT_EQ(FixHant("這份說明用于測試的，請對照閱讀。"), "這份說明用於測試的，請對照閱讀。");
}

// Kanji only Japanese writes (壱, 弐; OpenCC's JPVariants) mark a line as
// Japanese, as kana do: 参 stays in 壱弐参.
TEST(ZhConsistency, JapaneseKanjiMarkJapanese) {
  const std::string text = "指定新的超連結或編輯選取的超連結。\n壱弐参四伍六七八九〇";
  EXPECT_EQ(FixHant(text), text);
}

// The -mostly characters are no evidence of a quotation, as they are none
// of a line's script: 游 (Taiwan's 游標) beside one stray 标 or 处.
TEST(ZhConsistency, MostlyCharactersAreNoEvidenceOfAQuotation) {
  // A line whose other-script characters are all -mostly ones, as many as
  // its own script's, is a quotation: 不畏于天, 云誰之思 stays.
  const std::string quoted = "classical verse writes (不畏于天, 云誰之思) itself.";
  EXPECT_EQ(FixHant(quoted), quoted);
  EXPECT_EQ(FixHant("將游標移至目前行的起始处。"), "將游標移至目前行的起始處。");
  EXPECT_EQ(FixHant("定義直接定位游標的所有属性。"), "定義直接定位游標的所有屬性。");
}

// A shared character real usage would change (布景 -> 佈景, both Taiwan
// words) stays where the text writes it beside the same neighbour at least
// kTextMin times: the text's own word (a Taiwan manual), not a stray.
TEST(ZhConsistency, TheTextsOwnWordsKeepSharedCharacters) {
  const std::string text = "目前的布景主題\n游標布景大小\n布景引擎的名稱\n圖示布景名稱";
  EXPECT_EQ(FixHant(text), text);
}

// Also where the text writes it beside the same neighbour only twice, when
// it writes the other form there no more often: 占用 twice, 佔用 once (real
// usage prefers 佔用; the text's own word decides).
TEST(ZhConsistency, TheTextsOwnWordWrittenTwiceKeepsASharedCharacter) {
  const std::string text =
      "摘要列出每個檔案的磁碟佔用量，目錄則遞迴處理。\n"
      "不包括子目錄的占用量\n只顯示每個引數的總計，不列出子目錄的占用量\n";
  EXPECT_EQ(FixHant(text), text);
  // Once is not the text's word: real usage decides (佔用).
  EXPECT_EQ(FixHant("摘要列出每個檔案的磁碟佔用量。\n不包括子目錄的占用量\n"),
            "摘要列出每個檔案的磁碟佔用量。\n不包括子目錄的佔用量\n");
  // Nor twice where the text never writes the other form there: the same
  // leftover of a character-by-character conversion in every occurrence.
  EXPECT_EQ(
      FixHant("據《時代》雜志報導，這項措施引起討論。\n《時代》雜志分析認為這項措施過於倉促。\n"),
      "據《時代》雜誌報導，這項措施引起討論。\n《時代》雜誌分析認為這項措施過於倉促。\n");
}

// A shared character that one of OpenCC's standards writes in its context
// (Hong Kong's 後台; s2tw writes 後臺) stays, though the text writes the
// other form beside the same neighbour many times: both forms are
// Traditional writing. One no standard writes there still follows the
// text's convention (占位 among many 佔位: every standard writes 佔位).
TEST(ZhConsistency, ASharedCharacterAStandardWritesThereStays) {
  const std::string daemons =
      "很多網路服務作為後臺守護程序執行。\n後臺程序在開機時啟動，後臺服務由系統管理。\n"
      "您可以檢視後臺工作，也可以結束後臺工作。\n"
      "這些後臺程序不需要終端機，後臺執行的指令會寫入日誌。\n";
  const std::string line = "基於事件且支援並發的 init(8) 後台行程\n";
  EXPECT_EQ(FixHant(daemons + line), daemons + line);
  const std::string holders =
      "插入佔位符號。\n刪除佔位符號。\n選取佔位符號。\n編輯佔位符號。\n移動佔位符號。\n"
      "複製佔位符號。\n";
  EXPECT_EQ(FixHant(holders + "貼上占位符號。\n"), holders + "貼上佔位符號。\n");
}

// A shared character the text writes nowhere else around, whose other form
// it writes throughout (at least kTextRatio times) and beside the same
// neighbour at least once, takes that form: 裡 after many nouns, 區裡 once,
// one 區里. Not where the character is written elsewhere too (注 in 注意
// beside many 註), nor where no neighbour was ever seen with the other form
// (卷次 beside many 捲), nor in Simplified lines (复 merges 復, 複, 覆).
TEST(ZhConsistency, TheTextsOtherFormThroughoutDecidesALoneSharedCharacter) {
  const std::string manual =
      "設定檔裡有這個選項。\n程式庫裡的函數會說明。\n目錄裡沒有這些檔案。\n"
      "資料表裡有許多欄位。\n請在視窗裡選擇項目。\n工作區裡還有檔案。\n";
  EXPECT_EQ(FixHant(manual + "這些檔案在工作區里。\n"), manual + "這些檔案在工作區裡。\n");
  const std::string notes =
      "請注意這個選項。\n註腳與尾註的設定。\n插入註腳或尾註。\n編輯註腳或尾註。\n"
      "選取要插入的注的類型。\n";
  EXPECT_EQ(FixHant(notes), notes);
  const std::string scroll =
      "請捲動視窗，捲動清單，捲軸在右邊，再捲動一次，捲起來，捲回去。\n"
      "用於識別檔案類型、卷次名稱或目錄名稱。\n";
  EXPECT_EQ(FixHant(scroll), scroll);
  std::string copies;
  for (int k = 0; k < 8; ++k) copies += "点击复制按钮，复制选定内容。\n";
  const std::string overwrite = copies + "本机错误处理会覆写先前的设定。\n";
  EXPECT_EQ(FixHans(overwrite), overwrite);
}

// Hong Kong's 脱 is Simplified's too: in a Taiwan text that writes 跳脫 (a
// Taiwan word; 跳脱 is none) far more often as a whole, two switched 跳脱
// near one 跳脫 are fixed, though the window around them writes 脱 more
// often. Hong Kong text that writes 脱 throughout keeps it.
TEST(ZhConsistency, AnotherStandardsFormLikeTheOtherScriptsNeedsTheWholeText) {
  std::string manual;
  for (int k = 0; k < 10; ++k) manual += "這個程式會輸出跳脫字元。\n";
  for (int k = 0; k < 700; ++k)
    manual += "這是第" + std::to_string(k) + "個測試用的句子，說明檔案與設定。\n";
  const std::string in = manual +
                         "變換後複製到標準輸入的跳脱字元。\n對應引數中的反斜線跳脫序列。\n"
                         "輸入新行與跳脱字元的列表。\n";
  const std::string want = manual +
                           "變換後複製到標準輸入的跳脫字元。\n對應引數中的反斜線跳脫序列。\n"
                           "輸入新行與跳脫字元的列表。\n";
  EXPECT_EQ(FixHant(in), want);
  std::string hk;
  for (int k = 0; k < 5; ++k) hk += "他們終於擺脱了這個問題，開始新的生活。\n";
  EXPECT_EQ(FixHant(hk), hk);
}

// `norm zh` on text runs consistency to the same fixed point as the
// document pipeline: a first pass that fixes 用于 changes how often the text
// writes 于 and 於, and a second run must find nothing left to do.
TEST(ZhConsistency, TextModeIsItsOwnNormalForm) {
  const std::string in =
      "這份說明用于測試，我們對於這個問題很關心，關於此事請來信。\n"
      "野草蔓于東園，鳴鳥集于西樹，飛鳥與走獸，聽風聲雨聲，樂無窮，歲歲長。\n";
  test::CliResult once = test::RunCli({"zh", "--format=text"}, in);
  ASSERT_EQ(once.exit_code, 0) << once.err;
  EXPECT_NE(once.out.find("用於測試"), std::string::npos) << once.out;
  test::CliResult twice = test::RunCli({"zh", "--format=text"}, once.out);
  EXPECT_EQ(twice.out, once.out);
}

// Characters both scripts write (占, 准) follow the text's own convention:
// what it writes beside the same neighbour around them, when real usage
// writes both forms (占位 and 佔位 are both Taiwan words).
TEST(ZhConsistency, TheTextsOwnPairsDecideSharedCharacters) {
  std::string manual;
  for (int k = 0; k < 5; ++k) manual += "這個欄位是佔位項，請在佔位項中輸入文字。\n";
  EXPECT_EQ(FixHant(manual + "插入一個占位項。\n"), manual + "插入一個佔位項。\n");
  // Written twice, it is the text's own form too.
  const std::string both = manual + "插入一個占位項。\n刪除那個占位項。\n";
  EXPECT_EQ(FixHant(both), both);
  // One neighbour's evidence does not outweigh a word on the other side:
  // 批准 stays beside many 標準的.
  std::string norms;
  for (int k = 0; k < 10; ++k) norms += "這是標準的做法。\n";
  const std::string approved = norms + "這是委員會批准的計畫。\n";
  EXPECT_EQ(FixHant(approved), approved);
}

// The fixed point's later passes (Replay) keep the text's counts, moved with
// the text and corrected where a fix changed a code point: the same counts
// as taken anew, also after a fix of another UTF-8 length (輗 -> 𫐐, 3 -> 4
// bytes).
TEST(ZhConsistency, KeptCountsMatchCountsTakenAnew) {
  using zh_internal::Replay;
  using zh_internal::TextCounts;
  const std::string before = "佔位佔位於是\n大车无輗，佔位後來佔位\n於是佔位";
  const std::string after = "佔位佔位于是\n大车无𫐐，佔位后來佔位\n于是佔位";
  Replay replay;
  replay.Begin(ZhScript::kHant);
  replay.Next(before, after);
  ASSERT_TRUE(replay.active());
  EXPECT_EQ(replay.changes().size(), 4u);
  TextCounts kept(before);
  // Counted on the text before: characters and the pair index.
  for (char32_t c : {U'於', U'于', U'後', U'后', U'佔'}) kept.Char(c, 0);
  kept.Pair(U'佔', U'位', 0);
  kept.Update(before, after, replay);
  kept.Rebase(after);
  TextCounts anew(after);
  for (size_t at : {size_t{0}, after.size() / 2, after.size()}) {
    for (char32_t c : {U'於', U'于', U'後', U'后', U'佔'})
      EXPECT_EQ(kept.Char(c, at), anew.Char(c, at)) << static_cast<uint32_t>(c) << " at " << at;
    for (auto [a, b] : {std::pair{U'佔', U'位'}, std::pair{U'位', U'后'}, std::pair{U'后', U'來'},
                        std::pair{U'位', U'後'}, std::pair{U'後', U'來'}, std::pair{U'无', U'𫐐'}})
      EXPECT_EQ(kept.Pair(a, b, at), anew.Pair(a, b, at)) << " at " << at;
  }
  // Offsets after the longer fix moved by one byte.
  EXPECT_EQ(replay.Moved(before.size()), after.size());
}

// Replay follows only texts with the same lines: it tells from the changed
// bytes alone, so a change that takes a line break away or writes one
// leaves it inactive, with no changes, as counting the texts' lines did.
TEST(ZhConsistency, ReplayStopsWhereAChangeMovesALineBreak) {
  using zh_internal::Replay;
  for (auto [before, after] : {std::pair<std::string, std::string>{"於是\n佔位", "于是，佔位"},
                               {"於是，佔位", "于是\n佔位"},
                               {"於是\n佔位\n", "于是\n佔位\n"}}) {
    Replay replay;
    replay.Begin(ZhScript::kHant);
    replay.Next(before, after);
    const bool same_lines = std::count(before.begin(), before.end(), '\n') ==
                            std::count(after.begin(), after.end(), '\n');
    EXPECT_EQ(replay.active(), same_lines) << after;
    EXPECT_EQ(replay.changes().size(), same_lines ? 1u : 0u) << after;
  }
}

TEST(ZhConsistency, TargetPicksTheTraditionalStandard) {
  EXPECT_EQ(Consistency("").traditional_config(), "s2tw");
  EXPECT_EQ(Consistency("zh-Hant").traditional_config(), "s2t");
  EXPECT_EQ(Consistency("zh-HK").traditional_config(), "s2hk");
  std::string s = "這個問題很複雜，裡面的內容用于說明。";
  Report r;
  Consistency("zh-Hant").Fix(s, ZhScript::kHant, r);
  EXPECT_EQ(s, "這個問題很複雜，裡面的內容用於說明。");
}

TEST(ZhConsistency, FilterRunsByDefaultAndCanBeTurnedOff) {
  const std::string in =
      "美國總統拜登公布了新的出口管制政策，進一步限制晶片和技術向大多數國家的出口，用于人工智能。"
      "\n";
  test::CliResult on = test::RunCli({"--explain"}, in);
  EXPECT_EQ(on.exit_code, 0) << on.err;
  EXPECT_NE(on.out.find("用於人工智能"), std::string::npos) << on.out;
  EXPECT_NE(on.err.find("zh: consistency"), std::string::npos) << on.err;
  EXPECT_NE(on.err.find("zh.consistency-chars=1"), std::string::npos) << on.err;
  test::CliResult off = test::RunCli({"--no-zh-consistency"}, in);
  EXPECT_NE(off.out.find("用于人工智能"), std::string::npos) << off.out;
  // An explicit configuration converts everything; no consistency step.
  test::CliResult fixed = test::RunCli({"--zh=s2t", "--explain"}, in);
  EXPECT_EQ(fixed.err.find("consistency"), std::string::npos) << fixed.err;
}

TEST(ZhConsistency, RegionalTargetsReportTheirConfiguration) {
  test::CliResult tw =
      test::RunCli({"--zh-target=zh-TW", "--explain"}, "这款软件通过网络下载，芯片很重要。\n");
  EXPECT_NE(tw.out.find("這款軟體透過網路下載，晶片很重要。"), std::string::npos) << tw.out;
  EXPECT_NE(tw.err.find("zh.config=s2twp"), std::string::npos) << tw.err;
  test::CliResult hk = test::RunCli({"--zh-target=zh-HK", "--explain"}, "这款软件通过网络下载。\n");
  EXPECT_NE(hk.out.find("這款軟件通過網絡下載。"), std::string::npos) << hk.out;
  EXPECT_NE(hk.err.find("zh.config=s2hk"), std::string::npos) << hk.err;
}

// Issue 15, case 9: what `norm zh` converts comes from the reader of the
// input's format, not from a scan for markup.
TEST(ZhConsistency, StageProseComesFromTheFormatsReader) {
  test::CliResult text =
      test::RunCli({"zh", "--zh=s2t", "--format=text"}, "说明 <code> 说明\n\n说明\n");
  EXPECT_EQ(text.out, "說明 <code> 說明\n\n說明\n");
  test::CliResult ref = test::RunCli({"zh", "--zh=s2t", "--format=text"}, "[x]:  说明文字\n");
  EXPECT_EQ(ref.out, "[x]:  說明文字\n");
  test::CliResult url = test::RunCli({"zh", "--zh=s2t", "--format=text"},
                                     "见https://example.com/page说明 https://a.org/wiki/发布\n");
  EXPECT_EQ(url.out, "見https://example.com/page說明 https://a.org/wiki/发布\n");
  // Markdown: an unclosed <code> is code up to the end of its paragraph.
  test::CliResult md =
      test::RunCli({"zh", "--zh=s2t", "--format=markdown"}, "说明 <code> 说明\n\n说明\n");
  EXPECT_EQ(md.out, "說明 <code> 说明\n\n說明\n");
}

}  // namespace
}  // namespace norm

namespace norm {
namespace {

// The one pass that counts a document's script reads its lines' classes for
// the consistency step (zh_internal::ReadDocLines): the same counts as
// CountZhScript, each line's classes as the step reads the line alone, and
// only whole lines found.
TEST(ZhConsistency, DocumentPassReadsEachLineAsTheStepDoes) {
  const std::string text =
      "這是繁體中文，用于測試。\nplain ASCII line\n这是简体中文的一行\nひらがなの行です漢字\n"
      "皇后與乾隆\n\n最后一行没有换行";
  ZhScriptCounts counts, expected;
  zh_internal::DocLines lines;
  zh_internal::ReadDocLines(text, &counts, &lines);
  CountZhScript(text, &expected);
  EXPECT_EQ(counts.simplified_only, expected.simplified_only);
  EXPECT_EQ(counts.traditional_only, expected.traditional_only);
  size_t pos = 0, k = 0;
  for (;; ++k) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    const std::string_view line = std::string_view(text).substr(pos, nl - pos);
    const zh_internal::LineClasses* found = lines.Whole(lines.LineAt(pos), pos, line.size());
    ASSERT_NE(found, nullptr) << k;
    const zh_internal::LineClasses alone = zh_internal::ReadLineClasses(line);
    EXPECT_EQ(found->counts.simplified_only, alone.counts.simplified_only) << k;
    EXPECT_EQ(found->counts.traditional_only, alone.counts.traditional_only) << k;
    EXPECT_EQ(found->evidence.simplified_only, alone.evidence.simplified_only) << k;
    EXPECT_EQ(found->evidence.traditional_only, alone.evidence.traditional_only) << k;
    EXPECT_EQ(found->simplified_shared, alone.simplified_shared) << k;
    EXPECT_EQ(found->traditional_shared, alone.traditional_shared) << k;
    if (nl == text.size()) break;
    pos = nl + 1;
  }
  EXPECT_EQ(lines.starts.size(), k + 1);
  // Part of a line (a piece cut at a URL) is read on its own.
  EXPECT_EQ(lines.LineAt(1), 0u);
  EXPECT_EQ(lines.Whole(0, 1, 3), nullptr);
  EXPECT_EQ(lines.Whole(0, 0, 3), nullptr);
  // The Japanese line is no evidence.
  const zh_internal::LineClasses* jp =
      lines.Whole(3, text.find("ひら"), std::string_view("ひらがなの行です漢字").size());
  ASSERT_NE(jp, nullptr);
  EXPECT_EQ(jp->evidence.simplified_only + jp->evidence.traditional_only, 0);
}

// Consistency through the document pass changes what it changed before:
// the first pass reads the lines' classes from the count, not the lines.
TEST(ZhConsistency, StrayCharactersFixedThroughTheDocumentPass) {
  Options o;
  Status st;
  auto f = ZhFilter::Make(o, &st);
  ASSERT_NE(f, nullptr) << st.message();
  Report r;
  const std::string out = f->TransformRaw(
      "這是一個測試，我們用于說明。\n第二行也是繁體中文的內容。\n", InputFormat::kText, r);
  EXPECT_NE(out.find("用於"), std::string::npos) << out;
}

}  // namespace
}  // namespace norm
