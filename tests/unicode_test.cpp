#include "unicode.h"

#include <gtest/gtest.h>

#include <string>

#include "norm/document.h"
#include "norm/options.h"
#include "norm/report.h"

namespace norm {
namespace {

std::unique_ptr<UnicodeFilter> Make(UnicodeOptions o = {}) {
  Status status;
  auto f = UnicodeFilter::Make(o, &status);
  EXPECT_NE(f, nullptr) << status.message();
  return f;
}

// Transforms, checks that MayChange agreed and that a second run changes
// nothing.
std::string Fold(const UnicodeFilter& f, std::string_view in, Report* report = nullptr) {
  Report local;
  Report& r = report != nullptr ? *report : local;
  std::string out = f.Transform(in, r);
  EXPECT_EQ(f.MayChange(in), out != in) << in;
  Report again;
  EXPECT_EQ(f.Transform(out, again), out) << "not idempotent: " << in;
  EXPECT_FALSE(f.MayChange(out)) << out;
  return out;
}

TEST(Unicode, CleanTextPassesUnchanged) {
  auto f = Make();
  for (const char* s :
       {"", "plain ASCII, with\ttabs\nand lines.", "中文，標點。「引號」（括號）！？",
        "日本語のテキスト、カタカナ。", "Ελληνικά, русский, العربية, हिन्दी",
        "emoji 👩🏽\u200d💻 and flags 🏳️\u200d🌈", "AT&T R&D; a & b; &bogus;"}) {
    EXPECT_FALSE(f->MayChange(s)) << s;
    Report r;
    EXPECT_EQ(f->Transform(s, r), s);
    EXPECT_TRUE(r.counters().empty()) << s;
  }
}

TEST(Unicode, LineEndings) {
  auto f = Make();
  Report r;
  EXPECT_EQ(Fold(*f, "a\r\nb\rc\u2028d\u0085e\u2029f", &r), "a\nb\nc\nd\ne\nf");
  EXPECT_EQ(r.Get("unicode", "line-endings"), 5);
}

TEST(Unicode, ControlsRemovedTabAndNewlineKept) {
  auto f = Make();
  Report r;
  EXPECT_EQ(Fold(*f, "a\x01\x08\tb\x1b\x7f\nc\u0080\u009f", &r), "a\tb\nc");
  EXPECT_EQ(r.Get("unicode", "controls-removed"), 6);
}

TEST(Unicode, ZeroWidthAndBom) {
  auto f = Make();
  Report r;
  EXPECT_EQ(Fold(*f, "\uFEFF中\u200B文\u2060字\uFEFF", &r), "中文字");
  EXPECT_EQ(r.Get("unicode", "zero-width-removed"), 2);
  EXPECT_EQ(r.Get("unicode", "bom-removed"), 2);
  // A joiner between Latin letters does nothing: removed.
  EXPECT_EQ(Fold(*f, "a\u200Db\u200Cc"), "abc");
}

TEST(Unicode, JoinersKeptWhereTheyWork) {
  auto f = Make();
  for (const char* s : {
           "👨\u200D👩\u200D👧\u200D👦",  // family
           "👩🏽\u200D🔬",      // skin tone then ZWJ
           "🏳️\u200D🌈",       // VS16 then ZWJ
           "می\u200Cخواهم",           // Persian ZWNJ
           "क्\u200Dष",                // Devanagari half form
           "ক্\u200Cষ",                // Bengali
           "ന്\u200D",                 // Malayalam chillu
       }) {
    EXPECT_FALSE(f->MayChange(s)) << s;
    Report r;
    EXPECT_EQ(f->Transform(s, r), s);
  }
  // A ZWJ after an emoji but before a letter joins nothing.
  EXPECT_EQ(Fold(*f, "👍\u200Dok"), "👍ok");
}

TEST(Unicode, WidthFoldingLettersDigitsKatakanaNeverCjkPunctuation) {
  auto f = Make();
  Report r;
  EXPECT_EQ(Fold(*f, "Ｎｖｉｄｉａ ＲＴＸ４０９０，發佈。", &r), "Nvidia RTX4090，發佈。");
  EXPECT_EQ(r.Get("unicode", "width-folded"), 13);
  Report k;
  EXPECT_EQ(Fold(*f, "ｶﾞｲﾄﾞﾌﾞｯｸ｡", &k), "ガイドブック。");
  EXPECT_EQ(k.Get("unicode", "width-folded"), 10);
  const char* punct = "，。！？（）：；「」『』【】、～＃％＆＊＋－／＝＠";
  EXPECT_FALSE(f->MayChange(punct));
  UnicodeOptions no_width;
  no_width.fold_width = false;
  auto g = Make(no_width);
  EXPECT_EQ(Fold(*g, "Ｎｖｉｄｉａ"), "Ｎｖｉｄｉａ");
}

TEST(Unicode, SpacesKeptOrFolded) {
  auto keep = Make();
  EXPECT_EQ(Fold(*keep, "a\u00A0b\u3000c\u202Fd"), "a\u00A0b\u3000c\u202Fd");
  UnicodeOptions o;
  o.fold_spaces = true;
  auto fold = Make(o);
  Report r;
  EXPECT_EQ(Fold(*fold, "a\u00A0b\u3000c\u202Fd", &r), "a b c d");
  EXPECT_EQ(r.Get("unicode", "spaces-folded"), 3);
}

TEST(Unicode, LeftoverEntitiesDecoded) {
  auto f = Make();
  Report r;
  EXPECT_EQ(
      Fold(*f, "Tom &amp; Jerry &lt;b&gt; &eacute;t&eacute; &#20013;&#x6587; &quot;q&apos;", &r),
      "Tom & Jerry <b> été 中文 \"q'");
  EXPECT_EQ(r.Get("unicode", "entities-decoded"), 9);
  // Double escapes decode to the end (idempotent), C1 references follow
  // HTML (windows-1252), bad code points become U+FFFD.
  EXPECT_EQ(Fold(*f, "&amp;lt;p&amp;amp;gt;"), "<p>");
  EXPECT_EQ(Fold(*f, "&#150;&#x93;&#0;&#xD800;&#x110000;"), "\u2013\u201C\uFFFD\uFFFD\uFFFD");
  // Not references: no ';', unknown names, bare '&'.
  for (const char* s : {"AT&T", "R&D;", "&nbsp", "&bogus;", "a && b", "&#;", "&#x;", "&;"}) {
    EXPECT_FALSE(f->MayChange(s)) << s;
  }
  // A decoded character goes through the rules: &nbsp; is a kept NBSP,
  // a referenced ZWSP is removed.
  EXPECT_EQ(Fold(*f, "a&nbsp;b&#8203;c"), "a\u00A0bc");
}

TEST(Unicode, NfcByDefaultNfkcKeepsCjkPunctuation) {
  auto nfc = Make();
  Report r;
  EXPECT_EQ(Fold(*nfc, "e\u0301 A\u030A", &r), "\u00E9 \u00C5");
  EXPECT_GT(r.Get("unicode", "normalized"), 0);
  EXPECT_EQ(Fold(*nfc, "①㈱ﬁ"), "①㈱ﬁ");  // NFC keeps compatibility characters

  UnicodeOptions o;
  o.form = "NFKC";
  auto nfkc = Make(o);
  EXPECT_EQ(Fold(*nfkc, "①㈱ﬁ，。！？（）：；「」\u3000"), "1(株)fi，。！？（）：；「」\u3000");
  EXPECT_EQ(Fold(*nfkc, "a\u00A0b"), "a\u00A0b");

  UnicodeOptions none;
  none.form = "none";
  auto raw = Make(none);
  EXPECT_EQ(Fold(*raw, "e\u0301"), "e\u0301");
}

TEST(Unicode, BadFormIsConfigError) {
  UnicodeOptions o;
  o.form = "NFD2";
  Status status;
  EXPECT_EQ(UnicodeFilter::Make(o, &status), nullptr);
  EXPECT_EQ(status.code(), StatusCode::kConfig);
  EXPECT_NE(status.message().find("NFD2"), std::string::npos);
}

TEST(Unicode, AppliesToProseOnly) {
  Options options;
  Status status;
  auto filter = MakeUnicodeFilter(options, &status);
  ASSERT_NE(filter, nullptr);
  Document doc;
  Inline code;
  code.kind = InlineKind::kCode;
  code.text = "x\u200By &amp;";
  Inline link;
  link.kind = InlineKind::kLink;
  link.url = "https://example.com/?a=1&amp;b=\uFF11";
  link.children.push_back(Inline::Text("ｌｉｎｋ&amp;"));
  doc.blocks.push_back(Block::Paragraph({Inline::Text("Ａ\u200B"), code, link}));
  Report report;
  filter->Apply(doc, report);
  const Inlines& in = doc.blocks[0].inlines;
  EXPECT_EQ(in[0].text, "A");
  EXPECT_EQ(in[1].text, "x\u200By &amp;");
  EXPECT_EQ(in[2].url, "https://example.com/?a=1&amp;b=\uFF11");
  EXPECT_EQ(in[2].children[0].text, "link&");
}

}  // namespace
}  // namespace norm
