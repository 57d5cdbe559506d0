// Nothing lost silently (issue 15's contract): the visible characters of
// every stage in the Report, the removed.<rule> tallies, and the stderr
// warning when rules remove most of a document or it comes out empty.
#include <gtest/gtest.h>

#include "norm/norm.h"
#include "test_util.h"

namespace norm::test {
namespace {

// One sentence of article beside sixty related-story links: the selection
// of the main content keeps the sentence, under 5% of what the page shows.
std::string LinkListPage() {
  std::string page = "<html><head><title>Council</title></head><body><div><ul>";
  for (int i = 0; i < 60; ++i)
    page += "<li><a href=\"/story/" + std::to_string(i) + "\">Related story number " +
            std::to_string(i) + " about the city council</a></li>";
  return page +
         "</ul></div><article><p>The council met on Tuesday and adjourned.</p></article>"
         "</body></html>";
}

TEST(LossAccount, VisibleCharactersPerStage) {
  Result r = Normalize("<p>Caf\xC3\xA9 au  lait, one cup.</p>", Options());
  ASSERT_TRUE(r.status.ok());
  // "Café au lait, one cup." holds 18 visible characters.
  for (const char* stage : {"input", "read", "boilerplate", "unicode", "output"})
    EXPECT_EQ(r.report.Get("visible", stage), 18) << stage;
  EXPECT_EQ(r.warning, "");
}

TEST(LossAccount, RulesThatRemoveMostOfThePageAreNamed) {
  Result r = Normalize(LinkListPage(), Options());
  ASSERT_TRUE(r.status.ok());
  const int64_t in = r.report.Get("visible", "input");
  EXPECT_GT(in, 200);
  EXPECT_GT(r.report.Get("removed", "main-content"), in / 2);
  const int64_t out = r.report.Get("visible", "output");
  EXPECT_LT(out * 20, in);
  EXPECT_EQ(r.warning, "output keeps " + std::to_string(out * 100 / in) +
                           "% of the visible text (" + std::to_string(out) + " of " +
                           std::to_string(in) + " characters); rule main-content removed " +
                           std::to_string(r.report.Get("removed", "main-content")) +
                           "; --no-boilerplate keeps it");
  const std::string* fact = r.report.GetFact("visible", "warning");
  ASSERT_NE(fact, nullptr);
  EXPECT_EQ(*fact, r.warning);
  Options keep;
  keep.html.boilerplate = false;
  EXPECT_EQ(Normalize(LinkListPage(), keep).warning, "");
}

// Article extraction that drops a menu larger than the article is normal:
// the warning is for pages that keep less than a twentieth of their text.
TEST(LossAccount, ExtractionThatDropsMostOfAPageIsNotAnnounced) {
  std::string menu = "<nav><ul>";
  for (int i = 0; i < 30; ++i)
    menu += "<li><a href=\"/s" + std::to_string(i) + "\">Section number " + std::to_string(i) +
            "</a></li>";
  menu += "</ul></nav>";
  std::string page = "<html><body>" + menu +
                     "<article><p>The council voted on Tuesday to keep the library open on "
                     "Sundays, after a petition signed by four thousand residents.</p></article>"
                     "</body></html>";
  Result r = Normalize(page, Options());
  ASSERT_TRUE(r.status.ok());
  const int64_t in = r.report.Get("visible", "input");
  const int64_t out = r.report.Get("visible", "output");
  EXPECT_GT(r.report.Get("removed", "main-content"), in / 2);
  EXPECT_GT(out * 20, in);
  EXPECT_EQ(r.warning, "");
  EXPECT_EQ(r.report.GetFact("visible", "warning"), nullptr);
}

TEST(LossAccount, EmptyOutputOfANonBlankInputIsAnnounced) {
  EXPECT_EQ(Normalize("<html><body><script>x()</script></body></html>", Options()).warning,
            "the body is empty: the input shows no text");
  EXPECT_EQ(Normalize("<html><body><div style=\"display:none\"><p>All of it.</p></div>"
                      "</body></html>",
                      Options())
                .warning,
            "output keeps 0% of the visible text (0 of 8 characters); rule hidden removed 8; "
            "--no-boilerplate keeps it");
  EXPECT_EQ(Normalize(" \n\t\n", Options()).warning, "");
  EXPECT_EQ(Normalize("", Options()).warning, "");
}

TEST(LossAccount, TextAndMarkdownLoseNothing) {
  for (const char* doc : {"V1.\n\nChorus.\n\nV2.\n\nChorus.\n\nV3.\n\nChorus.\n",
                          "# Readme\n\n- [Install](docs/install.md)\n- [Usage](docs/usage.md)\n"
                          "- [FAQ](docs/faq.md)\n\n© 2024 The authors\n"}) {
    Result r = Normalize(doc, Options());
    EXPECT_EQ(r.report.Get("visible", "output"), r.report.Get("visible", "input")) << doc;
    EXPECT_EQ(r.warning, "");
  }
}

TEST(LossAccount, CliWarnsOnStderrAndStrictExitsOne) {
  CliResult r = RunCli({}, LinkListPage());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err.rfind("norm: -: warning: output keeps ", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
  CliResult strict = RunCli({"--strict"}, LinkListPage());
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_EQ(strict.out, r.out);  // written all the same
  EXPECT_EQ(RunCli({"--strict"}, "<p>fine</p>").exit_code, 0);
  // Records: one warning per record, FILE:LINE.
  CliResult rec = RunCli({"--lines", "--strict"}, "fine\n<p><script>x</script></p>\n");
  EXPECT_EQ(rec.exit_code, 1);
  EXPECT_EQ(rec.err, "norm: -:2: warning: the body is empty: the input shows no text\n");
}

}  // namespace
}  // namespace norm::test
