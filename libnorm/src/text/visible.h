// Visible characters: what the "nothing lost" accounting counts (the
// --stats visible.* counters, the stderr warning when rules remove most of
// a document). A code point is visible unless it is white space (Z*, the
// ASCII spaces), a control (Cc) or a format character (Cf: soft hyphen,
// zero-width joiners, BOM): letters, marks, digits, punctuation, symbols
// and U+FFFD count.
#pragma once

#include <cstddef>
#include <string_view>

namespace norm::text {

size_t CountVisible(std::string_view utf8);

// The rule itself, by ICU's general category: what CountVisible counts
// for one code point (it skips the lookup in ranges the rule always passes).
bool VisibleByCharType(char32_t c);

}  // namespace norm::text
