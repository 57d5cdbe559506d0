// html::WordList (libnorm/src/read/word_list.h): the same answers as a scan
// of its list, for every entry, every entry's prefixes and suffixes, case
// and length variants, and words no entry can equal.
#include "word_list.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace norm::html {
namespace {

constexpr std::string_view kWords[] = {
    "ad",     "ads", "advertisement", "h1",   "h6", "nav",
    "navbar", "no",  "subscription",  "zone", "a",  "blockquote"};

std::string_view Scan(std::string_view w) {
  for (std::string_view t : kWords)
    if (t == w) return t;
  return {};
}

TEST(WordList, AgreesWithAScan) {
  const WordList list(kWords);
  std::vector<std::string> probes = {"",
                                     "A",
                                     "Ad",
                                     "AD",
                                     "1ad",
                                     "-ad",
                                     "h",
                                     "h7",
                                     "navbars",
                                     "averyveryverylongword",
                                     "advertisements",
                                     "z",
                                     "zon"};
  for (std::string_view w : kWords) {
    for (size_t n = 0; n <= w.size(); ++n) {
      probes.emplace_back(w.substr(0, n));
      probes.emplace_back(w.substr(n));
    }
    probes.push_back(std::string(w) + "s");
  }
  for (const std::string& p : probes) {
    EXPECT_EQ(list.Find(p), Scan(p)) << p;
    EXPECT_EQ(list.Contains(p), !Scan(p).empty()) << p;
    // Find returns the list's own entry, not a copy.
    if (!Scan(p).empty()) {
      EXPECT_EQ(list.Find(p).data(), Scan(p).data()) << p;
    }
  }
}

}  // namespace
}  // namespace norm::html
