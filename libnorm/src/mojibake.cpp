#include "norm/mojibake.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <cstring>
#include <vector>

#include "mojibake_util.h"

namespace norm {

namespace mi = mojibake_internal;

namespace {

constexpr std::string_view kName = "mojibake";

// ---------------------------------------------------------------------------
// Screening table: for every BMP code point, whether some code page maps it
// to a UTF-8 lead byte, a continuation byte, a two-byte lead, or whether it
// is a C1 control.
enum : uint8_t { kLead = 1, kCont = 2, kLead2 = 4, kIsC1 = 8 };

const std::vector<uint8_t>& ScreenTable() {
  static const std::vector<uint8_t> table = [] {
    std::vector<uint8_t> t(0x10000, 0);
    for (const auto& codec : mi::WesternCodecs()) {
      for (const auto& [cp, byte] : codec.from_unicode) {
        if (cp >= 0x10000) continue;
        if (byte >= 0x80 && byte <= 0xBF) t[cp] |= kCont;
        if (byte >= 0xC2 && byte <= 0xF4) t[cp] |= kLead;
        if (byte >= 0xC2 && byte <= 0xDF) t[cp] |= kLead2;
      }
    }
    for (int c = 0x80; c < 0xA0; ++c) t[c] |= kIsC1;
    return t;
  }();
  return table;
}

bool IsCesuPair(const unsigned char* s, size_t i, size_t n) {
  return i + 6 <= n && s[i] == 0xED && s[i + 1] >= 0xA0 && s[i + 1] <= 0xAF &&
         (s[i + 2] & 0xC0) == 0x80 && s[i + 3] == 0xED && s[i + 4] >= 0xB0 && s[i + 4] <= 0xBF &&
         (s[i + 5] & 0xC0) == 0x80;
}

int32_t CesuValue(const unsigned char* b) {
  int32_t hi = ((b[0] & 0x0F) << 12) | ((b[1] & 0x3F) << 6) | (b[2] & 0x3F);
  int32_t lo = ((b[3] & 0x0F) << 12) | ((b[4] & 0x3F) << 6) | (b[5] & 0x3F);
  return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
}

bool SpaceMayBeNbsp(const unsigned char* s, size_t j, size_t n) {
  // s[j] == ' ' right after a lead character: the space may be a lost 0xA0
  // when it is followed by another space, the end, punctuation or a
  // non-ASCII byte (the rest of a damaged run).
  if (j + 1 >= n) return true;
  unsigned char c = s[j + 1];
  return c == ' ' || c >= 0x80 || c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
         c == '?' || c == '\n' || c == '\r' || c == '\t' || c == ')' || c == '"';
}

// Byte offset of the first suspicious position at or after `from`, or npos.
size_t Screen(std::string_view text, size_t from, const MojibakeFilter::Options& opt) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const auto& table = ScreenTable();
  size_t i = from;
  while (i < n) {
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    while (i < n && s[i] < 0x80) ++i;
    if (i >= n) break;
    int32_t cp;
    int len = mi::DecodeUtf8(text, i, &cp);
    if (cp < 0) {
      if (opt.fix_cesu8 && IsCesuPair(s, i, n)) return i;
      i += 1;
      continue;
    }
    uint8_t f = cp < 0x10000 ? table[cp] : 0;
    if (f != 0) {
      if ((f & kIsC1) && opt.fix_c1) return i;
      size_t j = i + len;
      if (j < n) {
        if (f & kLead) {
          if (s[j] >= 0x80) {
            int32_t cp2;
            mi::DecodeUtf8(text, j, &cp2);
            if (cp2 >= 0 && cp2 < 0x10000 && (table[cp2] & kCont)) return i;
          } else if (s[j] == ' ' && opt.fix_lost_nbsp && SpaceMayBeNbsp(s, j, n)) {
            return i;
          }
        }
      }
    }
    i += len;
  }
  return std::string_view::npos;
}

// ---------------------------------------------------------------------------
// Badness.
enum Cat : uint8_t {
  kOther,
  kSpace,
  kDigit,
  kAsciiLo,
  kAsciiUp,
  kAsciiPunct,
  kLatUp,
  kLatLo,
  kSym,        // Latin-1 symbols, spacing accents, ƒ
  kQuote,      // quotes, dashes, ellipsis, bullet: fine after letters
  kRarePunct,  // € ™ † ‡ ‰ ˆ ˜ and friends: odd right after a letter
  kNbsp,
  kShy,
  kC1,
  kCyrUp,
  kCyrLo,
  kCyrExt,  // Serbian/Macedonian/Belarusian letters: rare beside Russian ones
  kGrUp,
  kGrLo,
  kBox,
  kMath,
};

Cat Category(int32_t c) {
  if (c < 0x80) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return kSpace;
    if (c >= '0' && c <= '9') return kDigit;
    if (c >= 'a' && c <= 'z') return kAsciiLo;
    if (c >= 'A' && c <= 'Z') return kAsciiUp;
    return kAsciiPunct;
  }
  if (c < 0xA0) return kC1;
  if (c == 0xA0) return kNbsp;
  if (c == 0xAD) return kShy;
  if (c == 0xAB || c == 0xBB) return kQuote;
  if (c == 0xA4 || c == 0xA6 || c == 0xA8 || c == 0xAF || c == 0xB4 || c == 0xB8 || c == 0xAC)
    return kRarePunct;
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return kSym;
  if (c < 0x250) {
    if (c == 0x192) return kSym;  // ƒ
    if (u_isupper(c)) return kLatUp;
    if (u_islower(c)) return kLatLo;
    return kOther;
  }
  if (c >= 0x2B0 && c < 0x300) return kRarePunct;  // ˆ ˇ ˘ ˙ ˚ ˛ ˜ ˝
  if (c >= 0x370 && c < 0x400) {
    if (u_isupper(c)) return kGrUp;
    if (u_islower(c)) return kGrLo;
    return kSym;
  }
  if (c >= 0x400 && c < 0x530) {
    if ((c >= 0x402 && c <= 0x40F && c != 0x404 && c != 0x406 && c != 0x407) ||
        (c >= 0x452 && c <= 0x45F && c != 0x454 && c != 0x456 && c != 0x457))
      return kCyrExt;
    if (u_isupper(c)) return kCyrUp;
    if (u_islower(c)) return kCyrLo;
    return kOther;
  }
  if (c >= 0x1E00 && c < 0x1F00) {
    if (u_isupper(c)) return kLatUp;
    if (u_islower(c)) return kLatLo;
    return kOther;
  }
  if (c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D || (c >= 0x2010 && c <= 0x2015) ||
      c == 0x2026 || c == 0x2022 || c == 0x2039 || c == 0x203A)
    return kQuote;
  if ((c >= 0x2000 && c < 0x2070) || (c >= 0x20A0 && c < 0x20D0) || c == 0x2122 || c == 0x2116 ||
      c == 0xFB01 || c == 0xFB02 || c == 0xF8FF || c == 0x25CA)
    return kRarePunct;
  if (c >= 0x2500 && c < 0x25A1) return kBox;
  if ((c >= 0x2200 && c < 0x2300) || (c >= 0x2310 && c < 0x2322) || c == 0x2126 || c == 0x207F)
    return kMath;
  return kOther;
}

