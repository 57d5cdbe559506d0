// `norm review`: the page holds each document, its repairs and removals
// (rendered in a real browser by tests/review/review_chromium_test.sh).
#include <gtest/gtest.h>

#include <algorithm>

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

// An HTML input is shown as a person reads it: its visible text (no
// markup), each removed element struck through where it stood, labelled
// with the rule that removed it.
TEST(Review, HtmlInputIsItsVisibleTextWithRemovalsInPlace) {
  TempDir dir;
  WriteFile(dir.path() / "page.html",
            "<html><head><title>T</title><script>var x = 1;</script></head><body>"
            "<nav class=\"menu\"><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
            "<article><h1>Heading</h1><p>The story itself, long enough to be the article of "
            "this page, and a second sentence so that it scores well.</p>"
            "<div class=\"share-buttons\">Share this on social</div>"
            "<p>Another paragraph of the story with more words in it.</p></article>"
            "<footer>Copyright footer</footer></body></html>");
  fs::path out = dir.path() / "review.html";
  CliResult r = RunCli({"review", "-o", out.string(), (dir.path() / "page.html").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string page = ReadFile(out);
  size_t input = page.find("(the page's visible text)");
  ASSERT_NE(input, std::string::npos) << page;
  size_t output = page.find("<b>Output</b>", input);
  std::string shown = page.substr(input, output - input);
  EXPECT_EQ(shown.find("&lt;p&gt;"), std::string::npos) << shown;  // text, not source
  EXPECT_EQ(shown.find("var x"), std::string::npos);               // scripts are not visible
  EXPECT_NE(shown.find("Heading\nThe story itself"), std::string::npos) << shown;
  // The share box, the menu and the footer, struck through where they
  // stood, each labelled with its rule or score.
  EXPECT_NE(shown.find("<span class=\"why\">heuristic: share</span><del class=\"rm\" "
                       "title=\"html: removed &lt;div class=&quot;share-buttons&quot;&gt; "
                       "(heuristic: share) weight=17\">Share this on social</del>"),
            std::string::npos)
      << shown;
  EXPECT_NE(shown.find("<span class=\"why\">main-content: score"), std::string::npos);
  EXPECT_NE(shown.find("title=\"html: removed &lt;footer&gt; (main-content"), std::string::npos);
  EXPECT_NE(shown.find(">Home News</del>\nHeading"), std::string::npos);
  EXPECT_NE(shown.find(">Copyright footer</del>"), std::string::npos) << shown;
  EXPECT_NE(shown.find(">Share this on social</del>"), std::string::npos) << shown;
  EXPECT_LT(shown.find("Share this on social"), shown.find("Another paragraph"));
}

// The page loads nothing: an image of the output is shown as its alt text.
TEST(Review, ImagesAreTheirAltText) {
  TempDir dir;
  WriteFile(dir.path() / "doc.md", "Text.\n\n![A photo](https://example.com/p.jpg)\n");
  fs::path out = dir.path() / "review.html";
  CliResult r = RunCli({"review", "-o", out.string(), (dir.path() / "doc.md").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string page = ReadFile(out);
  EXPECT_EQ(page.find("<img"), std::string::npos) << page;
  EXPECT_NE(page.find("<span class=\"img\" title=\"image: https://example.com/p.jpg\">[image: "
                      "A photo]</span>"),
            std::string::npos)
      << page;
}

// Every fixture input (with the default options), the seeds when present.
std::vector<std::string> FixtureInputs() {
  std::vector<std::string> inputs;
  for (const auto& e : fs::recursive_directory_iterator(NORM_SOURCE_DIR "/fixtures"))
    if (e.is_regular_file() && e.path().filename().string().starts_with("input."))
      inputs.push_back(e.path().string());
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(NORM_SEEDS_DIR, ec))
    inputs.push_back(e.path().string());
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

// --review=FILE: the run's output and stderr are byte for byte those of
// the run without it (--stats reports included), on every fixture and
// seed, in one process or on threads; the page holds each document.
TEST(Review, FlagLeavesTheOutputAsItIs) {
  TempDir dir;
  const std::vector<std::string> inputs = FixtureInputs();
  ASSERT_GT(inputs.size(), 100u);
  for (const std::vector<std::string>& mode :
       {std::vector<std::string>{}, std::vector<std::string>{"-j", "2", "--stats"}}) {
    std::vector<std::string> plain = mode, reviewed = mode;
    fs::path page = dir.path() / "review.html";
    reviewed.push_back("--review=" + page.string());
    plain.insert(plain.end(), inputs.begin(), inputs.end());
    reviewed.insert(reviewed.end(), inputs.begin(), inputs.end());
    CliResult a = RunCli(plain), b = RunCli(reviewed);
    EXPECT_EQ(a.exit_code, b.exit_code);
    EXPECT_GT(a.out.size(), 30000u);
    EXPECT_TRUE(a.out == b.out) << "output differs with --review (" << mode.size() << ")";
    EXPECT_TRUE(a.err == b.err) << b.err;
    std::string html = ReadFile(page);
    EXPECT_NE(html.find("norm review: " + std::to_string(inputs.size()) + " documents"),
              std::string::npos);
    EXPECT_NE(html.find("<mark class=\"fix\""), std::string::npos);
    EXPECT_NE(html.find("<del class=\"rm\""), std::string::npos);
    EXPECT_NE(html.find("data-name=\"" + inputs.front() + "\""), std::string::npos);
  }
}

TEST(Review, FlagOnRecordsShowsEachRecord) {
  TempDir dir;
  fs::path in = dir.path() / "in.jsonl";
  WriteFile(in,
            "{\"id\":1,\"text\":\"Nothing to do here.\"}\n"
            "{\"id\":2,\"text\":\"Caf\xc3\x83\xc2\xa9 cr\xc3\x83\xc2\xa8me, "
            "d\xc3\x83\xc2\xa9j\xc3\x83\xc2\xa0 vu.\"}\n"
            "{\"id\":3,\"text\":\"<div class=\\\"ad-banner\\\">Buy now cheap</div><article><p>The "
            "story itself, long enough to be the article of this page.</p></article>\"}\n"
            "not json\n");
  fs::path page = dir.path() / "review.html";
  for (const char* to : {"--to=markdown", "--to=json"}) {
    CliResult a = RunCli({"--jsonl", to, "--report-key=report", in.string()});
    CliResult b =
        RunCli({"--jsonl", to, "--report-key=report", "--review", page.string(), in.string()});
    EXPECT_EQ(a.exit_code, 1);  // the line that is not JSON
    EXPECT_EQ(b.exit_code, 1);
    EXPECT_EQ(a.out, b.out);
    EXPECT_EQ(a.err, b.err);
    std::string html = ReadFile(page);
    EXPECT_NE(html.find("norm review: 4 documents"), std::string::npos) << html;
    EXPECT_NE(html.find("data-name=\"" + in.string() + ":2\""), std::string::npos);
    EXPECT_NE(html.find("Caf<mark class=\"fix\" title=\"mojibake: "), std::string::npos) << to;
    EXPECT_NE(html.find("<del class=\"rm\""), std::string::npos);
    EXPECT_NE(html.find("rejected: "), std::string::npos);  // line 4, shown as it came
    EXPECT_NE(html.find("not json"), std::string::npos);
    // The most changed record first: line 1 comes after line 2.
    EXPECT_LT(html.find(in.string() + ":2\""), html.find(in.string() + ":1\""));
  }
}

TEST(Review, FlagKeepsAtMostReviewMaxInFull) {
  TempDir dir;
  WriteFile(dir.path() / "a.txt", "Nothing to do here.\n");
  WriteFile(dir.path() / "b.txt", "Caf\xc3\x83\xc2\xa9.\n");
  fs::path page = dir.path() / "review.html";
  CliResult r = RunCli({"--review=" + page.string(), "--review-max=1",
                        (dir.path() / "a.txt").string(), (dir.path() / "b.txt").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Nothing to do here.\n\nCafé.\n");
  std::string html = ReadFile(page);
  EXPECT_NE(html.find("data-name=\"" + (dir.path() / "b.txt").string()), std::string::npos);
  EXPECT_NE(html.find("1 more documents"), std::string::npos);
  EXPECT_NE(html.find("<td>" + (dir.path() / "a.txt").string() + "</td>"), std::string::npos);
}

TEST(Review, FlagNeedsAFileOfItsOwn) {
  EXPECT_EQ(RunCli({"--review=x.html", "-o", "x.html", "in.txt"}).exit_code, 2);
  EXPECT_EQ(RunCli({"detect", "--review=x.html", "in.txt"}).exit_code, 2);
  EXPECT_EQ(RunCli({"--review"}).exit_code, 2);
}

TEST(Review, LargeRunsShowTheMostChangedInFull) {
  std::vector<cli::ReviewDoc> docs(5);
  for (int i = 0; i < 5; ++i) {
    docs[i].name = "doc" + std::to_string(i);
    docs[i].markdown = "text\n";
    docs[i].report.Count("mojibake", "repaired", i);
  }
  std::string page = cli::RenderReviewPage(docs, 2);
  EXPECT_NE(page.find("data-name=\"doc4\""), std::string::npos);
  EXPECT_NE(page.find("data-name=\"doc3\""), std::string::npos);
  EXPECT_EQ(page.find("data-name=\"doc0\""), std::string::npos);
  EXPECT_NE(page.find("3 more documents"), std::string::npos);
  EXPECT_NE(page.find("<td>doc0</td>"), std::string::npos);
}

// Beyond kMaxSummaryRows, the least changed documents are counted, not
// listed: the page of a run of millions of records stays small.
TEST(Review, SummaryRowsAreBounded) {
  cli::ReviewPage page(1);
  const size_t n = cli::ReviewPage::kMaxSummaryRows + 3;
  for (size_t i = 0; i < n; ++i) {
    cli::ReviewDoc d;
    d.name = "doc" + std::to_string(i);
    d.report.Count("mojibake", "repaired", i == 5 ? 7 : 1);
    page.Add(std::move(d));
  }
  std::string html = page.Html();
  EXPECT_NE(html.find("data-name=\"doc5\""), std::string::npos);  // the most changed, in full
  EXPECT_NE(html.find("<td>doc0</td>"), std::string::npos);       // ties: the run's order
  EXPECT_EQ(html.find("<td>doc" + std::to_string(n - 1) + "</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>2 more, not listed</td><td>2</td>"), std::string::npos);
  EXPECT_NE(html.find(std::to_string(n - 1) + " more documents"), std::string::npos);
  EXPECT_NE(html.find("<td>mojibake.repaired</td><td>" + std::to_string(n - 1 + 7) + "</td>"),
            std::string::npos);
}

}  // namespace
}  // namespace norm::test
