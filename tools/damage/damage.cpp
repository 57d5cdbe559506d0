#include "damage.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <unordered_map>

#include "mojibake_util.h"
#include "script.h"

namespace norm::damage {

namespace mi = norm::mojibake_internal;

namespace {

struct CnvDeleter {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Converters are opened once per name and reused (the tool is single-threaded
// per process; a mutex guards the cache for safety).
UConverter* GetConverter(const std::string& name, std::string* error) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<UConverter, CnvDeleter>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second.get();
  UErrorCode err = U_ZERO_ERROR;
  UConverter* c = ucnv_open(name.c_str(), &err);
  if (U_FAILURE(err) || c == nullptr) {
    *error = "unknown codec " + name;
    return nullptr;
  }
  cache.emplace(name, std::unique_ptr<UConverter, CnvDeleter>(c));
  return c;
}

bool Encode(const std::string& codec, std::string_view text, std::string* bytes,
            std::string* error) {
  UConverter* u8 = GetConverter("UTF-8", error);
  UConverter* c = GetConverter(codec, error);
  if (u8 == nullptr || c == nullptr) return false;
  UErrorCode err = U_ZERO_ERROR;
  ucnv_reset(u8);
  std::u16string u16(text.size() + 1, u'\0');
  int32_t n16 = ucnv_toUChars(u8, reinterpret_cast<UChar*>(u16.data()), u16.size(), text.data(),
                              text.size(), &err);
  if (U_FAILURE(err)) {
    *error = "invalid UTF-8 input";
    return false;
  }
  ucnv_reset(c);
  ucnv_setFromUCallBack(c, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  bytes->assign(static_cast<size_t>(n16) * 4 + 16, '\0');
  int32_t nb = ucnv_fromUChars(c, bytes->data(), bytes->size(),
                               reinterpret_cast<const UChar*>(u16.data()), n16, &err);
  if (U_FAILURE(err)) {
    *error = "unmappable in " + codec;
    return false;
  }
  bytes->resize(nb);
  return true;
}

bool Decode(const std::string& codec, std::string_view bytes, std::string* text,
            std::string* error) {
  UConverter* c = GetConverter(codec, error);
  UConverter* u8 = GetConverter("UTF-8", error);
  if (u8 == nullptr || c == nullptr) return false;
  UErrorCode err = U_ZERO_ERROR;
  ucnv_reset(c);
  std::u16string u16(bytes.size() * 2 + 4, u'\0');
  int32_t n16 = ucnv_toUChars(c, reinterpret_cast<UChar*>(u16.data()), u16.size(), bytes.data(),
                              bytes.size(), &err);
  if (U_FAILURE(err)) {
    *error = "decode failed in " + codec;
    return false;
  }
  ucnv_reset(u8);
  text->assign(static_cast<size_t>(n16) * 3 + 4, '\0');
  int32_t n8 = ucnv_fromUChars(u8, text->data(), text->size(),
                               reinterpret_cast<const UChar*>(u16.data()), n16, &err);
  if (U_FAILURE(err)) {
    *error = "re-encode failed";
    return false;
  }
  text->resize(n8);
  return true;
}

const std::unordered_map<int32_t, std::string>& MandarinReadings() {
  static const std::unordered_map<int32_t, std::string> readings = [] {
    std::unordered_map<int32_t, std::string> m;
    std::string cmd = std::string("bzcat '") + NORM_UNIHAN_DIR + "/Unihan_Readings.txt.bz2'";
    FILE* f = popen(cmd.c_str(), "r");
    if (f == nullptr) return m;
    char line[512];
    while (fgets(line, sizeof line, f) != nullptr) {
      if (line[0] != 'U') continue;
      std::string_view l(line);
      size_t t1 = l.find('\t');
      if (t1 == std::string_view::npos) continue;
      size_t t2 = l.find('\t', t1 + 1);
      if (t2 == std::string_view::npos || l.substr(t1 + 1, t2 - t1 - 1) != "kMandarin") continue;
      int32_t cp = static_cast<int32_t>(std::strtol(line + 2, nullptr, 16));
      std::string_view v = l.substr(t2 + 1);
      while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.remove_suffix(1);
      size_t sp = v.find(' ');
      m.emplace(cp, std::string(v.substr(0, sp)));
    }
    pclose(f);
    return m;
  }();
  return readings;
}

std::vector<int32_t> ToCps(std::string_view text) {
  std::vector<int32_t> v;
  for (size_t i = 0; i < text.size();) {
    int32_t cp;
    int len = mi::DecodeUtf8(text, i, &cp);
    v.push_back(cp < 0 ? 0xFFFD : cp);
    i += len;
  }
  return v;
}

std::string FromCps(const std::vector<int32_t>& cps) {
  std::string s;
  for (int32_t c : cps) mi::AppendUtf8(s, c);
  return s;
}

std::string Ruby(std::string_view text, std::mt19937_64& rng) {
  const auto& readings = MandarinReadings();
  std::string out;
  for (int32_t c : ToCps(text)) {
    mi::AppendUtf8(out, c);
    if (text::IsHan(static_cast<char32_t>(c)) && rng() % 3 == 0) {
      auto it = readings.find(c);
      if (it != readings.end()) out += "(" + it->second + ")";
    }
  }
  return out;
}

std::string Punct(std::string_view text, std::mt19937_64& rng) {
  std::string out;
  for (int32_t c : ToCps(text)) {
    switch (c) {
      case 0xFF0C:  // ，
        out += (rng() % 4 == 0) ? ",," : ",";
        continue;
      case 0x3002:  // 。
      case 0x3001:  // 、
      case 0xFF1B:  // ；
        if (rng() % 10 < 7) out += ',';
        if (c == 0xFF1B && rng() % 2 == 0) {
          out += ';';
          continue;
        }
        break;
      case 0xFF1A:
        out += ':';
        continue;
      case 0xFF01:
        out += '!';
        continue;
      case 0xFF1F:
        out += '?';
        continue;
      case 0xFF08:
        out += '(';
        continue;
      case 0xFF09:
        out += ')';
        continue;
      default:
        break;
    }
    mi::AppendUtf8(out, c);
  }
  return out;
}

std::string C1(std::string_view text) {
  const auto* cp1252 = mi::FindWesternCodec("windows-1252");
  std::vector<int32_t> cps = ToCps(text);
  for (int32_t& c : cps) {
    if (c >= 0x100) {
      int b = cp1252->Encode(c);
      if (b >= 0x80 && b < 0xA0) c = b;
    }
  }
  return FromCps(cps);
}

void AddKinds(std::vector<Kind>& v) {
  const char* single[] = {"windows-1252", "ISO-8859-1",   "windows-1250", "ISO-8859-2",
                          "windows-1251", "windows-1253", "windows-1254", "windows-1257",
                          "macintosh",    "IBM437"};
  for (const char* c : single) {
    std::string lc = c;
    for (auto& ch : lc) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    v.push_back({"utf8-as-" + lc, std::string("enc=UTF-8|dec=") + c, "single-byte"});
  }
  v.push_back({"utf8-as-windows-1252-x2", "enc=UTF-8|dec=windows-1252|enc=UTF-8|dec=windows-1252",
               "single-byte"});
  v.push_back({"utf8-as-iso-8859-1-x2", "enc=UTF-8|dec=ISO-8859-1|enc=UTF-8|dec=ISO-8859-1",
               "single-byte"});
  v.push_back({"utf8-as-windows-1251-then-1252",
               "enc=UTF-8|dec=windows-1251|enc=UTF-8|dec=windows-1252", "single-byte"});
  v.push_back(
      {"utf8-as-windows-1252-nbsp-lost", "enc=UTF-8|dec=windows-1252|nbsp-lost", "single-byte"});
  v.push_back({"cesu8-as-windows-1252", "enc=CESU-8|dec=windows-1252", "single-byte"});
  v.push_back({"cp1252-as-latin1", "c1", "single-byte"});
  const char* cjk_readers[] = {"GBK", "GB18030", "Big5", "Shift_JIS", "EUC-JP", "EUC-KR"};
  for (const char* c : cjk_readers) {
    std::string lc = c;
    for (auto& ch : lc) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    v.push_back({"utf8-as-" + lc, std::string("enc=UTF-8|dec=") + c, "cjk"});
  }
  const char* cjk_writers[] = {"GBK", "Big5", "Shift_JIS", "EUC-KR"};
  for (const char* c : cjk_writers) {
    std::string lc = c;
    for (auto& ch : lc) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    v.push_back({lc + "-as-windows-1252", std::string("enc=") + c + "|dec=windows-1252", "cjk"});
    v.push_back({lc + "-as-iso-8859-1", std::string("enc=") + c + "|dec=ISO-8859-1", "cjk"});
  }
  v.push_back({"gbk-as-big5", "enc=GBK|dec=Big5", "cjk"});
  v.push_back({"big5-as-gbk", "enc=Big5|dec=GBK", "cjk"});
  v.push_back({"gbk-drop-byte", "enc=GBK|drop|dec=GBK", "realign"});
  v.push_back({"gbk-insert-byte", "enc=GBK|insert|dec=GBK", "realign"});
  v.push_back({"big5-drop-byte", "enc=Big5|drop|dec=Big5", "realign"});
  v.push_back({"ruby", "ruby", "ruby"});
  v.push_back({"punct", "punct", "punct"});
  v.push_back({"ruby-punct", "ruby|punct", "mixed"});
}

}  // namespace

const std::vector<Kind>& ListKinds() {
  static const std::vector<Kind> kinds = [] {
    std::vector<Kind> v;
    AddKinds(v);
    return v;
  }();
  return kinds;
}

std::string ResolveKind(std::string_view name_or_spec) {
  for (const auto& k : ListKinds()) {
    if (k.name == name_or_spec) return k.spec;
  }
  return std::string(name_or_spec);
}

bool Apply(std::string_view spec, std::string_view text, uint64_t seed, std::string* out,
           std::string* error) {
  std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull);
  std::string cur(text);
  bool is_text = true;
  size_t pos = 0;
  std::string full(ResolveKind(spec));
  while (pos <= full.size()) {
    size_t bar = full.find('|', pos);
    if (bar == std::string::npos) bar = full.size();
    std::string step = full.substr(pos, bar - pos);
    pos = bar + 1;
    if (step.empty()) continue;
    std::string next;
    if (step.rfind("enc=", 0) == 0) {
      if (!is_text) {
        *error = "enc= needs text";
        return false;
      }
      if (!Encode(step.substr(4), cur, &next, error)) return false;
      is_text = false;
    } else if (step.rfind("dec=", 0) == 0) {
      if (is_text) {
        *error = "dec= needs bytes";
        return false;
      }
      if (!Decode(step.substr(4), cur, &next, error)) return false;
      is_text = true;
    } else if (step == "drop" || step == "insert") {
      if (is_text) {
        *error = step + " needs bytes";
        return false;
      }
      std::vector<size_t> high;
      for (size_t i = 0; i < cur.size(); ++i) {
        if (static_cast<unsigned char>(cur[i]) >= 0x80) high.push_back(i);
      }
      next = cur;
      if (!high.empty()) {
        size_t at = high[rng() % high.size()];
        if (step == "drop") {
          next.erase(at, 1);
        } else {
          next.insert(next.begin() + at, static_cast<char>(0x81 + rng() % 0x7E));
        }
      }
    } else if (step == "nbsp-lost" || step == "c1" || step == "ruby" || step == "punct") {
      if (!is_text) {
        *error = step + " needs text";
        return false;
      }
      if (step == "nbsp-lost") {
        for (size_t i = 0; i < cur.size(); ++i) {
          if (i + 1 < cur.size() && cur[i] == '\xC2' && cur[i + 1] == '\xA0') {
            next += ' ';
            ++i;
          } else {
            next += cur[i];
          }
        }
      } else if (step == "c1") {
        next = C1(cur);
      } else if (step == "ruby") {
        next = Ruby(cur, rng);
      } else {
        next = Punct(cur, rng);
      }
    } else {
      *error = "unknown damage step '" + step + "'";
      return false;
    }
    cur.swap(next);
  }
  if (!is_text) {
    *error = "spec must end with text (add dec=CODEC)";
    return false;
  }
  *out = std::move(cur);
  return true;
}

std::string EscapeField(std::string_view s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '\\':
        o += "\\\\";
        break;
      case '\t':
        o += "\\t";
        break;
      case '\n':
        o += "\\n";
        break;
      case '\r':
        o += "\\r";
        break;
      default:
        o += c;
    }
  }
  return o;
}

std::string UnescapeField(std::string_view s) {
  std::string o;
  o.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char n = s[++i];
      o += n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n;
    } else {
      o += s[i];
    }
  }
  return o;
}

}  // namespace norm::damage
