#include "utf8.h"

namespace norm::utf8 {

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