bool IsLetterCat(Cat c) {
  return c == kAsciiLo || c == kAsciiUp || c == kLatUp || c == kLatLo || c == kCyrUp ||
         c == kCyrLo || c == kCyrExt || c == kGrUp || c == kGrLo;
}
bool IsUpper(Cat c) { return c == kLatUp || c == kCyrUp || c == kGrUp || c == kAsciiUp; }
bool IsLower(Cat c) { return c == kLatLo || c == kCyrLo || c == kGrLo || c == kAsciiLo; }
bool IsSymbolish(Cat c) {
  return c == kSym || c == kRarePunct || c == kNbsp || c == kShy || c == kC1 || c == kMath ||
         c == kBox;
}

double Unary(int32_t c, Cat cat) {
  switch (cat) {
    case kC1:
      return 6;
    case kBox:
      return 1;
    case kShy:
      return 1;
    default:
      break;
  }
  // Letters that are common UTF-8 lead bytes read as a code page and rare
  // in running text.
  if (c == 0xC3 || c == 0xC2 || c == 0x139 || c == 0x178 || c == 0xD0 || c == 0x102) return 1;
  return 0;
}

double Pair(Cat a, Cat b) {
  if (IsLower(a) && (b == kLatUp || b == kCyrUp || b == kGrUp)) {
    if (a == kAsciiLo || a == kLatLo) return b == kLatUp ? 2 : 1.5;
    return (a == kCyrLo && b == kCyrUp) || (a == kGrLo && b == kGrUp) ? 1.5 : 2;
  }
  bool up_nonascii = a == kLatUp || a == kCyrUp || a == kGrUp;
  bool lo_nonascii = a == kLatLo || a == kCyrLo || a == kGrLo || a == kCyrExt;
  if (up_nonascii) {
    if (b == kSym || b == kRarePunct || b == kNbsp || b == kShy || b == kC1 || b == kMath ||
        b == kBox)
      return 3;
    if (b == kQuote) return 2;
    if (a == kCyrUp && b == kCyrExt) return 3;
    if (a != kCyrUp && b == kCyrExt) return 2;
  }
  if (lo_nonascii) {
    if (b == kSym || b == kRarePunct || b == kShy || b == kC1 || b == kMath || b == kBox) return 3;
    if (b == kNbsp) return 1;
    if (b == kQuote) return 0.5;
    if (b == kCyrExt) return 1;
  }
  if (a == kAsciiLo || a == kAsciiUp) {
    if (b == kRarePunct || b == kMath || b == kBox || b == kC1) return 2;
  }
  if (IsSymbolish(a) && a != kNbsp) {
    if (IsSymbolish(b) && b != kNbsp) return 1.5;
    if (IsLetterCat(b) && b != kAsciiLo && b != kAsciiUp) return 1;
    if (b == kQuote) return 1;
  }
  if (a == kQuote && (b == kRarePunct || b == kSym || b == kMath)) return 1;
  if (a == kCyrExt && (b == kCyrUp || b == kCyrExt)) return 1;
  return 0;
}

