#include <gtest/gtest.h>

#include "norm/norm.h"
#include "reader.h"
#include "write_markdown.h"
#include "writer.h"

namespace norm {
namespace {

Document Read(const std::string& md) {
  Document doc;
  Report report;
  Options options;
  EXPECT_TRUE(ReadMarkdown(md, options, &doc, report).ok());
  return doc;
}

// Text written as a paragraph must read back as exactly that text.
class EscapeRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(EscapeRoundTrip, TextSurvives) {
  Document doc;
  doc.blocks.push_back(Block::Paragraph({Inline::Text(GetParam())}));
  std::string md = WriteMarkdown(doc);
  Document back = Read(md);
  ASSERT_EQ(back.blocks.size(), 1u) << md;
  EXPECT_EQ(back.blocks[0].kind, BlockKind::kParagraph) << md;
  EXPECT_EQ(PlainText(back.blocks[0].inlines), GetParam()) << md;
  EXPECT_EQ(WriteMarkdown(back), md);
}

INSTANTIATE_TEST_SUITE_P(
    Tricky, EscapeRoundTrip,
    ::testing::Values("# not a heading", "- not a list", "+ plus", "1. not ordered", "2) paren",
                      "> not a quote", "*stars* and _underscores_", "snake_case_name",
                      "a [bracket](link) b", "<div>tag text</div>", "&amp; entity &copy;",
                      "back\\slash", "`code` text", "~~strike~~ 5~10", "=== setext", "--- rule",
                      "a | b | c", "![not image](x)", "100% done. 3.14", "中文*强调*中文",
                      "“引号”和（括号）", "<https://x.y>", "1.5 million", "23.10.2018", "#hashtag",
                      "[ ] not a task", "[^1] not a footnote", "[^1]: not one either"));

// Found by fuzz_roundtrip: what a Markdown reader does not keep must not be
// written, or the output does not read back as written: spaces before and
// after a hard break, spaces at the edges of image alt text and link text,
// a run of whitespace, `<` + `!` split across two texts, `&` in a code fence
// info string.
TEST(Writer, OutputReadsBackAsWritten) {
  Document doc;
  Inline img{InlineKind::kImage, " \v alt  text \t", "x.png", {}, {}};
  Inline link{InlineKind::kLink, {}, "/u", {}, {Inline::Text(" linked ")}};
  doc.blocks.push_back(Block::Paragraph({Inline::Text("and  "),
                                         {InlineKind::kBreak, {}, {}, {}, {}},
                                         Inline::Text("  # not a heading <"),
                                         Inline::Text("!x"),
                                         link,
                                         img}));
  Block code;
  code.kind = BlockKind::kCode;
  code.info = " lang&lt;x&gt; ";
  code.literal = "code\n";
  doc.blocks.push_back(code);
  std::string once = WriteMarkdown(doc);
  EXPECT_EQ(once,
            "and\\\n\\# not a heading \\<!x [linked](/u) ![alt text](x.png)\n\n"
            "```lang&amp;lt;x&amp;gt;\ncode\n```\n");
  EXPECT_EQ(WriteMarkdown(Read(once)), once);
  // A hard break that ends a paragraph is no break: it is not written.
  Document end;
  end.blocks.push_back(
      Block::Paragraph({Inline::Text("Before"), {InlineKind::kBreak, {}, {}, {}, {}}}));
  EXPECT_EQ(WriteMarkdown(end), "Before\n");
}

// GFM task items and footnotes (issue 15, case 3); a reference to a
// footnote the document does not hold is text.
TEST(Writer, TaskListsAndFootnotes) {
  Document doc;
  Block list;
  list.kind = BlockKind::kList;
  for (Task t : {Task::kOpen, Task::kDone, Task::kNone}) {
    Block item;
    item.kind = BlockKind::kListItem;
    item.task = t;
    item.children.push_back(Block::Paragraph({Inline::Text("item")}));
    list.children.push_back(item);
  }
  doc.blocks.push_back(list);
  doc.blocks.push_back(Block::Paragraph({Inline::Text("See"),
                                         {InlineKind::kFootnoteRef, "n", {}, {}, {}},
                                         Inline::Text(" and"),
                                         {InlineKind::kFootnoteRef, "gone", {}, {}, {}}}));
  Block note;
  note.kind = BlockKind::kFootnote;
  note.info = "n";
  note.children.push_back(Block::Paragraph({Inline::Text("First.")}));
  note.children.push_back(Block::Paragraph({Inline::Text("Second.")}));
  doc.blocks.push_back(note);
  std::string once = WriteMarkdown(doc);
  EXPECT_EQ(once,
            "- [ ] item\n- [x] item\n- item\n\nSee[^n] and\\[^gone\\]\n\n"
            "[^n]: First.\n\n    Second.\n");
  EXPECT_EQ(WriteMarkdown(Read(once)), once);
}

// Only what would read back as a block is escaped at a line start (issue
// 15, case 12): `1.5 million` and `23.10.2018` are text.
TEST(Writer, EscapesOnlyWhatWouldStartABlock) {
  auto para = [](std::string text) {
    Document d;
    d.blocks.push_back(Block::Paragraph({Inline::Text(std::move(text))}));
    return WriteMarkdown(d);
  };
  EXPECT_EQ(para("1.5 million"), "1.5 million\n");
  EXPECT_EQ(para("23.10.2018"), "23.10.2018\n");
  EXPECT_EQ(para("-5 degrees"), "-5 degrees\n");
  EXPECT_EQ(para("#hashtag"), "#hashtag\n");
  EXPECT_EQ(para("== two"), "== two\n");
  EXPECT_EQ(para("1. first"), "1\\. first\n");
  EXPECT_EQ(para("2)"), "2\\)\n");
  EXPECT_EQ(para("- dash"), "\\- dash\n");
  EXPECT_EQ(para("# heading"), "\\# heading\n");
  EXPECT_EQ(para("---"), "\\---\n");
  EXPECT_EQ(para("= ="), "\\= =\n");
  EXPECT_EQ(para("> quote"), "\\> quote\n");
  // White space the reader drops at a line start does not hide a marker.
  EXPECT_EQ(para("\n- point"), "\\- point\n");
}

TEST(Writer, HeadingsListsQuotesCode) {
  std::string md =
      "# Title\n\n## Sub\n\n- one\n- two\n  - nested\n\n1. first\n2. second\n\n> quoted\n>\n> "
      "more\n\n```cpp\nint x = 1;\n```\n\n***\n\n| a | b |\n| --- | ---: |\n| 1 | 2 |\n";
  Document doc = Read(md);
  EXPECT_EQ(WriteMarkdown(doc), md);
}

TEST(Writer, AdjacentListsStaySeparate) {
  Document doc;
  for (int i = 0; i < 2; ++i) {
    Block list;
    list.kind = BlockKind::kList;
    Block item;
    item.kind = BlockKind::kListItem;
    item.children.push_back(Block::Paragraph({Inline::Text(i == 0 ? "a" : "b")}));
    list.children.push_back(item);
    doc.blocks.push_back(list);
  }
  std::string md = WriteMarkdown(doc);
  EXPECT_EQ(md, "- a\n\n* b\n");
  EXPECT_EQ(Read(md).blocks.size(), 2u);
}

TEST(Writer, EmphasisThatMarkdownCannotDelimitLosesOnlyItsStyle) {
  // "**" before a CJK quotation mark after a letter is not left-flanking.
  Inline strong;
  strong.kind = InlineKind::kStrong;
  strong.children.push_back(Inline::Text("“强调”"));
  Document doc;
  doc.blocks.push_back(Block::Paragraph({Inline::Text("文字"), strong, Inline::Text("文字")}));
  std::string md = WriteMarkdown(doc);
  EXPECT_EQ(md, "文字“强调”文字\n");
  EXPECT_EQ(WriteMarkdown(Read(md)), md);
}

TEST(Writer, LinkDestinationsWithSpacesAndParens) {
  Inline link;
  link.kind = InlineKind::kLink;
  link.url = "https://x.y/a (b)";
  link.title = "say \"hi\"";
  link.children.push_back(Inline::Text("t"));
  Document doc;
  doc.blocks.push_back(Block::Paragraph({link}));
  std::string md = WriteMarkdown(doc);
  Document back = Read(md);
  ASSERT_EQ(back.blocks.size(), 1u);
  ASSERT_EQ(back.blocks[0].inlines.size(), 1u) << md;
  EXPECT_EQ(back.blocks[0].inlines[0].url, link.url);
  EXPECT_EQ(back.blocks[0].inlines[0].title, link.title);
}

TEST(Writer, FrontMatterVerbatim) {
  std::string md = "---\ntitle: \"A\"\ntags: [ x ]\nlist:\n  - a\n  - b\n---\n\nBody\n";
  EXPECT_EQ(WriteMarkdown(Read(md)), md);
}

TEST(Writer, EmptyDocumentIsEmpty) { EXPECT_EQ(WriteMarkdown(Document{}), ""); }

// CommonMark reads U+0000 as U+FFFD; the writer writes it so, wherever the
// NUL sits (prose, code, URL), and counts it.
TEST(Writer, NulIsWrittenAsReplacementCharacterAndCounted) {
  using namespace std::string_literals;
  Document doc;
  Inline link{InlineKind::kLink, {}, "http://x/\0"s, {}, {Inline::Text("l\0nk"s)}};
  doc.blocks.push_back(
      Block::Paragraph({Inline::Text("a\0b "s), {InlineKind::kCode, "c\0"s, {}, {}, {}}, link}));
  Report report;
  std::string md = WriteMarkdown(doc, &report);
  EXPECT_EQ(md, "a\uFFFDb `c\uFFFD`[l\uFFFDnk](http://x/\uFFFD)\n");
  EXPECT_EQ(report.Get("write", "nul-replaced"), 4);
  EXPECT_EQ(WriteMarkdown(doc), md);  // without a report: same bytes
  EXPECT_EQ(WriteMarkdown(Read(md)), md);
}

// --binary input: Markdown and HTML readers replace NUL as CommonMark says
// and count it; plain text loses it to the unicode filter, counted there.
TEST(Writer, BinaryInputNulIsReplacedOrRemovedAndCounted) {
  using namespace std::string_literals;
  Options options;
  options.allow_binary = true;
  options.format = InputFormat::kMarkdown;
  Result md = Normalize("# T\n\nHello\0*world*\n"s, options);
  ASSERT_TRUE(md.status.ok()) << md.status.ToString();
  EXPECT_NE(md.markdown.find("Hello\uFFFD*world*"), std::string::npos) << md.markdown;
  EXPECT_EQ(md.report.Get("read", "nul-replaced"), 1);
  options.format = InputFormat::kHtml;
  Result html = Normalize("<p>Hello\0<b>world</b></p>"s, options);
  ASSERT_TRUE(html.status.ok()) << html.status.ToString();
  EXPECT_EQ(html.markdown, "Hello\uFFFD**world**\n");
  EXPECT_EQ(html.report.Get("read", "nul-replaced"), 1);
  options.format = InputFormat::kText;
  Result text = Normalize("Hello\0world\n"s, options);
  ASSERT_TRUE(text.status.ok()) << text.status.ToString();
  EXPECT_EQ(text.markdown.find('\0'), std::string::npos);
  EXPECT_EQ(text.report.Get("unicode", "controls-removed"), 1);
}

// A leading U+FEFF would be read back as a byte order mark and vanish.
TEST(Writer, LeadingByteOrderMarkCharacterSurvivesReadingBack) {
  Document doc;
  doc.blocks.push_back(Block::Paragraph({Inline::Text("\uFEFFtext")}));
  std::string md = WriteMarkdown(doc);
  EXPECT_EQ(md, "&#xFEFF;text\n");
  EXPECT_EQ(PlainText(Read(md).blocks.at(0).inlines), "\uFEFFtext");
  EXPECT_EQ(WriteMarkdown(Read(md)), md);
}

}  // namespace
}  // namespace norm

namespace norm {
namespace {

// The writer reads styled paragraphs back through the callback it is given
// (write/ does not call the reader itself); norm::WriteMarkdown passes the
// Markdown reader.
TEST(Writer, ReadBackCheckGoesThroughTheCallback) {
  Document doc;
  Inline strong = Inline::Text("bold");
  strong.kind = InlineKind::kStrong;
  strong.children = {Inline::Text("bold")};
  strong.text.clear();
  doc.blocks.push_back(Block::Paragraph({Inline::Text("a "), strong, Inline::Text(" b")}));
  int calls = 0;
  auto refuse = [&](std::string_view, Document*) {
    ++calls;
    return false;
  };
  Report report;
  EXPECT_EQ(writer::Write(doc, &report, refuse), "a bold b\n");
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(report.Get("write", "styles-dropped"), 1);
  EXPECT_EQ(writer::Write(doc, nullptr, nullptr), "a **bold** b\n");  // unchecked
  EXPECT_EQ(WriteMarkdown(doc), "a **bold** b\n");
}

}  // namespace
}  // namespace norm
