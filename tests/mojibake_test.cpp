#include "mojibake.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "damage.h"

namespace norm {
namespace {

std::string Fix(std::string_view s, Report* report = nullptr) {
  MojibakeFilter f;
  Report local;
  return f.Transform(s, report ? *report : local);
}

TEST(Mojibake, RepairsEachCodePage) {
  EXPECT_EQ(Fix("cafÃ©"), "café");                    // windows-1252
  EXPECT_EQ(Fix("â€œquotedâ€\xC2\x9D"), "“quoted”");  // with a C1 byte
  EXPECT_EQ(Fix("РџСЂРёРІРµС‚"), "Привет");           // windows-1251
  EXPECT_EQ(Fix("caf√©"), "café");                    // MacRoman
  EXPECT_EQ(Fix("caf├⌐"), "café");                    // cp437
  EXPECT_EQ(Fix("σ▒êµîç"), "屈指");             // cp437 as Microsoft maps 0xE6 (µ, ICU has μ)
  EXPECT_EQ(Fix("ĹĽona"), "żona");              // windows-1250
  EXPECT_EQ(Fix("ä¸­æ–‡"), "中文");             // CJK as windows-1252
  EXPECT_EQ(Fix("Îšá½¹ÏƒÎ¼Îµ"), "Κ\u1F79σμε");  // Greek as windows-1252
}

TEST(Mojibake, RepairsStackedLayers) {
  EXPECT_EQ(Fix("cafÃƒÂ©"), "café");
  EXPECT_EQ(Fix("caf\xC3\x83\xC2\x83\xC3\x82\xC2\xA9"), "café");  // Latin-1 twice
}

TEST(Mojibake, RepairsCesu8AndC1AndLostNbsp) {
  // Raw CESU-8 surrogate pair for U+1F600.
  EXPECT_EQ(Fix("smile \xED\xA0\xBD\xED\xB8\x80!"), "smile 😀!");
  // CESU-8 read as windows-1252 with the 0xA0 turned into a space.
  EXPECT_EQ(Fix("í ½í¸€"), "😀");
  // Lone C1 controls are windows-1252 punctuation read as Latin-1.
  EXPECT_EQ(Fix("\xC2\x93hi\xC2\x94"), "“hi”");
  EXPECT_EQ(Fix("voilÃ  tout"), "voilà tout");
}

TEST(Mojibake, FixesPiecesInsideCleanText) {
  EXPECT_EQ(Fix("Привет, cafÃ© and 中文 stay; naïve stays"),
            "Привет, café and 中文 stay; naïve stays");
}

TEST(Mojibake, LeavesCleanTextAlone) {
  const char* clean[] = {
      "naïve café", "Її Всё Її Ні", "ZAŻÓŁĆ GĘŚLĄ JAŹŃ", "α粒子 β版",        "Её брат",
      "SÃO PAULO",  "MAÇÃ É",       "┌──┐ ├─┤ └──┘",     "“quoted” — fine…", "Straße Fuß daß ",
      "В Москве",   "Ђорђе",        "10 °C ± 0.5",       "Ω ≈ √2",           "",
  };
  for (const char* s : clean) {
    Report r;
    EXPECT_EQ(Fix(s, &r), s) << s;
    EXPECT_EQ(r.Get("mojibake", "fixed"), 0) << s;
  }
  MojibakeFilter f;
  EXPECT_FALSE(f.MayChange("plain ASCII text, nothing to see"));
  EXPECT_FALSE(f.MayChange("纯中文文本，没有乱码。"));
}

TEST(Mojibake, KeepsLostBytesAsReplacementCharacters) {
  // U+FFFD (or '?' beside a known continuation byte) inside a UTF-8 sequence
  // is a byte the wrong decoder lost: the character comes back as U+FFFD,
  // never as a guess, and is counted.
  Report r;
  EXPECT_EQ(Fix("KrakÃ³w i Å\uFFFDÃ³dÅº", &r), "Kraków i \uFFFDódź");
  EXPECT_EQ(r.Get("mojibake", "lost-bytes-kept"), 1);
  EXPECT_EQ(Fix("Ð Ð¾Ñ\uFFFDÑ\uFFFDÐ¸Ñ\u008F"), "Ро\uFFFD\uFFFDия");
  EXPECT_EQ(Fix("He said â€œyesâ€?"), "He said “yes\uFFFD");
  EXPECT_EQ(Fix("Ã¯Â¿Â½"), "\uFFFD");  // U+FFFD itself, read as windows-1252 twice
  // A '?' after a capital is a question mark (`CAFÉ?`), not a lost byte.
  EXPECT_EQ(Fix("CAFÉ? OUI"), "CAFÉ? OUI");
}

TEST(Mojibake, RestoresLostNbspBeforeLetters) {
  // à keeps the real space that followed its lost 0xA0 byte ...
  EXPECT_EQ(Fix("Ã la carte, cafÃ© et crÃ¨me"), "à la carte, café et crème");
  // ... except before the Portuguese crasis words, where the space was the byte.
  EXPECT_EQ(Fix("Ã s vezes o cafÃ© Ã© bom"), "às vezes o café é bom");
  EXPECT_EQ(Fix("Ã quela hora, nÃ£o"), "àquela hora, não");
  EXPECT_EQ(Fix("Å iandien LietuviÅ³ kalba"), "Šiandien Lietuvių kalba");  // windows-1257
  // Alone, `Ã ` between words is too little evidence.
  EXPECT_EQ(Fix("Ã la carte"), "Ã la carte");
}

TEST(Mojibake, RepairsPunctuationSequences) {
  EXPECT_EQ(Fix("un cafГ© вЂ“ trГЁs bon"), "un café – très bon");  // windows-1251
  EXPECT_EQ(Fix("âœ” done â†’ next"), "✔ done → next");
}

TEST(Mojibake, ShortSpansBesideSymbolsNeedStrongEvidence) {
  // Two characters that one code page turns into one are not enough beside
  // a symbol, an NBSP or nothing at all; nor is a repair to a letter no one
  // writes (IPA, rare Latin Extended-B) or a lone letter of another script.
  const char* clean[] = {"ÉLITE® club", "CAFÉ™",       "SEÑOR™ brand",  "MÜNCHEN’s",
                         "x = √π",      "QUÉ¿",        "NAÏVE… ART",    "the “×” sign",
                         "CAFÉ® menu",  "OLÉ’s",       "ÅNGSTRÖM™",     "it costs 5 Å—",
                         "HÀ NỘI ÀÉ",   "╔══╗ ├┤a┼┐a", "PARÍS\u00A0HOY"};
  for (const char* s : clean) {
    Report r;
    EXPECT_EQ(Fix(s, &r), s) << s;
    EXPECT_EQ(r.Get("mojibake", "fixed"), 0) << s;
  }
}

TEST(Mojibake, ShortSpanBesideCleanPunctuationOfTheSameCodePageStays) {
  // `–` is windows-1252's 0x96, a byte no UTF-8 text starts with: this line
  // was not read as windows-1252 as a whole, so one letter from two
  // characters is as likely the writer's as damage.
  for (const char* s : {"Kvartetten – BlÃ¥ time", "“SmÃ¥land”"}) {
    Report r;
    EXPECT_EQ(Fix(s, &r), s) << s;
  }
  // Without it, or with a longer span, the repair stands.
  EXPECT_EQ(Fix("Kvartetten spiller BlÃ¥ time"), "Kvartetten spiller Blå time");
  EXPECT_EQ(Fix("Kvartetten – BlÃ¥ og grÃ¸nn"), "Kvartetten – Blå og grønn");
}

TEST(Mojibake, LeavesRunsPastTheBudgetCounted) {
  // 20,000 characters without an ASCII byte: one run, past the budget.
  std::string run;
  for (int i = 0; i < 10000; ++i) run += "Ã©";
  Report r;
  EXPECT_EQ(Fix(run + " cafÃ©", &r), run + " café");
  EXPECT_EQ(r.Get("mojibake", "runs-too-long"), 1);
}

TEST(Mojibake, ReportsEveryRepair) {
  Report r;
  std::string out = Fix("ab cafÃ© x РџСЂРёРІРµС‚", &r);
  EXPECT_EQ(out, "ab café x Привет");
  EXPECT_EQ(r.Get("mojibake", "fixed"), 2);
  EXPECT_EQ(r.Get("mojibake", "via-windows-1252"), 1);
  EXPECT_EQ(r.Get("mojibake", "via-windows-1251"), 1);
  ASSERT_EQ(r.events().size(), 2u);
  EXPECT_EQ(r.events()[0].filter, "mojibake");
  EXPECT_EQ(r.events()[0].what, "utf8-as-windows-1252");
  EXPECT_EQ(r.events()[0].position, 6);
  EXPECT_EQ(r.events()[0].before, "Ã©");
  EXPECT_EQ(r.events()[0].after, "é");
  EXPECT_EQ(r.events()[1].before, "РџСЂРёРІРµС‚");
  EXPECT_EQ(r.events()[1].after, "Привет");
}

TEST(Mojibake, BadnessSeparatesCleanFromDamaged) {
  EXPECT_EQ(MojibakeBadness("café naïve Привет"), 0);
  EXPECT_GT(MojibakeBadness("cafÃ©"), 2);
  EXPECT_GT(MojibakeBadness("РџСЂРёРІРµС‚"), 5);
}

// The benchmark sentences damaged by every lossless single-byte kind: the
// repair rate must stay at the level docs/performance.md reports.
TEST(Mojibake, RestoresDamagedSentences) {
  std::ifstream in(NORM_SOURCE_DIR "/bench/corpus/sentences.txt");
  ASSERT_TRUE(in) << "bench/corpus/sentences.txt";
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l[0] != '#') lines.push_back(l);
  }
  MojibakeFilter f;
  int rows = 0, exact = 0;
  for (const char* kind : {"utf8-as-windows-1252", "utf8-as-iso-8859-1", "utf8-as-windows-1251",
                           "utf8-as-macintosh", "utf8-as-ibm437", "utf8-as-windows-1252-x2"}) {
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string damaged, error;
      ASSERT_TRUE(damage::Apply(kind, lines[i], i, &damaged, &error)) << error;
      if (damaged == lines[i]) continue;
      Report r;
      ++rows;
      if (f.Transform(damaged, r) == lines[i]) ++exact;
    }
  }
  ASSERT_GT(rows, 500);
  EXPECT_GE(exact * 100, rows * 98) << exact << "/" << rows;
}

}  // namespace
}  // namespace norm
