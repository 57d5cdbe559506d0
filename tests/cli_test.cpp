// The `norm` binary's contract: exit codes, error format, outputs, pipes.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdio>

#include "flags.h"
#include "norm/decode.h"
#include "norm/options.h"
#include "test_util.h"

namespace fs = std::filesystem;

namespace norm::test {
namespace {

TEST(Cli, StdinToStdout) {
  CliResult r = RunCli({}, "Hello *world*\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Hello *world*\n");
}

TEST(Cli, DashMeansStdin) {
  CliResult r = RunCli({"-"}, "plain\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "plain\n");
}

TEST(Cli, StrictRejectsWithByteOffset) {
  CliResult r = RunCli({"-f", "UTF-8", "--on-invalid=strict"}, "caf\xE9 ok\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "norm: -: invalid UTF-8 sequence at byte 3\n");
  EXPECT_TRUE(r.out.empty());
}

TEST(Cli, ReplaceCountsReplacements) {
  CliResult r = RunCli({"-f", "UTF-8", "--stats"}, "caf\xE9 ok\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "caf\xEF\xBF\xBD ok\n");
  EXPECT_NE(r.err.find("\"replaced\":1"), std::string::npos) << r.err;
}

TEST(Cli, SkipDropsAndCounts) {
  CliResult r = RunCli({"-f", "UTF-8", "--on-invalid", "skip", "--stats"}, "caf\xE9 ok\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "caf ok\n");
  EXPECT_NE(r.err.find("\"skipped\":1"), std::string::npos) << r.err;
}

TEST(Cli, BinaryInputRefusedUnlessAllowed) {
  std::string nul("ab\0cd\n", 6);
  CliResult r = RunCli({}, nul);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("binary input"), std::string::npos);
  EXPECT_NE(r.err.find("at byte 2"), std::string::npos);
  EXPECT_EQ(RunCli({"--binary"}, nul).exit_code, 0);
}

TEST(Cli, StrayNulInTextIsReplacedAndCounted) {
  // A page with one NUL byte is a page, as a browser reads it (issue 15).
  std::string page("<html><body><p>One.</p><p>Two\0three.</p></body></html>", 52);
  CliResult r = RunCli({"--stats"}, page);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "One.\n\nTwo\xEF\xBF\xBDthree.\n");
  EXPECT_NE(r.err.find("\"nul-replaced\":1"), std::string::npos) << r.err;
}

TEST(Cli, UsageErrorsExitTwo) {
  CliResult r = RunCli({"--no-such-flag"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "norm: unknown option --no-such-flag (see norm --help)\n");
  EXPECT_EQ(RunCli({"--on-invalid=maybe"}).exit_code, 2);
  EXPECT_EQ(RunCli({"--steps", "no-such-filter"}, "x").exit_code, 2);
  EXPECT_EQ(RunCli({"--from-code"}).exit_code, 2);
}

TEST(Cli, MissingFileIsAnIoError) {
  CliResult r = RunCli({"/nonexistent/file.txt"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "norm: /nonexistent/file.txt: No such file or directory\n");
}

TEST(Cli, OtherFilesStillProcessedAfterAnError) {
  TempDir dir;
  WriteFile(dir.path() / "ok.txt", "fine\n");
  CliResult r = RunCli({"/nonexistent", (dir.path() / "ok.txt").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "fine\n");
}

TEST(Cli, DocumentsToOneOutputArePartedByABlankLine) {
  // Run together, the second document's front matter read back as a setext
  // heading of the first one's last line.
  TempDir dir;
  WriteFile(dir.path() / "d1.html", "<p>First document text.</p>");
  WriteFile(dir.path() / "d2.html", "<html><head><title>Two</title></head><body><p>Second.</p>");
  for (std::vector<std::string> jobs : {std::vector<std::string>{}, {"-j", "2"}}) {
    std::vector<std::string> args = jobs;
    args.push_back((dir.path() / "d1.html").string());
    args.push_back((dir.path() / "d2.html").string());
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "First document text.\n\n---\ntitle: \"Two\"\n---\n\nSecond.\n");
  }
}

TEST(Cli, OutputFile) {
  TempDir dir;
  fs::path out = dir.path() / "out.md";
  CliResult r = RunCli({"-o", out.string()}, "text\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(ReadFile(out), "text\n");
}

TEST(Cli, InPlaceKeepsModeAndBackup) {
  TempDir dir;
  fs::path file = dir.path() / "doc.txt";
  WriteFile(file, "line one\n\n\n\nline two\n");
  ::chmod(file.c_str(), 0640);
  CliResult r = RunCli({"--in-place=.bak", file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadFile(file), "line one\n\nline two\n");
  EXPECT_EQ(ReadFile(dir.path() / "doc.txt.bak"), "line one\n\n\n\nline two\n");
  struct stat st;
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  for (const auto& e : fs::directory_iterator(dir.path()))
    EXPECT_EQ(e.path().filename().string().find(".norm-"), std::string::npos) << "temp left";
}

TEST(Cli, InPlaceLeavesOriginalOnRejection) {
  TempDir dir;
  fs::path file = dir.path() / "bad.txt";
  WriteFile(file, "caf\xE9\n");
  CliResult r = RunCli({"--in-place", "-f", "UTF-8", "--on-invalid=strict", file.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(ReadFile(file), "caf\xE9\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(Cli, InPlaceSuffixGoesAfterEquals) {
  // `--in-place .bak FILE` rewrote FILE without a backup, then failed on
  // ".bak": now nothing is rewritten and the usage is named.
  TempDir dir;
  fs::path file = dir.path() / "g.txt";
  WriteFile(file, "x\r\n");
  CliResult r = RunCli({"--in-place", ".bak", file.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "norm: --in-place takes its suffix after '=': --in-place=.bak\n");
  EXPECT_EQ(ReadFile(file), "x\r\n");
}

TEST(Cli, InPlaceRewritesNothingWhenAFileIsMissing) {
  TempDir dir;
  fs::path file = dir.path() / "a.txt";
  WriteFile(file, "a  b\n");
  CliResult r = RunCli({"--in-place", file.string(), (dir.path() / "missing.txt").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.txt: No such file"), std::string::npos) << r.err;
  EXPECT_EQ(ReadFile(file), "a  b\n");
}

TEST(Cli, FullDiskIsAnError) {
  if (!fs::exists("/dev/full")) GTEST_SKIP();
  std::string cmd = ShellQuote(NORM_CLI_PATH) + " </dev/null >/dev/full 2>/dev/null";
  // Empty input writes nothing; use a real document.
  TempDir dir;
  WriteFile(dir.path() / "in", "some text\n");
  cmd = ShellQuote(NORM_CLI_PATH) + " " + ShellQuote((dir.path() / "in").string()) +
        " >/dev/full 2>" + ShellQuote((dir.path() / "err").string());
  int status = std::system(cmd.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_NE(ReadFile(dir.path() / "err").find("write error"), std::string::npos);
}

TEST(Cli, ClosedPipeStopsQuietly) {
  TempDir dir;
  std::string big;
  for (int i = 0; i < 200000; ++i) big += "paragraph number " + std::to_string(i) + "\n\n";
  WriteFile(dir.path() / "big.txt", big);
  std::string cmd = "set -o pipefail; " + ShellQuote(NORM_CLI_PATH) + " " +
                    ShellQuote((dir.path() / "big.txt").string()) + " 2>" +
                    ShellQuote((dir.path() / "err").string()) + " | head -c 10 >/dev/null";
  int status = std::system(("bash -c " + ShellQuote(cmd)).c_str());
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(ReadFile(dir.path() / "err"), "");
}

TEST(Cli, CheckShowsUnifiedDiff) {
  TempDir dir;
  WriteFile(dir.path() / "expected.md", "one\n\ntwo\n\nthree\n");
  WriteFile(dir.path() / "same.txt", "one\n\n\ntwo\n\nthree\n");
  WriteFile(dir.path() / "other.txt", "one\n\nTWO\n\nthree\n");
  CliResult same =
      RunCli({"check", (dir.path() / "expected.md").string(), (dir.path() / "same.txt").string()});
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  EXPECT_EQ(same.out, "");
  CliResult diff =
      RunCli({"check", (dir.path() / "expected.md").string()}, "one\n\nTWO\n\nthree\n");
  EXPECT_EQ(diff.exit_code, 1);
  EXPECT_NE(diff.out.find("-two\n+TWO\n"), std::string::npos) << diff.out;
  EXPECT_NE(diff.out.find("@@ -1,5 +1,5 @@"), std::string::npos) << diff.out;
}

TEST(Cli, DetectReportsEvidence) {
  CliResult r = RunCli({"detect"}, "\xEF\xBB\xBFhello");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "-: UTF-8 confidence=1.00 source=bom\n");
  CliResult j = RunCli({"detect", "--json"}, "caf\xC3\xA9 cr\xC3\xA8me br\xC3\xBBl\xC3\xA9\n");
  EXPECT_EQ(j.out,
            "{\"file\":\"-\",\"encoding\":\"UTF-8\",\"confidence\":1.00,\"source\":\"utf8\"}\n");
}

// detect reads only the detection window (and one byte more): the answer
// must be the library's on the whole input, even when the window ends inside
// a character.
TEST(Cli, DetectReadsOnlyTheWindowWithTheSameAnswer) {
  const size_t window = Options().decode.detect_window;
  for (std::string tail : {"\xC3\xA9 caf\xC3\xA9", "\xE9t\xE9"}) {
    std::string input(window - 1, 'a');
    input += tail;
    Detection whole = DetectEncoding(input, Options().decode);
    CliResult r = RunCli({"detect"}, input);
    EXPECT_EQ(r.exit_code, 0);
    char confidence[16];
    std::snprintf(confidence, sizeof confidence, "%.2f", whole.confidence);
    EXPECT_EQ(r.out, "-: " + whole.encoding + " confidence=" + confidence +
                         " source=" + whole.source + "\n");
  }
}

TEST(Cli, DetectWithAnUnknownEncodingIsAConfigurationError) {
  for (const char* from : {"no-such-charset", "ISO-8859-99"}) {
    CliResult r = RunCli({"detect", "-f", from}, "hi\n");
    EXPECT_EQ(r.exit_code, 2) << from;
    EXPECT_EQ(r.out, "") << from;
    EXPECT_EQ(r.err, std::string("norm: -: unknown encoding ") + from + "\n");
  }
}

TEST(Cli, DecodeWritesUtf8Text) {
  CliResult r = RunCli({"decode", "-f", "GBK"}, "\xD6\xD0\xCE\xC4 *x*\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "中文 *x*\n");
}

TEST(Cli, VersionNamesLibraries) {
  CliResult r = RunCli({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* lib :
       {"libnorm ", "ICU ", "OpenCC ", "libxml2 ", "uchardet ", "cmark-gfm ", "allocator "})
    EXPECT_NE(r.out.find(lib), std::string::npos) << lib;
}

TEST(Cli, HelpListsEveryFlag) {
  CliResult r = RunCli({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const cli::Flag& f : cli::Flags())
    EXPECT_NE(r.out.find("--" + std::string(f.long_name)), std::string::npos) << f.long_name;
}

TEST(Cli, ManPageIsCurrent) {
  CliResult r = RunCli({"--man"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(ReadFile(fs::path(NORM_SOURCE_DIR) / "docs" / "norm.1"), r.out)
      << "docs/norm.1 is stale: cmake --build build --target man";
}

TEST(Cli, ExplainGoesToStderr) {
  CliResult r = RunCli({"--explain"}, "<p>a<script>x()</script></p>");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "a\n");
  EXPECT_NE(r.err.find("decode.encoding=UTF-8"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("removed <script>"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace norm::test
