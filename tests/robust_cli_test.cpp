// The CLI's error paths: writes that fail never leave a partial file or a
// touched original, devices are written through (never renamed over), and
// a reader that goes away stops norm quietly.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "test_util.h"

namespace fs = std::filesystem;

namespace norm::test {
namespace {

size_t Entries(const fs::path& dir) {
  return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(RobustCli, InPlaceInUnwritableDirectoryLeavesOriginal) {
  // Root ignores directory permissions; /proc never accepts new files.
  fs::path file;
  TempDir dir;
  if (::geteuid() != 0) {
    file = dir.path() / "sub" / "doc.txt";
    fs::create_directory(dir.path() / "sub");
    WriteFile(file, "a\n\n\n\nb\n");
    ::chmod((dir.path() / "sub").c_str(), 0555);
  } else if (fs::exists("/proc/version")) {
    file = "/proc/version";
  } else {
    GTEST_SKIP() << "no unwritable directory available";
  }
  std::string before = ReadFile(file);
  CliResult r = RunCli({"--in-place", file.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("norm: " + file.string() + ": cannot create temporary file"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(ReadFile(file), before);
  if (::geteuid() != 0) {
    EXPECT_EQ(Entries(dir.path() / "sub"), 1u);
    ::chmod((dir.path() / "sub").c_str(), 0755);
  }
}

TEST(RobustCli, OutputToFullDeviceFailsAndKeepsTheDevice) {
  if (!fs::exists("/dev/full")) GTEST_SKIP();
  CliResult r = RunCli({"-o", "/dev/full"}, "some text\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("norm: /dev/full: No space left on device"), std::string::npos) << r.err;
  struct stat st;
  ASSERT_EQ(::stat("/dev/full", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode)) << "/dev/full was replaced";
}

TEST(RobustCli, OutputToOwnCharacterDeviceIsNotRenamedOver) {
  // The regression behind the test above, on a device node of our own
  // (needs root for mknod): -o used to rename a temporary file over it.
  TempDir dir;
  fs::path dev = dir.path() / "full";
  if (::mknod(dev.c_str(), S_IFCHR | 0666, makedev(1, 7)) != 0) GTEST_SKIP() << "no mknod";
  CliResult r = RunCli({"-o", dev.string()}, "text\n");
  EXPECT_EQ(r.exit_code, 2);
  struct stat st;
  ASSERT_EQ(::stat(dev.c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
  EXPECT_EQ(Entries(dir.path()), 1u) << "temporary file left behind";
}

TEST(RobustCli, OutputToFifoWritesThrough) {
  TempDir dir;
  fs::path fifo = dir.path() / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  fs::path got = dir.path() / "got";
  std::string cmd = "cat " + ShellQuote(fifo.string()) + " >" + ShellQuote(got.string()) +
                    " & echo 'hello  world' | " + ShellQuote(NORM_CLI_PATH) + " -o " +
                    ShellQuote(fifo.string()) + "; wait";
  EXPECT_EQ(std::system(("bash -c " + ShellQuote(cmd)).c_str()), 0);
  EXPECT_EQ(ReadFile(got), "hello world\n");
  struct stat st;
  ASSERT_EQ(::stat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
}

TEST(RobustCli, InPlaceThroughSymlinkRewritesTheTarget) {
  TempDir dir;
  fs::path target = dir.path() / "real.txt";
  fs::path link = dir.path() / "link.txt";
  WriteFile(target, "a\n\n\n\nb\n");
  fs::create_symlink(target, link);
  CliResult r = RunCli({"--in-place", link.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(ReadFile(target), "a\n\nb\n");
}

TEST(RobustCli, InPlaceRejectedFilesUntouchedOthersRewritten) {
  TempDir dir;
  fs::path good = dir.path() / "good.txt", bad = dir.path() / "bad.txt";
  WriteFile(good, "x\n\n\n\ny\n");
  WriteFile(bad, std::string("bin\0ary\n", 8));
  CliResult r = RunCli({"--in-place", bad.string(), good.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(ReadFile(bad), std::string("bin\0ary\n", 8));
  EXPECT_EQ(ReadFile(good), "x\n\ny\n");
  EXPECT_EQ(Entries(dir.path()), 2u);
}

TEST(RobustCli, OutputFileNotWrittenOnIoError) {
  TempDir dir;
  fs::path out = dir.path() / "out.md";
  WriteFile(out, "previous\n");
  CliResult r = RunCli({"-o", out.string(), "/nonexistent/input"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(ReadFile(out), "previous\n");
  EXPECT_EQ(Entries(dir.path()), 1u);
}

TEST(RobustCli, ClosedPipeWithManyFilesStopsQuietly) {
  TempDir dir;
  std::string big;
  for (int i = 0; i < 20000; ++i) big += "paragraph " + std::to_string(i) + "\n\n";
  std::vector<std::string> files;
  std::string cmd = "set -o pipefail; " + ShellQuote(NORM_CLI_PATH);
  for (int f = 0; f < 5; ++f) {
    fs::path p = dir.path() / ("f" + std::to_string(f));
    WriteFile(p, big);
    cmd += " " + ShellQuote(p.string());
  }
  cmd += " 2>" + ShellQuote((dir.path() / "err").string()) + " | head -c 1 >/dev/null";
  int status = std::system(("bash -c " + ShellQuote(cmd)).c_str());
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(ReadFile(dir.path() / "err"), "");
}

}  // namespace
}  // namespace norm::test
