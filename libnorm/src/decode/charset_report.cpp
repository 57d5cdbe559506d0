// Names the detector reports. See charset_report.h.
#include "charset_report.h"

#include <algorithm>
#include <initializer_list>

namespace norm::charset {
namespace {

struct Specific {
  const char* key;
  const char* name;
};
// Names the table merges into a superset, with their own spelling.
constexpr Specific kSpecific[] = {
    {"gb2312", "GB2312"},
    {"csgb2312", "GB2312"},
    {"gb231280", "GB2312"},
    {"euccn", "GB2312"},
    {"xeuccn", "GB2312"},
    {"chinese", "GB2312"},
    {"isoir58", "GB2312"},
    {"gbk", "GBK"},
    {"cp936", "GBK"},
    {"windows936", "GBK"},
    {"xgbk", "GBK"},
    {"windows31j", "CP932"},
    {"cswindows31j", "CP932"},
    {"cp932", "CP932"},
    {"mskanji", "Shift_JIS"},
    {"windows949", "CP949"},
    {"cp949", "CP949"},
    {"uhc", "CP949"},
    {"cp950", "CP950"},
    {"windows950", "CP950"},
    {"iso88591", "ISO-8859-1"},
    {"latin1", "ISO-8859-1"},
    {"l1", "ISO-8859-1"},
    {"cp819", "ISO-8859-1"},
    {"ibm819", "ISO-8859-1"},
    {"usascii", "US-ASCII"},
    {"ascii", "US-ASCII"},
    {"iso646us", "US-ASCII"},
    {"iso88599", "ISO-8859-9"},
    {"latin5", "ISO-8859-9"},
    {"tis620", "TIS-620"},
    {"iso885911", "ISO-8859-11"},
};

bool HasC1(std::string_view bytes) {
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80 && b <= 0x9F) return true;
  }
  return false;
}

// Walks double-byte text: calls f(lead, trail) for each pair; returns early
// when f returns true. Bytes below 0x80 (and `single` ones) stand alone.
template <typename F>
bool AnyPair(std::string_view bytes, bool (*single)(unsigned char), F f) {
  for (size_t i = 0; i < bytes.size();) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b < 0x80 || (single && single(b)) || i + 1 >= bytes.size()) {
      ++i;
      continue;
    }
    const auto t = static_cast<unsigned char>(bytes[i + 1]);
    if (f(b, t)) return true;
    i += 2;
  }
  return false;
}

bool KanaByte(unsigned char b) { return b >= 0xA1 && b <= 0xDF; }

std::string WidenGb(std::string_view bytes) {
  bool gbk = false;
  for (size_t i = 0; i < bytes.size();) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b < 0x80 || i + 1 >= bytes.size()) {
      ++i;
      continue;
    }
    const auto t = static_cast<unsigned char>(bytes[i + 1]);
    if (t >= 0x30 && t <= 0x39) return "GB18030";  // a four-byte sequence
    if (b < 0xA1 || t < 0xA1) gbk = true;
    i += 2;
  }
  return gbk ? "GBK" : "GB2312";
}

}  // namespace

std::string SpecificName(std::string_view name) {
  const std::string k = NameKey(name);
  for (const Specific& s : kSpecific) {
    if (k == s.key) return s.name;
  }
  const Encoding* e = Lookup(name);
  return e ? e->name : "";
}

std::string ReportedName(const Encoding& decoder, std::string_view preferred,
                         std::string_view bytes, bool keep_preferred) {
  std::string name = preferred.empty() ? std::string() : SpecificName(preferred);
  if (name.empty() || Lookup(name) != &decoder) name = decoder.name;
  if (IsAscii(bytes)) return name;
  if (name == "US-ASCII") name = "windows-1252";  // the bytes are not ASCII
  const std::string_view n = name;
  // Each family from narrowest to widest; the bytes say how wide they need.
  auto pick = [&](std::initializer_list<const char*> family, size_t needed) {
    size_t have = family.size();
    size_t i = 0;
    for (const char* f : family) {
      if (n == f) have = i;
      ++i;
    }
    if (have == family.size()) return name;  // another spelling: leave it
    // A name the user or the document gave stays unless it is too narrow.
    const size_t use = keep_preferred ? std::max(have, needed) : needed;
    return std::string(family.begin()[use]);
  };
  if (n == "GB2312" || n == "GBK" || n == "GB18030") {
    // Detected Chinese is called GB18030 as uchardet calls it: the superset
    // decodes GB2312 and GBK text to the same characters.
    const std::string wide = keep_preferred ? WidenGb(bytes) : "GB18030";
    return pick({"GB2312", "GBK", "GB18030"}, wide == "GB2312" ? 0 : wide == "GBK" ? 1 : 2);
  }
  if (n == "Shift_JIS" || n == "CP932") {
    const bool ext = AnyPair(bytes, KanaByte, [](unsigned char b, unsigned char) {
      return b == 0x87 || b == 0xED || b == 0xEE || b >= 0xFA;  // NEC and IBM extensions
    });
    return pick({"Shift_JIS", "CP932"}, ext ? 1 : 0);
  }
  if (n == "EUC-KR" || n == "CP949") {
    const bool uhc = AnyPair(bytes, nullptr, [](unsigned char b, unsigned char t) {
      return b < 0xA1 || t < 0xA1;  // Unified Hangul Code's extension
    });
    return pick({"EUC-KR", "CP949"}, uhc ? 1 : 0);
  }
  if (n == "Big5" || n == "CP950" || n == "Big5-HKSCS") {
    // Big5 is decoded as windows-950, which adds ETEN's 0xF9D6-0xF9FE (裏
    // 碁 ... and box drawing) that plain Big5 tables lack: text using them
    // is CP950, and HKSCS rows 0x87-0xA0 make it Big5-HKSCS.
    size_t needed = 0;
    AnyPair(bytes, nullptr, [&](unsigned char b, unsigned char t) {
      if (b < 0xA1) needed = 2;
      if (b == 0xF9 && t >= 0xD6) needed = std::max<size_t>(needed, 1);
      return needed == 2;
    });
    return pick({"Big5", "CP950", "Big5-HKSCS"}, needed);
  }
  const size_t c1 = HasC1(bytes) ? 1 : 0;
  if (n == "ISO-8859-1" || n == "US-ASCII" || n == "windows-1252") {
    return pick({"ISO-8859-1", "windows-1252"}, c1);
  }
  if (n == "ISO-8859-9" || n == "windows-1254") return pick({"ISO-8859-9", "windows-1254"}, c1);
  if (n == "TIS-620" || n == "windows-874") return pick({"TIS-620", "windows-874"}, c1);
  return name;
}

}  // namespace norm::charset
