// Walking text line by line.
#pragma once

#include <cstddef>
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

}  // namespace norm::text
