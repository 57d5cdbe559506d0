#include "utf8.h"

namespace norm::utf8 {

std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (!IsSpace(c)) {
      size_t start = i;
      Next(s, i);
      out.append(s.substr(start, i - start));
      continue;
    }
    bool newline = false;
    while (i < s.size() && IsSpace(static_cast<unsigned char>(s[i]))) {
      newline |= s[i] == '\n' || s[i] == '\r';
      ++i;
    }
    if (newline && !out.empty() && i < s.size()) {
      size_t j = i;
      if (IsCjkNoSpace(Prev(out, out.size())) && IsCjkNoSpace(Next(s, j))) continue;
    }
    out.push_back(' ');
  }
  return out;
}

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && IsSpace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && IsSpace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

int64_t ReplaceNul(std::string_view s, std::string* out) {
  size_t nul = s.find('\0');
  if (nul == std::string_view::npos) return 0;
  out->clear();
  out->reserve(s.size() + 16);
  int64_t n = 0;
  size_t from = 0;
  for (; nul != std::string_view::npos; nul = s.find('\0', from)) {
    out->append(s, from, nul - from);
    *out += "\xEF\xBF\xBD";
    from = nul + 1;
    ++n;
  }
  out->append(s.substr(from));
  return n;
}

}  // namespace norm::utf8
