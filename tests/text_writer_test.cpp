// --to=text: the document as plain text, no Markdown syntax, no escapes.
#include <gtest/gtest.h>

#include "norm/norm.h"
#include "reader.h"
#include "text_writer.h"

namespace norm {
namespace {

Document Read(const std::string& md) {
  Document doc;
  Report report;
  EXPECT_TRUE(ReadMarkdown(md, Options(), &doc, report).ok());
  return doc;
}

std::string Text(const std::string& md, Report* report = nullptr) {
  return WriteText(Read(md), report);
}

TEST(WriteText, ParagraphsAndHeadingsAreSeparatedByBlankLines) {
  EXPECT_EQ(Text("# Title\n\nFirst *para*.\n\n## Sub\n\nSecond **one**.\n"),
            "Title\n\nFirst para.\n\nSub\n\nSecond one.\n");
}

TEST(WriteText, NoEscapes) {
  EXPECT_EQ(Text("\\# not a heading, 1\\. not a list, a\\_b, \\*x\\*, \\[y\\]\n"),
            "# not a heading, 1. not a list, a_b, *x*, [y]\n");
}

TEST(WriteText, LinksAsTheirTextImagesAsAlt) {
  Report report;
  EXPECT_EQ(Text("See [the docs](https://x.y/docs) and ![a cat](cat.png) ![](spacer.gif) now.\n",
                 &report),
            "See the docs and a cat now.\n");
  EXPECT_EQ(report.Get("write", "images-dropped"), 1);
  EXPECT_EQ(report.Get("write", "link-urls-dropped"), 1);
}

TEST(WriteText, ImageOnlyParagraphWithoutAltIsDropped) {
  EXPECT_EQ(Text("One.\n\n![](x.png)\n\nTwo.\n"), "One.\n\nTwo.\n");
}

TEST(WriteText, ListItemsOnePerLineWithoutMarkers) {
  EXPECT_EQ(Text("Intro.\n\n- one\n- two\n  - nested\n\n1. first\n2. second\n\nEnd.\n"),
            "Intro.\n\none\ntwo\nnested\n\nfirst\nsecond\n\nEnd.\n");
}

TEST(WriteText, TablesAsTabSeparatedRows) {
  EXPECT_EQ(Text("| a | b |\n|---|---|\n| 1 | [two](u) |\n| *3* | 4 |\n"), "a\tb\n1\ttwo\n3\t4\n");
}

TEST(WriteText, CodeKeptVerbatimQuotesAsBlocks) {
  EXPECT_EQ(Text("```python\nx = 1  # *not* emphasis\n```\n\n> quoted *text*\n>\n> more\n"),
            "x = 1  # *not* emphasis\n\nquoted text\n\nmore\n");
}

TEST(WriteText, RulesAndFrontMatterAreNotWritten) {
  EXPECT_EQ(Text("---\ntitle: \"T\"\n---\n\nA\n\n---\n\nB\n"), "A\n\nB\n");
}

TEST(WriteText, HardBreaksAreLineEndsAndSpacesCollapse) {
  Document doc;
  doc.blocks.push_back(
      Block::Paragraph({Inline::Text("  a   b\tc "), Inline{InlineKind::kBreak, {}, {}, {}, {}},
                        Inline::Text(" d\ne")}));
  EXPECT_EQ(WriteText(doc), "a b c\nd e\n");
}

TEST(WriteText, EmptyDocumentIsEmpty) { EXPECT_EQ(WriteText(Document()), ""); }

TEST(WriteText, RunnerWritesTextWithTo) {
  Options options;
  ASSERT_TRUE(SetOption(options, "to", "text").ok());
  Result r = Normalize(
      "<html><body><h1>Head</h1><p>A <a href='/x'>link</a> &amp; more.</p>"
      "</body></html>",
      options);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_NE(r.markdown.find("Head\n\nA link & more.\n"), std::string::npos) << r.markdown;
  EXPECT_EQ(r.markdown.find('['), std::string::npos) << r.markdown;
}

TEST(WriteText, OnlyCommandsThatWriteADocumentTakeTo) {
  Options options;
  ASSERT_TRUE(SetOption(options, "to", "text").ok());
  options.command = Command::kFix;
  EXPECT_EQ(Normalizer(options).status().code(), StatusCode::kConfig);
  options.command = Command::kHtmlToMarkdown;
  EXPECT_TRUE(Normalizer(options).status().ok());
  EXPECT_EQ(SetOption(options, "to", "yaml").code(), StatusCode::kConfig);
}

}  // namespace
}  // namespace norm
