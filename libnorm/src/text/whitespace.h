// Whitespace collapsing for running text, CJK-aware.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace norm::text {

// Collapses runs of ASCII whitespace into one space, or into nothing when the
// run holds a line break and sits between two IsCjkNoSpace characters.
// Leading/trailing whitespace becomes a single space (callers trim at block
// boundaries).
std::string CollapseWhitespace(std::string_view s);

// A short excerpt of s for --explain events: at most max_bytes, cut at a
// character boundary (then "…"), runs of ASCII whitespace as one space,
// none at the ends.
std::string Excerpt(std::string_view s, size_t max_bytes = 80);

}  // namespace norm::text
