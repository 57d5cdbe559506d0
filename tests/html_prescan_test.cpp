// The prescan (libnorm/src/read/html_prescan.h) must not change what libxml2
// builds, except for the bodies of script and style elements and attributes
// past the cap: the tree of the prescanned text must equal the tree of the
// original with script and style children removed. noscript bodies are the
// deliberate exception (read as raw text, as browsers do).
#include "html_prescan.h"

#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "html_tree_dump.h"
#include "test_util.h"

namespace norm::html {
namespace {

std::string Tree(const std::string& html) {
  const int flags = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                    HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", flags),
      xmlFreeDoc);
  std::string out;
  if (doc) DumpTree(doc->children, 0, RawTextChildren::kLeftOut, &out);
  return out;
}

// Checks the property; returns the number of script/style bytes skipped.
int64_t ExpectSameTree(const std::string& html, const std::string& what) {
  std::string prescanned;
  PrescanResult result;
  if (!PrescanForParse(html, &prescanned, &result)) return 0;
  // A different tree by design: attributes past the cap, noscript bodies
  // read as raw text (see NoscriptBodyIsRawText).
  if (result.attributes_dropped > 0 || result.noscript_bodies_skipped > 0) return 0;
  EXPECT_TRUE(Tree(prescanned) == Tree(html)) << what;
  return result.raw_text_bytes_skipped;
}

TEST(HtmlPrescan, SkipsScriptAndStyleBodies) {
  std::string out;
  PrescanResult r;
  ASSERT_TRUE(
      PrescanForParse("<p>a<script>var x = '<p>';</script><STYLE>p{}</STYLE>b</p>", &out, &r));
  EXPECT_EQ(out, "<p>a<script></script><STYLE></STYLE>b</p>");
  EXPECT_EQ(r.raw_text_bytes_skipped, 14 + 3);
}

TEST(HtmlPrescan, NoscriptBodyIsRawText) {
  // As a browser with scripting on reads it: an unclosed <div> inside no
  // longer swallows the rest of the page.
  std::string html = "<body><noscript><div class=x></noscript><p>Article</p></body>";
  std::string out;
  PrescanResult r;
  ASSERT_TRUE(PrescanForParse(html, &out, &r));
  EXPECT_EQ(out, "<body><noscript></noscript><p>Article</p></body>");
  EXPECT_EQ(r.noscript_bodies_skipped, 1);
  // The paragraph is noscript's sibling, not its child.
  std::string tree = Tree(out);
  size_t noscript = tree.find(" noscript\n"), p = tree.find(" p\n");
  ASSERT_NE(noscript, std::string::npos);
  ASSERT_NE(p, std::string::npos);
  auto indent = [&](size_t at) { return at - tree.rfind('\n', at); };
  EXPECT_EQ(indent(noscript), indent(p));
}

TEST(HtmlPrescan, KeepsJsonLdScripts) {
  std::string html =
      "<script type=\"application/ld+json\">{\"datePublished\":\"2024-01-02\"}</script>"
      "<script>var a = 1;</script>";
  std::string out;
  PrescanResult r;
  ASSERT_TRUE(PrescanForParse(html, &out, &r));
  EXPECT_NE(out.find("datePublished"), std::string::npos);
  EXPECT_EQ(out.find("var a"), std::string::npos);
}

TEST(HtmlPrescan, LeavesAloneWhatItIsUnsureOf) {
  std::string out;
  PrescanResult r;
  for (const char* html : {
           "<p>no scripts here</p>",
           "<script src=x />visible text",            // libxml2 closes it at once
           "<script>never closed",                    // libxml2 reads to the end
           "<!-- <script>x</script> -->",             // inside a comment
           "<?php echo '<script>' ?>a</script>",      // inside a processing instruction
           "<scripts>text</scripts>",                 // another name
           "<div title='<script>'>x</div></script>",  // inside a quoted attribute
       }) {
    EXPECT_FALSE(PrescanForParse(html, &out, &r)) << html;
    EXPECT_EQ(r.raw_text_bytes_skipped, 0) << html;
  }
}

TEST(HtmlPrescan, SameTreeOnTrickyInputs) {
  for (const char* html : {
           "<p>a<script>if (a < b && c > d) document.write('</div>');</script>b</p>",
           "<script>x</scriptfoo>y</script>z",
           "<SCRIPT type=text/javascript>x</Script >after",
           "<style>a > b { content: '</p>' }</style><p>kept</p>",
           "<div><script>one</script><p>two<script>three</script></p></div>",
           "<!DOCTYPE html><html><head><script>a</script></head><body>b</body></html>",
           "<p title=\"a>b\"><script>c</script></p>",
           "<p>1 < 2 <script>x</script> 3 > 2</p>",
           "<![CDATA[<script>x</script>]]>y",
           "<script\n>x</script\n>y",
           "<script/ src=x>x</script>y",
           "<textarea><script>x</script></textarea>",
           "<svg><style>x</style><script>y</script></svg>",
       }) {
    ExpectSameTree(html, html);
  }
}

TEST(HtmlPrescan, SameTreeOnEveryHtmlFixtureAndSeed) {
  namespace fs = std::filesystem;
  int files = 0;
  int64_t skipped = 0;
  std::vector<fs::path> roots = {fs::path(NORM_SOURCE_DIR) / "fixtures"};
  if (fs::is_directory(NORM_SEEDS_DIR)) roots.emplace_back(NORM_SEEDS_DIR);
  // The benchmark corpus (bench/gen_html_corpus.py), when asked for.
  if (const char* corpus = std::getenv("NORM_HTML_CORPUS")) roots.emplace_back(corpus);
  for (const fs::path& root : roots) {
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (!e.is_regular_file()) continue;
      std::string text = test::ReadFile(e.path());
      if (text.find('<') == std::string::npos) continue;
      ++files;
      skipped += ExpectSameTree(text, e.path().string());
    }
  }
  EXPECT_GT(files, 20);
  EXPECT_GT(skipped, 0);  // the fixtures do hold scripts and styles
}

TEST(HtmlPrescan, CapsAttributes) {
  std::string html = "<p";
  for (size_t k = 0; k < kMaxAttributes + 5; ++k) html += " a" + std::to_string(k) + "=1";
  html += ">text</p>";
  std::string out;
  PrescanResult r;
  ASSERT_TRUE(PrescanForParse(html, &out, &r));
  EXPECT_EQ(r.attributes_dropped, 5);
  EXPECT_NE(out.find(">text</p>"), std::string::npos);
}

}  // namespace
}  // namespace norm::html
