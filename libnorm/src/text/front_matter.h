// The one front-matter parser: where a leading YAML block starts and ends,
// and its top-level keys. The Markdown reader builds Document::front_matter
// from it; `norm zh` finds the prose values to convert with it, so the two
// agree on what the front matter is.
//
// The rules: the first line is "---" (surrounding whitespace allowed); the
// block ends at a line "---" or "..." that does not start with a space
// (trailing whitespace allowed). A top-level entry is a line starting with
// neither a space, a tab, '-' nor '#' whose first ':' ends the line or is
// followed by a space; every other line continues the entry before it. A
// non-blank line before the first entry, or no closing line, means the text
// has no front matter.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace norm::text {

struct FrontMatterSpan {
  size_t begin = 0;  // offset of the entry's first line
  size_t colon = 0;  // offset of the ':' after the key
  size_t end = 0;    // offset past the entry's last line and its line break
  std::string_view key;
};

struct FrontMatterBlock {
  bool found = false;
  size_t open_end = 0;  // offset past the opening "---" line
  size_t close = 0;     // offset of the closing line
  size_t body = 0;      // offset of the body (past the closing line)
  std::vector<FrontMatterSpan> entries;
};

FrontMatterBlock FindFrontMatter(std::string_view text);

// The value of an entry as written after the colon: its continuation lines
// joined with '\n', CRs before line breaks dropped.
std::string FrontMatterValue(std::string_view text, const FrontMatterSpan& entry);

}  // namespace norm::text
