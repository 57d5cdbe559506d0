// DetectEncoding, DecodeBytes and StreamDecoder: one test per evidence
// source and per failure mode. Legacy bytes are made at test time by
// encoding our own UTF-8 sentences with ICU.
#include <gtest/gtest.h>
#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>

#include <random>
#include <string>
#include <vector>

#include "charset.h"
#include "decoded.h"
#include "norm/decode.h"
#include "reading_checks.h"

namespace norm {
namespace {

std::string Encode(std::string_view utf8, const char* encoding) {
  UErrorCode st = U_ZERO_ERROR;
  std::vector<char> buf(utf8.size() * 4 + 16);
  int32_t n = ucnv_convert(encoding, "UTF-8", buf.data(), static_cast<int32_t>(buf.size()),
                           utf8.data(), static_cast<int32_t>(utf8.size()), &st);
  EXPECT_TRUE(U_SUCCESS(st)) << encoding << " " << u_errorName(st);
  return std::string(buf.data(), static_cast<size_t>(n));
}

Detection Detect(std::string_view bytes, std::string lang = "") {
  DecodeOptions o;
  o.lang = std::move(lang);
  return DetectEncoding(bytes, o);
}

Decoded Decode(std::string_view bytes, OnInvalid mode = OnInvalid::kReplace,
               std::string from = "auto") {
  DecodeOptions o;
  o.on_invalid = mode;
  o.from_code = std::move(from);
  return DecodeBytes(bytes, o);
}

const std::string kZh = "今天下午三点，我们在学校门口见面，然后一起去图书馆。";
const std::string kTw = "這家餐廳的牛肉麵非常有名，週末總是要排隊很久。";
const std::string kJa = "明日の朝は早く起きて、駅まで歩いて行くつもりです。";
const std::string kKo = "오늘 저녁에는 친구들과 함께 영화를 보러 갈 예정입니다.";
const std::string kRu = "Вчера вечером мы долго гуляли по набережной и разговаривали.";
const std::string kEn = "The meeting starts at nine o'clock sharp.\n";

// Each test sentence in the legacy encodings of its language, `copies`
// times after `prefix`, is detected and decoded back.
void ExpectLegacySentencesDetected(const std::string& prefix, int copies) {
  struct Case {
    const std::string* text;
    const char* icu;
    const char* expected;
  } cases[] = {{&kZh, "GBK", "GB18030"},         {&kTw, "Big5", "Big5"},
               {&kJa, "Shift_JIS", "Shift_JIS"}, {&kJa, "EUC-JP", "EUC-JP"},
               {&kKo, "EUC-KR", "EUC-KR"},       {&kRu, "windows-1251", "windows-1251"},
               {&kRu, "KOI8-R", "KOI8-R"}};
  for (const Case& c : cases) {
    std::string text = prefix;
    for (int i = 0; i < copies; ++i) text += *c.text;
    const Decoded d = Decode(Encode(text, c.icu));
    EXPECT_EQ(d.detection.encoding, c.expected) << c.icu;
    EXPECT_EQ(d.text, text) << c.icu;
    EXPECT_EQ(d.replaced, 0) << c.icu;
  }
}

// --- evidence sources -------------------------------------------------------

// Every single-byte code page has a byte table; the IBM ones are not
// ASCII-compatible (they read some control bytes as symbols) but read
// letters and digits as ASCII, which lets the detector score them by byte
// pairs when a sample has none of the moved bytes.
TEST(Detect, SingleByteTables) {
  const charset::Encoding* ibm437 = charset::Lookup("IBM437");
  ASSERT_NE(ibm437, nullptr);
  EXPECT_EQ(charset::AsciiCompatibleTable(*ibm437), nullptr);
  const char32_t* cp = charset::SingleByteTable(*ibm437);
  ASSERT_NE(cp, nullptr);
  EXPECT_EQ(cp['A'], U'A');
  EXPECT_EQ(cp[0x82], U'\u00E9');  // é
  const charset::Encoding* cp1252 = charset::Lookup("windows-1252");
  ASSERT_NE(cp1252, nullptr);
  EXPECT_EQ(charset::SingleByteTable(*cp1252), charset::AsciiCompatibleTable(*cp1252));
  EXPECT_EQ(charset::SingleByteTable(*charset::Lookup("Shift_JIS")), nullptr);
}

TEST(Detect, ByteOrderMarks) {
  struct Case {
    std::string bom;
    const char* encoding;
  } cases[] = {{"\xEF\xBB\xBF", "UTF-8"},
               {std::string("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
               {std::string("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
               {"\xFF\xFE", "UTF-16LE"},
               {"\xFE\xFF", "UTF-16BE"}};
  for (const Case& c : cases) {
    const std::string bytes = c.bom + Encode("hi 你好", c.encoding);
    const Decoded d = Decode(bytes);
    EXPECT_EQ(d.detection.encoding, c.encoding);
    EXPECT_EQ(d.detection.source, "bom");
    EXPECT_EQ(d.detection.bom_length, c.bom.size());
    EXPECT_EQ(d.text, "hi 你好") << c.encoding;
  }
}

TEST(Detect, WideBomBeforeUtf8TextIsTwoStrayBytes) {
  // UTF-16 of Latin text has NUL bytes; text after FF FE that has none and is
  // valid UTF-8 is not UTF-16, and reading it so turned it into CJK noise.
  for (const char* bom : {"\xFF\xFE", "\xFE\xFF"}) {
    for (const std::string rest : {"hello world, plain text", "中文的文本，这是一段测试。"}) {
      const Decoded d = Decode(bom + rest);
      EXPECT_NE(d.detection.source, "bom") << rest;
      EXPECT_EQ(d.detection.bom_length, 0u);
      EXPECT_NE(d.text.find(rest), std::string::npos) << d.text;
    }
  }
  // Real UTF-16 keeps its BOM, with or without NUL bytes (CJK-only text).
  for (const char* encoding : {"UTF-16LE", "UTF-16BE"}) {
    const std::string bom = encoding[6] == 'L' ? "\xFF\xFE" : "\xFE\xFF";
    for (const char* text : {"hello world, plain text", "中文的文本这是一段测试"}) {
      const Decoded d = Decode(bom + Encode(text, encoding));
      EXPECT_EQ(d.detection.source, "bom") << encoding << " " << text;
      EXPECT_EQ(d.text, text);
    }
  }
}

TEST(Detect, UserEncodingWinsOverDetectionAndResolvesSupersets) {
  // The user's name is reported in its standard spelling; it decodes as the
  // browser-style superset (GBK bytes under "gb2312").
  const Decoded d = Decode(Encode(kZh, "GBK"), OnInvalid::kReplace, "gb2312");
  EXPECT_EQ(d.detection.encoding, "GB2312");
  EXPECT_EQ(d.detection.source, "user");
  EXPECT_EQ(d.text, kZh);
  EXPECT_EQ(Detect("abc", "").source, "utf8");
  DecodeOptions o;
  o.from_code = "latin1";
  EXPECT_EQ(DetectEncoding("abc", o).encoding, "ISO-8859-1");
  o.from_code = "Shift_JIS";
  EXPECT_EQ(DetectEncoding("abc", o).encoding, "Shift_JIS");
  o.from_code = "cp949";
  EXPECT_EQ(DetectEncoding("abc", o).encoding, "CP949");
  o.from_code = "ibm-855";
  EXPECT_EQ(DetectEncoding("abc", o).encoding, "IBM855");
}

TEST(Detect, UnknownUserEncodingIsAConfigError) {
  const Decoded d = Decode("abc", OnInvalid::kReplace, "klingon-8");
  EXPECT_EQ(d.status.code(), StatusCode::kConfig);
  EXPECT_NE(d.status.message().find("klingon-8"), std::string::npos);
}

TEST(Detect, DeclaredCharsetTrustedWhenItDecodesCleanly) {
  const std::string html = "<html><head><meta charset=\"gbk\"><title>t</title></head><body>" +
                           Encode(kZh, "GBK") + "</body></html>";
  const Decoded d = Decode(html);
  EXPECT_EQ(d.detection.encoding, "GBK");
  EXPECT_EQ(d.detection.source, "declared");
  EXPECT_NE(d.text.find(kZh), std::string::npos);

  const std::string equiv =
      "<meta http-equiv='Content-Type' content='text/html; charset=Shift_JIS'>" +
      Encode(kJa, "Shift_JIS");
  EXPECT_EQ(Detect(equiv).encoding, "Shift_JIS");
  EXPECT_EQ(Detect(equiv).source, "declared");

  const std::string xml =
      "<?xml version=\"1.0\" encoding=\"koi8-r\"?><p>" + Encode(kRu, "KOI8-R") + "</p>";
  EXPECT_EQ(Detect(xml).encoding, "KOI8-R");
  EXPECT_EQ(Detect(xml).source, "declared");

  const std::string front = "---\ntitle: x\nencoding: big5\n---\n" + Encode(kTw, "Big5");
  EXPECT_EQ(Detect(front).encoding, "Big5");
  EXPECT_EQ(Detect(front).source, "declared");
}

TEST(Detect, ConflictingDeclarationLosesToTheBytes) {
  // Declares Latin-1, but the bytes are valid UTF-8 Chinese.
  const std::string utf8 = "<meta charset=iso-8859-1><p>" + kZh + "</p>";
  const Decoded a = Decode(utf8);
  EXPECT_EQ(a.detection.encoding, "UTF-8");
  EXPECT_EQ(a.detection.source, "utf8");
  // Declares UTF-8, but the bytes are GBK: the declaration cannot decode them.
  const std::string gbk = "<meta charset=utf-8><p>" + Encode(kZh, "GBK") + "</p>";
  const Decoded b = Decode(gbk);
  EXPECT_EQ(b.detection.encoding, "GB18030");
  EXPECT_NE(b.detection.source, "declared");
  EXPECT_NE(b.text.find(kZh), std::string::npos);
  // Declares Big5, and Big5 happens to decode these GBK bytes without an
  // error, but into implausible text: the model overrides the declaration.
  const std::string big5 = "<meta charset=big5>" + Encode(kZh + kZh, "GBK");
  EXPECT_EQ(Detect(big5).encoding, "GB18030");
  EXPECT_NE(Detect(big5).source, "declared");
}

TEST(Detect, ValidUtf8IsUtf8HoweverShort) {
  // uchardet alone calls this WINDOWS-1250.
  const Detection d = Detect("caf\xC3\xA9\n");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, "utf8");
  // One multi-byte character is valid UTF-8 by chance now and then (GB2312
  // pairs like C4 A3 are): not sure yet. Three are.
  EXPECT_EQ(d.confidence, 0.85);
  EXPECT_EQ(Detect("caf\xC3\xA9 cr\xC3\xA8me br\xC3\xBBl\xC3\xA9\n").confidence, 1.0);
  EXPECT_EQ(Detect(kEn).confidence, 1.0);
  EXPECT_EQ(Detect(kEn).encoding, "UTF-8");
  EXPECT_EQ(Detect("").encoding, "UTF-8");
}

TEST(Detect, Utf16And32WithoutBomFromNulPatterns) {
  EXPECT_EQ(Detect(Encode(kEn, "UTF-16LE")).encoding, "UTF-16LE");
  EXPECT_EQ(Detect(Encode(kEn, "UTF-16BE")).encoding, "UTF-16BE");
  EXPECT_EQ(Detect(Encode(kEn, "UTF-32LE")).encoding, "UTF-32LE");
  EXPECT_EQ(Detect(Encode(kEn, "UTF-32BE")).encoding, "UTF-32BE");
  // Cyrillic in UTF-16 has few NULs (spaces only); the model decides.
  EXPECT_EQ(Detect(Encode(kRu, "UTF-16LE")).encoding, "UTF-16LE");
  // Chinese in UTF-16 has none at all.
  EXPECT_EQ(Decode(Encode(kZh, "UTF-16LE")).text, kZh);
  EXPECT_EQ(Decode(Encode(kZh, "UTF-16BE")).text, kZh);
  // A short binary blob with a NUL is not UTF-16.
  EXPECT_EQ(Detect(std::string("ab\0cd\n", 6)).encoding.rfind("UTF-16", 0), std::string::npos);
  // A zero-filled block before ASCII text: NULs on both parities are no
  // UTF-16 or UTF-32 (packing them into fewer characters used to win).
  const std::string zeros = std::string(600, '\0') + "<title>ASCII</title>\n";
  EXPECT_EQ(Detect(zeros).encoding.rfind("UTF-", 0), std::string::npos);
}

TEST(Detect, Iso2022JpFromEscapes) {
  const Decoded d = Decode(Encode(kJa, "ISO-2022-JP"));
  EXPECT_EQ(d.detection.encoding, "ISO-2022-JP");
  EXPECT_EQ(d.text, kJa);
}

TEST(Detect, UncheckedScriptsNeedClearEvidenceAgainstUchardet) {
  // Short KOI8-R reads as Arabic in windows-1256 with a slightly better
  // generic score; no letter model checks Arabic, so uchardet's KOI8-R
  // stands.
  const std::string ru = Encode(
      "\u043E, \u0447\u0442\u043E \u0441\u0438\u043D\u0433\u043B "
      "&laquo;Hello World&raquo; \u0434\u043E",
      "KOI8-R");
  EXPECT_EQ(Detect(ru).encoding, "KOI8-R");
}

// A long legacy text whose reading leaves no doubt is decided by the models
// without uchardet (source=model); the models alone are never 0.9 sure of a
// single-byte code page. A short text that gives them too little to go on
// still asks uchardet.
TEST(Detect, ModelsDecideClearTextsWithoutUchardet) {
  std::string ru;
  for (int i = 0; i < 6; ++i) ru += kRu + " ";
  const Detection clear = Detect(Encode(ru, "windows-1251"));
  EXPECT_EQ(clear.encoding, "windows-1251");
  EXPECT_EQ(clear.source, "model");
  EXPECT_LE(clear.confidence, 0.85);
  std::string zh;
  for (int i = 0; i < 4; ++i) zh += kZh;
  const Detection gbk = Detect(Encode(zh, "GBK"));
  EXPECT_EQ(gbk.encoding, "GB18030");
  EXPECT_EQ(gbk.source, "model");
  EXPECT_GE(gbk.confidence, 0.9);
  // Two accented letters: uchardet's word counts.
  const Detection short_latin = Detect("caf\xE9 cr\xE8me");
  EXPECT_EQ(short_latin.source, "detector");
}

// Candidates are cut short once their partial score falls out of the race
// (each term is a log-probability, so the partial sum bounds the whole): on
// long texts, where most are cut, the answers stay right (cutting at a
// bound 1,000 nats too high fails here).
TEST(Detect, CuttingCandidatesShortKeepsTheAnswer) {
  // Long enough for most candidates to be cut, after ASCII every reading
  // shares.
  ExpectLegacySentencesDetected("Intro: ", 8);
  std::string ru = "Intro: ";
  for (int i = 0; i < 8; ++i) ru += kRu;
  EXPECT_EQ(Decode(Encode(ru, "IBM866")).detection.encoding, "IBM866");
}

TEST(Detect, UchardetsBonusDoesNotMakeTheModelsSure) {
  // MacCyrillic and windows-1251 part on one byte here (0x80: А or Ђ);
  // uchardet says windows-1251, and its bonus for the other 70 high bytes
  // used to make that 0.90 sure.
  const std::string mac = Encode(
      "\u0443\u0447\u0438\u0442\u0435\u043B\u044C \u043F\u043E\u0441\u043E\u0432\u0435"
      "\u0442\u043E\u0432\u0430\u043B \u043C\u043E\u043B\u043E\u0434\u043E\u043C\u0443 "
      "\u0447\u0435\u043B\u043E\u0432\u0435\u043A\u0443 \u043F\u043E\u0441\u0442\u0443"
      "\u043F\u0438\u0442\u044C \u0432 \u0441\u0442\u0430\u0440\u0448\u0438\u0439 "
      "\u043A\u043B\u0430\u0441\u0441 \u0433\u0438\u043C\u043D\u0430\u0437\u0438\u0438 "
      "\u0432 \u0410\u0430\u0440\u0430\u0443",
      "x-mac-cyrillic");
  EXPECT_LT(Detect(mac).confidence, 0.9);
}

TEST(Detect, LegacyCjkAndCyrillicSentences) { ExpectLegacySentencesDetected("", 1); }

TEST(Detect, ShortCjkSnippetsUseTheModel) {
  // 32-byte cuts: too short for uchardet to be sure.
  for (const char* icu : {"GBK", "Big5", "Shift_JIS", "EUC-KR"}) {
    const std::string& text = std::string(icu) == "Big5"        ? kTw
                              : std::string(icu) == "Shift_JIS" ? kJa
                              : std::string(icu) == "EUC-KR"    ? kKo
                                                                : kZh;
    const std::string bytes = Encode(text, icu).substr(0, 32);
    const Detection d = Detect(bytes);
    const charset::Encoding* want = charset::Lookup(icu);
    ASSERT_NE(want, nullptr);
    EXPECT_EQ(d.encoding, want->name) << icu;
    EXPECT_GT(d.confidence, 0.5) << icu;
  }
}

// The letter model: a letter outside a language's alphabet (VISCII's ẫ) may
// not beat a rare pair of its own (é-ç in "déçus"); French in windows-1252
// used to be read as VISCII.
TEST(Detect, FrenchIsNotVietnamese) {
  const std::string fr =
      " champignons, et nous n'avons pas \xE9t\xE9 d\xE9\xE7us. Ce fut une journ\xE9"
      "e tr\xE8s agr\xE9"
      "able.\n";
  const Decoded d = Decode(fr);
  EXPECT_EQ(d.detection.encoding, "ISO-8859-1");
  EXPECT_NE(d.text.find("d\u00E9\u00E7us"), std::string::npos) << d.text;
}

TEST(Detect, LangHintNarrowsCandidates) {
  // Two kanji that are valid in both Shift_JIS and GBK/Big5 byte ranges.
  const std::string bytes = Encode("東京", "Shift_JIS");
  EXPECT_EQ(Detect(bytes, "ja").encoding, "Shift_JIS");
  EXPECT_EQ(Detect(Encode("東京", "Big5"), "zh-TW").encoding, "Big5");
  EXPECT_EQ(Detect(Encode("Привет", "KOI8-R"), "ru").encoding.substr(0, 4), "KOI8");
}

// --- failure modes ----------------------------------------------------------

TEST(Decode, StrictRejectsWithTheByteOffset) {
  // "ab" then a GBK lead byte followed by a newline: invalid at byte 2.
  const Decoded d = Decode("ab\x81\ncd", OnInvalid::kStrict, "GBK");
  EXPECT_EQ(d.status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(d.status.byte_offset(), 2);
  EXPECT_EQ(d.status.ToString(), "invalid GB18030 sequence at byte 2");
  EXPECT_TRUE(d.text.empty());

  const Decoded u = Decode("ok \xE4\xB8\xAD \xFF!", OnInvalid::kStrict, "UTF-8");
  EXPECT_EQ(u.status.ToString(), "invalid UTF-8 sequence at byte 7");

  // The offset counts the BOM.
  const Decoded b = Decode(
      "\xEF\xBB\xBF"
      "a\xC3",
      OnInvalid::kStrict);
  EXPECT_EQ(b.status.byte_offset(), 4);

  // Single-byte tables: 0xD2 is unassigned in windows-1253.
  const Decoded s = Decode("abc\xD2", OnInvalid::kStrict, "windows-1253");
  EXPECT_EQ(s.status.ToString(), "invalid windows-1253 sequence at byte 3");
}

TEST(Decode, ReplaceCountsAndSkipDrops) {
  const std::string bad = "\xE4\xB8\xAD\xFF\xE6\x96\x87";  // 中 0xFF 文
  const Decoded r = Decode(bad, OnInvalid::kReplace, "UTF-8");
  EXPECT_TRUE(r.status.ok());
  EXPECT_EQ(r.text, "中\xEF\xBF\xBD文");
  EXPECT_EQ(r.replaced, 1);
  const Decoded s = Decode(bad, OnInvalid::kSkip, "UTF-8");
  EXPECT_EQ(s.text, "中文");
  EXPECT_EQ(s.skipped, 1);
  EXPECT_EQ(s.replaced, 0);
  Report report;
  ReportDecoded(r, report);
  EXPECT_EQ(report.Get("decode", "replaced"), 1);
  ASSERT_NE(report.GetFact("decode", "encoding"), nullptr);
  EXPECT_EQ(*report.GetFact("decode", "encoding"), "UTF-8");
}

TEST(Decode, TruncatedSequenceAtEndOfInput) {
  // UTF-8 text whose last character lost its final byte.
  const std::string utf8 = kZh.substr(0, kZh.size() - 1);
  const Decoded a = Decode(utf8);
  EXPECT_EQ(a.detection.encoding, "UTF-8");
  EXPECT_EQ(a.replaced, 1);
  EXPECT_EQ(a.text.substr(a.text.size() - 3), "\xEF\xBF\xBD");
  // GB18030 text ending with a lone lead byte.
  std::string gbk = Encode(kZh, "GBK");
  gbk.pop_back();
  const Decoded b = Decode(gbk);
  EXPECT_EQ(b.detection.encoding, "GB18030");
  EXPECT_EQ(b.replaced, 1);
  const Decoded c = Decode(gbk, OnInvalid::kStrict, "GBK");
  EXPECT_EQ(c.status.byte_offset(), static_cast<int64_t>(gbk.size() - 1));
}

TEST(Decode, MixedValidAndInvalidBytesStayUtf8) {
  // A long UTF-8 text with one stray Latin-1 byte is still UTF-8.
  const std::string text = kZh + kZh + "caf\xE9 " + kZh;
  const Decoded d = Decode(text);
  EXPECT_EQ(d.detection.encoding, "UTF-8");
  EXPECT_EQ(d.replaced, 1);
  EXPECT_EQ(d.text, kZh + kZh + "caf\xEF\xBF\xBD " + kZh);
}

TEST(Decode, UnicodeReplacementFollowsMaximalSubparts) {
  // Unicode 15 §3.9, Table 3-8: one U+FFFD per maximal subpart.
  const Decoded d = Decode(
      "a\xF1\x80\x80\xE1\x80\xC2"
      "b\x80\xE0\x80",
      OnInvalid::kReplace, "UTF-8");
  EXPECT_EQ(d.text,
            "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(d.replaced, 6);
}

TEST(Decode, Big5FallsBackToHkscs) {
  // 0x8740 is in Big5-HKSCS, not in plain Big5 (windows-950).
  const Decoded d = Decode(Encode(kTw, "Big5") + "\x87\x40", OnInvalid::kReplace, "big5");
  EXPECT_EQ(d.replaced, 0);
  EXPECT_EQ(d.text, kTw + "䏰");
}

// --- streaming --------------------------------------------------------------

TEST(StreamDecoder, ChunksNeverSplitACharacter) {
  struct Case {
    const std::string* text;
    const char* icu;
    const char* name;
  } cases[] = {{&kZh, "UTF-8", "UTF-8"},      {&kZh, "GB18030", "GB18030"},
               {&kJa, "Shift_JIS", "sjis"},   {&kJa, "ISO-2022-JP", "ISO-2022-JP"},
               {&kRu, "KOI8-R", "KOI8-R"},    {&kKo, "UTF-16LE", "UTF-16LE"},
               {&kZh, "UTF-32BE", "UTF-32BE"}};
  for (const Case& c : cases) {
    const bool unicode = std::string(c.icu).rfind("UTF", 0) == 0;
    const std::string text = unicode ? *c.text + "😀" : *c.text;
    const std::string bytes = Encode(text, c.icu);
    for (size_t step : {1, 2, 3, 5, 7}) {
      StreamDecoder dec(c.name);
      ASSERT_TRUE(dec.ok()) << c.name;
      std::string out;
      for (size_t i = 0; i < bytes.size(); i += step) {
        const bool last = i + step >= bytes.size();
        ASSERT_TRUE(dec.Decode(std::string_view(bytes).substr(i, step), last, out).ok());
      }
      EXPECT_EQ(out, text) << c.name << " step " << step;
      EXPECT_EQ(dec.replaced(), 0);
    }
  }
}

TEST(StreamDecoder, StrictOffsetsCountAcrossChunks) {
  StreamDecoder dec("GBK", OnInvalid::kStrict);
  std::string out;
  EXPECT_TRUE(dec.Decode("abcd", false, out).ok());
  EXPECT_TRUE(dec.Decode("\xD6\xD0", false, out).ok());
  const Status s = dec.Decode(
      "x\xFF"
      "y",
      true, out);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.byte_offset(), 7);
  EXPECT_EQ(out, "abcd中x");

  StreamDecoder u("UTF-8", OnInvalid::kStrict);
  std::string o2;
  EXPECT_TRUE(u.Decode("ab\xE4\xB8", false, o2).ok());  // split, fine so far
  const Status s2 = u.Decode("x", true, o2);
  EXPECT_EQ(s2.byte_offset(), 2);

  StreamDecoder r("UTF-8");
  std::string o3;
  EXPECT_TRUE(r.Decode("ab\xE4\xB8", false, o3).ok());
  EXPECT_TRUE(r.Decode("", true, o3).ok());  // truncated at end: replaced
  EXPECT_EQ(o3, "ab\xEF\xBF\xBD");
  EXPECT_EQ(r.replaced(), 1);
  EXPECT_FALSE(StreamDecoder("no-such-encoding").ok());
}

// --- UTF-8 validation against a slow reference -----------------------------

size_t SlowFirstInvalid(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80                 ? 1
               : b >= 0xC2 && b <= 0xDF ? 2
               : b >= 0xE0 && b <= 0xEF ? 3
               : b >= 0xF0 && b <= 0xF4 ? 4
                                        : 0;
    if (n == 0 || i + n > s.size()) return i;
    char32_t c = n == 1 ? b : b & (0xFF >> (n + 1));
    for (size_t k = 1; k < n; ++k) {
      const auto t = static_cast<unsigned char>(s[i + k]);
      if ((t & 0xC0) != 0x80) return i;
      c = (c << 6) | (t & 0x3F);
    }
    const char32_t min = n == 2 ? 0x80 : n == 3 ? 0x800 : n == 4 ? 0x10000 : 0;
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return i;
    i += n;
  }
  return s.size();
}

TEST(Utf8, FirstInvalidMatchesReference) {
  std::mt19937 rng(42);
  const std::string pieces[] = {"a",
                                "abcdefgh",
                                "\xC3\xA9",
                                "\xE4\xB8\xAD",
                                "\xF0\x9F\x98\x80",
                                "\xED\xA0\x80",
                                "\xC0\xAF",
                                "\xF4\x90\x80\x80",
                                "\xE0\x80\xAF",
                                "\x80",
                                "\xFF",
                                "\xE4\xB8"};
  for (int iter = 0; iter < 5000; ++iter) {
    std::string s;
    const int n = static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) {
      // Mostly valid pieces, so that errors land at varied offsets.
      const size_t pick = rng() % 20;
      s += pieces[pick < 12 ? pick : pick % 5];
    }
    ASSERT_EQ(FirstInvalidUtf8(s), SlowFirstInvalid(s)) << iter;
    ASSERT_EQ(IsValidUtf8(s), SlowFirstInvalid(s) == s.size());
  }
  EXPECT_EQ(FirstInvalidUtf8(std::string(100, 'x') + "\xC3"), 100u);
}

// uchardet names ISO-8859-16 (Romanian with comma-below letters), which
// ICU lacks: glibc's iconv decodes it, and uchardet's right answer is kept
// (it used to become ISO-8859-2, turning ș and ț into º and þ). The quotes
// „ ” (0xA5, 0xB5) are ISO-8859-16's alone: without them windows-1250
// spells the same words (UchardetsCommaBelowGoesToTheCommonCodePage).
TEST(Detect, UchardetGuessOnlyIconvKnowsIsKept) {
  const std::string ro =
      "\xAAtiin\xFE"
      "a \xBAi tehnologia \xEEn \xA5Rom\xE2nia\xB5: \xEEnv\xE3\xFE\xE3m\xE2ntul superior \xBAi "
      "cercetarea "
      "\xBAtiin\xFEific\xE3 sunt esen\xFEiale pentru dezvoltarea \xFE\xE3rii. A\xBA"
      "adar, studen\xFEii \xEEnva\xFE\xE3 s\xE3 g\xE2ndeasc\xE3 critic, iar profesorii \xEE\xBAi "
      "\xEEmp\xE3rt\xE3\xBA"
      "esc experien\xFE"
      "a. ";
  std::string bytes;
  for (int i = 0; i < 4; ++i) bytes += ro;
  uchardet_t ud = uchardet_new();
  ASSERT_EQ(uchardet_handle_data(ud, bytes.data(), bytes.size()), 0);
  uchardet_data_end(ud);
  const std::string guess = uchardet_get_charset(ud);
  uchardet_delete(ud);
  EXPECT_EQ(guess, "ISO-8859-16") << "the input no longer exercises this path";

  const Detection d = Detect(bytes);
  EXPECT_EQ(d.encoding, "ISO-8859-16");
  EXPECT_EQ(d.source, "detector");
  const Decoded out = Decode(bytes);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(out.detection.encoding, d.encoding);
  EXPECT_NE(out.text.find("\u0218tiin\u021Ba"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("Rom\u00E2nia"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("tehnologia \u00EEn"), std::string::npos) << out.text;
  // Named explicitly, it decodes strictly to the same text.
  const Decoded named = Decode(bytes, OnInvalid::kStrict, "latin10");
  ASSERT_TRUE(named.status.ok()) << named.status.ToString();
  EXPECT_EQ(named.text, out.text);
}

// Romanian's ş ţ (windows-1250, ISO-8859-2) sit on the bytes of ISO-8859-16's
// ș ț, and the letter model reads both spellings as one letter: uchardet's
// ISO-8859-16 then stands for words the more common windows-1250 spells
// too, and the answer goes to it (chardet's windows-1250-romanian file and
// detect-heldout's Romanian windows-1250 and ISO-8859-2 files were read as
// ISO-8859-16).
TEST(Detect, UchardetsCommaBelowGoesToTheCommonCodePage) {
  const std::string ro =
      "Fi\xBAierul nu a putut fi salvat, deoarece dosarul ales nu exist\xE3. Alege\xFEi alt "
      "dosar \xBAi \xEEncerca\xFEi din nou, sau renun\xFE"
      "a\xFEi la aceast\xE3 opera\xFEie. "
      "Pute\xFEi crea \xBAi un dosar nou, ap\xE3s\xE2nd butonul de mai jos. ";
  std::string bytes;
  for (int i = 0; i < 3; ++i) bytes += ro;
  uchardet_t ud = uchardet_new();
  ASSERT_EQ(uchardet_handle_data(ud, bytes.data(), bytes.size()), 0);
  uchardet_data_end(ud);
  const std::string guess = uchardet_get_charset(ud);
  uchardet_delete(ud);
  EXPECT_EQ(guess, "ISO-8859-16") << "the input no longer exercises this path";
  const Decoded out = Decode(bytes);
  ASSERT_TRUE(out.status.ok()) << out.status.ToString();
  EXPECT_EQ(out.detection.encoding, "windows-1250");
  EXPECT_NE(out.text.find("Fi\u015Fierul"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("Alege\u0163i"), std::string::npos) << out.text;
  EXPECT_LT(out.detection.confidence, 0.9);  // ISO-8859-16's other text is as good
}

// ISO-8859-7 and windows-1253 read a Greek sample without Ά (0xB6 in one,
// 0xA2 in the other) to the same text, and the more common windows-1253
// won whatever came after the model's first kilobyte: the lines further on
// that hold a byte the tied readings part on now decide (detect-heldout's
// ISO-8859-7 catalogues with their only Ά past the sample).
TEST(Detect, TiedCodePagesPartOnTheRestOfTheWindow) {
  std::string text;
  for (int i = 0; i < 14; ++i) {
    text += "Η εφαρμογή δεν μπόρεσε να αποθηκεύσει το αρχείο, γιατί ο φάκελος δεν υπάρχει.\n";
  }
  text += "Άδεια χρήσης: Άρθρο τρίτο. Άλλες ρυθμίσεις θα βρείτε στο μενού Άνοιξη.\n";
  const std::string bytes = Encode(text, "ISO-8859-7");
  ASSERT_GT(bytes.find('\xB6'), 1024u);
  const Decoded d = Decode(bytes);
  EXPECT_EQ(d.detection.encoding, "ISO-8859-7");
  EXPECT_EQ(d.text, text);
  // Without the late line the two readings are one text: the common name.
  EXPECT_EQ(Detect(bytes.substr(0, bytes.find('\xB6'))).encoding, "windows-1253");
}

// Short Johab text: its trail bytes are often ASCII letters, so single-byte
// readings (VISCII, Mac Central European) took it for accented Latin words
// and Johab was weighed only after a CJK reading had won.
TEST(Detect, ShortJohabIsNotReadAsASingleByteCodePage) {
  // "경고를 끄더라도, 종료 상태는 바뀝니다." and "프로그램이 끝났습니다: 오류 없음."
  const std::string a =
      "\x89\x77\x89\xa1\x9f\x69\x20\x8f\x61\x94\xe1\x9c\x61\x95\xa1\x2c\x20\xb9\xb7\x9e\x61\x20"
      "\xac\x77\xc8\x81\x93\x65\x20\xa4\x61\x8e\xf3\x93\xa1\x94\x61\x2e";
  const std::string b =
      "\xcf\x61\x9d\xa1\x8b\x61\x9c\x91\xb7\xa1\x20\x8f\x7b\x90\x76\xaf\x73\x93\xa1\x94\x61\x3a"
      "\x20\xb5\xa1\x9f\x41\x20\xb4\xf4\xb7\x71\x2e";
  EXPECT_EQ(Detect(a).encoding, "JOHAB");
  EXPECT_EQ(Detect(b).encoding, "JOHAB");
  // Western and Cyrillic lines whose high bytes stand before ASCII letters
  // stay single-byte.
  for (const auto& [text, enc] : std::vector<std::pair<std::string, const char*>>{
           {"Élève: à côté de l'hôtel, Ça va très bien.", "windows-1252"},
           {"Ошибка: файл не найден, повторите позже.", "windows-1251"}}) {
    EXPECT_EQ(Decode(Encode(text, enc)).text, text) << enc;
  }
}

// A punctuation mark between two letters is no spelling: IBM850's ä read
// as windows-1250's „ and MacRoman's ó as — lost to uchardet's windows-1250
// by a nat or two. Marks written inside words (’, ·) cost nothing.
TEST(Detect, SymbolsBetweenLettersAreNoSpelling) {
  // "Programmet kunde inte läsa filen" in IBM850.
  EXPECT_EQ(Decode("Programmet kunde inte l\x84sa filen\n").text,
            "Programmet kunde inte läsa filen\n");
  // "Faltan datos de diagnóstico que" in MacRoman.
  EXPECT_EQ(Decode("Faltan datos de diagn\x97stico que\n").text,
            "Faltan datos de diagnóstico que\n");
  for (const std::string text : {"It doesn’t matter, we’re told; it’s fine.\n",
                                 "Els col·legues instal·len el paquet a l’ordinador.\n"}) {
    EXPECT_EQ(Decode(Encode(text, "windows-1252")).text, text);
  }
}

// ISO-8859-3 is Esperanto's and Maltese's: Italian « » read in it as Ğ ğ
// won over ISO-8859-1 by ten nats; without one of its own letters it
// loses that. Esperanto keeps it.
TEST(Detect, Latin3NeedsItsOwnLetters) {
  const std::string italian =
      "Immagine con profondità non supportata\n"
      "Impossibile aprire «%s»: file non trovato\n"
      "Il formato «%s» non è supportato\n"
      "Errore durante la lettura di «%s»\n"
      "Non è stato possibile salvare «%s» perché la cartella non esiste\n";
  const Decoded d = Decode(Encode(italian, "ISO-8859-1"));
  EXPECT_NE(d.detection.encoding, "ISO-8859-3");
  EXPECT_EQ(d.text, italian);
  const std::string esperanto = "Ĉu vi volas ŝanĝi la dosieron? La ŝlosilo ne estas ĝusta.\n";
  EXPECT_EQ(Decode(Encode(esperanto, "ISO-8859-3")).text, esperanto);
}

// One accented letter and the ASCII letter after it read as a lone CJK
// character ("în" as Shift_JIS's 系, "müs" as 《) amid Latin words: Latin
// text, not CJK. A lone CJK character after markup stays CJK.
TEST(Detect, LoneCjkCharacterAmidLatinWordsIsLatin) {
  const std::string romanian = "se folosesc valorile date în loc de cele implicite.\n";
  const Decoded ro = Decode(Encode(romanian, "ibm-852"));
  EXPECT_NE(ro.detection.encoding, "Shift_JIS");
  EXPECT_EQ(ro.text, romanian);
  const std::string german = "Das Programm wurde beendet; Sie müs";
  const Decoded de = Decode(Encode(german, "ibm-850"));
  EXPECT_EQ(de.text, german);
  const std::string big5 = "<div class=\"title\" lang=\"zh-TW\">混";
  EXPECT_EQ(Decode(Encode(big5, "Big5")).text, big5);
  const std::string sjis = "<font size=\"2\" color=\"#336699\">集計";
  EXPECT_EQ(Decode(Encode(sjis, "Shift_JIS")).text, sjis);
  // CJK closing punctuation after a Latin word is how CJK pages write.
  const std::string paren = "<title>Otto Klein）</title>\n<link rel=\"stylesheet\"";
  EXPECT_EQ(Decode(Encode(paren, "Shift_JIS")).text, paren);
  const std::string stop = "DAP。&lt;br&gt;[&lt;a href=&quot;http://www.example";
  EXPECT_EQ(Decode(Encode(stop, "GB2312")).text, stop);
}

// The same lone letter after an elided article's apostrophe ("d'ús") or
// cut by the sample's end after a space ("la žu" of a longer word) starts
// a Latin word: read as Big5 or Johab it was one CJK character.
TEST(Detect, LoneLetterAfterApostropheOrBeforeTheEndIsLatin) {
  const std::string catalan = "fitxer.\nForma d'ús:\n  gsettings --help";
  const Decoded ca = Decode(Encode(catalan, "ibm-850"));
  EXPECT_NE(ca.detection.encoding, "Big5");
  EXPECT_EQ(ca.text, catalan);
  const std::string croatian = "ska\nVukovarsko-srijemska\nOsijek i okolica\nPozega i slavonska žu";
  const Decoded hr = Decode(Encode(croatian, "ibm-852"));
  EXPECT_NE(hr.detection.encoding, "JOHAB");
  EXPECT_EQ(hr.text, croatian);
}

// A DOS tree listing: box-drawing characters that join into lines are
// drawn, not misread letters (it read as windows-1256's Arabic).
TEST(Detect, DrawnLinesAreBoxDrawing) {
  const std::string tree =
      "Estructura del directorio de la aplicación:\n"
      ".\n"
      "├── configuración\n"
      "│   ├── año.conf\n"
      "│   └── señales.conf\n"
      "└── imágenes\n"
      "    └── logotipo.png\n";
  EXPECT_EQ(Decode(Encode(tree, "ibm-850")).text, tree);
  // Doubled Cyrillic letters that IBM866 draws as lines stay letters.
  const std::string ru = "ВВЕДЕНИЕ\nПрограмма читает файл и выводит его содержимое.\n";
  EXPECT_EQ(Decode(Encode(ru, "windows-1251")).text, ru);
}

// An opening quote after a letter and before a line end is a misread
// letter (MacRoman's ë as windows-1250's ‘), unless a low quote opened it
// (German „Wort“).
TEST(Detect, OpeningQuoteClosingAWordIsALetter) {
  const std::string dutch = "Republiek van Indonesië\nKoninkryk van België\n";
  EXPECT_EQ(Decode(Encode(dutch, "macintosh")).text, dutch);
  const std::string german = "Die Datei „Übersicht“ wurde gelöscht.\nÖffnen Sie „Hilfe“.\n";
  EXPECT_EQ(Decode(Encode(german, "windows-1252")).text, german);
}

// A capital between two lower-case letters is no spelling: IBM850's ñ read
// as IBM852's Ą ("seĄales"), which uchardet named.
TEST(Detect, CapitalInsideAWordIsNoSpelling) {
  const std::string tree =
      "ación.txt\n        ├── catálogo.txt\n        └── señales.txt\n\n5 direc";
  const Decoded d = Decode(Encode(tree, "ibm-850"));
  EXPECT_NE(d.detection.encoding, "IBM852");
  EXPECT_EQ(d.text, tree);
}

// Strict mode's success must be replace mode's text: Big5 bytes that plain
// Big5 decodes cleanly (to private-use characters) were decoded by replace
// mode with the Big5-HKSCS superset and a U+FFFD (found by fuzz_decode).
TEST(Decode, StrictSuccessEqualsReplaceMode) {
  const std::string bytes = "--- |\xFF\xFE\xE3\xBA\xC3\n";
  const Decoded strict = Decode(bytes, OnInvalid::kStrict, "Big5");
  ASSERT_TRUE(strict.status.ok()) << strict.status.ToString();
  const Decoded replace = Decode(bytes, OnInvalid::kReplace, "Big5");
  ASSERT_TRUE(replace.status.ok());
  EXPECT_EQ(replace.text, strict.text);
  EXPECT_EQ(replace.replaced, 0);
}

// EUC-TW's plane 1 has EUC-KR's byte pattern: a short Traditional Chinese
// cut read as rare Hangul syllables (EUC-TW was weighed only when uchardet
// named it).
TEST(Detect, ShortEucTwGetsItsTurn) {
  const std::string euc_tw =
      "\xC4\xE3\xC5\xC6 man \xC5\xC3\xC5\xF5\xD3\xF7\xD3\xD3\xE8\xA2\xA1\xA8"
      "https://github.com/man-pages-zh";  // 中文 man 手冊頁計劃：, EUC-TW
  EXPECT_EQ(Detect(euc_tw).encoding, "EUC-TW");
  EXPECT_EQ(Decode(euc_tw).text, "中文 man 手冊頁計劃：https://github.com/man-pages-zh");
  // Real GB2312 and EUC-KR keep their reading.
  const std::string gb = "<p>阅读全文</p>";
  EXPECT_EQ(Decode(Encode(gb, "GB2312")).text, gb);
  const std::string ko = "<b>회사 소개</b>";
  EXPECT_EQ(Decode(Encode(ko, "EUC-KR")).text, ko);
}

// Hangul syllables Korean does not write (KS X 1001 holds 2,350, Korean
// text uses about 700) are a misreading's tell: EUC-JP's 更新履歴 read as
// EUC-KR's 뀜... lost to the flat Hangul score.
TEST(Detect, RareHangulIsAMisreading) {
  const std::string jp = "<title>更新履歴</title>";
  EXPECT_EQ(Decode(Encode(jp, "EUC-JP")).text, jp);
  const std::string jp2 = "<dc:creator>山田</dc:creator>";
  EXPECT_EQ(Decode(Encode(jp2, "EUC-JP")).text, jp2);
}

// MacRoman's é (0x8E) is windows-1252's Ž: a capital ending a lower-case
// word ("indiquŽ") is no spelling, as a capital inside one is not.
TEST(Detect, CapitalEndingALowerCaseWordIsNoSpelling) {
  const std::string french = "les processus de l'utilisateur indiqué. La variable";
  EXPECT_EQ(Decode(Encode(french, "macintosh")).text, french);
  // A capital after one lower-case letter stays a word ("kW", "dB").
  const std::string units = "La puissance est de 5 kW, le bruit de 40 dB à côté.";
  EXPECT_EQ(Decode(Encode(units, "windows-1252")).text, units);
}

TEST(Detect, OtherScriptTouchingAsciiLettersIsNoSpelling) {
  // windows-1252's ë read as ISO-8859-6's fathatan after "Arabi", windows-1257's
  // š as TIS-620's Thai digit zero before "ablonas".
  const std::string dutch = "Reis naar Saudi-Arabi\u00eb en Sierra Leone\n";
  EXPECT_EQ(Decode(Encode(dutch, "windows-1252")).text, dutch);
  const std::string lithuanian = "Writer \u0161ablonas (tekstas)\n";
  EXPECT_EQ(Decode(Encode(lithuanian, "windows-1257")).text, lithuanian);
  // Units keep their Greek letters next to Latin ones.
  const std::string greek =
      "\u039f \u03c7\u03c1\u03cc\u03bd\u03bf\u03c2 \u03b5\u03af\u03bd\u03b1\u03b9 5 "
      "\u03bcs \u03ba\u03b1\u03b9 10 k\u03a9 \u03c3\u03c4\u03bf "
      "\u03b4\u03af\u03ba\u03c4\u03c5\u03bf";
  EXPECT_EQ(Decode(Encode(greek, "windows-1253")).text, greek);
}

TEST(Detect, TheSampleEndIsAWordEndForSpelling) {
  // MacRoman's é ending the input, read as windows-1252's Ž.
  const std::string list = "Bangkok\nChiang Mai\nUbon Ratchathani\nBobo-Dioulass\u00e9";
  EXPECT_EQ(Decode(Encode(list, "macintosh")).text, list);
}

TEST(Detect, TwoLowerCaseLettersEndingAWordAreLatin) {
  // Finnish "Lisää" before a space: a Latin word's end (its two high bytes
  // read as one Shift_JIS kanji), not a double-byte character after "Lis".
  auto high_of = [](std::string_view s) {
    std::vector<uint32_t> high;
    for (size_t i = 0; i < s.size(); ++i) {
      if (static_cast<unsigned char>(s[i]) >= 0x80) high.push_back(static_cast<uint32_t>(i));
    }
    return high;
  };
  const char32_t* latin1 = charset::SingleByteTable(*charset::Lookup("windows-1252"));
  const std::string finnish = "-symbols\nLis\xE4\xE4 <p";
  EXPECT_TRUE(detect::LatinLettersInWords(finnish, high_of(finnish), latin1));
  const std::string capital = "flags\nS\xE4\xE4 <n";
  EXPECT_TRUE(detect::LatinLettersInWords(capital, high_of(capital), latin1));
  // Capitals ending a capital word stay a CJK character's two bytes
  // ("DAP\u3002" in GB2312 read as ISO-8859-2's "DAP\u0104\u0141").
  const char32_t* latin2 = charset::SingleByteTable(*charset::Lookup("ISO-8859-2"));
  const std::string gb = "see DAP\xA1\xA3 and";
  EXPECT_FALSE(detect::LatinLettersInWords(gb, high_of(gb), latin2));
  // A pair with no ASCII letter before it is no word's end.
  const std::string alone = "a \xE4\xE4 c";
  EXPECT_FALSE(detect::LatinLettersInWords(alone, high_of(alone), latin1));
}

// windows-1258 spells Vietnamese tones as combining marks after the vowel:
// the generic model scores the reading as the composed letters it stands
// for ("k\u00EA\u0301" is "k\u1EBF"). It read as windows-1257's Latvian
// letters. A mark after a consonant is no tone (Catalan "mem\u00F2ria" is
// not windows-1258's "me\u1E43ria"), nor one inside a word longer than a
// syllable (Latvian "sa\u0146emtu" is not "s\u1EA1emtu") or after a letter
// Vietnamese does not start a syllable with ("zi\u0146a" is not "z\u1ECBa").
TEST(Detect, ToneMarksAfterVowelsAreVietnamese) {
  const std::string vi =
      "Tab (\xF4 k\xEA\xEC ti\xEA\xECp)\nShift+Tab (\xF4 tr\xFD\xF5\xEC"
      "c)\nE";
  EXPECT_EQ(Decode(vi).detection.encoding, "windows-1258");
  const std::string ca = "No hi ha prou mem\xF2ria per obrir el fitxer";
  EXPECT_NE(Decode(ca).detection.encoding, "windows-1258");
  const std::string lv =
      "i, lai sa\xF2"
      "emtu piek\xEFuvi ";
  EXPECT_NE(Decode(lv).detection.encoding, "windows-1258");
  const std::string z =
      "Inbox (1 zi\xF2"
      "a)\nOutbox (0)\nDrafts";
  EXPECT_NE(Decode(z).detection.encoding, "windows-1258");
}

}  // namespace
}  // namespace norm
