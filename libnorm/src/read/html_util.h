// Small helpers shared by the HTML reader, the boilerplate filter and the
// metadata filter: UTF-8 stepping, CJK classification and CJK-aware text
// length (one Han or kana character weighs about as much as a short word).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace norm::html {

// Decodes the code point at s[*i] and advances *i. Invalid bytes decode as
// U+FFFD and advance by one.
inline char32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  if (c < 0x80) {
    ++*i;
    return c;
  }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = c & (0x3F >> (len - 1));
  for (int k = 1; k < len; ++k) {
    unsigned char d = static_cast<unsigned char>(s[*i + k]);
    if ((d & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (d & 0x3F);
  }
  *i += len;
  return cp;
}

// The code point that ends s (U+0000 when s is empty).
inline char32_t LastCodePoint(std::string_view s) {
  if (s.empty()) return 0;
  size_t start = s.size() - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80 && s.size() - start < 4)
    --start;
  size_t i = start;
  return NextCodePoint(s, &i);
}

inline char32_t FirstCodePoint(std::string_view s) {
  if (s.empty()) return 0;
  size_t i = 0;
  return NextCodePoint(s, &i);
}

// Han, kana, CJK symbols and punctuation, full-width forms: scripts written
// without spaces between words.
inline bool IsCjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x2FDF) ||  // radicals
         (c >= 0x3000 && c <= 0x303F) ||  // CJK symbols and punctuation
         (c >= 0x3040 && c <= 0x30FF) ||  // hiragana, katakana
         (c >= 0x31F0 && c <= 0x31FF) ||  // katakana extensions
         (c >= 0x3400 && c <= 0x4DBF) ||  // extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||  // unified ideographs
         (c >= 0xF900 && c <= 0xFAFF) ||  // compatibility ideographs
         (c >= 0xFE30 && c <= 0xFE4F) ||  // compatibility forms
         (c >= 0xFF00 && c <= 0xFF60) ||  // full-width forms
         (c >= 0x20000 && c <= 0x3FFFF);  // supplementary ideographs
}

inline bool IsHan(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}
inline bool IsKana(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF && c != 0x30FB && c != 0x30FC) || (c >= 0x31F0 && c <= 0x31FF);
}
inline bool IsHangul(char32_t c) {
  return (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0x3130 && c <= 0x318F);
}

inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Text length in "Latin letter" units: a CJK character counts kCjkWeight,
// every other non-space character one. Used for all density decisions so
// that a 100-character Chinese paragraph weighs like a 300-letter English one.
inline constexpr int kCjkWeight = 3;
inline size_t WeightedLength(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (!IsAsciiSpace(static_cast<char>(c))) ++n;
      ++i;
      continue;
    }
    char32_t cp = NextCodePoint(s, &i);
    if (cp == 0xA0 || cp == 0x3000) continue;
    n += IsCjk(cp) ? kCjkWeight : 1;
  }
  return n;
}

inline std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

inline char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

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

// Appends code point cp as UTF-8.
inline void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A short excerpt of s for --explain events (at most max_bytes, cut at a
// character boundary, whitespace collapsed).
inline std::string Excerpt(std::string_view s, size_t max_bytes = 80) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t cp = NextCodePoint(s, &i);
    if (cp < 0x80 && IsAsciiSpace(static_cast<char>(cp))) {
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

// True for URLs of share endpoints (facebook sharer, x.com/intent, whatsapp,
// weibo share, line, telegram, linkedin shareArticle, reddit submit...).
inline bool IsShareUrl(std::string_view url) {
  static constexpr std::array kPatterns = {"facebook.com/sharer",
                                           "facebook.com/dialog/share",
                                           "facebook.com/share.php",
                                           "twitter.com/intent",
                                           "twitter.com/share",
                                           "x.com/intent",
                                           "x.com/share",
                                           "whatsapp://",
                                           "whatsapp.com/send",
                                           "wa.me/?",
                                           "service.weibo.com/share",
                                           "line.me/r/msg",
                                           "social-plugins.line.me",
                                           "t.me/share",
                                           "telegram.me/share",
                                           "linkedin.com/sharearticle",
                                           "linkedin.com/shareArticle",
                                           "reddit.com/submit",
                                           "pinterest.com/pin/create",
                                           "plurk.com/?qualifier",
                                           "connect.qq.com/widget/shareqq",
                                           "sns.qzone.qq.com/cgi-bin/qzshare",
                                           "getpocket.com/save",
                                           "b.hatena.ne.jp/entry",
                                           "vk.com/share.php",
                                           "mailto:?"};
  for (const char* p : kPatterns)
    if (ContainsNoCase(url, p)) return true;
  return false;
}

}  // namespace norm::html
