// Every repair decision of the mojibake filters is local to its line: a
// line comes out the same alone and inside 10,000 other lines of one
// paragraph (issue 17: with per-text votes, damage elsewhere in a long
// paragraph lowered the bar for clean lines and they gained CJK characters).
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "cjk_mojibake.h"
#include "damage.h"
#include "mojibake.h"

namespace norm {
namespace {

std::vector<std::string> ReadLines(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> out;
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l[0] != '#') out.push_back(l);
  }
  return out;
}

// Clean lines, and the same lines damaged every way the filters repair
// (lossless and lossy), interleaved.
std::vector<std::string> Sample() {
  std::vector<std::string> clean = ReadLines(NORM_SOURCE_DIR "/tests/data/clean_corpus.txt");
  for (const char* more : {NORM_SOURCE_DIR "/tests/data/cjk_sentences_hans.txt",
                           NORM_SOURCE_DIR "/bench/corpus/sentences.txt"}) {
    for (const auto& l : ReadLines(more)) clean.push_back(l);
  }
  const char* kinds[] = {"utf8-as-windows-1252",
                         "utf8-as-windows-1251",
                         "utf8-as-windows-1250",
                         "utf8-as-macintosh",
                         "utf8-as-windows-1252-x2",
                         "utf8-as-windows-1252-nbsp-lost",
                         "utf8-as-gbk",
                         "utf8-as-big5",
                         "utf8-as-shift_jis",
                         "gbk-as-windows-1252",
                         "gbk-as-big5",
                         "cp1252-as-latin1"};
  std::vector<std::string> lines;
  size_t k = 0;
  for (size_t i = 0; i < clean.size(); ++i) {
    lines.push_back(clean[i]);
    std::string out, error;
    const char* kind = kinds[k++ % std::size(kinds)];
    if (damage::Apply(kind, clean[i], i, &out, &error) && out != clean[i] &&
        out.find('\n') == std::string::npos)
      lines.push_back(out);
  }
  return lines;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    out.push_back(text.substr(pos, eol - pos));
    pos = eol + 1;
  }
  return out;
}

void ExpectLocal(const TextFilter& filter) {
  const std::vector<std::string> sample = Sample();
  ASSERT_GT(sample.size(), 200u);
  std::string paragraph;
  for (size_t i = 0; i < 10000; ++i) {
    paragraph += sample[i % sample.size()];
    paragraph += '\n';
  }
  Report report;
  const std::vector<std::string> together = Split(filter.Transform(paragraph, report));
  ASSERT_GE(together.size(), 10000u);
  int differ = 0;
  for (size_t i = 0; i < sample.size(); ++i) {
    Report alone_report;
    std::string alone = filter.Transform(sample[i], alone_report);
    if (alone != together[i]) {
      ++differ;
      ADD_FAILURE() << filter.name() << " line " << i << "\n  input: " << sample[i]
                    << "\n  alone: " << alone << "\n  among 10,000: " << together[i];
    }
    if (differ > 5) break;
  }
  EXPECT_EQ(differ, 0);
}

TEST(MojibakeLocality, MojibakeLineAloneEqualsLineInsideTenThousand) {
  ExpectLocal(MojibakeFilter());
}

TEST(MojibakeLocality, CjkMojibakeLineAloneEqualsLineInsideTenThousand) {
  ExpectLocal(CjkMojibakeFilter());
}

}  // namespace
}  // namespace norm
