// The one character-reference decoder (libnorm/src/text/entity.h), and the
// HTML reader's plain-text fallback that uses it.
#include "entity.h"

#include <gtest/gtest.h>

#include <string>

#include "html_page.h"

namespace norm {
namespace {

struct EntityCase {
  std::string_view in;
  size_t len;  // 0: not a reference
  uint32_t cp;
};

TEST(Entity, ParsesNamedAndNumericReferencesAsHtmlDoes) {
  const EntityCase cases[] = {
      {"&amp;", 5, '&'},       {"&lt;x", 4, '<'},       {"&apos;", 6, '\''},
      {"&eacute;", 8, 0xE9},   {"&#65;", 5, 'A'},       {"&#x4e2d;", 8, 0x4E2D},
      {"&#X4E2D;", 8, 0x4E2D}, {"&#150;", 6, 0x2013},  // C1: windows-1252
      {"&#0;", 4, 0xFFFD},     {"&#xD800;", 8, 0xFFFD}, {"&#x110000;", 10, 0xFFFD},
      {"&amp", 0, 0},          {"&nosuchname;", 0, 0},  {"&#65abc;", 0, 0},
      {"&#;", 0, 0},           {"& amp;", 0, 0},        {"&#1234567890;", 0, 0},
  };
  for (const EntityCase& c : cases) {
    uint32_t cp = 0;
    EXPECT_EQ(text::ParseEntity(c.in, &cp), c.len) << c.in;
    if (c.len != 0) {
      EXPECT_EQ(cp, c.cp) << c.in;
    }
  }
}

TEST(Entity, PlainTextFallbackDecodesLikeTheUnicodeFilter) {
  // The fallback for nesting past libxml2's limit used its own decoder:
  // "&#150;" stayed U+0096, "&apos;" stayed literal, "&#65abc;" became "A".
  EXPECT_EQ(html::StripTags("<p>a&#150;b &apos;c&apos; &#65abc; &amp;amp;</p>"),
            "\na\u2013b 'c' &#65abc; &amp;\n");
}

}  // namespace
}  // namespace norm
