// Never make text worse: every registered text filter must leave the clean
// corpus (text in 25+ languages, including text that merely looks odd) and
// the benchmark's clean sentences byte-for-byte unchanged. Iterates the
// registry, so filters added later are covered automatically.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "norm/registry.h"

namespace norm {
namespace {

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  std::vector<std::string> out;
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l[0] != '#') out.push_back(l);
  }
  return out;
}

TEST(CleanCorpus, EveryTextFilterLeavesItUnchanged) {
  std::vector<std::string> lines = Lines(NORM_SOURCE_DIR "/tests/data/clean_corpus.txt");
  std::vector<std::string> more = Lines(NORM_SOURCE_DIR "/bench/corpus/sentences.txt");
  lines.insert(lines.end(), more.begin(), more.end());
  ASSERT_GT(lines.size(), 200u);
  // The whole corpus as one text too: per-text decisions (votes) see it all.
  std::string all;
  for (const auto& l : lines) all += l + "\n";
  lines.push_back(all);
  Options options;
  // Width folding is a declared normalization, not a repair: the corpus
  // keeps half-width katakana (ｶﾀｶﾅ) on purpose, which `unicode` folds by
  // default. Everything else that filter does must leave the corpus alone.
  options.unicode.fold_width = false;
  int text_filters = 0;
  for (const FilterInfo& info : Filters()) {
    Status status;
    std::unique_ptr<Filter> f = info.make(options, &status);
    const auto* tf = dynamic_cast<const TextFilter*>(f.get());
    if (tf == nullptr) continue;
    ++text_filters;
    for (const auto& line : lines) {
      Report report;
      std::string out = tf->MayChange(line) ? tf->Transform(line, report) : line;
      EXPECT_EQ(out, line) << "filter " << info.name << " changed clean text";
    }
  }
  EXPECT_GT(text_filters, 0);
}

}  // namespace
}  // namespace norm
