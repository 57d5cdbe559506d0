#include "front_matter.h"

#include "ascii.h"
#include "lines.h"

namespace norm::text {
namespace {

bool IsFence(std::string_view line, bool closing) {
  std::string_view t = TrimAscii(line);
  return t == "---" || (closing && t == "...");
}

}  // namespace

FrontMatterBlock FindFrontMatter(std::string_view text) {
  FrontMatterBlock block;
  size_t pos = 0;
  if (!IsFence(NextLine(text, pos), false)) return block;
  block.open_end = pos;
  while (pos < text.size()) {
    const size_t start = pos;
    std::string_view line = NextLine(text, pos);
    if (IsFence(line, true) && line.front() != ' ') {
      block.found = true;
      block.close = start;
      block.body = pos;
      return block;
    }
    size_t colon = line.find(':');
    bool top_level = !line.empty() && line.front() != ' ' && line.front() != '\t' &&
                     line.front() != '-' && line.front() != '#' &&
                     colon != std::string_view::npos &&
                     (colon + 1 == line.size() || line[colon + 1] == ' ');
    if (top_level) {
      block.entries.push_back({start, start + colon, pos, line.substr(0, colon)});
    } else if (!block.entries.empty()) {
      block.entries.back().end = pos;
    } else if (!TrimAscii(line).empty()) {
      break;  // not a key/value mapping: not front matter
    }
  }
  block.entries.clear();
  return block;
}

std::string FrontMatterValue(std::string_view text, const FrontMatterSpan& entry) {
  std::string value;
  size_t pos = entry.colon + 1;
  value = NextLine(text.substr(0, entry.end), pos);
  while (pos < entry.end) {
    value += '\n';
    value += NextLine(text.substr(0, entry.end), pos);
  }
  return value;
}

}  // namespace norm::text
