#include "entity.h"

#include <libxml/HTMLparser.h>

#include <string>

namespace norm::text {

namespace {

// HTML's remapping of numeric references to C1 code points (windows-1252).
constexpr uint16_t kC1[32] = {0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                              0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
                              0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                              0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

}  // namespace

size_t ParseEntity(std::string_view s, uint32_t* cp) {
  if (s.size() < 4 || s[0] != '&') return 0;
  if (s[1] == '#') {
    size_t i = 2;
    int base = 10;
    if (s[i] == 'x' || s[i] == 'X') {
      base = 16;
      ++i;
    }
    size_t start = i;
    uint64_t v = 0;
    while (i < s.size() && i - start <= 8) {
      char c = s[i];
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (base == 16 && c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (base == 16 && c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        break;
      }
      v = v * base + d;
      ++i;
    }
    if (i == start || i >= s.size() || s[i] != ';' || i - start > 8) return 0;
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
      v = 0xFFFD;
    } else if (v >= 0x80 && v <= 0x9F) {
      v = kC1[v - 0x80];
    }
    *cp = static_cast<uint32_t>(v);
    return i + 1;
  }
  size_t i = 1;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!alpha(s[1])) return 0;
  while (i < s.size() && i <= 32 && (alpha(s[i]) || (s[i] >= '0' && s[i] <= '9'))) ++i;
  if (i >= s.size() || s[i] != ';') return 0;
  std::string name(s.substr(1, i - 1));
  if (name == "apos") {
    *cp = '\'';
  } else {
    const htmlEntityDesc* d = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()));
    if (d == nullptr) return 0;
    *cp = d->value;
  }
  return i + 1;
}

}  // namespace norm::text
