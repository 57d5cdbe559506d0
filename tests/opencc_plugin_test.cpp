// The norm command's OpenCC plug-in and its loader (tools/norm/plugin_loader.h,
// opencc_plugin/): where it is looked for, every way loading can fail, and
// the plug-in's interface doing what libnorm's zh_opencc::Open does.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "plugin_loader.h"
#include "test_util.h"

namespace fs = std::filesystem;

namespace norm::test {
namespace {

using cli::LoadOpenccPlugin;
using cli::OpenccPluginCandidates;

TEST(OpenccPlugin, CandidatesNextToTheCommandThenTheInstallation) {
  auto c = OpenccPluginCandidates("/opt/x/bin", nullptr, "lib/norm", "/usr/lib/norm");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0], "/opt/x/bin/norm-opencc.so");
  EXPECT_EQ(c[1], "/opt/x/bin/../lib/norm/norm-opencc.so");
  EXPECT_EQ(c[2], "/usr/lib/norm/norm-opencc.so");
  EXPECT_EQ(OpenccPluginCandidates("/b", "", "lib/norm", "/i").size(), 3u);
  EXPECT_EQ(OpenccPluginCandidates("", nullptr, "lib/norm", "/i").size(), 1u);
}

TEST(OpenccPlugin, EnvironmentNamesTheOnlyCandidate) {
  auto c = OpenccPluginCandidates("/opt/x/bin", "/tmp/p.so", "lib/norm", "/usr/lib/norm");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0], "/tmp/p.so");
}

TEST(OpenccPlugin, MissingPluginNamesThePathsAndThePackage) {
  std::string error;
  EXPECT_EQ(LoadOpenccPlugin({"/nonexistent/a.so", "/nonexistent/b.so"}, &error), nullptr);
  EXPECT_NE(error.find("/nonexistent/a.so, /nonexistent/b.so"), std::string::npos) << error;
  EXPECT_NE(error.find("libopencc1.1"), std::string::npos) << error;
}

TEST(OpenccPlugin, UnloadableFileIsTheLoadersMessageAndThePackage) {
  TempDir dir;
  WriteFile(dir.path() / "norm-opencc.so", "not an ELF file\n");
  std::string error;
  EXPECT_EQ(LoadOpenccPlugin({(dir.path() / "norm-opencc.so").string()}, &error), nullptr);
  EXPECT_NE(error.find("OpenCC could not be loaded"), std::string::npos) << error;
  EXPECT_NE(error.find("norm-opencc.so"), std::string::npos) << error;
  EXPECT_NE(error.find("libopencc1.1"), std::string::npos) << error;
}

TEST(OpenccPlugin, ForeignLibraryIsRefused) {
  const char* libz = "/lib/x86_64-linux-gnu/libz.so.1";
  if (!fs::exists(libz)) GTEST_SKIP();
  std::string error;
  EXPECT_EQ(LoadOpenccPlugin({libz}, &error), nullptr);
  EXPECT_NE(error.find("is not this norm's OpenCC plug-in"), std::string::npos) << error;
}

TEST(OpenccPlugin, CommandReportsAMissingPlugin) {
  setenv("NORM_OPENCC_PLUGIN", "/nonexistent/norm-opencc.so", 1);
  CliResult r = RunCli({"zh", "--zh=s2t"}, "汉字\n");
  unsetenv("NORM_OPENCC_PLUGIN");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("OpenCC could not be loaded"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("libopencc1.1"), std::string::npos) << r.err;
  // Nothing else needs OpenCC.
  setenv("NORM_OPENCC_PLUGIN", "/nonexistent/norm-opencc.so", 1);
  CliResult d = RunCli({"detect"}, "hello, world\n");
  unsetenv("NORM_OPENCC_PLUGIN");
  EXPECT_EQ(d.exit_code, 0) << d.err;
}

#ifdef NORM_OPENCC_PLUGIN_PATH
TEST(OpenccPlugin, PluginConvertsAndListsItsDictionaries) {
  std::string error;
  const NormOpenccApi* api = LoadOpenccPlugin({NORM_OPENCC_PLUGIN_PATH}, &error);
  ASSERT_NE(api, nullptr) << error;
  EXPECT_EQ(api->abi, NORM_OPENCC_PLUGIN_ABI);
  int kind = -1;
  char* message = nullptr;
  EXPECT_EQ(api->open("/nonexistent/s2t.json", &kind, &message), nullptr);
  ASSERT_NE(message, nullptr);
  api->free_string(message);
  void* s2t = api->open(NORM_OPENCC_DIR "/s2t.json", &kind, &message);
  ASSERT_NE(s2t, nullptr);
  EXPECT_TRUE(api->max_match_segmentation(s2t));
  EXPECT_GE(api->groups(s2t), 2u);
  uintptr_t leaf = 0;
  ASSERT_GE(api->leaves(s2t, 0, &leaf, 1), 1u);
  size_t entries = 0;
  auto count = [](void* ctx, const char*, size_t, const char*, size_t) {
    ++*static_cast<size_t*>(ctx);
  };
  EXPECT_TRUE(api->for_each_entry(s2t, leaf, count, &entries));
  EXPECT_GT(entries, 1000u);
  std::string in = "汉字发展";
  size_t len = 0;
  char* out = api->convert(s2t, in.data(), in.size(), &len, &message);
  ASSERT_NE(out, nullptr);
  EXPECT_EQ(std::string(out, len), "漢字發展");
  api->free_string(out);
  api->close(s2t);
}
#endif

}  // namespace
}  // namespace norm::test
