// Acceptance: the real scraped articles in ../shared/seeds/ go through the
// whole pipeline cleanly. Skipped when that folder is absent.
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <regex>

#include "norm/decode.h"
#include "norm/norm.h"
#include "reader.h"
#include "test_util.h"

namespace fs = std::filesystem;

namespace norm::test {
namespace {

std::vector<fs::path> Seeds() {
  std::vector<fs::path> seeds;
  if (!fs::exists(NORM_SEEDS_DIR)) return seeds;
  for (const auto& e : fs::directory_iterator(NORM_SEEDS_DIR))
    if (e.is_regular_file()) seeds.push_back(e.path());
  std::sort(seeds.begin(), seeds.end());
  return seeds;
}

bool IsNfc(const std::string& s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  return U_SUCCESS(err) && nfc->isNormalized(icu::UnicodeString::fromUTF8(s), err) &&
         U_SUCCESS(err);
}

// HTML tags in Markdown output outside code blocks and code spans.
std::vector<std::string> TagsOutsideCode(const std::string& md) {
  std::vector<std::string> tags;
  static const std::regex kTag(R"((^|[^\\])(<[A-Za-z!/][^>]*>))");
  std::istringstream lines(md);
  std::string line;
  bool fenced = false;
  while (std::getline(lines, line)) {
    if (line.rfind("```", 0) == 0) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    static const std::regex kCodeSpan("`+[^`]*`+");
    std::string text = std::regex_replace(line, kCodeSpan, "");
    for (std::sregex_iterator it(text.begin(), text.end(), kTag), end; it != end; ++it)
      tags.push_back((*it)[2]);
  }
  return tags;
}

std::vector<std::string> FrontMatterKeys(const std::string& text) {
  Document doc;
  SplitFrontMatter(text, &doc.front_matter);
  std::vector<std::string> keys;
  for (const auto& e : doc.front_matter.entries) keys.push_back(e.key);
  return keys;
}

class Seed : public ::testing::TestWithParam<fs::path> {};

TEST_P(Seed, NormalizesCleanly) {
  const fs::path& seed = GetParam();
  CliResult r = RunCli({seed.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  EXPECT_TRUE(IsValidUtf8(r.out));
  EXPECT_TRUE(IsNfc(r.out));
  EXPECT_EQ(TagsOutsideCode(r.out), std::vector<std::string>{});
  ASSERT_FALSE(r.out.empty());
  EXPECT_EQ(r.out.back(), '\n');
  EXPECT_EQ(r.out.find("\r"), std::string::npos);
}

TEST_P(Seed, IsIdempotent) {
  std::string once = Normalize(ReadFile(GetParam())).markdown;
  EXPECT_EQ(Normalize(once).markdown, once);
}

TEST_P(Seed, KeepsFrontMatterKeysInOrder) {
  std::string input = ReadFile(GetParam());
  std::vector<std::string> in_keys = FrontMatterKeys(input);
  if (in_keys.empty()) GTEST_SKIP() << "no front matter";
  std::vector<std::string> out_keys = FrontMatterKeys(Normalize(input).markdown);
  ASSERT_GE(out_keys.size(), in_keys.size());
  out_keys.resize(in_keys.size());
  EXPECT_EQ(out_keys, in_keys);
}

std::string SeedName(const ::testing::TestParamInfo<fs::path>& info) {
  return "seed" + info.param.filename().string().substr(0, 3);
}

INSTANTIATE_TEST_SUITE_P(Shared, Seed, ::testing::ValuesIn(Seeds()), SeedName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Seed);

TEST(SeedsFolder, PresentOrSkipped) {
  if (!fs::exists(NORM_SEEDS_DIR))
    GTEST_SKIP() << "../shared/seeds not found next to the checkout; seed acceptance skipped";
  EXPECT_EQ(Seeds().size(), 5u);
}

TEST(Seed000, ArticleWithoutAdsOrPaywall) {
  fs::path seed;
  for (const auto& s : Seeds())
    if (s.filename().string().rfind("000_", 0) == 0) seed = s;
  if (seed.empty()) GTEST_SKIP() << "seed 000 absent";
  std::string out = Normalize(ReadFile(seed)).markdown;
  for (const char* gone : {"<span", "dfp-ad", "innity", "paywall", "imu", "<!--"})
    EXPECT_EQ(out.find(gone), std::string::npos) << gone;
  EXPECT_TRUE(std::regex_search(out, std::regex("(^|\n)#{1,6} "))) << "title heading";
  EXPECT_NE(out.find("知情人士还说，台积电正在评估来自其他中国芯片开发商的产品"),
            std::string::npos);
}

}  // namespace
}  // namespace norm::test
