#include "whitespace.h"

#include "ascii.h"
#include "script.h"
#include "utf8.h"

namespace norm::text {

std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    if (!IsAsciiSpace(s[i])) {
      size_t start = i;
      utf8::Next(s, i);
      out.append(s.substr(start, i - start));
      continue;
    }
    bool newline = false;
    while (i < s.size() && IsAsciiSpace(s[i])) {
      newline |= s[i] == '\n' || s[i] == '\r';
      ++i;
    }
    if (newline && !out.empty() && i < s.size()) {
      size_t j = i;
      if (IsCjkNoSpace(utf8::Last(out)) && IsCjkNoSpace(utf8::Next(s, j))) continue;
    }
    out.push_back(' ');
  }
  return out;
}

std::string Excerpt(std::string_view s, size_t max_bytes) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t cp = utf8::Next(s, i);
    if (IsAsciiSpace(cp)) {
      space = !out.empty();
      continue;
    }
    if (out.size() + (i - start) + (space ? 1 : 0) > max_bytes) {
      out += "…";
      break;
    }
    if (space) out += ' ';
    space = false;
    out.append(s.substr(start, i - start));
  }
  return out;
}

}  // namespace norm::text
