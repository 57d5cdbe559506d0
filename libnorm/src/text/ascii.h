// ASCII-only text helpers: whitespace, trimming, case-insensitive matching
// (tag names, attribute values, URLs). Never locale-dependent.
#pragma once

#include <string>
#include <string_view>

namespace norm::text {

// Space, tab, LF, VT, FF, CR (a char argument above 0x7F is never one).
inline constexpr bool IsAsciiSpace(char32_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// s without leading and trailing ASCII whitespace.
inline std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

inline constexpr char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

inline std::string AsciiLowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

inline bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (AsciiLower(s[i]) != AsciiLower(prefix[i])) return false;
  return true;
}

inline bool ContainsNoCase(std::string_view s, std::string_view needle) {
  if (needle.empty()) return true;
  if (needle.size() > s.size()) return false;
  // Compare the rest only where the first byte matches in either case.
  const char first = AsciiLower(needle[0]);
  const char upper = (first >= 'a' && first <= 'z') ? static_cast<char>(first - 32) : first;
  const std::string_view rest = needle.substr(1);
  const size_t last = s.size() - needle.size();
  for (size_t i = 0; i <= last; ++i)
    if ((s[i] == first || s[i] == upper) && StartsWithNoCase(s.substr(i + 1), rest)) return true;
  return false;
}

}  // namespace norm::text
