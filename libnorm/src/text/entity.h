// The one HTML character-reference decoder (the unicode filter's leftover
// entities, the HTML reader's plain-text fallback). Names come from
// libxml2's HTML table, plus &apos;.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace norm::text {

// Parses a character reference at the start of s ("&name;", "&#65;",
// "&#x41;"). Returns the bytes it spans (0: none) and its code point in *cp.
// As HTML does, numeric references to 0, surrogates or past U+10FFFF give
// U+FFFD and those to C1 controls the windows-1252 character. Reads at most
// about 40 bytes of s.
size_t ParseEntity(std::string_view s, uint32_t* cp);

}  // namespace norm::text
