// `norm review`: the page holds each document, its repairs and removals
// (rendered in a real browser by tests/review/review_chromium_test.sh).
#include <gtest/gtest.h>

#include "review.h"
#include "test_util.h"

namespace fs = std::filesystem;

namespace norm::test {
namespace {

TEST(Review, NeedsAnOutputFileAndInputs) {
  EXPECT_EQ(RunCli({"review", "x.txt"}).exit_code, 2);
  EXPECT_EQ(RunCli({"review", "-o", "/tmp/never.html"}).exit_code, 2);
}

TEST(Review, MarksRepairsAndRemovalsMostChangedFirst) {
  TempDir dir;
  WriteFile(dir.path() / "clean.txt", "Nothing to do here.\n");
  WriteFile(dir.path() / "moji.txt",
            "Caf\xc3\x83\xc2\xa9 cr\xc3\x83\xc2\xa8me, d\xc3\x83\xc2\xa9j\xc3\x83\xc2\xa0 vu.\n");
  WriteFile(dir.path() / "page.html",
            "<html><body><div class=\"ad-banner\">Buy now cheap</div><article><p>The story "
            "itself, long enough to be the article of this page.</p></article></body></html>");
  fs::path out = dir.path() / "review.html";
  CliResult r = RunCli({"review", "-o", out.string(), (dir.path() / "clean.txt").string(),
                        (dir.path() / "moji.txt").string(), (dir.path() / "page.html").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string page = ReadFile(out);
  EXPECT_NE(page.find("norm review: 3 documents"), std::string::npos);
  EXPECT_NE(page.find("<mark class=\"fix\" title=\"mojibake: "), std::string::npos) << page;
  EXPECT_NE(page.find("Caf<mark class=\"fix\" title=\"mojibake: utf8-as-windows-1252: Ã© → "
                      "é\">é</mark> cr<mark"),
            std::string::npos);  // each repair marked once, in place
  EXPECT_NE(page.find("<del class=\"rm\""), std::string::npos) << page;
  // The clean document comes last: the most changed first.
  EXPECT_LT(page.find("moji.txt\" data-removed"), page.find("clean.txt\" data-removed"));
  EXPECT_EQ(page.find("src="), std::string::npos);  // self-contained
}

TEST(Review, LargeRunsShowTheMostChangedInFull) {
  std::vector<cli::ReviewDoc> docs(5);
  for (int i = 0; i < 5; ++i) {
    docs[i].name = "doc" + std::to_string(i);
    docs[i].markdown = "text\n";
    docs[i].report.Count("mojibake", "repaired", i);
  }
  std::string page = cli::ReviewPage(docs, 2);
  EXPECT_NE(page.find("data-name=\"doc4\""), std::string::npos);
  EXPECT_NE(page.find("data-name=\"doc3\""), std::string::npos);
  EXPECT_EQ(page.find("data-name=\"doc0\""), std::string::npos);
  EXPECT_NE(page.find("3 more documents"), std::string::npos);
  EXPECT_NE(page.find("<td>doc0</td>"), std::string::npos);
}

}  // namespace
}  // namespace norm::test