double Badness(const std::vector<int32_t>& cps) {
  double bad = 0;
  Cat prev2 = kSpace, prev = kSpace;
  for (size_t k = 0; k < cps.size(); ++k) {
    Cat c = Category(cps[k]);
    bad += Unary(cps[k], c);
    if (k > 0) {
      bad += Pair(prev, c);
      // Two non-ASCII capitals starting a lowercase word: "ĹĽona", "ÃŸe".
      if (k > 1 && IsLower(c) && IsUpper(prev) && IsUpper(prev2) && prev != kAsciiUp &&
          prev2 != kAsciiUp && !IsLetterCat(Category(k > 2 ? cps[k - 3] : ' ')))
        bad += 2;
    }
    prev2 = prev;
    prev = c;
  }
  return bad;
}

// A decoded character we refuse to produce.
bool Implausible(int32_t c) {
  if (c == 0xFFFD) return true;
  int8_t type = u_charType(c);
  if (type == U_CONTROL_CHAR || type == U_UNASSIGNED || type == U_PRIVATE_USE_CHAR ||
      type == U_SURROGATE || type == U_FORMAT_CHAR)
    return c != 0x200B && c != 0x200D && c != 0xFEFF && c != 0x00AD && c != 0x200C;
  if (u_hasBinaryProperty(c, UCHAR_DEPRECATED)) return true;
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &err);
  if (U_FAILURE(err)) return true;
  switch (script) {
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
    case USCRIPT_LATIN:
    case USCRIPT_GREEK:
    case USCRIPT_CYRILLIC:
    case USCRIPT_ARMENIAN:
    case USCRIPT_HEBREW:
    case USCRIPT_ARABIC:
    case USCRIPT_DEVANAGARI:
    case USCRIPT_BENGALI:
    case USCRIPT_GURMUKHI:
    case USCRIPT_GUJARATI:
    case USCRIPT_TAMIL:
    case USCRIPT_TELUGU:
    case USCRIPT_KANNADA:
    case USCRIPT_MALAYALAM:
    case USCRIPT_SINHALA:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_TIBETAN:
    case USCRIPT_MYANMAR:
    case USCRIPT_GEORGIAN:
    case USCRIPT_HANGUL:
    case USCRIPT_ETHIOPIC:
    case USCRIPT_KHMER:
    case USCRIPT_MONGOLIAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_BOPOMOFO:
    case USCRIPT_HAN:
    case USCRIPT_YI:
      break;
    default:
      return true;
  }
  // Archaic letters inside otherwise common blocks.
  if ((c >= 0x370 && c <= 0x377) || (c >= 0x3E2 && c <= 0x3FF) || (c >= 0x460 && c <= 0x489) ||
      (c >= 0x1C80 && c <= 0x1CBF) || (c >= 0x0500 && c <= 0x052F) || (c >= 0x1D00 && c <= 0x1DFF))
    return true;
  return false;
}

struct RunChar {
  int32_t cp;
  bool space;  // a plain space that may stand for a lost 0xA0
};

struct Layer {
  std::vector<int32_t> cps;
  double badness;
  const mi::SingleByteCodec* codec;
  int nbsp_restored;
};

