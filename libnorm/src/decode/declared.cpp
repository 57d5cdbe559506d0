// Byte order marks and declared encodings. See detect.h.
#include <string>
#include <string_view>

#include "ascii.h"
#include "detect.h"
#include "utf8.h"

namespace norm::detect {
namespace {

using charset::Encoding;

const Encoding& Enc(std::string_view name) { return *charset::Lookup(name); }

// Case-insensitive search for an ASCII needle (given in lower case).
size_t FindNoCase(std::string_view hay, std::string_view needle, size_t from = 0) {
  if (needle.size() > hay.size()) return std::string_view::npos;
  for (size_t i = from; i + needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && text::AsciiLower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == ':';
}

// Reads `= "name"` (spaces, '=' and quotes optional) after position i.
std::string ReadValue(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '=' || s[i] == ':' ||
                          s[i] == '"' || s[i] == '\'')) {
    ++i;
  }
  size_t j = i;
  while (j < s.size() && IsNameChar(s[j])) ++j;
  return std::string(s.substr(i, j - i));
}

// FF FE or FE FF followed by text that is valid UTF-8 and has no NUL byte is
// two stray bytes, not a UTF-16 BOM: UTF-16 of any Latin text has NUL high
// bytes, and UTF-16 of other scripts is almost never valid UTF-8 over a few
// code units. Trusting such a "BOM" turned ASCII and UTF-8 text after it into
// a line of CJK characters.
bool StrayWideBom(std::string_view b) {
  constexpr size_t kSample = 4096;
  constexpr size_t kMinRest = 8;
  const std::string_view rest = b.substr(2, kSample);
  if (rest.size() < kMinRest || rest.find('\0') != std::string_view::npos) return false;
  for (size_t i = 0; i < rest.size();) {
    const utf8::Decoded d = utf8::Decode(rest, i);
    // A sequence cut by the sample's end is not evidence either way.
    if (!d.ok) return b.size() > kSample + 2 && rest.size() - i < 4;
    i += d.len;
  }
  return true;
}

}  // namespace

size_t Bom(std::string_view b, const Encoding** encoding) {
  auto starts = [&](std::string_view p) { return b.substr(0, p.size()) == p; };
  using namespace std::string_view_literals;
  if (starts("\xEF\xBB\xBF"sv)) {
    *encoding = &Enc("UTF-8");
    return 3;
  }
  if (starts("\xFF\xFE\x00\x00"sv)) {
    *encoding = &Enc("UTF-32LE");
    return 4;
  }
  if (starts("\x00\x00\xFE\xFF"sv)) {
    *encoding = &Enc("UTF-32BE");
    return 4;
  }
  if (starts("\xFF\xFE"sv) && !StrayWideBom(b)) {
    *encoding = &Enc("UTF-16LE");
    return 2;
  }
  if (starts("\xFE\xFF"sv) && !StrayWideBom(b)) {
    *encoding = &Enc("UTF-16BE");
    return 2;
  }
  *encoding = nullptr;
  return 0;
}

std::string DeclaredCharset(std::string_view bytes) {
  const std::string_view w = bytes.substr(0, 8192);
  // XML declaration.
  if (w.substr(0, 5) == "<?xml") {
    const size_t end = w.find("?>");
    const size_t enc = FindNoCase(w.substr(0, end), "encoding");
    if (enc != std::string_view::npos) {
      std::string v = ReadValue(w, enc + 8);
      if (!v.empty()) return v;
    }
  }
  // Front matter: `encoding:` or `charset:` before the closing line.
  if (w.substr(0, 4) == "---\n" || w.substr(0, 5) == "---\r\n") {
    size_t pos = w.find('\n') + 1;
    while (pos < w.size()) {
      size_t eol = w.find('\n', pos);
      if (eol == std::string_view::npos) eol = w.size();
      std::string_view line = w.substr(pos, eol - pos);
      if (line.substr(0, 3) == "---" || line.substr(0, 3) == "...") break;
      for (std::string_view key : {"encoding:", "charset:"}) {
        if (FindNoCase(line.substr(0, key.size()), key) == 0) {
          std::string v = ReadValue(line, key.size());
          if (!v.empty()) return v;
        }
      }
      pos = eol + 1;
    }
  }
  // <meta charset=...> and <meta http-equiv=... content="...; charset=...">.
  size_t pos = 0;
  while ((pos = FindNoCase(w, "<meta", pos)) != std::string_view::npos) {
    size_t end = w.find('>', pos);
    if (end == std::string_view::npos) end = w.size();
    const std::string_view tag = w.substr(pos, end - pos);
    const size_t cs = FindNoCase(tag, "charset");
    if (cs != std::string_view::npos) {
      std::string v = ReadValue(tag, cs + 7);
      if (!v.empty()) return v;
    }
    pos = end;
  }
  return {};
}

}  // namespace norm::detect
