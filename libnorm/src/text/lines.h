// Walking text line by line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace norm::text {

// The line at pos without its line break (and a CR before it); advances pos
// past the line break (to the end of text after the last line).
inline std::string_view NextLine(std::string_view text, size_t& pos) {
  size_t end = text.find('\n', pos);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(pos, end - pos);
  pos = end < text.size() ? end + 1 : end;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// Rewrites text line by line, each line with its line break: a line that
// may_change(line) accepts is handed to fix(line, offset, &out), which
// appends its repair; the others are copied. The repair filters decide every
// line on its own, so a line comes out the same alone or inside any text,
// and its cost is bounded by its own length.
template <typename MayChange, typename Fix>
std::string RewriteLines(std::string_view text, MayChange may_change, Fix fix) {
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t pos = 0; pos < text.size();) {
    size_t eol = text.find('\n', pos);
    size_t end = eol == std::string_view::npos ? text.size() : eol + 1;
    std::string_view line = text.substr(pos, end - pos);
    if (may_change(line)) {
      fix(line, pos, &out);
    } else {
      out.append(line);
    }
    pos = end;
  }
  return out;
}

}  // namespace norm::text