// Tries to undo one decoding of `run` with `codec`. Returns false when the
// code page cannot explain the run.
bool TryCodec(const std::vector<RunChar>& run, const mi::SingleByteCodec& codec,
              std::vector<int32_t>* out, int* nbsp_restored) {
  const size_t n = run.size();
  std::vector<int> bytes(n);
  for (size_t k = 0; k < n; ++k) {
    bytes[k] = run[k].space ? 0x20 : codec.Encode(run[k].cp);
  }
  auto cont = [&](size_t k) {
    if (k >= n) return -1;
    if (run[k].space) return 0xA0;
    int b = bytes[k];
    return (b >= 0x80 && b <= 0xBF) ? b : -1;
  };
  out->clear();
  *nbsp_restored = 0;
  int pieces = 0;
  size_t k = 0;
  while (k < n) {
    int b = bytes[k];
    int need = 0;
    if (b >= 0xC2 && b <= 0xDF)
      need = 1;
    else if (b >= 0xE0 && b <= 0xEF)
      need = 2;
    else if (b >= 0xF0 && b <= 0xF4)
      need = 3;
    if (need > 0) {
      int c[3] = {-1, -1, -1};
      bool ok = true;
      for (int m = 0; m < need; ++m) {
        c[m] = cont(k + 1 + m);
        if (c[m] < 0) ok = false;
      }
      int32_t cp = -1;
      int used = need + 1;
      if (ok) {
        if (need == 1) {
          cp = ((b & 0x1F) << 6) | (c[0] & 0x3F);
        } else if (need == 2) {
          cp = ((b & 0x0F) << 12) | ((c[0] & 0x3F) << 6) | (c[1] & 0x3F);
          if (cp < 0x800) cp = -1;
          if (cp >= 0xD800 && cp <= 0xDBFF && k + 5 < n + 0 && bytes[k + 3] == 0xED) {
            int d1 = cont(k + 4), d2 = cont(k + 5);
            if (d1 >= 0xB0 && d1 <= 0xBF && d2 >= 0) {
              unsigned char buf[6] = {
                  0xED, static_cast<unsigned char>(c[0]), static_cast<unsigned char>(c[1]),
                  0xED, static_cast<unsigned char>(d1),   static_cast<unsigned char>(d2)};
              cp = CesuValue(buf);
              used = 6;
            } else {
              cp = -1;
            }
          } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = -1;
          }
        } else {
          cp = ((b & 0x07) << 18) | ((c[0] & 0x3F) << 12) | ((c[1] & 0x3F) << 6) | (c[2] & 0x3F);
          if (cp < 0x10000 || cp > 0x10FFFF) cp = -1;
        }
      }
      if (cp >= 0) {
        if (Implausible(cp)) return false;
        for (int m = 1; m < used; ++m) {
          if (run[k + m].space) ++*nbsp_restored;
        }
        out->push_back(cp);
        ++pieces;
        k += used;
        continue;
      }
    }
    // Not part of a piece: the character stays, but letters may not.
    const RunChar& rc = run[k];
    if (!rc.space && (u_isalpha(rc.cp) || b < 0)) {
      if (!(b < 0 && !u_isalpha(rc.cp) && Category(rc.cp) == kQuote)) return false;
    }
    out->push_back(rc.space ? 0x20 : rc.cp);
    ++k;
  }
  return pieces > 0;
}

}  // namespace

double MojibakeBadness(std::string_view text) {
  std::vector<int32_t> cps;
  for (size_t i = 0; i < text.size();) {
    int32_t cp;
    int len = mi::DecodeUtf8(text, i, &cp);
    cps.push_back(cp < 0 ? 0xFFFD : cp);
    i += len;
  }
  return Badness(cps);
}

bool MojibakeFilter::MayChange(std::string_view text) const {
  return Screen(text, 0, options_) != std::string_view::npos;
}

