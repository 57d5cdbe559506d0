// Runs every fixtures/<area>/<case>/ through the library and through the
// `norm` binary and compares both with the case's expected file. A case is
// a folder with input.* (bytes), expected.* and optionally `args` (CLI
// arguments, one per line), `stderr` and `exit-status` (the CLI's). scripts/regen-fixtures.sh
// rewrites expected files after an intended change.
#include <gtest/gtest.h>

#include <algorithm>

#include "flags.h"
#include "norm/norm.h"
#include "test_util.h"

namespace fs = std::filesystem;

namespace norm::test {
namespace {

struct Case {
  std::string name;  // area/case
  fs::path dir;
  fs::path input;
  fs::path expected;
};

std::vector<Case> FindCases() {
  std::vector<Case> cases;
  fs::path root = fs::path(NORM_SOURCE_DIR) / "fixtures";
  if (!fs::exists(root)) return cases;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_directory()) continue;
    Case c;
    c.dir = entry.path();
    for (const auto& f : fs::directory_iterator(c.dir)) {
      std::string name = f.path().filename().string();
      if (name.rfind("input", 0) == 0) c.input = f.path();
      if (name.rfind("expected", 0) == 0) c.expected = f.path();
    }
    if (c.input.empty() || c.expected.empty()) continue;
    c.name = fs::relative(c.dir, root).string();
    cases.push_back(c);
  }
  std::sort(cases.begin(), cases.end(),
            [](const Case& a, const Case& b) { return a.name < b.name; });
  return cases;
}

std::vector<std::string> CaseArgs(const Case& c) {
  fs::path args = c.dir / "args";
  return fs::exists(args) ? cli::ReadArgsFile(ReadFile(args)) : std::vector<std::string>{};
}

class Fixture : public ::testing::TestWithParam<Case> {};

TEST_P(Fixture, LibraryMatchesExpected) {
  const Case& c = GetParam();
  cli::Config config;
  std::string error;
  ASSERT_TRUE(cli::ParseArgs(CaseArgs(c), &config, &error)) << error;
  Normalizer normalizer(config.options);
  ASSERT_TRUE(normalizer.status().ok()) << normalizer.status().ToString();
  // The file name goes along, as the CLI passes it (a .html name means HTML).
  Result r = normalizer.Normalize(ReadFile(c.input), c.input.string());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.markdown, ReadFile(c.expected)) << "fixture " << c.name;
}

// A case may also pin the CLI's exit status (`exit-status`, default 0) and
// its stderr (`stderr`, the input's path written as its file name), e.g.
// the loss warning and --strict.
TEST_P(Fixture, CliMatchesExpected) {
  const Case& c = GetParam();
  std::vector<std::string> args = CaseArgs(c);
  args.push_back(c.input.string());
  CliResult r = RunCli(args);
  const fs::path status = c.dir / "exit-status";
  EXPECT_EQ(r.exit_code, fs::exists(status) ? std::stoi(ReadFile(status)) : 0) << r.err;
  EXPECT_EQ(r.out, ReadFile(c.expected)) << "fixture " << c.name;
  if (fs::exists(c.dir / "stderr")) {
    std::string err = r.err;
    const std::string path = c.input.string(), file = c.input.filename().string();
    for (size_t at = err.find(path); at != std::string::npos; at = err.find(path, at + file.size()))
      err.replace(at, path.size(), file);
    EXPECT_EQ(err, ReadFile(c.dir / "stderr")) << "fixture " << c.name;
  }
}

// Markdown output read back gives the same bytes (norm(norm(x)) == norm(x)).
TEST_P(Fixture, OutputIsIdempotent) {
  const Case& c = GetParam();
  cli::Config config;
  std::string error;
  ASSERT_TRUE(cli::ParseArgs(CaseArgs(c), &config, &error)) << error;
  if (!config.command.empty()) GTEST_SKIP() << "single-stage command: output is not Markdown";
  if (config.options.to != OutputFormat::kMarkdown) GTEST_SKIP() << "--to: output is not Markdown";
  config.options.format = InputFormat::kMarkdown;  // whatever the input was, the output is
  Normalizer normalizer(config.options);
  std::string once = ReadFile(c.expected);
  Result twice = normalizer.Normalize(once);
  ASSERT_TRUE(twice.status.ok());
  EXPECT_EQ(twice.markdown, once) << "fixture " << c.name;
}

std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  std::string name;
  for (char ch : info.param.name)
    name.push_back(std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(All, Fixture, ::testing::ValuesIn(FindCases()), CaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Fixture);

}  // namespace
}  // namespace norm::test
