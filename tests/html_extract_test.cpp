// Select-then-clean extraction of whole pages (html_clean.h, html_page.h):
// furniture evidence as weights, the selection and its fallbacks, what is
// removed around it, --explain events, and the page metadata that goes with.
#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>

#include <memory>
#include <string>

#include "html_clean.h"
#include "norm/norm.h"
#include "reader.h"
#include "write_markdown.h"

namespace norm {
namespace {

constexpr std::string_view kArticle =
    "<p>The council voted on Tuesday to extend the program, which had been due to expire at "
    "the end of the year, by another three years.</p>"
    "<p>Supporters said the money, about four million in all, would keep the clinics open, "
    "while critics asked for an audit first.</p>"
    "<p>The mayor, speaking after the vote, called the decision a relief for the families who "
    "depend on the service every week.</p>";

std::string Page(std::string_view body) {
  return "<!DOCTYPE html><html><head><title>T</title></head><body>" + std::string(body) +
         "</body></html>";
}

struct Read {
  Document doc;
  Report report;
  std::string md;
  bool Has(std::string_view s) const { return md.find(s) != std::string::npos; }
  bool Event(std::string_view s) const {
    for (const ReportEvent& e : report.events())
      if (e.what.find(s) != std::string::npos) return true;
    return false;
  }
};

Read ReadPage(std::string_view html) {
  Options o;
  o.explain = true;
  Read r;
  EXPECT_TRUE(ReadHtml(html, o, &r.doc, r.report).ok());
  r.md = WriteMarkdown(r.doc);
  return r;
}

// The furniture token of the first element of a fragment, and its strength.
std::pair<std::string, bool> Token(const std::string& element) {
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> doc(
      htmlReadMemory(element.data(), static_cast<int>(element.size()), nullptr, "UTF-8",
                     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING),
      xmlFreeDoc);
  const xmlNode* n = xmlDocGetRootElement(doc.get());  // html
  while (n && n->children &&
         (std::string_view(reinterpret_cast<const char*>(n->name)) == "html" ||
          std::string_view(reinterpret_cast<const char*>(n->name)) == "body"))
    n = n->children;
  bool weak = false;
  std::string token(html::BoilerplateToken(n, &weak));
  return {token, weak};
}

TEST(HtmlExtract, CompoundClassNamesAreWeakEvidence) {
  using P = std::pair<std::string, bool>;
  EXPECT_EQ(Token("<div class=\"sidebar\">x</div>"), P("sidebar", false));
  EXPECT_EQ(Token("<div class=\"related-posts\">x</div>"), P("related", false));
  EXPECT_EQ(Token("<div class=\"article-comments\">x</div>"), P("comments", false));
  EXPECT_EQ(Token("<div class=\"cb-sidebar-right\">x</div>"), P("sidebar", false));
  EXPECT_EQ(Token("<div class=\"no-share\">x</div>"), P("share", true));
  EXPECT_EQ(Token("<div class=\"elementor-widget-wrap\">x</div>"), P("widget", true));
  EXPECT_EQ(Token("<div class=\"article-content sticky-sidebar-relative\">x</div>"),
            P("sidebar", true));
  EXPECT_EQ(Token("<div class=\"documentContent__sharingContainer\">x</div>"), P("sharing", true));
  EXPECT_EQ(Token("<div class=\"entry-content print-only\">x</div>"), P("print", true));
  EXPECT_EQ(Token("<div class=\"jslc isPaywall\">x</div>"), P("paywall", true));
  // Disclosures and disclaimers (affiliate notes, comment policies).
  EXPECT_EQ(Token("<section class=\"editorial-disclosure\">x</section>"), P("disclosure", false));
  EXPECT_EQ(Token("<div class=\"disclaimer\">x</div>"), P("disclaimer", false));
  // A table of contents is navigation; "toc" inside a word is not.
  EXPECT_EQ(Token("<div id=\"toc_container\">x</div>"), P("toc", true));
  EXPECT_EQ(Token("<div class=\"toc\">x</div>"), P("toc", false));
  EXPECT_EQ(Token("<div class=\"stockholm\">x</div>").first, "");
  EXPECT_EQ(Token("<div data-print=\"body\">x</div>"), P("print", true));
  // A strong item wins over a weak one on the same element.
  EXPECT_EQ(Token("<div class=\"no-share comments\">x</div>"), P("comments", false));
  EXPECT_EQ(Token("<div class=\"shadow download\">x</div>").first, "");
}

TEST(HtmlExtract, ArticleInCompoundClassWrapperSurvives) {
  std::string about =
      "<p>City Paper is an independent newspaper, founded in 1921, owned by its readers, and "
      "written by a small team of reporters who live in the city and cover it every day.</p>"
      "<p>We are funded by subscriptions and by a foundation, and never take money from the "
      "people we write about.</p>";
  Read r =
      ReadPage(Page("<div class=\"article-content sticky-sidebar-relative\"><h1>Vote</h1>" +
                    std::string(kArticle) + "</div><div class=\"sidebar\">" + about + "</div>"));
  EXPECT_TRUE(r.Has("The council voted on Tuesday")) << r.md;
  EXPECT_TRUE(r.Has("The mayor, speaking after the vote")) << r.md;
  EXPECT_FALSE(r.Has("City Paper is an independent newspaper")) << r.md;
}

TEST(HtmlExtract, ExplainNamesCandidateScoreRunnerUpAndRemovedSize) {
  Read r = ReadPage(Page("<div id=\"story\" class=\"body\">" + std::string(kArticle) +
                         "</div><div id=\"other\"><p>An unrelated paragraph of some length, "
                         "with a comma, and another, to score as a candidate.</p></div>"
                         "<div class=\"related-posts\"><p>x</p></div>"));
  EXPECT_TRUE(r.Event("selected <div id=\"story\" class=\"body\"> score ")) << r.md;
  EXPECT_TRUE(r.Event("runner-up <div id=\"other\">"));
  EXPECT_TRUE(r.Event("(main-content: score "));
  EXPECT_TRUE(r.Event(") weight="));
}

TEST(HtmlExtract, HiddenWrapperHoldingTheArticleIsKept) {
  Read r = ReadPage(
      Page("<h1>Vote</h1><div style=\"display: none\">" + std::string(kArticle) + "</div>"));
  EXPECT_TRUE(r.Has("The council voted on Tuesday")) << r.md;
  EXPECT_EQ(r.report.Get("html", "hidden-kept"), 1);
  // A hidden dialog beside a visible article still goes.
  Read v = ReadPage(Page(std::string(kArticle) +
                         "<div style=\"display:none\"><p>Sign in to your account to go on "
                         "reading, it is free and takes a minute.</p></div>"));
  EXPECT_FALSE(v.Has("Sign in")) << v.md;
  EXPECT_EQ(v.report.Get("html", "hidden-kept"), 0);
}

TEST(HtmlExtract, NoscriptDoesNotSwallowThePage) {
  Read r = ReadPage(
      Page("<noscript><div class=\"warn\">Enable JavaScript</noscript>" + std::string(kArticle)));
  EXPECT_TRUE(r.Has("The council voted on Tuesday")) << r.md;
  EXPECT_FALSE(r.Has("Enable JavaScript")) << r.md;
}

TEST(HtmlExtract, PresentationTokensDoNotRemoveContent) {
  Read r = ReadPage(
      Page("<article class=\"review\"><h1>Test</h1>"
           "<section class=\"part part--ads\"><h2>One</h2><p>The grill arrives in one large box, "
           "well packed, with a manual in four languages and a pair of tongs.</p></section>"
           "<section class=\"part part--ads\"><h2>Two</h2><p>Before the first use the grate should "
           "be heated once without food, as the maker says, so that no smell is left.</p></section>"
           "<div class=\"ads\">Advertisement</div></article>"));
  EXPECT_TRUE(r.Has("The grill arrives")) << r.md;
  EXPECT_TRUE(r.Has("Before the first use")) << r.md;
  EXPECT_FALSE(r.Has("Advertisement")) << r.md;
}

TEST(HtmlExtract, TeasersPromosAndTailFurnitureGo) {
  std::string card =
      "<div class=\"card\"><a href=\"/a\"><img src=\"/a.jpg\" alt=\"\"></a><h3><a href=\"/a\">"
      "Storm hits the coast and damages roofs</a></h3><p>A summary of another story, with a comma, "
      "long enough to look like "
      "a paragraph.</p></div>";
  Read r = ReadPage(
      Page("<div class=\"page\"><h1>Vote</h1><div class=\"text\">" + std::string(kArticle) +
           "<p>Read more: <a href=\"/x\">Clinics face closure</a></p>"
           "<p>Photo: City Paper</p><p>Leave a comment</p></div><div class=\"more\">" +
           card + card + card + "</div></div>"));
  EXPECT_TRUE(r.Has("The mayor, speaking after the vote")) << r.md;
  EXPECT_FALSE(r.Has("Clinics face closure")) << r.md;
  EXPECT_FALSE(r.Has("Photo: City Paper")) << r.md;
  EXPECT_FALSE(r.Has("Leave a comment")) << r.md;
  EXPECT_FALSE(r.Has("A summary of another story")) << r.md;
  EXPECT_EQ(r.report.Get("html", "teaser-list-removed"), 1);
  EXPECT_EQ(r.report.Get("html", "promo-lines-removed"), 1);
  EXPECT_EQ(r.report.Get("html", "tail-furniture-removed"), 2);
}

TEST(HtmlExtract, LeadBeforeTheContainerJoinsIt) {
  Read r = ReadPage(
      Page("<div class=\"story\"><div class=\"head\"><h1>Vote</h1><p class=\"intro\">After months "
           "of debate, the city keeps its four clinics open for three more years.</p></div>"
           "<div class=\"story-body\">" +
           std::string(kArticle) + "</div></div>"));
  EXPECT_TRUE(r.Has("# Vote\n\nAfter months of debate")) << r.md;
}

TEST(HtmlExtract, StandfirstInsideAHeaderWithAPictureJoins) {
  // The header as a whole is no lead (a picture, a byline that is no
  // sentence): its standfirst alone joins; the caption and byline stay out,
  // counted.
  Read r = ReadPage(Page(
      "<div class=\"story\"><div class=\"head\"><h1>Vote</h1><figure><img src=\"/v.jpg\" "
      "alt=\"\"><figcaption>The hall. Photo: Ann Lee</figcaption></figure><p class=\"intro\">After "
      "months of debate, the city keeps its four clinics open for three more years.</p>"
      "<p>By Jane Doe, 3 March</p></div><div class=\"story-body\">" +
      std::string(kArticle) + std::string(kArticle) + "</div></div>"));
  EXPECT_TRUE(r.Has("After months of debate")) << r.md;
  EXPECT_LT(r.md.find("After months of debate"), r.md.find("The council voted")) << r.md;
  EXPECT_FALSE(r.Has("Photo: Ann Lee")) << r.md;
  EXPECT_FALSE(r.Has("By Jane Doe")) << r.md;
  EXPECT_TRUE(r.Event("lead kept: <p class=\"intro\">"));
  EXPECT_TRUE(r.Event("removed <p> (main-content"));
}

TEST(HtmlExtract, StandfirstInTheHeaderBeforeTheArticleMarkerJoins) {
  // A single <article> bounds the lead, but for the <header> just before it.
  Read r = ReadPage(
      Page("<main><header><h1>Vote</h1><div class=\"summary\"><p>After months of debate, the "
           "city keeps its four clinics open for three more years.</p></div><p>By Jane Doe</p>"
           "</header><article><div class=\"story-body\">" +
           std::string(kArticle) + std::string(kArticle) + "</div></article></main>"));
  EXPECT_TRUE(r.Has("After months of debate")) << r.md;
  EXPECT_FALSE(r.Has("By Jane Doe")) << r.md;
}

TEST(HtmlExtract, StandfirstBehindAShareBarJoins) {
  // A small link-dense bar between the header and the body is stepped over.
  Read r = ReadPage(
      Page("<div class=\"head\"><h1>Vote</h1><p>After months of debate, the city keeps its four "
           "clinics open for three more years.</p><span>Photo desk</span></div><div class=\"bar\">"
           "<a href=\"/fb\">Facebook</a> <a href=\"/tw\">Twitter</a></div><div class=\"text\">" +
           std::string(kArticle) + std::string(kArticle) + "</div>"));
  EXPECT_TRUE(r.Has("After months of debate")) << r.md;
  EXPECT_FALSE(r.Has("Facebook")) << r.md;
}

TEST(HtmlExtract, TitleHeadingIsNotAnAdSlotsHeading) {
  Read r =
      ReadPage(Page("<h1>Vote</h1><div class=\"story\"><div class=\"ad-slot\"><h3>"
                    "Advertisement</h3></div><div class=\"story-body\">" +
                    std::string(kArticle) + std::string(kArticle) + "</div></div>"));
  EXPECT_TRUE(r.Has("# Vote\n")) << r.md;
  EXPECT_FALSE(r.Has("Advertisement")) << r.md;
}

TEST(HtmlExtract, TeaserCardInsideTheArticleGoes) {
  // One linked headline with its summary, between the article's paragraphs;
  // the article's own subheading (no link) and a long linked section stay.
  std::string section = "<div class=\"pick\"><h3><a href=\"/grill\">The grill</a></h3><p>" +
                        std::string(kArticle) + "</p></div>";
  Read r = ReadPage(
      Page("<div class=\"text\">" + std::string(kArticle) +
           "<div class=\"box\"><a href=\"/b\"><h3>Old bridge to close for the summer</h3></a>"
           "<p>Drivers face a detour.</p></div><h2>Timetable</h2>" +
           std::string(kArticle) + section + "</div>"));
  EXPECT_FALSE(r.Has("Old bridge to close")) << r.md;
  EXPECT_FALSE(r.Has("Drivers face a detour")) << r.md;
  EXPECT_TRUE(r.Has("## Timetable")) << r.md;
  EXPECT_TRUE(r.Has("The grill")) << r.md;
  EXPECT_EQ(r.report.Get("html", "teaser-removed"), 1);
}

TEST(HtmlExtract, JsonLdArticleBodyForAScriptBuiltPage) {
  std::string body;
  for (int i = 0; i < 10; ++i)
    body += "Sentence number " + std::to_string(i) +
            " of the article body, long enough to weigh something in the count.\\n";
  Read r = ReadPage(
      "<!DOCTYPE html><html><head><script type=\"application/ld+json\">{\"articleBody\":\"" + body +
      "\"}</script></head><body><h1>Vote</h1><div id=\"app\">Loading</div></body></html>");
  EXPECT_TRUE(r.Has("Sentence number 9 of the article body")) << r.md;
  EXPECT_EQ(r.report.Get("html", "jsonld-article-body-used"), 1);
}

// JSON-LD strings are JSON: "\u5b89" is a character, not the letters
// "u5b89" (found on a real Chinese news page, whose author read
// "u5b89u4e1cu5c3c").
TEST(HtmlExtract, JsonLdEscapesAreDecoded) {
  Result r = Normalize(
      "<!DOCTYPE html><html><head><title>T</title>"
      "<script type=\"application/ld+json\">{\"author\":{\"@type\":\"Person\",\"name\":"
      "\"\\u5b89\\u4e1c\\u5c3c \\\"A\\\" \\ud83d\\ude00\"},"
      "\"datePublished\":\"2021\\/07\\/09\"}</script></head><body>" +
          std::string(kArticle) + "</body></html>",
      Options{});
  ASSERT_TRUE(r.status.ok());
  EXPECT_NE(r.markdown.find(
                "author: \"\xe5\xae\x89\xe4\xb8\x9c\xe5\xb0\xbc \\\"A\\\" \xf0\x9f\x98\x80\""),
            std::string::npos)
      << r.markdown;
  EXPECT_NE(r.markdown.find("date: \"2021-07-09\""), std::string::npos) << r.markdown;
}

TEST(HtmlExtract, MetadataFromJsonLdNeverAUrlAuthor) {
  Options o;
  Result r = Normalize(
      "<!DOCTYPE html><html><head><title>T</title>"
      "<meta name=\"author\" content=\"https://www.facebook.com/paper\">"
      "<link rel=\"canonical\" href=\"https://example.com/2021/07/09/story/\">"
      "<script type=\"application/ld+json\">{\"author\":{\"@type\":\"Person\",\"name\":"
      "\"Jane Doe\"}}</script></head><body>" +
          std::string(kArticle) + "</body></html>",
      o);
  ASSERT_TRUE(r.status.ok());
  EXPECT_NE(r.markdown.find("author: \"Jane Doe\""), std::string::npos) << r.markdown;
  EXPECT_NE(r.markdown.find("date: \"2021-07-09\""), std::string::npos) << r.markdown;
  // A URL alone is no author; "Name - URL" keeps the name.
  Result u = Normalize(
      "<html><head><meta name=\"author\" content=\"https://www.facebook.com/paper\"></head>"
      "<body>" +
          std::string(kArticle) + "</body></html>",
      o);
  EXPECT_EQ(u.markdown.find("author:"), std::string::npos) << u.markdown;
  Result n = Normalize(
      "<html><head><meta name=\"author\" content=\"Frank Bueltge - http://bueltge.de\"></head>"
      "<body>" +
          std::string(kArticle) + "</body></html>",
      o);
  EXPECT_NE(n.markdown.find("author: \"Frank Bueltge\""), std::string::npos) << n.markdown;
}

TEST(HtmlExtract, DateFromTheDatelineWhenThePageHasNoMetadata) {
  auto date_of = [](std::string_view dateline) {
    Result r = Normalize(
        "<!DOCTYPE html><html><head><title>T</title></head><body><h1>Vote</h1>"
        "<p>" +
            std::string(dateline) + "</p>" + std::string(kArticle) + "</body></html>",
        Options{});
    size_t at = r.markdown.find("date: \"");
    return at == std::string::npos ? std::string() : r.markdown.substr(at + 7, 10);
  };
  EXPECT_EQ(date_of("Published 5 March 2024 by Jane Doe"), "2024-03-05");
  EXPECT_EQ(date_of("March 5, 2024"), "2024-03-05");
  EXPECT_EQ(date_of("05.03.2024 - 10:00"), "2024-03-05");
  EXPECT_EQ(date_of("2024年3月5日 来源：新华社"), "2024-03-05");
  EXPECT_EQ(date_of("Room 12.30 on floor 2"), "");
}

TEST(HtmlExtract, RelativeLinksResolveAgainstTheCanonicalUrl) {
  Read r = ReadPage(
      "<!DOCTYPE html><html><head><link rel=\"canonical\" href=\"https://example.com/a/b.html\">"
      "</head><body><p>The council voted to extend the <a href=\"../c/d.html\">program</a>, "
      "which had been due to expire, by another three years, the mayor said.</p></body></html>");
  EXPECT_TRUE(r.Has("(https://example.com/c/d.html)")) << r.md;
}

TEST(HtmlExtract, SoftHyphensAreNotText) {
  Read r =
      ReadPage(Page("<p>Die Ver\xC2\xAD"
                    "mes\xC2\xAD"
                    "sung der Stadt, die im Jahr begann, ist nun abgeschlossen, sagte "
                    "der Bürgermeister am Dienstag.</p>"));
  EXPECT_TRUE(r.Has("Die Vermessung der Stadt")) << r.md;
  EXPECT_EQ(r.report.Get("html", "soft-hyphens-removed"), 2);
}

}  // namespace
}  // namespace norm