std::string MojibakeFilter::Transform(std::string_view text, Report& report) const {
  size_t hit = Screen(text, 0, options_);
  if (hit == std::string_view::npos) return std::string(text);
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const auto& table = ScreenTable();
  const auto codecs = mi::WesternCodecs();
  std::string out;
  out.reserve(n + 16);
  size_t copied = 0;  // text[0, copied) is already in out
  std::vector<RunChar> run;
  std::vector<int32_t> cand, best_cps;
  while (hit != std::string_view::npos) {
    // Raw CESU-8 bytes.
    int32_t cp0;
    mi::DecodeUtf8(text, hit, &cp0);
    if (cp0 < 0) {
      out.append(text.substr(copied, hit - copied));
      int32_t cp = CesuValue(s + hit);
      std::string before(text.substr(hit, 6));
      std::string after;
      mi::AppendUtf8(after, cp);
      out += after;
      report.Count(kName, "cesu8-fixed");
      report.AddEvent({std::string(kName), "cesu8", static_cast<int64_t>(hit), before, after});
      copied = hit + 6;
      hit = Screen(text, copied, options_);
      continue;
    }
    // The run of non-ASCII characters around the hit.
    size_t start = hit;
    while (start > copied && s[start - 1] >= 0x80) --start;
    // Do not start inside a UTF-8 sequence.
    while (start < hit && (s[start] & 0xC0) == 0x80) ++start;
    run.clear();
    size_t end = start;
    while (end < n) {
      if (s[end] >= 0x80) {
        int32_t cp;
        int len = mi::DecodeUtf8(text, end, &cp);
        if (cp < 0) break;
        run.push_back({cp, false});
        end += len;
      } else if (s[end] == ' ' && options_.fix_lost_nbsp && !run.empty() && !run.back().space &&
                 run.back().cp < 0x10000 && (table[run.back().cp] & kLead) &&
                 SpaceMayBeNbsp(s, end, n)) {
        run.push_back({' ', true});
        ++end;
      } else {
        break;
      }
    }
    // Drop a trailing space that no piece can use.
    size_t run_bytes_end = end;
    int32_t prev_cp = ' ', next_cp = ' ';
    if (start > 0) {
      size_t p = start - 1;
      while (p > 0 && (s[p] & 0xC0) == 0x80) --p;
      int32_t cp;
      mi::DecodeUtf8(text, p, &cp);
      prev_cp = cp < 0 ? 0xFFFD : cp;
    }
    if (run_bytes_end < n) {
      int32_t cp;
      mi::DecodeUtf8(text, run_bytes_end, &cp);
      next_cp = cp < 0 ? 0xFFFD : cp;
    }
    auto with_context = [&](const std::vector<int32_t>& body) {
      std::vector<int32_t> v;
      v.reserve(body.size() + 2);
      v.push_back(prev_cp);
      v.insert(v.end(), body.begin(), body.end());
      v.push_back(next_cp);
      return v;
    };
    std::vector<int32_t> cur;
    for (const auto& rc : run) cur.push_back(rc.cp);
    double cur_bad = Badness(with_context(cur));
    std::string chain;
    int nbsp_total = 0;
    std::vector<RunChar> layer_run = run;
    for (int layer = 0; layer < options_.max_layers; ++layer) {
      double best_bad = cur_bad;
      const mi::SingleByteCodec* best_codec = nullptr;
      int best_nbsp = 0;
      for (const auto& codec : codecs) {
        int nb = 0;
        if (!TryCodec(layer_run, codec, &cand, &nb)) continue;
        double b = Badness(with_context(cand));
        if (b < best_bad - 1e-9) {
          best_bad = b;
          best_codec = &codec;
          best_cps = cand;
          best_nbsp = nb;
        }
      }
      if (best_codec == nullptr || cur_bad - best_bad < options_.min_improvement) break;
      cur = best_cps;
      cur_bad = best_bad;
      nbsp_total += best_nbsp;
      if (!chain.empty()) chain += '+';
      chain += "utf8-as-";
      chain += best_codec->name;
      report.Count(kName, std::string("via-") + best_codec->name);
      layer_run.clear();
      for (int32_t c : cur) layer_run.push_back({c, false});
    }
    std::string before(text.substr(start, end - start));
    std::string after;
    bool changed = !chain.empty();
    bool c1_fixed = false;
    for (int32_t c : cur) {
      if (options_.fix_c1 && c >= 0x80 && c < 0xA0) {
        int32_t m = mi::WesternCodecs()[0].to_unicode[c];
        if (m != c) {
          c = m;
          c1_fixed = true;
          report.Count(kName, "c1-fixed");
        }
      }
      mi::AppendUtf8(after, c);
    }
    if (changed || c1_fixed) {
      // A space the repair did not consume stays a space.
      if (!changed) {
        after.clear();
        for (const auto& rc : run) {
          int32_t c = rc.cp;
          if (options_.fix_c1 && c >= 0x80 && c < 0xA0) c = mi::WesternCodecs()[0].to_unicode[c];
          mi::AppendUtf8(after, c);
        }
      }
      out.append(text.substr(copied, start - copied));
      out += after;
      copied = end;
      if (changed) report.Count(kName, "fixed");
      if (nbsp_total > 0) report.Count(kName, "nbsp-restored", nbsp_total);
      report.AddEvent(
          {std::string(kName), changed ? chain : "c1", static_cast<int64_t>(start), before, after});
    }
    hit = Screen(text, end > hit ? end : hit + 1, options_);
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace norm
