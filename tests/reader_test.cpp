#include <gtest/gtest.h>

#include "norm/norm.h"
#include "reader.h"

namespace norm {
namespace {

std::string Md(const std::string& in, InputFormat format = InputFormat::kAuto) {
  Options o;
  o.format = format;
  Result r = Normalizer(o).NormalizeText(in);
  EXPECT_TRUE(r.status.ok());
  return r.markdown;
}

TEST(Sniff, Formats) {
  EXPECT_EQ(SniffFormat("<!DOCTYPE html><p>x"), InputFormat::kHtml);
  EXPECT_EQ(SniffFormat("<div><p>x</p></div>"), InputFormat::kHtml);
  EXPECT_EQ(SniffFormat("---\ntitle: x\n---\nbody"), InputFormat::kMarkdown);
  EXPECT_EQ(SniffFormat("# Heading\n\ntext"), InputFormat::kMarkdown);
  EXPECT_EQ(SniffFormat("[a](b)\n------\n<div>x</div>"), InputFormat::kMarkdown);
  EXPECT_EQ(SniffFormat("just some text\nand more"), InputFormat::kText);
  EXPECT_EQ(SniffFormat("See [r].\n\n[r]: https://y.org\n"), InputFormat::kMarkdown);
  EXPECT_EQ(SniffFormat("A note[^1].\n\n[^1]: The note.\n"), InputFormat::kMarkdown);
  EXPECT_EQ(SniffFormat("A regex [^a-z] in text.\n"), InputFormat::kText);
  EXPECT_EQ(SniffFormat("Mail <me@x.org> or see <https://x.org>.\n"), InputFormat::kMarkdown);
}

// As a browser sniffs: markup evidence anywhere in the first 64 KB, after
// comments, styles, scripts or a wrapper element (issue 15, case 5).
TEST(Sniff, PageMarkupAfterAPrologOrWrapper) {
  std::string css = "<style>\n";
  for (int i = 0; i < 300; ++i) css += "#c" + std::to_string(i) + " { color: red; }\n\n";
  css += "</style>\n";
  EXPECT_EQ(SniffFormat(css + "<!DOCTYPE html>\n<html><body><p>x</p>"), InputFormat::kHtml);
  EXPECT_EQ(SniffFormat("<!-- http://x.y/1 -->\n<!DOCTYPE html>\n<html>\n\n    <p>x"),
            InputFormat::kHtml);
  EXPECT_EQ(SniffFormat("<script>a[i](x); y = '**';</script>\n<meta charset=utf-8>\n<html>"),
            InputFormat::kHtml);
  EXPECT_EQ(SniffFormat("<text id=\"http://x/1\" encoding=\"gb2312\">\n<html>\n<head>"),
            InputFormat::kHtml);
  EXPECT_EQ(SniffFormat("<text id=\"http://x/1\"><html><body><table>"), InputFormat::kHtml);
  EXPECT_EQ(SniffFormat("<meta charset=\"utf-8\">\n<div><p>fragment</p></div>\n# not md"),
            InputFormat::kHtml);
  EXPECT_EQ(SniffFormat("<!-- saved -->\n<html lang=\"en\">  \n<body>x"), InputFormat::kHtml);
  EXPECT_EQ(SniffFormat("<!-- saved -->\n<html\n  lang=\"en\">"), InputFormat::kHtml);
}

// A text that names a page tag at a line's start is no page: the tag must
// end its line or lead to more markup (groff's NEWS: "<head>...</head>
// block." read as HTML lost a third of a line of prose).
TEST(Sniff, PageTagNamedInProseIsNoPage) {
  std::string news =
      "o www.tmac\n\n  A new macro `HEAD' has been added to directly add data to the\n"
      "  <head>...</head> block.\n\n  New macros to start and end a list.\n";
  EXPECT_EQ(SniffFormat(news), InputFormat::kText);
  EXPECT_EQ(SniffFormat("Put the title in the\n<body> element, not the head.\n"),
            InputFormat::kText);
}

// Chinese text damaged by a GBK/Big5 stream read out of step, or holding C
// code, is no Markdown: a `](` with no `[` before it (蹧](méi), a trail byte
// `]` before an inserted reading), a backslash before a comma (Big5's trail
// byte 0x5C), `*s++ = *t++` (no emphasis). Read as Markdown, their lines were
// one paragraph and a related-titles block glued to it was kept.
TEST(Sniff, DamagedChineseTextIsNoMarkdown) {
  EXPECT_EQ(SniffFormat("村民們沒穿過衣服蹧](méi)有鞋子。\n第二行。\n"), InputFormat::kText);
  EXPECT_EQ(SniffFormat("政府將要?言\\,,繼續推動改革。\n第二行。\n"), InputFormat::kText);
  EXPECT_EQ(SniffFormat("複製字串 while (*s++ = *t++); 很常見。\n"), InputFormat::kText);
  // Markdown stays Markdown.
  EXPECT_EQ(SniffFormat("見[說明](http://x.org)。\n"), InputFormat::kMarkdown);
  EXPECT_EQ(SniffFormat("這是**重點**。\n"), InputFormat::kMarkdown);
  EXPECT_EQ(SniffFormat("價格\\*不含稅。\n"), InputFormat::kMarkdown);
}

// A text that starts with a tag, whatever its name, and is mostly element
// markup is an HTML fragment; a stylesheet's `#id` lines and a script's
// `a[i](x)` are not Markdown evidence (issue 21).
TEST(Sniff, WrappedFragmentDominatedByMarkup) {
  EXPECT_EQ(SniffFormat("<text id=\"http://x/1\">\n<style>\n#nav { color: red }\n</style>\n"
                        "<div><p>A paragraph.</p></div>\n</text>\n"),
            InputFormat::kHtml);
  std::string script = "<doc url=\"http://x/2\">\n<script>\n";
  for (int i = 0; i < 500; ++i) script += "f[" + std::to_string(i) + "](x);\n";
  script += "</script>\n";
  std::string cells;
  for (int i = 0; i < 10; ++i)
    cells += "<font size=2><a href=\"/n/" + std::to_string(i) + "\">News</a></font><br>\n";
  EXPECT_EQ(SniffFormat(script + cells + "</doc>\n"), InputFormat::kHtml);
  // A wrapper around plain text (WikiExtractor's <doc>) is no HTML.
  EXPECT_EQ(SniffFormat("<doc id=\"12\" url=\"http://x/3\" title=\"T\">\nT\n\nA plain text, "
                        "<b>one</b> tag.\n</doc>\n"),
            InputFormat::kText);
}

TEST(Sniff, MarkdownWithInlineHtmlStaysMarkdown) {
  EXPECT_EQ(SniffFormat("<p align=\"center\"><img src=\"logo.png\" width=\"100\"></p>\n\n"
                        "# Project\n\nSome text in <b>bold</b>.\n"),
            InputFormat::kMarkdown);
  std::string table = "<table><tr>";
  for (int i = 0; i < 20; ++i)
    table += "<td align=\"center\"><a href=\"https://x.y/u" + std::to_string(i) +
             "\"><img src=\"a.png\" width=\"100px;\"/><br/><sub><b>U</b></sub></a></td>";
  table += "</tr></table>\n\nThanks to all [contributors](https://x.y/c).\n";
  EXPECT_EQ(SniffFormat(table), InputFormat::kMarkdown);
}

TEST(Sniff, MarkdownAboutHtmlStaysMarkdown) {
  EXPECT_EQ(SniffFormat("# Page\n\n```html\n<!DOCTYPE html>\n<html>\n<body>\n```\n"),
            InputFormat::kMarkdown);
  EXPECT_EQ(SniffFormat("# Page\n\n    <html>\n    <body>\n\nPut it in `<head>`.\n"),
            InputFormat::kMarkdown);
  EXPECT_EQ(SniffFormat("<!--1704638701000-->\n[Title](https://x.y/a)\n------\n\n<div>x</div>\n"),
            InputFormat::kMarkdown);
  EXPECT_EQ(SniffFormat("A <header> and a <bodyguard> are not page markup.\n"), InputFormat::kText);
}

TEST(Sniff, FileNames) {
  EXPECT_EQ(FormatFromName("page.html"), InputFormat::kHtml);
  EXPECT_EQ(FormatFromName("dir/PAGE.HTM"), InputFormat::kHtml);
  EXPECT_EQ(FormatFromName("a.xhtml"), InputFormat::kHtml);
  EXPECT_EQ(FormatFromName("notes.md"), InputFormat::kAuto);
  EXPECT_EQ(FormatFromName("html.d/readme"), InputFormat::kAuto);
  EXPECT_EQ(FormatFromName("-"), InputFormat::kAuto);
}

TEST(TextReader, LinesAreParagraphsWithoutBlankLines) {
  EXPECT_EQ(Md("第一段\n第二段\n", InputFormat::kText), "第一段\n\n第二段\n");
}

TEST(TextReader, BlankLinesSeparateParagraphsAndCjkJoinsWithoutSpace) {
  EXPECT_EQ(Md("hard\nwrapped\n\n中文\n换行\n", InputFormat::kText), "hard wrapped\n\n中文换行\n");
}

TEST(HtmlReader, StructureAndCleanup) {
  std::string html =
      "<html><head><title>T</title><script>x</script></head><body>"
      "<h2>Head</h2><p>One <b>bold</b> and <a href='/r'>link</a>.</p>"
      "<p><a href='/empty'> </a></p><ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>"
      "<pre>code\n  indented</pre><div style='display:none'>hidden</div>"
      "<table><tr><th>k</th><th>v</th></tr><tr><td>1</td><td>2</td></tr></table>"
      "<p>中文\n换行 and<br>break</p></body></html>";
  EXPECT_EQ(Md(html),
            "---\ntitle: \"T\"\n---\n\n## Head\n\nOne **bold** and [link](/r).\n\n- a\n- b\n  - "
            "c\n\n```\ncode\n  "
            "indented\n```\n\n| k | v |\n| --- | --- |\n| 1 | 2 |\n\n中文换行 and\\\nbreak\n");
}

TEST(HtmlReader, LazyImagesAndAlt) {
  EXPECT_EQ(Md("<p><img src='data:x' data-src='/a.png' alt='A cat'></p>", InputFormat::kHtml),
            "![A cat](/a.png)\n");
}

TEST(HtmlReader, LayoutTablesAreUnwrapped) {
  EXPECT_EQ(Md("<table><tr><td>only cell</td></tr></table>", InputFormat::kHtml), "only cell\n");
}

TEST(HtmlReader, TimestampCommentBecomesHint) {
  Document doc;
  Report report;
  ASSERT_TRUE(ReadHtml("<!--1666342980000--><p>x</p>", Options{}, &doc, report).ok());
  ASSERT_FALSE(doc.hints.empty());
  EXPECT_EQ(doc.hints[0].key, "timestamp");
  EXPECT_EQ(doc.hints[0].value, "1666342980000");
}

TEST(MarkdownReader, RawHtmlBlocksAndInlineHtml) {
  EXPECT_EQ(Md("Intro with <b>inline</b> html.\n\n<div><p>block <i>html</i></p></div>\n"),
            "Intro with **inline** html.\n\nblock *html*\n");
}

TEST(MarkdownReader, SetextTitleLinkBecomesHeading) {
  // The metadata filter moves the link into the front matter.
  EXPECT_EQ(Md("[Title](https://x.y/a)\n------\n\ntext\n"),
            "---\ntitle: \"Title\"\nsource: \"https://x.y/a\"\n---\n\n## Title\n\ntext\n");
}

// Every GFM construct cmark-gfm knows is read into the Document and written
// back (issue 15, case 3).
TEST(MarkdownReader, TaskListsAndFootnotes) {
  Document doc;
  Report report;
  ASSERT_TRUE(ReadMarkdown("- [ ] todo\n- [x] done\n\nA note[^a].\n\n[^a]: The note.\n\n"
                           "[^b]: Unused.\n",
                           Options(), &doc, report)
                  .ok());
  ASSERT_EQ(doc.blocks.size(), 4u);
  EXPECT_EQ(doc.blocks[0].children[0].task, Task::kOpen);
  EXPECT_EQ(doc.blocks[0].children[1].task, Task::kDone);
  ASSERT_EQ(doc.blocks[1].inlines.size(), 3u);  // "A note", [^a], "."
  EXPECT_EQ(doc.blocks[1].inlines[1].kind, InlineKind::kFootnoteRef);
  EXPECT_EQ(doc.blocks[1].inlines[1].text, "a");
  EXPECT_EQ(doc.blocks[2].kind, BlockKind::kFootnote);
  EXPECT_EQ(doc.blocks[2].info, "a");
  // cmark-gfm drops a footnote nothing refers to; the reader keeps it.
  EXPECT_EQ(doc.blocks[3].info, "b");
  EXPECT_EQ(PlainText(doc.blocks[3]), "Unused.\n");
}

// cmark-gfm 0.29 reads a "[^" closed on a later line as a footnote
// reference and loses its label (github/cmark-gfm#282); the reader keeps the
// text.
TEST(MarkdownReader, BracketWithCaretAcrossLinesKeepsItsText) {
  const InputFormat kMd = InputFormat::kMarkdown;
  EXPECT_EQ(Md("x[^a\nb] y\n", kMd), "x\\[^a b\\] y\n");
  EXPECT_EQ(Md("[^a\nb] y\n", kMd), "\\[^a b\\] y\n");  // at the very start too
  EXPECT_EQ(Md("x[^a\n\xe4\xb8\xad\xef\xbf\xbd] y\n", kMd),
            "x\\[^a \xe4\xb8\xad\xef\xbf\xbd\\] y\n");
  // As a link it keeps its text and address, as text.
  EXPECT_EQ(Md("x[^a\nb](https://x.y/) y\n", kMd), "x\\[^a b\\](https://x.y/) y\n");
  // In code the caret stays as written.
  EXPECT_EQ(Md("`[^a\nb]`\n", kMd), "`[^a b]`\n");
  EXPECT_EQ(Md("```\n[^a\nb]\n```\n", kMd), "```\n[^a\nb]\n```\n");
  EXPECT_EQ(Md("A note[^a].\n\n[^a]: The note.\n", kMd), "A note[^a].\n\n[^a]: The note.\n");
}

TEST(MarkdownReader, AutolinksAndReferenceLinksAreWrittenBack) {
  EXPECT_EQ(Md("See <https://x.org/a?b=1&c=2>, <me@x.org> and [r].\n\n[r]: https://y.org\n"),
            "See <https://x.org/a?b=1&c=2>, <me@x.org> and [r](https://y.org).\n");
}

TEST(MarkdownReader, WordsThatLookLikeTagsAreText) {
  EXPECT_EQ(Md("A List<String>, Option<A>, H<sub>2</sub>O, <b>b</b>.\n", InputFormat::kMarkdown),
            "A List\\<String>, Option\\<A>, H2O, **b**.\n");
}

TEST(MarkdownReader, RawHtmlOfADocumentIsContent) {
  // Boilerplate rules clean raw HTML only in a page saved as Markdown.
  std::string html = "# Notes\n\n<div class=\"sidebar\">Keep this aside.</div>\n";
  EXPECT_EQ(Md(html), "---\ntitle: \"Notes\"\n---\n\n# Notes\n\nKeep this aside.\n");
  EXPECT_EQ(Md("---\nurl: https://x.org/p\n---\n\n" + html.substr(9)),
            "---\nurl: https://x.org/p\n---\n");
}

TEST(MarkdownReader, HugeNestingDoesNotCrash) {
  std::string html;
  for (int i = 0; i < 5000; ++i) html += "<div><span>";
  html += "deep";
  EXPECT_EQ(Md(html, InputFormat::kHtml), "deep\n");
}

}  // namespace
}  // namespace norm
