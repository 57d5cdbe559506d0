// Encoding names from the libraries: ICU's converters and aliases, and glibc
// iconv's encodings for what ICU lacks. See charset.h.
#include <iconv.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <unordered_map>

#include "charset.h"

#ifndef NORM_GCONV_DIR
#define NORM_GCONV_DIR "/usr/lib/x86_64-linux-gnu/gconv"
#endif

namespace norm::charset {
namespace {

std::string Upper(std::string_view s) {
  std::string u(s);
  for (char& c : u) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return u;
}

// The name norm reports for an ICU converter: its IANA name, or its MIME
// name where the IANA one is a registry label ("ISO_8859-1:1987").
std::string IcuDisplayName(const char* canonical) {
  UErrorCode e = U_ZERO_ERROR;
  const char* iana = ucnv_getStandardName(canonical, "IANA", &e);
  if (U_SUCCESS(e) && iana && !std::strchr(iana, ':')) return iana;
  e = U_ZERO_ERROR;
  const char* mime = ucnv_getStandardName(canonical, "MIME", &e);
  if (U_SUCCESS(e) && mime) return mime;
  if (iana) return iana;
  return canonical;
}

struct Registry {
  std::mutex mu;
  std::deque<std::string> strings;  // stable storage for the names below
  std::deque<Encoding> made;
  std::unordered_map<std::string, const Encoding*> by_key;        // lookup key -> encoding
  std::unordered_map<std::string, const Encoding*> by_converter;  // one entry per converter
  const char* Keep(std::string s) {
    strings.push_back(std::move(s));
    return strings.back().c_str();
  }
};

Registry& Reg() {
  static Registry* r = new Registry();  // never freed: Encoding pointers outlive callers
  return *r;
}

const Encoding* MakeIcu(Registry& r, const char* canonical) {
  auto it = r.by_converter.find(canonical);
  if (it != r.by_converter.end()) return it->second;
  UErrorCode e = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(canonical, &e);
  if (U_FAILURE(e)) return nullptr;
  const UConverterType type = ucnv_getType(cnv);
  const bool single = type == UCNV_SBCS || type == UCNV_LATIN_1 || type == UCNV_US_ASCII;
  ucnv_close(cnv);
  Encoding enc{r.Keep(IcuDisplayName(canonical)), r.Keep(canonical), nullptr, Family::kOther,
               single};
  r.made.push_back(enc);
  r.by_converter[canonical] = &r.made.back();
  return &r.made.back();
}

// True when every byte decodes alone (or is invalid alone): no byte starts
// a longer sequence.
bool IconvSingleByte(const char* name) {
  iconv_t cd = iconv_open("UTF-8", name);
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  bool single = true;
  for (int b = 0x80; b < 0x100 && single; ++b) {
    char in = static_cast<char>(b);
    char out[16];
    char* ip = &in;
    char* op = out;
    size_t il = 1, ol = sizeof out;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
    if (iconv(cd, &ip, &il, &op, &ol) == static_cast<size_t>(-1) && errno == EINVAL) {
      single = false;
    }
  }
  iconv_close(cd);
  return single;
}

const Encoding* MakeIconv(Registry& r, std::string_view name) {
  const std::string upper = Upper(name);
  auto it = r.by_converter.find("iconv:" + upper);
  if (it != r.by_converter.end()) return it->second;
  iconv_t cd = iconv_open("UTF-8", upper.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return nullptr;
  iconv_close(cd);
  const char* kept = r.Keep(upper);
  Encoding enc{kept, nullptr, nullptr, Family::kOther, IconvSingleByte(kept), kept};
  r.made.push_back(enc);
  r.by_converter["iconv:" + upper] = &r.made.back();
  return &r.made.back();
}

// Names in glibc's gconv module configuration: module name -> its aliases.
std::map<std::string, std::set<std::string>> GconvModules() {
  std::map<std::string, std::set<std::string>> modules;
  std::vector<std::string> files;
  std::string dir = NORM_GCONV_DIR;
  if (const char* env = std::getenv("GCONV_PATH")) dir = env;
  files.push_back(dir + "/gconv-modules");
  // gconv-modules.d/*.conf: the two Debian ships, without a directory walk.
  files.push_back(dir + "/gconv-modules.d/gconv-modules-extra.conf");
  std::vector<std::pair<std::string, std::string>> aliases;
  auto strip = [](std::string s) {
    while (!s.empty() && s.back() == '/') s.pop_back();
    return s;
  };
  for (const std::string& path : files) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream words(line);
      std::string kind, a, b;
      if (!(words >> kind >> a >> b)) continue;
      if (kind == "alias") {
        aliases.emplace_back(strip(a), strip(b));
      } else if (kind == "module") {
        a = strip(a);
        b = strip(b);
        if (a != "INTERNAL") modules[a];
        if (b != "INTERNAL") modules[b];
      }
    }
  }
  for (const auto& [alias, target] : aliases) {
    auto it = modules.find(target);
    if (it != modules.end()) it->second.insert(alias);
  }
  return modules;
}

}  // namespace

