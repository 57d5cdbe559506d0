// ParseUtf8 (libnorm/src/read/html_parse.h) reading the text in place must
// build the tree libxml2 builds from its own copy, and hit the same limits:
// real pages, inputs cut short anywhere a tokenizer can be, inputs longer
// than the parser's chunks, nesting past its depth limit, a text node past
// its size limit.
#include "html_parse.h"

#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "html_page.h"
#include "html_tree_dump.h"
#include "test_util.h"

namespace norm::html {
namespace {

// The tree of text parsed from place, and the parser's last error code.
std::string Tree(const std::string& text, TextPlace place, int flags = kHtmlParseOptions) {
  std::unique_ptr<htmlParserCtxt, void (*)(htmlParserCtxtPtr)> ctxt(htmlNewParserCtxt(),
                                                                    htmlFreeParserCtxt);
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> doc(
      ParseUtf8(ctxt.get(), text, flags, place, nullptr), xmlFreeDoc);
  std::string out;
  if (doc) DumpTree(doc->children, 0, RawTextChildren::kWritten, &out);
  const xmlError* err = xmlCtxtGetLastError(ctxt.get());
  out += "error " + std::to_string(err != nullptr ? err->code : 0) + "\n";
  return out;
}

// The readers are given valid UTF-8 only (decode's contract); on invalid
// bytes libxml2 would switch its own copy to Latin-1, which text in place
// cannot do.
bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    if (n == 2 && b < 0xC2) return false;
    if (n == 3) {
      auto b1 = static_cast<unsigned char>(s[i + 1]);
      if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0)) return false;
    }
    if (n == 4) {
      auto b1 = static_cast<unsigned char>(s[i + 1]);
      if (b > 0xF4 || (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90)) return false;
    }
    i += n;
  }
  return true;
}

void ExpectSameTree(const std::string& text, const std::string& what) {
  EXPECT_TRUE(Tree(text, TextPlace::kNulTerminated) == Tree(text, TextPlace::kCopy)) << what;
}

TEST(HtmlParse, InPlaceEqualsCopyOnInputsCutShort) {
  const std::string page =
      "\xEF\xBB\xBF<!DOCTYPE html><html lang=en><head><title>t</title>"
      "<script>if (a < b) x('</p>');</script><style>p{}</style></head>"
      "<body><!-- c --><p class=\"a b\" title='q'>caf\xC3\xA9 &amp; &#20013; &nbsp;"
      "<br/><![CDATA[x]]><a href=x>l</a><?pi x?><textarea><b></textarea>"
      "<table><tr><td>1<td>2</table><div hidden>h</div></body></html>";
  for (size_t cut = 0; cut <= page.size(); ++cut) {
    std::string text = page.substr(0, cut);
    if (!IsValidUtf8(text)) continue;  // a character cut in two
    ExpectSameTree(text, "cut at " + std::to_string(cut));
    if (cut >= 3) ExpectSameTree(text.substr(3), "no BOM, cut at " + std::to_string(cut));
  }
  for (const char* text : {"<?xml version='1.0'?><p>x</p>", "<", "&", "&amp", "<p a=\"x", "<!--",
                           "<![CDATA[", "text only", ""})
    ExpectSameTree(text, text);
}

TEST(HtmlParse, InPlaceEqualsCopyOnLongDeepAndHugeInputs) {
  std::string long_page = "<html><body>";
  for (int i = 0; i < 20000; ++i)
    long_page += "<div class=c" + std::to_string(i % 7) + "><p>para " + std::to_string(i) +
                 " \xE4\xB8\xAD\xE6\x96\x87</p><img src=x" + std::to_string(i) + "></div>\n";
  ExpectSameTree(long_page, "long page");
  std::string deep;
  for (int i = 0; i < 400; ++i) deep += "<div>";
  deep += "deep text";
  ExpectSameTree(deep, "nesting past the depth limit");
  // One text node over libxml2's 10,000,000-byte limit, with and without
  // the option that lifts it.
  std::string huge = "<p>" + std::string(10'100'000, 'x') + "</p><p>after</p>";
  ExpectSameTree(huge, "huge text node");
  EXPECT_TRUE(Tree(huge, TextPlace::kNulTerminated, kHtmlParseOptions | XML_PARSE_HUGE) ==
              Tree(huge, TextPlace::kCopy, kHtmlParseOptions | XML_PARSE_HUGE));
}

TEST(HtmlParse, InPlaceEqualsCopyOnEveryHtmlFixtureAndSeed) {
  namespace fs = std::filesystem;
  int files = 0;
  std::vector<fs::path> roots = {fs::path(NORM_SOURCE_DIR) / "fixtures"};
  if (fs::is_directory(NORM_SEEDS_DIR)) roots.emplace_back(NORM_SEEDS_DIR);
  // Real pages (a directory of them), when asked for.
  if (const char* corpus = std::getenv("NORM_HTML_CORPUS")) roots.emplace_back(corpus);
  for (const fs::path& root : roots) {
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (!e.is_regular_file()) continue;
      std::string text = test::ReadFile(e.path());
      if (text.find('<') == std::string::npos || !IsValidUtf8(text)) continue;
      ++files;
      ExpectSameTree(text, e.path().string());
    }
  }
  EXPECT_GT(files, 20);
}

}  // namespace
}  // namespace norm::html
