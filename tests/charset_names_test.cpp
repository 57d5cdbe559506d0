// Encoding names from the libraries (charset_names.cpp): ICU converters and
// aliases, glibc iconv for what ICU lacks, and the decoders behind them.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "charset.h"
#include "charset_report.h"
#include "norm/decode.h"

namespace norm {
namespace {

std::string DecodeAs(std::string_view bytes, std::string_view encoding,
                     OnInvalid mode = OnInvalid::kStrict) {
  DecodeOptions options;
  options.from_code = encoding;
  options.on_invalid = mode;
  Decoded d = DecodeBytes(bytes, options);
  EXPECT_TRUE(d.status.ok()) << encoding << ": " << d.status.ToString();
  return d.text;
}

TEST(EncodingNames, IcuConvertersAndAliasesResolve) {
  // Names the old table of 38 encodings rejected.
  for (const char* name : {"CP437", "IBM852", "ibm-855", "ISO-8859-3", "iso8859_4", "latin6",
                           "x-mac-greek", "MacCentralEurope", "EUC-TW", "ibm-1047", "UTF-7"}) {
    const charset::Encoding* e = charset::Lookup(name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_NE(e->icu, nullptr) << name;
  }
  // Spellings of one converter resolve to one encoding, named by its IANA name.
  EXPECT_EQ(charset::Lookup("cp855"), charset::Lookup("IBM855"));
  EXPECT_STREQ(charset::Lookup("ibm-1047")->name, "IBM1047");
  // The table's browser-style supersets still win for the names they cover.
  EXPECT_STREQ(charset::Lookup("GB2312")->name, "GB18030");
  EXPECT_STREQ(charset::Lookup("ISO-8859-1")->name, "windows-1252");
}

TEST(EncodingNames, IconvCoversWhatIcuLacks) {
  for (const char* name : {"ISO-8859-16", "VISCII", "JOHAB", "ARMSCII-8", "GEORGIAN-PS"}) {
    const charset::Encoding* e = charset::Lookup(name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->icu, nullptr) << name;
    EXPECT_NE(e->iconv, nullptr) << name;
  }
  EXPECT_TRUE(charset::Lookup("VISCII")->single_byte);
  EXPECT_FALSE(charset::Lookup("JOHAB")->single_byte);
  EXPECT_EQ(charset::Lookup("no-such-charset"), nullptr);
  // glibc's names may hold a '/'; "//" starts conversion options.
  EXPECT_NE(charset::Lookup("ISO-10646/UTF8/"), nullptr);
  EXPECT_EQ(charset::Lookup("//TRANSLIT"), nullptr);
}

TEST(EncodingNames, SingleByteCodePagesDecode) {
  EXPECT_EQ(DecodeAs("\x82t\x82", "CP437"), "\u00E9t\u00E9");
  EXPECT_EQ(DecodeAs("\xE0\xE1", "IBM855"), "\u042F\u0440");  // Яр
  EXPECT_EQ(DecodeAs("\xAA\xBA\xDE\xFE", "ISO-8859-16"), "\u0218\u0219\u021A\u021B");
  EXPECT_EQ(DecodeAs("Vi\xAEt", "VISCII"), "Vi\u1EC7t");
  EXPECT_EQ(DecodeAs("\x8B", "MAC-CENTRALEUROPE"), "\u010D");  // č
  // Weighed by the detector since detect6: Icelandic and Ukrainian DOS.
  EXPECT_EQ(DecodeAs("\x8C\x95\x98", "cp861"), "\u00F0\u00FE\u00FD");             // ðþý
  EXPECT_EQ(DecodeAs("\xF3\xF5\xF7\xF9", "CP1125"), "\u0491\u0454\u0456\u0457");  // ґєії
  EXPECT_EQ(charset::Lookup("ibm1125"), charset::Lookup("CP1125"));
}

TEST(EncodingNames, Big5HkscsDecodesHongKongCharacters) {
  // 嘅咗啲嚟 are HKSCS additions: plain Big5 (windows-950) has none of them.
  const std::string bytes = "\x9D\xEF\x9D\xF7\x9D\xF8\x91\xC1";
  EXPECT_EQ(DecodeAs(bytes, "BIG5-HKSCS"), "嘅咗啲嚟");
  EXPECT_EQ(DecodeAs(bytes, "big5hkscs"), "嘅咗啲嚟");
}

TEST(EncodingNames, IconvStreamsCompleteCharactersAcrossChunks) {
  const std::string johab = "\xD0\x65\x8B\x69 \xB9\xA1\xD0\x73\xD1\x77";  // 한글 조합형
  EXPECT_EQ(DecodeAs(johab, "JOHAB"), "한글 조합형");
  for (size_t cut = 0; cut <= johab.size(); ++cut) {
    StreamDecoder s("JOHAB", OnInvalid::kStrict);
    ASSERT_TRUE(s.ok());
    std::string out;
    ASSERT_TRUE(s.Decode(johab.substr(0, cut), false, out).ok()) << cut;
    ASSERT_TRUE(s.Decode(johab.substr(cut), true, out).ok()) << cut;
    EXPECT_EQ(out, "한글 조합형") << cut;
  }
}

TEST(EncodingNames, IconvInvalidBytesFollowOnInvalid) {
  const std::string bytes = "ab\xD0";  // a lead byte cut off at the end
  EXPECT_EQ(DecodeAs(bytes, "JOHAB", OnInvalid::kReplace), "ab\uFFFD");
  DecodeOptions options;
  options.from_code = "JOHAB";
  options.on_invalid = OnInvalid::kStrict;
  const Decoded d = DecodeBytes(bytes, options);
  EXPECT_EQ(d.status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(d.status.byte_offset(), 2);
}

TEST(EncodingNames, ListHoldsIcuAndIconvEncodings) {
  const std::vector<EncodingInfo> all = ListEncodings();
  EXPECT_GE(all.size(), 150u);
  std::set<std::string> names;
  size_t iconv = 0;
  for (const EncodingInfo& e : all) {
    names.insert(e.name);
    iconv += e.source == "iconv";
    // Every listed name is accepted.
    EXPECT_NE(charset::Lookup(e.name), nullptr) << e.name;
  }
  EXPECT_GT(iconv, 0u);
  for (const char* n : {"IBM855", "Big5-HKSCS", "ISO-8859-16", "VISCII", "JOHAB", "UTF-8"}) {
    EXPECT_TRUE(names.count(n)) << n;
  }
}

}  // namespace
}  // namespace norm

namespace norm {
namespace {

TEST(ReportedName, SpecificNamesKeepTheirOwnSpelling) {
  EXPECT_EQ(charset::SpecificName("gb2312"), "GB2312");
  EXPECT_EQ(charset::SpecificName("cp936"), "GBK");
  EXPECT_EQ(charset::SpecificName("windows-31j"), "CP932");
  EXPECT_EQ(charset::SpecificName("UHC"), "CP949");
  EXPECT_EQ(charset::SpecificName("latin1"), "ISO-8859-1");
  EXPECT_EQ(charset::SpecificName("WINDOWS-1252"), "windows-1252");
  EXPECT_EQ(charset::SpecificName("cp855"), "IBM855");
  EXPECT_EQ(charset::SpecificName("klingon-8"), "");
}

TEST(ReportedName, TheBytesWidenOrNarrowTheName) {
  const charset::Encoding& sjis = *charset::Lookup("Shift_JIS");
  const charset::Encoding& kr = *charset::Lookup("EUC-KR");
  const charset::Encoding& latin = *charset::Lookup("windows-1252");
  const charset::Encoding& gb = *charset::Lookup("GB18030");
  // NEC row 13 (①) is CP932, not Shift_JIS; a declaration is widened too.
  EXPECT_EQ(charset::ReportedName(sjis, "", "\x87\x40", false), "CP932");
  EXPECT_EQ(charset::ReportedName(sjis, "Shift_JIS", "\x87\x40", true), "CP932");
  EXPECT_EQ(charset::ReportedName(sjis, "SHIFT_JIS", "\x93\xFA\x96\x7B", false), "Shift_JIS");
  // Half-width katakana are single bytes, not lead bytes.
  EXPECT_EQ(charset::ReportedName(sjis, "", "\xB1\xB2\xB3", false), "Shift_JIS");
  // uchardet's UHC on plain KS X 1001 text is EUC-KR; 똠 (0x8C63) needs CP949.
  EXPECT_EQ(charset::ReportedName(kr, "UHC", "\xC7\xD1\xB1\xDB", false), "EUC-KR");
  EXPECT_EQ(charset::ReportedName(kr, "", "\x8C\x63", false), "CP949");
  // C1 bytes make Latin-1 windows-1252; without them it is ISO-8859-1.
  EXPECT_EQ(charset::ReportedName(latin, "", "caf\xE9", false), "ISO-8859-1");
  EXPECT_EQ(charset::ReportedName(latin, "ISO-8859-1", "\x93quoted\x94", true), "windows-1252");
  // Detected Chinese is GB18030; a declared GB2312 stays unless GBK bytes
  // (lead 0x81) or four-byte sequences need a wider name.
  EXPECT_EQ(charset::ReportedName(gb, "", "\xD6\xD0", false), "GB18030");
  EXPECT_EQ(charset::ReportedName(gb, "gb2312", "\xD6\xD0", true), "GB2312");
  EXPECT_EQ(charset::ReportedName(gb, "gb2312", "\x81\x40", true), "GBK");
  EXPECT_EQ(charset::ReportedName(gb, "gb2312", "\x81\x30\x81\x30", true), "GB18030");
  // Big5 is decoded as windows-950: ETEN's 裏 (0xF9D8) needs CP950, an
  // HKSCS row (0x88..) Big5-HKSCS.
  const charset::Encoding& big5 = *charset::Lookup("Big5");
  EXPECT_EQ(charset::ReportedName(big5, "", "\xA4\xA4", false), "Big5");
  EXPECT_EQ(charset::ReportedName(big5, "BIG5", "\xA4\xA4\xF9\xD8", false), "CP950");
  EXPECT_EQ(charset::ReportedName(big5, "", "\xF9\xD8\x88\x62", false), "Big5-HKSCS");
  // A preferred name for another encoding is ignored; ASCII keeps the name.
  EXPECT_EQ(charset::ReportedName(latin, "KOI8-R", "caf\xE9", false), "ISO-8859-1");
  EXPECT_EQ(charset::ReportedName(latin, "US-ASCII", "plain", true), "US-ASCII");
}

}  // namespace
}  // namespace norm
