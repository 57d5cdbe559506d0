// The one front-matter parser (libnorm/src/text/front_matter.h).
#include "front_matter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace norm::text {
namespace {

std::vector<std::string> Keys(const FrontMatterBlock& b) {
  std::vector<std::string> keys;
  for (const FrontMatterSpan& e : b.entries) keys.emplace_back(e.key);
  return keys;
}

TEST(FrontMatter, FindsTheBlockItsKeysAndTheBody) {
  const std::string_view t =
      "---\r\ntitle: A\r\nlist:\r\n  - x\r\n# note\r\ndate: 1\r\n...\r\nbody";
  const FrontMatterBlock b = FindFrontMatter(t);
  ASSERT_TRUE(b.found);
  EXPECT_EQ(Keys(b), (std::vector<std::string>{"title", "list", "date"}));
  EXPECT_EQ(t.substr(b.body), "body");
  EXPECT_EQ(t.substr(b.close, 3), "...");
  EXPECT_EQ(b.open_end, 5u);
  EXPECT_EQ(FrontMatterValue(t, b.entries[0]), " A");
  EXPECT_EQ(FrontMatterValue(t, b.entries[1]), "\n  - x\n# note");
  EXPECT_EQ(FrontMatterValue(t, b.entries[2]), " 1");
}

TEST(FrontMatter, Rules) {
  struct Case {
    std::string_view text;
    bool found;
    std::vector<std::string> keys;
  };
  const Case cases[] = {
      {"---\na: 1\n---\n", true, {"a"}},
      {" --- \na: 1\n---\n", true, {"a"}},                 // fence whitespace
      {"---\na: 1\n--- \n", true, {"a"}},                  // closing trailing space
      {"---\na: 1\n ---\nb: 2\n---\n", true, {"a", "b"}},  // indented: not a close
      {"---\n\na: 1\n---", true, {"a"}},                   // blank line first; no final LF
      {"---\n---\n", true, {}},
      {"---\na:1\n---\n", false, {}},   // no space after the colon
      {"---\ntext\n---\n", false, {}},  // not a mapping
      {"---\na: 1\n", false, {}},       // never closed
      {"--\na: 1\n---\n", false, {}},
      {"", false, {}},
  };
  for (const Case& c : cases) {
    const FrontMatterBlock b = FindFrontMatter(c.text);
    EXPECT_EQ(b.found, c.found) << testing::PrintToString(std::string(c.text));
    EXPECT_EQ(Keys(b), c.keys) << testing::PrintToString(std::string(c.text));
  }
}

}  // namespace
}  // namespace norm::text
