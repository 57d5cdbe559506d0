// Normalizer::NormalizeConsuming: the same result as Normalize, with the
// input given up so that a large page's text can be freed once parsed
// (docs/performance.md, issue 22: peak memory of one large page).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "norm/norm.h"

namespace norm {
namespace {

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

void ExpectSameAsNormalize(const Normalizer& normalizer, const std::string& input,
                           const std::string& name) {
  Result expected = normalizer.Normalize(input, name);
  std::string given = input;
  Result got = normalizer.NormalizeConsuming(std::move(given), name);
  EXPECT_EQ(got.status.code(), expected.status.code()) << input.substr(0, 80);
  EXPECT_EQ(got.markdown, expected.markdown) << input.substr(0, 80);
  EXPECT_EQ(got.warning, expected.warning) << input.substr(0, 80);
  EXPECT_EQ(got.report.ToJson(), expected.report.ToJson()) << input.substr(0, 80);
}

TEST(NormalizeConsuming, SameResultAsNormalize) {
  const std::string article =
      "<p>" + Repeat("A sentence of the article that goes on for a while. ", 8) + "</p>";
  const std::vector<std::pair<std::string, std::string>> inputs = {
      // A page the prescan copies (script and style bodies skipped): the
      // input is freed before the parse, the copy kept for a second parse.
      {"<html><head><script>var x = '<p>no</p>';</script><style>p{}</style></head><body>" +
           article + "</body></html>",
       "page.html"},
      // Nothing to skip: the input itself is parsed, then freed.
      {"<html><body><nav><a href=/>Home</a></nav>" + article + "</body></html>", "page.html"},
      // The plain-text fallback beyond libxml2's nesting limit reads the
      // text again after the parse, with and without a prescanned copy.
      {"<html><body>" + Repeat("<div>", 1000) + "one <script>drop()</script> two" +
           Repeat("</div>", 1000) + "</body></html>",
       "deep.html"},
      {"<html><body>" + Repeat("<div>", 1000) + "one two" + Repeat("</div>", 1000) +
           "</body></html>",
       "deep.html"},
      // Decoded into a copy (windows-1252), Markdown, text, a blank input
      // (the loss warning looks at the input after the run).
      {"<html><body><p>caf\xE9 " + Repeat("word ", 40) + "</p></body></html>", "latin1.html"},
      {"# Title\n\nSome *text* here.\n", "a.md"},
      {"plain text\n", ""},
      {"  \n\t\n", "blank.html"},
      {"<html><body><script>only()</script></body></html>", "empty.html"},
  };
  Normalizer normalizer{Options{}};
  for (const auto& [input, name] : inputs) ExpectSameAsNormalize(normalizer, input, name);
  Options html2md;
  html2md.command = Command::kHtmlToMarkdown;
  Normalizer converter{html2md};
  for (const auto& [input, name] : inputs) ExpectSameAsNormalize(converter, input, name);
}

TEST(NormalizeConsuming, HugeTextNodeSecondParseWithScript) {
  // The second parse (a text node over libxml2's 10 MB) needs the text
  // after the owned input is gone: the prescanned copy serves it.
  std::string html = "<html><head><script>x()</script></head><body><p>" +
                     Repeat("abcdefghi ", (size_t{11} << 20) / 10) +
                     "TAIL</p><p>The next paragraph.</p></body></html>";
  Normalizer normalizer{Options{}};
  Result r = normalizer.NormalizeConsuming(std::move(html), "huge.html");
  ASSERT_TRUE(r.status.ok());
  EXPECT_NE(r.markdown.find("abcdefghi TAIL\n\nThe next paragraph.\n"), std::string::npos);
  EXPECT_EQ(r.report.Get("html", "huge-text-reparsed"), 1);
}

TEST(NormalizeConsuming, HtmlInputIsReleased) {
  // Valid UTF-8 is read in place; the HTML reader frees it once parsed.
  std::string html = "<html><body><p>" + Repeat("Some words of text. ", 50) + "</p></body></html>";
  Normalizer normalizer{Options{}};
  Result r = normalizer.NormalizeConsuming(std::move(html), "page.html");
  ASSERT_TRUE(r.status.ok());
  EXPECT_NE(r.markdown.find("Some words of text."), std::string::npos);
  EXPECT_EQ(html.capacity(), std::string().capacity());  // NOLINT(bugprone-use-after-move)
}

}  // namespace
}  // namespace norm