const Encoding* LookupLibrary(std::string_view name) {
  if (name.empty() || name.size() > 64) return nullptr;
  const std::string key = NameKey(name);
  if (key.empty()) return nullptr;
  Registry& r = Reg();
  std::lock_guard<std::mutex> lock(r.mu);
  auto it = r.by_key.find(key);
  if (it != r.by_key.end()) return it->second;
  const std::string n(name);
  const Encoding* found = nullptr;
  UErrorCode e = U_ZERO_ERROR;
  const char* canonical = ucnv_getAlias(n.c_str(), 0, &e);
  if (U_SUCCESS(e) && canonical != nullptr) {
    // A name the table knows under another spelling resolves to the table.
    size_t count = 0;
    const Encoding* all = All(&count);
    for (size_t i = 0; i < count && found == nullptr; ++i) {
      if (all[i].icu == nullptr) continue;
      UErrorCode e2 = U_ZERO_ERROR;
      const char* c2 = ucnv_getAlias(all[i].icu, 0, &e2);
      if (U_SUCCESS(e2) && c2 != nullptr && std::strcmp(c2, canonical) == 0) found = &all[i];
    }
    if (found == nullptr) found = MakeIcu(r, canonical);
  }
  if (found == nullptr) {
    // glibc's names may hold a '/' (ISO-10646/UTF8/); "//" starts its
    // conversion options (//TRANSLIT), which name no encoding.
    const std::string bare = n.substr(0, n.find("//"));
    if (!bare.empty()) found = MakeIconv(r, bare);
  }
  r.by_key[key] = found;
  return found;
}

std::vector<Listed> ListAll() {
  std::vector<Listed> out;
  std::set<std::string> known;  // keys of every name listed so far
  const int32_t n = ucnv_countAvailable();
  for (int32_t i = 0; i < n; ++i) {
    const char* canonical = ucnv_getAvailableName(i);
    Listed l{IcuDisplayName(canonical), "icu", ""};
    UErrorCode e = U_ZERO_ERROR;
    const uint16_t count = ucnv_countAliases(canonical, &e);
    std::set<std::string> seen{NameKey(l.name)};
    known.insert(NameKey(l.name));
    for (uint16_t k = 0; k < count; ++k) {
      e = U_ZERO_ERROR;
      const char* alias = ucnv_getAlias(canonical, k, &e);
      if (U_FAILURE(e) || alias == nullptr) continue;
      known.insert(NameKey(alias));
      if (!seen.insert(NameKey(alias)).second) continue;
      if (!l.aliases.empty()) l.aliases += ' ';
      l.aliases += alias;
    }
    out.push_back(std::move(l));
  }
  for (const auto& [module, aliases] : GconvModules()) {
    if (known.count(NameKey(module))) continue;
    bool icu_has = false;
    for (const std::string& a : aliases) icu_has = icu_has || known.count(NameKey(a)) > 0;
    if (icu_has) continue;
    Listed l{module, "iconv", ""};
    for (const std::string& a : aliases) {
      if (!l.aliases.empty()) l.aliases += ' ';
      l.aliases += a;
    }
    out.push_back(std::move(l));
  }
  std::sort(out.begin(), out.end(), [](const Listed& a, const Listed& b) {
    return NameKey(a.name) != NameKey(b.name) ? NameKey(a.name) < NameKey(b.name)
                                              : a.source < b.source;
  });
  return out;
}

}  // namespace norm::charset
