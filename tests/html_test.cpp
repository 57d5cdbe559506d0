// The HTML reader (conversion, cleaning, main content), the boilerplate and
// metadata filters, and the EasyList rule matcher.
#include <gtest/gtest.h>

#include <string>

#include <cstdio>
#include "ascii.h"
#include "boilerplate.h"
#include "metadata.h"
#include "norm/norm.h"
#include "reader.h"
#include "script.h"
#include "write_markdown.h"

namespace norm {
namespace {

Document Html(std::string_view html, Options options = {}) {
  Document doc;
  Report report;
  Status s = ReadHtml(html, options, &doc, report);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return doc;
}

std::string Md(std::string_view html, Options options = {}) {
  return WriteMarkdown(Html(html, options));
}

TEST(HtmlConvert, WritesMarkdown) {
  EXPECT_EQ(Md("<h1>T</h1><p>a <em>b</em> <a href=\"/x\">c</a></p><ul><li>d</li></ul>"),
            "# T\n\na *b* [c](/x)\n\n- d\n");
}

TEST(HtmlConvert, HeadingsParagraphsEmphasis) {
  Document d = Html("<h2>Title</h2><p>One <em>two</em> <strong>three</strong> <del>x</del></p>");
  ASSERT_EQ(d.blocks.size(), 2u);
  EXPECT_EQ(d.blocks[0].kind, BlockKind::kHeading);
  EXPECT_EQ(d.blocks[0].level, 2);
  const Inlines& in = d.blocks[1].inlines;
  ASSERT_EQ(in.size(), 6u);
  EXPECT_EQ(in[0].text, "One ");
  EXPECT_EQ(in[1].kind, InlineKind::kEmphasis);
  EXPECT_EQ(in[3].kind, InlineKind::kStrong);
  EXPECT_EQ(in[5].kind, InlineKind::kStrike);
}

TEST(HtmlConvert, WhitespaceCollapsesAcrossElements) {
  Document d = Html("<p>  a\n\t b <span> c </span>d  </p>");
  ASSERT_EQ(d.blocks.size(), 1u);
  EXPECT_EQ(PlainText(d.blocks[0]), "a b c d");
}

TEST(HtmlConvert, CjkLineBreakJoinsWithoutSpace) {
  Document d = Html("<p>中国的人工智能\n    公司正在绕过。\nEnglish words\nhere 和\n中文</p>");
  ASSERT_EQ(d.blocks.size(), 1u);
  EXPECT_EQ(PlainText(d.blocks[0]), "中国的人工智能公司正在绕过。 English words here 和中文");
}

TEST(HtmlConvert, CjkSpaceWithoutLineBreakIsKept) {
  Document d = Html("<p>美限令下 壁仞智能</p>");
  EXPECT_EQ(PlainText(d.blocks[0]), "美限令下 壁仞智能");
}

TEST(HtmlConvert, CjkJoinAcrossInlineElements) {
  Document d = Html("<p>芯片\n<b>制造</b>\n设备</p>");
  EXPECT_EQ(PlainText(d.blocks[0]), "芯片制造设备");
}

TEST(HtmlConvert, EntitiesDecoded) {
  Document d = Html("<p>a &amp; b &lt;c&gt; &eacute; &#x4E2D;&#25991;</p>");
  EXPECT_EQ(PlainText(d.blocks[0]), "a & b <c> é 中文");
}

TEST(HtmlConvert, LinksEmptyDroppedRelativeKept) {
  Document d = Html(
      "<p><a href=\"/a/b\">rel</a> <a href=\"https://x.org/\"><span></span></a> "
      "<a href=\"javascript:void(0)\">js</a></p>");
  const Inlines& in = d.blocks[0].inlines;
  ASSERT_GE(in.size(), 1u);
  EXPECT_EQ(in[0].kind, InlineKind::kLink);
  EXPECT_EQ(in[0].url, "/a/b");
  EXPECT_EQ(PlainText(d.blocks[0]), "rel js");
}

TEST(HtmlConvert, BaseUrlResolvesRelativeLinks) {
  Options o;
  o.html.base_url = "https://example.com/news/today.html";
  Document d = Html("<p><a href=\"../a\">x</a><img src=\"i.png\" alt=\"y\"></p>", o);
  const Inlines& in = d.blocks[0].inlines;
  ASSERT_EQ(in.size(), 2u);
  EXPECT_EQ(in[0].url, "https://example.com/a");
  EXPECT_EQ(in[1].url, "https://example.com/news/i.png");
}

TEST(HtmlConvert, LazyImagesAndNoImages) {
  const char* html =
      "<p><img src=\"data:image/gif;base64,R0lGOD\" data-src=\"https://i/1.jpg\" alt=\" a  b \">"
      "<img srcset=\"https://i/2.jpg 1x, https://i/3.jpg 2x\" alt=\"c\"></p>";
  Document d = Html(html);
  const Inlines& in = d.blocks[0].inlines;
  ASSERT_EQ(in.size(), 2u);
  EXPECT_EQ(in[0].kind, InlineKind::kImage);
  EXPECT_EQ(in[0].url, "https://i/1.jpg");
  EXPECT_EQ(in[0].text, "a b");
  EXPECT_EQ(in[1].url, "https://i/2.jpg");
  Options o;
  o.html.images = false;
  Report r;
  Document d2;
  ASSERT_TRUE(ReadHtml(html, o, &d2, r).ok());
  EXPECT_TRUE(d2.blocks.empty());
  EXPECT_EQ(r.Get("html", "images-dropped"), 2);
}

TEST(HtmlConvert, FigureAndSmallCaption) {
  Document d = Html(
      "<figure><img src=\"a.jpg\"><figcaption>Cap one</figcaption></figure>"
      "<img src=\"b.jpg\"><div><small style=\"color:#999\">Cap two</small></div><p>Text</p>");
  ASSERT_EQ(d.blocks.size(), 5u);
  EXPECT_EQ(d.blocks[1].inlines[0].kind, InlineKind::kEmphasis);
  EXPECT_EQ(PlainText(d.blocks[1]), "Cap one");
  EXPECT_EQ(d.blocks[3].inlines[0].kind, InlineKind::kEmphasis);
  EXPECT_EQ(PlainText(d.blocks[3]), "Cap two");
  EXPECT_EQ(d.blocks[4].inlines[0].kind, InlineKind::kText);
}

TEST(HtmlConvert, NestedLists) {
  Document d = Html("<ol start=3><li>a<ul><li>b</li><li>c</li></ul></li><li><p>d</p></li></ol>");
  ASSERT_EQ(d.blocks.size(), 1u);
  const Block& l = d.blocks[0];
  EXPECT_TRUE(l.ordered);
  EXPECT_EQ(l.start, 3);
  ASSERT_EQ(l.children.size(), 2u);
  ASSERT_EQ(l.children[0].children.size(), 2u);
  EXPECT_EQ(l.children[0].children[1].kind, BlockKind::kList);
  EXPECT_EQ(l.children[0].children[1].children.size(), 2u);
}

TEST(HtmlConvert, QuoteCodePreRule) {
  Document d = Html(
      "<blockquote><p>q</p></blockquote><pre class=\"language-cpp\"><code>int x;\n  y();\n"
      "</code></pre><hr><p>use <code>a  b</code></p>");
  ASSERT_EQ(d.blocks.size(), 4u);
  EXPECT_EQ(d.blocks[0].kind, BlockKind::kQuote);
  EXPECT_EQ(d.blocks[1].kind, BlockKind::kCode);
  EXPECT_EQ(d.blocks[1].literal, "int x;\n  y();\n");
  EXPECT_EQ(d.blocks[1].info, "cpp");
  EXPECT_EQ(d.blocks[2].kind, BlockKind::kRule);
  EXPECT_EQ(d.blocks[3].inlines[1].kind, InlineKind::kCode);
  EXPECT_EQ(d.blocks[3].inlines[1].text, "a b");
}

TEST(HtmlConvert, DataTableBecomesPipeTable) {
  Document d = Html(
      "<table><tr><th>City</th><th>Pop</th></tr><tr><td>A<br>x</td><td>1</td></tr>"
      "<tr><td colspan=2>wide</td></tr></table>");
  ASSERT_EQ(d.blocks.size(), 1u);
  const Block& t = d.blocks[0];
  ASSERT_EQ(t.kind, BlockKind::kTable);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[2].size(), 2u);
  EXPECT_EQ(PlainText(t.rows[1][0]), "A x");
}

TEST(HtmlConvert, LayoutTableUnwrapped) {
  Document d = Html(
      "<table><tr><td><div><p>Left column text</p></div></td><td><p>Right</p></td></tr></table>");
  ASSERT_EQ(d.blocks.size(), 2u);
  EXPECT_EQ(d.blocks[0].kind, BlockKind::kParagraph);
  EXPECT_EQ(PlainText(d.blocks[0]), "Left column text");
}

TEST(HtmlConvert, DoubleBreakSplitsParagraphs) {
  Document d = Html("<div>one<br>two<br><br>three<br></div>");
  ASSERT_EQ(d.blocks.size(), 2u);
  ASSERT_EQ(d.blocks[0].inlines.size(), 3u);
  EXPECT_EQ(d.blocks[0].inlines[1].kind, InlineKind::kBreak);
  EXPECT_EQ(PlainText(d.blocks[1]), "three");
}

TEST(HtmlConvert, AdjacentEmphasisMerged) {
  Document d = Html("<p><em>© 2023</em><em>年版权</em></p>");
  ASSERT_EQ(d.blocks[0].inlines.size(), 1u);
  EXPECT_EQ(d.blocks[0].inlines[0].children.size(), 1u);
}

TEST(HtmlConvert, DeepNestingDoesNotCrash) {
  std::string html;
  for (int i = 0; i < 5000; ++i) html += "<span><div>";
  html += "deep";
  Document d = Html(html);
  EXPECT_NE(PlainText(d).find("deep"), std::string::npos);
}

TEST(HtmlClean, ScriptsStylesAlwaysGo) {
  Options o;
  o.html.boilerplate = false;
  Document d =
      Html("<script>var x=1;</script><style>p{}</style><p>a</p><div class=\"ad\">b</div>", o);
  EXPECT_EQ(text::TrimAscii(PlainText(d)), "a\nb");
}

TEST(HtmlClean, AdSlotsAndPaywallGo) {
  Report r;
  Document d;
  Options o;
  o.explain = true;
  ASSERT_TRUE(ReadHtml("<div><p>keep one</p><section id=\"imu\"><div id=\"dfp-ad-imu1\"> </div>"
                       "</section><div id=\"innity-in-post\"></div><p>keep two</p>"
                       "<div class=\"cx_paywall_placeholder\" id=\"sph_cdp_40\"></div></div>",
                       o, &d, r)
                  .ok());
  EXPECT_EQ(d.blocks.size(), 2u);
  EXPECT_GE(r.Get("html", "heuristic-removed") + r.Get("html", "empty-removed") +
                r.Get("html", "adblock-removed"),
            3);
  bool explained = false;
  for (const ReportEvent& e : r.events())
    if (e.what.find("paywall") != std::string::npos) explained = true;
  EXPECT_TRUE(explained);
}

TEST(HtmlClean, HeuristicTokensAreWholeWords) {
  Document d = Html(
      "<div class=\"shadow\"><p>s</p></div><div class=\"header-wrap\"><p>h</p></div>"
      "<div id=\"load-more\"><p>l</p></div><div class=\"download\"><p>d</p></div>"
      "<div class=\"badge\"><p>b</p></div><div class=\"headline\"><p>x</p></div>"
      "<div class=\"social-links\"><p>gone</p></div><div class=\"adBox\"><p>gone</p></div>");
  EXPECT_EQ(text::TrimAscii(PlainText(d)), "s\nh\nl\nd\nb\nx");
}

TEST(HtmlClean, HiddenCustomElementsDataAttributes) {
  Document d = Html(
      "<p>a</p><div hidden>h1</div><div style=\"display: none\">h2</div>"
      "<div aria-hidden=\"true\">h3</div><share-button>s</share-button>"
      "<div data-selfpromo-newsletter>n</div><span data-root-share>x</span><p>b</p>");
  EXPECT_EQ(text::TrimAscii(PlainText(d)), "a\nb");
}

// Issue 21: on a whole page captions and credit lines go (their pictures
// stay); captions that hold a third of the selection are a gallery's text.
TEST(HtmlClean, CaptionsGoOnPagesGalleriesKeepThem) {
  std::string para =
      "<p>The harbour city will run a night ferry from next month, every half hour between nine "
      "and midnight, the transport office said on Monday, and tickets cost the same.</p>";
  std::string page =
      "<html><body><nav><a href=\"/\">Home</a></nav><article>" + para +
      "<figure><img src=\"f.jpg\" alt=\"Ferry\"><figcaption>The ferry. Photo: Office</figcaption>"
      "</figure>" +
      para +
      "<div class=\"wp-caption\"><img src=\"m.png\"><p class=\"wp-caption-text\">The route.</p>"
      "</div>" +
      para + "</article></body></html>";
  std::string md = Md(page);
  EXPECT_EQ(md.find("Photo: Office"), std::string::npos) << md;
  EXPECT_EQ(md.find("The route."), std::string::npos) << md;
  EXPECT_NE(md.find("f.jpg"), std::string::npos) << md;
  EXPECT_NE(md.find("m.png"), std::string::npos) << md;
  std::string gallery = "<html><body><div class=\"gallery\"><p>Five costumes.</p>";
  for (int i = 0; i < 5; ++i)
    gallery += "<figure><img src=\"" + std::to_string(i) +
               ".jpg\"><figcaption>A costume made from a bed sheet, two holes cut for the eyes, "
               "worn over dark clothes.</figcaption></figure>";
  gallery += "</div></body></html>";
  EXPECT_NE(Md(gallery).find("A costume made"), std::string::npos);
}

TEST(HtmlClean, NoBoilerplateKeepsEverything) {
  Options o;
  o.html.boilerplate = false;
  Document d = Html("<nav><a href=\"/\">Home</a></nav><div class=\"share\">s</div><p>a</p>", o);
  EXPECT_NE(PlainText(d).find("Home"), std::string::npos);
  EXPECT_NE(PlainText(d).find("s"), std::string::npos);
}

TEST(HtmlClean, ShareLinksRemoved) {
  Document d = Html(
      "<p>text <a href=\"https://www.facebook.com/sharer/sharer.php?u=x\">Facebook</a> "
      "<a href=\"https://x.com/intent/tweet?url=y\">X</a></p>");
  EXPECT_EQ(text::TrimAscii(PlainText(d)), "text");
}

TEST(HtmlMain, WholePageKeepsArticleOnly) {
  std::string para =
      "<p>This paragraph is a long piece of article text, with commas, clauses, and enough "
      "words to look like the body of a news story that a reader came for.</p>";
  std::string html =
      "<!DOCTYPE html><html lang=\"en\"><head><title>Big news - Site</title></head><body>"
      "<div class=\"topbar\"><a href=\"/1\">One</a> <a href=\"/2\">Two</a> <a href=\"/3\">Three</a>"
      "</div><div class=\"wrap\"><h1>Big news</h1><div class=\"txt\">" +
      para + para + para +
      "</div><div class=\"more\"><a href=\"/x\">Other story title here</a><br>"
      "<a href=\"/y\">Another story title here</a></div></div>"
      "<div class=\"bottom\">Contact us at the office during the week, thanks.</div></body></html>";
  Document d = Html(html);
  std::string text = PlainText(d);
  EXPECT_NE(text.find("Big news"), std::string::npos);
  EXPECT_NE(text.find("long piece"), std::string::npos);
  EXPECT_EQ(text.find("One"), std::string::npos);
  EXPECT_EQ(text.find("Other story"), std::string::npos);
  EXPECT_EQ(text.find("Contact us"), std::string::npos);
  EXPECT_EQ(d.blocks[0].kind, BlockKind::kHeading);
}

TEST(HtmlHints, MetaTitleDateCanonicalComment) {
  Document d = Html(
      "<!--1666342980000--><html lang=\"zh-CN\"><head><title>T - S</title>"
      "<meta property=\"og:title\" content=\"OG T\"><meta name=\"author\" content=\"A\">"
      "<link rel=\"canonical\" href=\"https://e.com/a\"></head><body><p>x</p></body></html>");
  auto hint = [&](std::string_view k) {
    for (const MetaHint& h : d.hints)
      if (h.key == k) return h.value;
    return std::string();
  };
  EXPECT_EQ(hint("timestamp"), "1666342980000");
  EXPECT_EQ(hint("og:title"), "OG T");
  EXPECT_EQ(hint("title"), "T - S");
  EXPECT_EQ(hint("canonical"), "https://e.com/a");
  EXPECT_EQ(hint("author"), "A");
  EXPECT_EQ(hint("lang"), "zh-CN");
}

std::string WriteTemp(const std::string& name, const std::string& content) {
  std::string path = ::testing::TempDir() + name;
  FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(content.data(), 1, content.size(), f);
  std::fclose(f);
  return path;
}

TEST(Adblock, ParsesGenericSimpleSelectors) {
  Options o;
  o.explain = true;
  o.html.adblock_list =
      WriteTemp("list.txt",
                "! comment\n###top-ad\n##.ad-box\n##.q.z\n##[data-ad-name]\n##p[id^=\"dfp-\"]\n"
                "example.com##.site-specific\n##.x > .y\n##.gone\n#@#.gone\n##AD-SLOT\n");
  // Class names the built-in heuristics do not know, so only the list acts.
  auto removed_by = [&](const std::string& element) {
    Document d;
    Report r;
    EXPECT_TRUE(ReadHtml("<p>keep</p>" + element, o, &d, r).ok());
    for (const ReportEvent& e : r.events())
      if (e.what.find("(adblock: ") != std::string::npos) {
        // "removed <div> (adblock: RULE) weight=N"
        size_t at = e.what.find("(adblock: ") + 10;
        return e.what.substr(at, e.what.rfind(')') - at);
      }
    return std::string();
  };
  EXPECT_EQ(removed_by("<div id=\"top-ad\">x</div>"), "###top-ad");
  EXPECT_EQ(removed_by("<div class=\"k ad-box\">x</div>"), "##.ad-box");
  EXPECT_EQ(removed_by("<div class=\"z q\">x</div>"), "##.q.z");
  EXPECT_EQ(removed_by("<div class=\"q\">x</div>"), "");
  EXPECT_EQ(removed_by("<p data-ad-name=\"v\">x</p>"), "##[data-ad-name]");
  EXPECT_EQ(removed_by("<p id=\"dfp-top\">x</p>"), "##p[id^=\"dfp-\"]");
  EXPECT_EQ(removed_by("<div id=\"dfp-top\">x</div>"), "");
  EXPECT_EQ(removed_by("<div class=\"site-specific\">x</div>"), "");
  EXPECT_EQ(removed_by("<div class=\"y\">x</div>"), "");
  EXPECT_EQ(removed_by("<div class=\"gone\">x</div>"), "");
  EXPECT_EQ(removed_by("<ad-slot>long enough text to pass the custom-element rule, "
                       "which only removes small custom elements: this one is big, "
                       "really quite big, with many many words in it, more than two "
                       "hundred letters in all, so the list rule has to do it.</ad-slot>"),
            "##AD-SLOT");
}

TEST(Adblock, DebianEasyListLoadsAndMissingListIsAnError) {
  // webext-ublock-origin-firefox (scripts/setup.sh) ships EasyList: its
  // generic rule ###dfp-ad-leaderboard removes the slot.
  Document d;
  Report r;
  Options o;
  ASSERT_TRUE(ReadHtml("<p>keep</p><div id=\"dfp-ad-leaderboard\">x</div>", o, &d, r).ok());
  EXPECT_EQ(r.Get("html", "adblock-removed"), 1);
  o.html.adblock_list = "/nonexistent/list.txt";
  Document d2;
  Status s = ReadHtml("<p>x</p>", o, &d2, r);
  EXPECT_EQ(s.code(), StatusCode::kConfig);
}

Document Markdown(std::string_view md) {
  Document doc;
  Report report;
  Options o;
  EXPECT_TRUE(ReadMarkdown(md, o, &doc, report).ok());
  return doc;
}

Document Text(std::string_view text) {
  Document doc;
  Report report;
  EXPECT_TRUE(ReadText(text, Options(), &doc, report).ok());
  return doc;
}

TEST(Boilerplate, MarkdownPageKeepsArticle) {
  Document d = Markdown(
      "# Chip race\n\n[Login](/login) [Register](/register)\n\n"
      "* [Blue](/?t=b)\n* [Green](/?t=g)\n* [Red](/?t=r)\n\n## Chip race\n\n"
      "[Wilson](/~w) posted on 2024-05-06 [Share](//service.weibo.com/share/share.php?x)\n\n"
      "美国限制芯片出口正在扼杀中国在关键技术领域的进步。过去两年，生成式 AI "
      "技术的发展推动了对 AI 芯片的高涨需求。而英伟达和 AMD 帮助美国在 AI "
      "芯片领域占据了领先地位。\n\n"
      "* [Home](/)\n* [Privacy](/privacy)\n* [Terms](/terms)\n\n"
      "本站提到的所有注册商标属于他们各自的所有人所有，其余内容版权属于 solidot.org 所有。\n\n"
      "京ICP证161336号 [京ICP备15039648号-15](http://beian.miit.gov.cn)\n");
  Report r;
  BoilerplateFilter f({});
  f.Apply(d, r);
  std::string text = PlainText(d);
  EXPECT_NE(text.find("Chip race"), std::string::npos);
  EXPECT_NE(text.find("posted on 2024-05-06"), std::string::npos);
  EXPECT_NE(text.find("美国限制芯片出口"), std::string::npos);
  for (const char* gone : {"Login", "Blue", "Privacy", "ICP", "注册商标"})
    EXPECT_EQ(text.find(gone), std::string::npos) << gone;
  EXPECT_EQ(d.blocks.size(), 3u);  // title, byline, story (duplicate title dropped)
  EXPECT_GE(r.Get("boilerplate", "blocks-removed"), 6);
}

TEST(Boilerplate, CleanArticleUnchanged) {
  std::string md =
      "# Title\n\nFirst paragraph of a short note.\n\n- a list item\n- another item\n\n"
      "A closing line.\n";
  Document d = Markdown(md);
  Document before = d;
  Report r;
  BoilerplateFilter({}).Apply(d, r);
  EXPECT_EQ(WriteMarkdown(d), WriteMarkdown(before));
  EXPECT_EQ(r.Get("boilerplate", "blocks-removed"), 0);
}

TEST(Boilerplate, ShareLabelAndTimestampedTail) {
  // Scraped text (a page dump as plain text).
  Document d = Text(
      "正文第一段，内容足够长，用来判断正文的位置，这是文章的主要部分，后面还有更多的文字内容。\n\n"
      "分享 :\n\n"
      "2024-11-12 10:33:27美國要求臺積電停供大陸7納米AI芯片\n\n"
      "2024-11-11 17:16:25臺積電應美方要求斷供大陸AI芯片\n");
  Report r;
  BoilerplateFilter({}).Apply(d, r);
  ASSERT_EQ(d.blocks.size(), 1u);
  EXPECT_EQ(r.Get("boilerplate", "blocks-removed"), 3);
}

TEST(Boilerplate, TimestampedLinesInsideLastParagraph) {
  Document d;
  d.blocks.push_back(Block::Paragraph({Inline::Text(
      "Body text of the article.\n2024-11-12 10:33:27 Title one\n2024-11-11 17:16:25 Title two")}));
  Report r;
  BoilerplateFilter({}).Apply(d, r);
  EXPECT_EQ(text::TrimAscii(PlainText(d)), "Body text of the article.");
  EXPECT_EQ(r.Get("boilerplate", "lines-removed"), 2);
}

// Issue 18: a teaser cut off mid-sentence right above the timestamped titles
// is the list's first entry (seed 004's last lines); a finished sentence
// there stays.
TEST(Boilerplate, TruncatedTeaserAboveTimestampedTail) {
  const std::string body =
      "正文第一段，内容足够长，用来判断正文的位置，这是文章的主要部分，后面还有更多的文字内容。\n"
      "\n";
  const std::string list =
      "2024-11-12 10:33:27美國要求臺積電停供大陸7納米AI芯片\n\n"
      "2024-11-11 17:16:25臺積電應美方要求斷供大陸AI芯片\n";
  // Scraped text (a page dump as plain text).
  Document cut =
      Text(body + "這一出口限制措施主要針對用於人工智能加速器以及圖形處理單元的芯片\n\n" + list);
  Report r;
  BoilerplateFilter({}).Apply(cut, r);
  ASSERT_EQ(cut.blocks.size(), 1u);
  EXPECT_EQ(r.Get("boilerplate", "blocks-removed"), 3);
  Document whole = Text(body + "這一措施主要針對用於人工智能加速器的芯片。\n\n" + list);
  BoilerplateFilter({}).Apply(whole, r);
  EXPECT_EQ(whole.blocks.size(), 2u);
  // Glued into the last paragraph's lines.
  Document glued;
  glued.blocks.push_back(Block::Paragraph({Inline::Text(
      "Body text of the article.\nA teaser cut off in the\n2024-11-12 10:33:27 Title one\n"
      "2024-11-11 17:16:25 Title two")}));
  Report g;
  BoilerplateFilter({}).Apply(glued, g);
  EXPECT_EQ(text::TrimAscii(PlainText(glued)), "Body text of the article.");
  EXPECT_EQ(g.Get("boilerplate", "lines-removed"), 3);
}

TEST(Boilerplate, RepeatedShortLinesOnPagesKeepTheirFirstCopy) {
  std::string post =
      "A forum post long enough to count as content, with several clauses, commas, and words "
      "that make it weigh more than the threshold for article text.\n\n";
  Document d =
      Markdown("# Thread\n\n2024-10-18\n\n" + post + "[Quote](/q/1) [!](/r/1)\n\n" +
               "2024-10-18\n\n" + post + "[Quote](/q/2) [!](/r/2)\n\n2024-10-18\n\n" + post);
  d.read_as = InputFormat::kHtml;  // the repeated-line rule is for pages
  Report r;
  BoilerplateFilter({}).Apply(d, r);
  EXPECT_EQ(d.blocks.size(), 5u);  // title, the first date line and three posts
  EXPECT_EQ(PlainText(d.blocks[1]), "2024-10-18");
  EXPECT_EQ(r.Get("boilerplate", "blocks-removed"), 4);
}

TEST(Boilerplate, TextAndMarkdownKeepTheirRepeatedParagraphs) {
  // A song's chorus, a refrain, identical log lines: content, never furniture.
  for (InputFormat format : {InputFormat::kText, InputFormat::kMarkdown}) {
    Options o;
    o.format = format;
    Result r = Normalizer(o).NormalizeText(
        "V1.\n\nChorus line here.\n\nV2.\n\nChorus line here.\n\nV3.\n\nChorus line here.\n");
    EXPECT_EQ(r.markdown,
              "V1.\n\nChorus line here.\n\nV2.\n\nChorus line here.\n\nV3.\n\nChorus line here.\n");
    EXPECT_EQ(r.report.Get("boilerplate", "blocks-removed"), 0);
  }
}

TEST(Boilerplate, MarkdownDocumentKeepsItsLinkLists) {
  // A README: its documentation index and citation are its own content.
  std::string md =
      "# Project\n\nA library that does one thing well, with examples and a manual.\n\n"
      "## Documentation\n\n- [Install](docs/install.md)\n- [Usage](docs/usage.md)\n"
      "- [API](docs/api.md)\n- [FAQ](docs/faq.md)\n\n## Citation\n\n"
      "[Doe, J. (2024). Project. Journal of Examples.](https://doi.org/10.0000/example)\n\n"
      "Copyright (c) 2024 J. Doe\n";
  Document d = Markdown(md);
  Document before = d;
  Report r;
  BoilerplateFilter({}).Apply(d, r);
  EXPECT_EQ(WriteMarkdown(d), WriteMarkdown(before));
  EXPECT_EQ(r.Get("boilerplate", "blocks-removed"), 0);
}

TEST(Boilerplate, MarkdownPageDumpLosesOnlySiteNavigation) {
  // Saved from a page (its source URL in the front matter): the site's own
  // links go, the article's list of outside sources stays.
  Document d = Markdown(
      "---\nurl: https://news.example.org/story/1\n---\n\n# Story\n\n"
      "* [Home](/)\n* [World](https://news.example.org/world)\n* [Login](/login)\n\n"
      "The story itself, long enough to be the article: it has several clauses, commas, and "
      "enough words to weigh more than the threshold for content.\n\n"
      "* [The report](https://example.com/report.pdf)\n* [The data](https://data.example.net/x)\n");
  Report r;
  BoilerplateFilter({}).Apply(d, r);
  std::string text = PlainText(d);
  EXPECT_EQ(text.find("Home"), std::string::npos);
  EXPECT_NE(text.find("The report"), std::string::npos);
  EXPECT_NE(text.find("The data"), std::string::npos);
  EXPECT_EQ(r.Get("boilerplate", "blocks-removed"), 1);
}

// A README whose title links to its project reads as a page dump; its lead
// paragraph, outside the article span the sections make, is its own prose,
// not furniture: in a dump only site links go (found on /usr/share/doc
// READMEs, which lost their first sentence).
TEST(Boilerplate, MarkdownPageDumpKeepsItsOwnProseOutsideTheSpan) {
  Document d = Markdown(
      "# [tinylib](https://code.example.org/tinylib)\n\n"
      "**tinylib** parses and writes a small binary format, with no dependencies.\n\n"
      "## Features\n\n- Complete\n- Small\n- Fast\n\n## Building\n\n"
      "Run the configure step first, then build with the generator of your choice; the test "
      "suite runs with the same command and needs no network access or extra packages.\n\n"
      "* [Home](/)\n* [Blog](/blog)\n* [Login](/login)\n");
  Report r;
  BoilerplateFilter({}).Apply(d, r);
  std::string text = PlainText(d);
  EXPECT_NE(text.find("parses and writes"), std::string::npos) << text;
  EXPECT_EQ(text.find("Login"), std::string::npos) << text;
}

// In a text or a Markdown document a copyright line goes as a footer only
// when no content follows: above a licence it is the licence's first line.
TEST(Boilerplate, CopyrightLineAboveContentStaysInText) {
  const std::string licence =
      "Copyright (c) 2020, A. Author and contributors.\n\n"
      "Permission is granted to use, copy and change this work, provided that this notice and "
      "the list of conditions below are kept in every copy or substantial portion of it.\n";
  for (InputFormat format : {InputFormat::kText, InputFormat::kMarkdown}) {
    Options o;
    o.format = format;
    Result r = Normalizer(o).NormalizeText(licence);
    EXPECT_NE(r.markdown.find("Copyright (c) 2020"), std::string::npos) << r.markdown;
  }
  // Below the text, with nothing after it, it is a footer.
  Options o;
  o.format = InputFormat::kText;
  Result footer = Normalizer(o).NormalizeText(
      "The article's text, long enough to weigh as content: several clauses, commas, and "
      "enough words to pass the threshold for a paragraph of prose.\n\n"
      "Copyright 2024 Example News. All rights reserved.\n");
  EXPECT_EQ(footer.markdown.find("All rights reserved"), std::string::npos) << footer.markdown;
}

// Issue 21: a short paragraph that is mostly one link and does not end
// like a sentence points to another page; beside an article it goes, and
// it does not cut the article span in two. Alone it stays.
TEST(Boilerplate, LinkLinesBesideAnArticleGo) {
  const std::string para =
      "<p>The harbour city will run a night ferry from next month, every half hour between nine "
      "and midnight, the transport office said on Monday morning.</p>";
  Document d = Html("<html><body><div>" + para +
                    "<p>From the desk: <a href=\"/b\">Old bridge closed for repairs</a></p>"
                    "<p><a href=\"/t\">The timetable is online.</a></p>"
                    "<p><a href=\"/x\">&gt;&gt; Tram to run all night &lt;&lt;</a></p>" +
                    para + "</div></body></html>");
  Report r;
  BoilerplateFilter({}).Apply(d, r);
  std::string text = PlainText(d);
  EXPECT_EQ(text.find("Old bridge"), std::string::npos);
  EXPECT_EQ(text.find("Tram"), std::string::npos);
  EXPECT_NE(text.find("The timetable is online."), std::string::npos);  // a sentence
  EXPECT_EQ(d.blocks.size(), 3u);
  EXPECT_GT(r.Get("removed", "boilerplate:link-line"), 0);

  Document alone = Html(
      "<html><body><p><a href=\"/a\">Archive of the harbour desk</a></p>"
      "<p>Short note.</p></body></html>");
  BoilerplateFilter({}).Apply(alone, r);
  EXPECT_NE(PlainText(alone).find("Archive"), std::string::npos);
}

TEST(Boilerplate, DisabledDoesNothing) {
  Document d = Markdown("* [a](/a)\n* [b](/b)\n\n© 2024 Site\n");
  BoilerplateFilter::Options o;
  o.enabled = false;
  Report r;
  BoilerplateFilter(o).Apply(d, r);
  EXPECT_EQ(d.blocks.size(), 2u);
}

TEST(Metadata, FillsMissingKeysInOrderNeverOverwrites) {
  Document d = Html(
      "<!--1704638701000--><html lang=\"zh\"><head><meta property=\"og:title\" content=\"T\">"
      "<link rel=\"canonical\" href=\"https://e.com/x\"></head><body><p>x</p></body></html>");
  d.front_matter.present = true;
  d.front_matter.entries.push_back({"title", " \"Kept\""});
  Report r;
  MetadataFilter().Apply(d, r);
  const auto& e = d.front_matter.entries;
  ASSERT_EQ(e.size(), 4u);
  EXPECT_EQ(e[0].key, "title");
  EXPECT_EQ(FrontMatter::Unquote(e[0].value), "Kept");
  EXPECT_EQ(e[1].key, "date");
  EXPECT_EQ(FrontMatter::Unquote(e[1].value), "2024-01-07T14:45:01Z");
  EXPECT_EQ(e[2].key, "source");
  EXPECT_EQ(e[3].key, "lang");
  EXPECT_EQ(r.Get("metadata", "keys-added"), 3);
}

TEST(Metadata, NormalizeDate) {
  EXPECT_EQ(MetadataFilter::NormalizeDate("1666342980000"), "2022-10-21T09:03:00Z");
  EXPECT_EQ(MetadataFilter::NormalizeDate("1666342980123"), "2022-10-21T09:03:00.123Z");
  EXPECT_EQ(MetadataFilter::NormalizeDate("2023-03-10T06:49:26.535Z"), "2023-03-10T06:49:26.535Z");
  EXPECT_EQ(MetadataFilter::NormalizeDate("2024/05/06 23:48"), "2024-05-06T23:48");
  EXPECT_EQ(MetadataFilter::NormalizeDate("2024-05-06+08:00"), "2024-05-06");
  EXPECT_EQ(MetadataFilter::NormalizeDate("2024-05-06T10:00:00+08:00"),
            "2024-05-06T10:00:00+08:00");
  EXPECT_EQ(MetadataFilter::NormalizeDate("yesterday"), "");
  EXPECT_EQ(MetadataFilter::NormalizeDate("2024-13-01"), "");
}

TEST(Metadata, DetectLang) {
  EXPECT_EQ(MetadataFilter::DetectLang("中國的人工智能公司正在繞過美國的出口管制，這是報導。"),
            "zh-Hant");
  EXPECT_EQ(MetadataFilter::DetectLang("中国的人工智能公司正在绕过美国的出口管制，这是报道。"),
            "zh-Hans");
  EXPECT_EQ(MetadataFilter::DetectLang("市は川沿いの遊歩道に新しい照明を設置しました。"), "ja");
  EXPECT_EQ(MetadataFilter::DetectLang("강변 신도시의 첫 무인 트램 노선이 운행을 시작했다."), "ko");
  EXPECT_EQ(MetadataFilter::DetectLang("Plain English text only."), "");
}

TEST(Metadata, BareChineseTagGetsTheScript) {
  EXPECT_TRUE(MetadataFilter::IsBareChinese("zh"));
  EXPECT_TRUE(MetadataFilter::IsBareChinese("ZH"));
  EXPECT_FALSE(MetadataFilter::IsBareChinese("zh-CN"));
  EXPECT_FALSE(MetadataFilter::IsBareChinese("zh-Hant"));
  EXPECT_FALSE(MetadataFilter::IsBareChinese("ja"));
  EXPECT_FALSE(MetadataFilter::IsBareChinese(""));

  auto lang_of = [](const std::string& html) {
    Document d = Html(html);
    Report r;
    MetadataFilter().Apply(d, r);
    for (const auto& e : d.front_matter.entries)
      if (e.key == "lang") return FrontMatter::Unquote(e.value);
    return std::string();
  };
  const std::string body =
      "<body><p>中國的人工智能公司正在繞過美國的出口管制，這是記者的報導。</p>";
  EXPECT_EQ(lang_of("<html lang=\"zh\">" + body), "zh-Hant");
  EXPECT_EQ(lang_of("<html lang=\"zh-CN\">" + body), "zh-CN");
  // Japanese text under a bare zh declaration: the declaration stays.
  EXPECT_EQ(
      lang_of("<html lang=\"zh\"><body><p>市は川沿いの遊歩道に新しい照明を設置しました。</p>"),
      "zh");
}

TEST(Metadata, TitleLinkHeadingUnwrapped) {
  Document d =
      Markdown("<!--1678432625000-->\n[媒體：標題](https://www.dw.com/zh/a-1)\n------\n\n正文。\n");
  Report r;
  MetadataFilter().Apply(d, r);
  const FrontMatterEntry* src = d.front_matter.Find("source");
  ASSERT_NE(src, nullptr);
  EXPECT_EQ(FrontMatter::Unquote(src->value), "https://www.dw.com/zh/a-1");
  ASSERT_NE(d.front_matter.Find("date"), nullptr);
  EXPECT_EQ(FrontMatter::Unquote(d.front_matter.Find("date")->value), "2023-03-10T07:17:05Z");
  EXPECT_EQ(FrontMatter::Unquote(d.front_matter.Find("title")->value), "媒體：標題");
  ASSERT_EQ(d.blocks[0].kind, BlockKind::kHeading);
  EXPECT_EQ(d.blocks[0].inlines[0].kind, InlineKind::kText);
}

TEST(HtmlUtil, WeightedLength) {
  EXPECT_EQ(text::WeightedLength("ab c"), 3u);
  EXPECT_EQ(text::WeightedLength("中文"), 6u);
}

}  // namespace
}  // namespace norm
