// Unit tests for the character plausibility model (libnorm/src/model/text_model.h).
// The damaged strings below were produced by encoding the clean sentence and
// decoding the bytes with the wrong codec (Python codecs), so each pair
// covers the same bytes: the clean one must win by a wide margin.
#include "text_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>

namespace norm::text_model {
namespace {

const std::string kZh = "今天天气很好，我们去公园散步吧。这个城市的经济发展很快。";
const std::string kTw = "今天天氣很好，我們去公園散步吧。這個城市的經濟發展很快。";
const std::string kJa = "日本語のテキストを正しく表示するのは難しいです。";
const std::string kKo = "한국어 텍스트를 올바르게 표시하는 것은 어렵습니다.";
const std::string kRu = "Привет, как дела? Всё хорошо.";

// UTF-8 bytes of kZh read as GBK.
const std::string kZhUtf8AsGbk =
    "浠婂ぉ澶╂皵寰堝ソ锛屾垜浠�鍘诲叕鍥�鏁ｆ�ュ惂銆傝繖涓�鍩庡競鐨勭粡娴庡彂灞曞緢蹇�銆�";
// GBK bytes of kZh read as Big5 and as windows-1252.
const std::string kZhGbkAsBig5 = "踏毞毞ァ竭疑ㄛ扂蠅�旦帟勘３蔑氶�涴跺傑庈腔冪撳楷桯竭辦﹝";
const std::string kZhGbkAs1252 = "½ñÌìÌìÆøºÜºÃ£¬ÎÒÃÇÈ¥¹«Ô°É¢²½°É¡£Õâ¸ö³ÇÊÐµÄ¾­¼Ã·¢Õ¹ºÜ¿ì¡£";
// Shift_JIS bytes of kJa read as GBK; UTF-8 bytes of kJa read as Shift_JIS.
const std::string kJaSjisAsGbk = "擔杮岅偺僥僉僗僩傪惓偟偔昞帵偡傞偺偼擄偟偄偱偡丅";
const std::string kJaUtf8AsSjis =
    "譌･譛ｬ隱槭�ｮ繝�繧ｭ繧ｹ繝医ｒ豁｣縺励￥陦ｨ遉ｺ縺吶ｋ縺ｮ縺ｯ髮｣縺励＞縺ｧ縺吶��";
// EUC-KR bytes of kKo read as GBK.
const std::string kKoEucKrAsGbk = "茄惫绢 咆胶飘甫 棵官福霸 钎矫窍绰 巴篮 绢菲嚼聪促.";
// KOI8-R bytes of kRu read as windows-1251.
const std::string kRuKoi8As1251 = "рТЙЧЕФ, ЛБЛ ДЕМБ? чУЈ ИПТПЫП.";

TEST(TextModel, ClassesComeFromUnicodeData) {
  EXPECT_EQ(ClassOf(U'a'), TextClass::kLatinLower);
  EXPECT_EQ(ClassOf(U'Ä'), TextClass::kLatinUpper);
  EXPECT_EQ(ClassOf(U'ж'), TextClass::kCyrillicLower);
  EXPECT_EQ(ClassOf(U'Ω'), TextClass::kGreekUpper);
  EXPECT_EQ(ClassOf(U'中'), TextClass::kHan);
  EXPECT_EQ(ClassOf(U'の'), TextClass::kHiragana);
  EXPECT_EQ(ClassOf(U'ｱ'), TextClass::kHalfwidthKana);
  EXPECT_EQ(ClassOf(U'한'), TextClass::kHangul);
  EXPECT_EQ(ClassOf(U'。'), TextClass::kCjkPunct);
  EXPECT_EQ(ClassOf(0x85), TextClass::kControl);
  EXPECT_EQ(ClassOf(0xE000), TextClass::kPrivateUse);
  EXPECT_EQ(ClassOf(0xFFFD), TextClass::kInvalid);
  EXPECT_EQ(ClassOf(0x20000), TextClass::kHan);
  EXPECT_EQ(ClassOf(0x10FFFF), TextClass::kInvalid);
}

TEST(TextModel, HanFrequenciesFollowJieba) {
  // 的 is the most frequent Chinese character; 龘 is a curiosity.
  EXPECT_GT(LogFreq(U'的'), -6.5);
  EXPECT_LT(LogFreq(U'龘'), -13.0);
  EXPECT_GT(LogFreq(U'的'), LogFreq(U'国') - 1.0);
  EXPECT_GT(LogFreq(U'国'), LogFreq(U'鬱'));
  // Traditional forms come from OpenCC's conversion of the same words.
  EXPECT_GT(LogFreq(U'國'), -8.0);
  EXPECT_GT(LogFreq(U'們'), -8.0);
  // Japanese-only shinjitai kanji get a Unihan tier (Joyo), not the floor.
  EXPECT_GT(LogFreq(U'駅'), -12.0);
  // Every probability is a probability.
  for (char32_t c = 0; c < 0x10000; c += 7) ASSERT_LE(LogFreq(c), 0.0) << static_cast<uint32_t>(c);
}

TEST(TextModel, CommonHangulIsKsX1001) {
  // KS X 1001 encodes 2,350 syllables in two bytes; the other 8,822 (which
  // Unified Hangul Code adds, and which Python's euc_kr spells as 8-byte
  // jamo sequences) are rare. Shift_JIS read as CP949 lands on those.
  size_t common = 0;
  for (char32_t c = 0xAC00; c <= 0xD7A3; ++c) common += LogFreq(c) > -10.0;
  EXPECT_EQ(common, 2350u);
  EXPECT_GT(LogFreq(U'한'), -8.0);  // B0 A1.. block: in KS X 1001
  EXPECT_GT(LogFreq(U'국'), -8.0);
  EXPECT_LT(LogFreq(U'똠'), -10.0);  // famously missing from KS X 1001
  EXPECT_LT(LogFreq(U'갂'), -10.0);  // UHC's 0x8141
}

TEST(TextModel, HangulKoreanWritesScoresAboveTheRestOfKsX1001) {
  // Of KS X 1001's 2,350 syllables, Korean writes some 700 (Debian's Korean
  // catalogues); Chinese and Japanese bytes read as EUC-KR land on the rest.
  size_t written = 0;
  for (char32_t c = 0xAC00; c <= 0xD7A3; ++c) written += LogFreq(c) > -8.0;
  EXPECT_GT(written, 500u);
  EXPECT_LT(written, 1200u);
  EXPECT_GT(LogFreq(U'다'), LogFreq(U'뒝'));
  EXPECT_LT(LogFreq(U'뒝'), -8.0);  // in KS X 1001, seldom written
  EXPECT_GT(LogFreq(U'뒝'), -10.0);
}

TEST(TextModel, BigramsFromWords) {
  EXPECT_NE(BigramLogFreq(U'中', U'国'), kNoBigram);
  EXPECT_GT(BigramLogFreq(U'中', U'国'), -4.0);
  EXPECT_NE(BigramLogFreq(U'中', U'國'), kNoBigram);  // Traditional word 中國
  EXPECT_EQ(BigramLogFreq(U'龘', U'鬱'), kNoBigram);
  EXPECT_EQ(BigramLogFreq(U'a', U'b'), kNoBigram);
  EXPECT_EQ(BigramLogFreq(0x20000, U'中'), kNoBigram);
  EXPECT_LE(BackoffLogFreq(U'中'), 0.0);
  EXPECT_EQ(BackoffLogFreq(U'a'), 0.0);
}

TEST(TextModel, HanScriptFromOpenCC) {
  using text_model::HanScript;
  // 后 counts as Simplified: Traditional text keeps it in few words (皇后).
  for (char32_t c : {U'为', U'们', U'这', U'费', U'后'}) {
    EXPECT_EQ(text_model::ScriptOf(c), HanScript::kSimplified) << static_cast<uint32_t>(c);
  }
  for (char32_t c : {U'為', U'們', U'這', U'費', U'裏'}) {
    EXPECT_EQ(text_model::ScriptOf(c), HanScript::kTraditional) << static_cast<uint32_t>(c);
  }
  // Shared by both scripts (着 stays in OpenCC s2t text), or not Han.
  for (char32_t c : {U'的', U'面', U'着', U'干', U'里', U'a', U'。'}) {
    EXPECT_EQ(text_model::ScriptOf(c), HanScript::kEither) << static_cast<uint32_t>(c);
  }
}

TEST(TextModel, CleanTextScoresWell) {
  EXPECT_GT(Score(kZh), -6.5);
  EXPECT_GT(Score(kTw), -6.5);
  EXPECT_LT(std::abs(Score(kZh) - Score(kTw)), 1.5);
  EXPECT_GT(Score(kJa), -6.5);
  EXPECT_GT(Score(kKo), -6.5);
  EXPECT_GT(Score(kRu), -5.0);
  EXPECT_GT(Score("The quick brown fox jumps over the lazy dog."), -4.5);
  EXPECT_GT(Score("Le café est très bon à Paris."), -4.5);
}

TEST(TextModel, CleanTextBeatsWrongDecodingsOfTheSameBytes) {
  const double zh = ScoreText(kZh).sum;
  EXPECT_GT(zh, ScoreText(kZhUtf8AsGbk).sum + 150);
  EXPECT_GT(zh, ScoreText(kZhGbkAsBig5).sum + 100);
  EXPECT_GT(zh, ScoreText(kZhGbkAs1252).sum + 150);
  EXPECT_GT(ScoreText(kJa).sum, ScoreText(kJaSjisAsGbk).sum + 100);
  EXPECT_GT(ScoreText(kJa).sum, ScoreText(kJaUtf8AsSjis).sum + 200);
  EXPECT_GT(ScoreText(kKo).sum, ScoreText(kKoEucKrAsGbk).sum + 80);
  EXPECT_GT(ScoreText(kRu).sum, ScoreText(kRuKoi8As1251).sum + 30);
  // Mean per character separates them too.
  EXPECT_GT(Score(kZh), Score(kZhUtf8AsGbk) + 2.0);
  EXPECT_GT(Score(kZh), Score(kZhGbkAsBig5) + 1.0);
}

TEST(TextModel, RandomHanNoiseScoresLow) {
  std::u32string noise;
  uint32_t x = 12345;
  for (int i = 0; i < 400; ++i) {
    x = x * 1103515245u + 12345u;
    noise.push_back(0x4E00 + (x >> 8) % (0x9FA5 - 0x4E00));
  }
  EXPECT_LT(Score(noise), -9.0);
  EXPECT_LT(Score(noise), Score(kZh) - 3.0);
}

TEST(TextModel, DamageSignalsArePenalised) {
  // Case flipping inside words, C1 controls, private use, U+FFFD.
  EXPECT_GT(Score("hello world"), Score("hELLo WoRLd") + 0.5);
  EXPECT_LT(Score("abc\xC2\x85"
                  "def"),
            Score("abcxdef") - 1.5);
  EXPECT_LT(ScoreText("a\xEE\x80\x80"
                      "b")
                .sum,
            ScoreText("a b").sum - 10);
  EXPECT_LT(ScoreText("ab\xFF").sum, ScoreText("ab").sum - 15);  // invalid byte
}

TEST(TextModel, QuotesAtAWordsEdgeAreNotGluedPunctuation) {
  // A dash inside a word is damage ("se–ora"); a quotation mark or an
  // inverted mark touching the word it opens or closes is not.
  auto after_letter = [](char32_t c) { return ConditionalLogFreq(U'e', c) - LogFreq(c); };
  for (char32_t q : {U'\u00AB', U'\u00BB', U'\u201C', U'\u201D', U'\u201E', U'\u00BF', U'\u00A1'}) {
    EXPECT_GT(after_letter(q), after_letter(U'\u2013') + 2.0) << static_cast<uint32_t>(q);
    EXPECT_GT(ConditionalLogFreq(q, U'N') - LogFreq(q),
              ConditionalLogFreq(U'\u2013', U'N') - LogFreq(U'\u2013') + 2.0)
        << static_cast<uint32_t>(q);
  }
}

TEST(TextModel, ScorerMatchesWholeTextScore) {
  Scorer s;
  s.AddUtf8(kZh.substr(0, 9));
  s.AddUtf8(kZh.substr(9));
  EXPECT_DOUBLE_EQ(s.score().sum, ScoreText(kZh).sum);
  EXPECT_EQ(s.score().chars, ScoreText(kZh).chars);
  std::u32string u32 = U"今天天气很好";
  EXPECT_DOUBLE_EQ(ScoreText(u32).sum, ScoreText(std::string("今天天气很好")).sum);
  EXPECT_EQ(ScoreText("").chars, 0u);
  EXPECT_EQ(Score(""), 0.0);
}

// Scorer::AddUtf8 reads ASCII pairs from a table: the sum must be the one
// the per-character terms give, added in the same order, to the last bit
// (the detector's ties between code pages that read a sample alike rest on it).
TEST(TextModel, Utf8ScorerSumsLikeTheCharacterTerms) {
  for (const std::string& text :
       {kZh, kRu, kJaUtf8AsSjis, std::string("Plain ASCII, then caf\xC3\xA9 and \x01\x7F."),
        std::string("\xFF bad \xC3 bytes\n\tend")}) {
    Scorer bulk;
    bulk.AddUtf8(text);
    double sum = 0.0;
    char32_t prev = 0;
    size_t chars = 0;
    for (size_t i = 0; i < text.size();) {
      const auto b = static_cast<unsigned char>(text[i]);
      char32_t c = 0xFFFD;
      size_t len = 1;
      if (b < 0x80) {
        c = b;
      } else {
        Scorer one;  // a lone character: its code point through the scorer's decoder
        const size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        bool valid = n > 1 && i + n <= text.size();
        for (size_t k = 1; valid && k < n; ++k) {
          valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        }
        if (valid) {
          one.AddUtf8(text.substr(i, n));
          c = one.prev();
          len = n;
        }
      }
      sum += ConditionalLogFreq(prev, c);
      prev = c;
      ++chars;
      i += len;
    }
    EXPECT_EQ(bulk.score().sum, sum) << text;
    EXPECT_EQ(bulk.score().chars, chars) << text;
  }
}

}  // namespace
}  // namespace norm::text_model
