// The per-language letter model (lang_model.h) learned from Debian's
// translations.
#include "lang_model.h"

#include <gtest/gtest.h>

#include <string>

#include "norm/decode.h"
#include "text_model.h"

namespace norm {
namespace {

std::string As(std::string_view bytes, const char* encoding) {
  DecodeOptions o;
  o.from_code = encoding;
  return DecodeBytes(bytes, o).text;
}

TEST(LangModel, KnowsWhichLanguageWritesWhichLetters) {
  EXPECT_EQ(lang_model::BestLanguage("le fichier a \u00E9t\u00E9 cr\u00E9\u00E9 apr\u00E8s"), "fr");
  EXPECT_EQ(
      lang_model::BestLanguage("P\u0159\u00EDli\u0161 \u017Elu\u0165ou\u010Dk\u00FD k\u016F\u0148"),
      "cs");
  EXPECT_EQ(
      lang_model::BestLanguage("\u0421\u044A\u0435\u0448\u044C \u0436\u0435 \u0435\u0449\u0451"),
      "ru");
}

TEST(LangModel, TheRightCodePageGainsMore) {
  // The same bytes in two code pages: French è and à (windows-1252), or
  // č and ŕ (ISO-8859-2).
  const std::string fr = "le fichier a \xE9t\xE9 cr\xE9\xE9 apr\xE8s la mise \xE0 jour";
  EXPECT_GT(lang_model::LetterGain(As(fr, "windows-1252")),
            lang_model::LetterGain(As(fr, "ISO-8859-2")) + 3.0);
  // Russian in KOI8-R, and the same bytes read as windows-1251.
  const std::string koi8 = "\xE7\xEF\xF7\xEF\xF2\xE9\xF4\xD8 \xD0\xCF-\xD2\xD5\xD3\xD3\xCB\xC9";
  EXPECT_GT(lang_model::LetterGain(As(koi8, "KOI8-R")),
            lang_model::LetterGain(As(koi8, "windows-1251")) + 10.0);
  // Greek capitals are letters too.
  EXPECT_GT(lang_model::LetterGain("\u0397 \u039D\u0391\u03A5\u03A4\u0395\u039C\u03A0\u039F"
                                   "\u03A1\u0399\u039A\u0397"),
            0.0);
}

// Icelandic, Latvian, Albanian and Dutch have no usable translated Essential
// package: their models come from Debian's word lists (gen_lang_model.py
// WORD_LISTS).
TEST(LangModel, WordListLanguagesAreModelled) {
  const std::string is =
      "\u00DE\u00FA getur ekki vista\u00F0 skr\u00E1na \u00FEv\u00ED a\u00F0 m\u00F6ppan er "
      "ekki til. Veldu a\u00F0ra m\u00F6ppu og reyndu aftur.";
  const std::string lv =
      "Failu nevar saglab\u0101t, jo mape neeksist\u0113. Izv\u0113lieties citu mapi un "
      "m\u0113\u0123iniet v\u0113lreiz.";
  const std::string sq =
      "Nuk mund t\u00EB ruhet skedari sepse dosja nuk ekziston. Zgjidhni nj\u00EB dosje "
      "tjet\u00EBr dhe provoni p\u00EBrs\u00EBri.";
  EXPECT_EQ(lang_model::BestLanguage(is), "is");
  EXPECT_EQ(lang_model::BestLanguage(lv), "lv");
  EXPECT_EQ(lang_model::BestLanguage(sq), "sq");
  // Dutch has catalogues, but with too few letters beyond ASCII (0.13%).
  EXPECT_EQ(
      lang_model::BestLanguage("de idee\u00EBn van het comit\u00E9 zijn ge\u00EFnteresseerd in "
                               "financi\u00EBle gegevens"),
      "nl");
  // Icelandic in windows-1252 against the same bytes read as windows-1257
  // (\u00F0 -> \u0161, \u00FE -> \u017E, \u00E1 -> \u012F), the misreading
  // the catalogue-trained models preferred.
  const std::string is1252 =
      "\xDE\xFA getur ekki vista\xF0 skr\xE1na \xFEv\xED a\xF0 m\xF6ppan er ekki til.";
  EXPECT_GT(lang_model::LetterGain(As(is1252, "windows-1252")),
            lang_model::LetterGain(As(is1252, "windows-1257")) + 3.0);
}

// Romanian's ș ț (comma below) and ş ţ (cedilla, typed where the code page
// lacked the comma) are one letter to the model: the two readings of the
// same bytes (ISO-8859-16 and windows-1250) gain alike.
TEST(LangModel, RomanianCommaAndCedillaAreOneLetter) {
  const std::string comma =
      "Alege\u021Bi alt dosar \u0219i \u00EEncerca\u021Bi din nou, sau renun\u021Ba\u021Bi "
      "la aceast\u0103 opera\u021Bie.";
  const std::string cedilla =
      "Alege\u0163i alt dosar \u015Fi \u00EEncerca\u0163i din nou, sau renun\u0163a\u0163i "
      "la aceast\u0103 opera\u0163ie.";
  EXPECT_EQ(lang_model::BestLanguage(comma), "ro");
  EXPECT_EQ(lang_model::BestLanguage(cedilla), "ro");
  EXPECT_GT(lang_model::LetterGain(cedilla), 10.0);
  // Only the generic unigram terms the gain replaces differ (1 ș, 5 ț).
  const double generic = text_model::LogFreq(0x219) - text_model::LogFreq(0x15F) +
                         5 * (text_model::LogFreq(0x21B) - text_model::LogFreq(0x163));
  EXPECT_NEAR(lang_model::LetterGain(comma) - lang_model::LetterGain(cedilla), -generic, 1e-6);
}

TEST(LangModel, AsciiAndUnmodelledScriptsAreNeutral) {
  EXPECT_EQ(lang_model::LetterGain("plain ASCII text, nothing to tell"), 0.0);
  EXPECT_EQ(lang_model::LetterGain("\u4E2D\u6587 and \u65E5\u672C\u8A9E"), 0.0);
  EXPECT_EQ(lang_model::BestLanguage("plain ASCII"), "");
}

TEST(LangModel, LoneLettersOfAnotherScriptLose) {
  // windows-1252's pound sign read as windows-1251's Cyrillic Je, and
  // Hungarian ú read as ISO-8859-8's tav: letters that never stand two
  // together spell no word.
  const std::string pounds =
      "I stand to lift \xA3"
      "825, not bad for a \xA3"
      "2 bet";
  EXPECT_LE(lang_model::LetterGain(As(pounds, "windows-1251")), -6.0);
  EXPECT_EQ(lang_model::LetterGain(As(pounds, "windows-1252")), 0.0);
  EXPECT_LE(lang_model::LetterGain("Az \u05EAj"), -3.0);
  // A one-letter word beside longer ones is a word like any other.
  EXPECT_GT(lang_model::LetterGain("\u0432 \u0434\u043E\u043C\u0435"), -3.0);
}

TEST(LangModel, CountsLettersNoLanguageChecks) {
  EXPECT_EQ(lang_model::UncheckedLetters("\u05E9\u05DC\u05D5\u05DD and \u0633\u0644\u0627\u0645"),
            8u);
  EXPECT_EQ(lang_model::UncheckedLetters("\u0447\u0442\u043E caf\u00E9 \u4E2D\u6587"), 0u);
}

TEST(LangModel, ComposesCombiningTones) {
  // windows-1258 spells Vietnamese tones as combining marks.
  EXPECT_EQ(lang_model::BestLanguage(
                "Vie\u0323\u0302t Nam la\u0300 mo\u0323\u0302t n\u01B0o\u031B\u0301c"),
            "vi");
}

// The letter model keeps each skeleton's per-language base for a few texts:
// alternating between readings of different skeletons gives each the gain
// it has alone.
TEST(LangModel, GainDoesNotDependOnWhatWasScoredBefore) {
  const std::string ru = "Привет, как дела? Всё хорошо, спасибо. Погода сегодня тёплая.";
  const std::string fr = "Le café est très bon, même en été; à bientôt, Noël.";
  const std::string el = "Καλημέρα, τι κάνεις; Όλα καλά, ευχαριστώ πολύ.";
  const double alone_ru = lang_model::LetterGain(ru);
  const double alone_fr = lang_model::LetterGain(fr);
  const double alone_el = lang_model::LetterGain(el);
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(lang_model::LetterGain(fr), alone_fr);
    EXPECT_EQ(lang_model::LetterGain(ru), alone_ru);
    EXPECT_EQ(lang_model::LetterGain(el), alone_el);
    EXPECT_EQ(lang_model::LetterGain(ru + " " + fr), lang_model::LetterGain(ru + " " + fr));
  }
}

// Catalan's ela geminada: a middle dot between two Latin letters is part of
// the word ("col·lecció"), so the right reading of IBM850's middle dot beats
// windows-1250's "ú" in its place, which a word break there let win.
TEST(LangModel, MiddleDotInsideACatalanWordIsALetter) {
  const std::string ca =
      "No s'han pogut instal\u00B7lar els paquets de la col\u00B7lecci\u00F3 seleccionada.";
  EXPECT_EQ(lang_model::BestLanguage(ca), "ca");
  const std::string ca850 = "Els paquets instal\xFAlats no s'han pogut actualitzar";
  EXPECT_GT(lang_model::LetterGain(As(ca850, "ibm-850")),
            lang_model::LetterGain(As(ca850, "windows-1250")) + 3.0);
  // Elsewhere it stays punctuation.
  EXPECT_EQ(lang_model::LetterGain("preu \u00B7 quantitat"),
            lang_model::LetterGain("preu quantitat"));
}

}  // namespace
}  // namespace norm
