#include "norm/mojibake.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "mojibake_util.h"
#include "utf8.h"

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
         utf8::IsContinuation(s[i + 2]) && s[i + 3] == 0xED && s[i + 4] >= 0xB0 &&
         s[i + 4] <= 0xBF && utf8::IsContinuation(s[i + 5]);
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

Cat ComputeCategory(int32_t c) {
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

// Category() over the BMP, computed once.
Cat Category(int32_t c) {
  static const std::vector<uint8_t> table = [] {
    std::vector<uint8_t> t(0x10000);
    for (int32_t i = 0; i < 0x10000; ++i) t[i] = ComputeCategory(i);
    return t;
  }();
  return c >= 0 && c < 0x10000 ? static_cast<Cat>(table[c]) : ComputeCategory(c);
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
    case kShy:
      return 1;
    default:
      break;
  }
  // Letters that are common UTF-8 lead bytes read as a code page and rare
  // in running text.
  if (c == 0xC3 || c == 0xC2 || c == 0x139 || c == 0x178 || c == 0xD0 || c == 0x102) return 1;
  // Latin Extended-B is rare in text, except Vietnamese horned letters,
  // pinyin tones and Romanian comma-below letters.
  if (c >= 0x180 && c < 0x250 && c != 0x1A0 && c != 0x1A1 && c != 0x1AF && c != 0x1B0 &&
      !(c >= 0x1CD && c <= 0x1DC) && !(c >= 0x218 && c <= 0x21B))
    return 1;
  return 0;
}

int Script(Cat c) {
  switch (c) {
    case kAsciiLo:
    case kAsciiUp:
    case kLatUp:
    case kLatLo:
      return 1;
    case kCyrUp:
    case kCyrLo:
    case kCyrExt:
      return 2;
    case kGrUp:
    case kGrLo:
      return 3;
    default:
      return 0;
  }
}

double Pair(Cat a, Cat b) {
  // Letters of two scripts inside one word: "ΓÇæ", "OΓΉ".
  int sa = Script(a), sb = Script(b);
  if (sa != 0 && sb != 0 && sa != sb) return 2;
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
  if (a == kMath && IsLetterCat(b)) return 2;
  // Box drawing is fine beside box drawing, odd beside letters.
  if ((a == kBox && IsLetterCat(b)) || (IsLetterCat(a) && b == kBox)) return 2;
  if (a == kBox && b == kBox) return 0;
  if (IsSymbolish(a) && a != kNbsp) {
    if (IsSymbolish(b) && b != kNbsp) return 1.5;
    if (IsLetterCat(b) && b != kAsciiLo && b != kAsciiUp) return 1;
    if (b == kQuote) return 1;
  }
  if (a == kQuote && (b == kRarePunct || b == kSym || b == kMath)) return 1;
  if (a == kCyrExt && (b == kCyrUp || b == kCyrExt)) return 1;
  return 0;
}

// Badness of body[0, n) between the context characters before and after.
double Badness(int32_t before, const int32_t* body, size_t n, int32_t after) {
  double bad = 0;
  Cat prev3 = kSpace, prev2 = kSpace, prev = kSpace;
  const size_t total = n + 2;
  for (size_t k = 0; k < total; ++k) {
    int32_t cp = k == 0 ? before : k == total - 1 ? after : body[k - 1];
    Cat c = Category(cp);
    bad += Unary(cp, c);
    if (k > 0) {
      bad += Pair(prev, c);
      // Two non-ASCII capitals starting a lowercase word: "ĹĽona", "ÃŸe".
      if (k > 1 && IsLower(c) && IsUpper(prev) && IsUpper(prev2) && prev != kAsciiUp &&
          prev2 != kAsciiUp && !(k > 2 && IsLetterCat(prev3)))
        bad += 2;
    }
    prev3 = prev2;
    prev2 = prev;
    prev = c;
  }
  return bad;
}

double Badness(const std::vector<int32_t>& cps) {
  if (cps.empty()) return 0;
  if (cps.size() == 1) return Badness(cps[0], nullptr, 0, ' ') - Unary(' ', kSpace);
  return Badness(cps.front(), cps.data() + 1, cps.size() - 2, cps.back());
}

// A decoded character we refuse to produce.
bool ComputeImplausible(int32_t c) {
  if (c == 0xFFFD) return true;
  // C1 controls are what a further layer of damage decodes to.
  if (c >= 0x80 && c < 0xA0) return false;
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

// Per-BMP-character flags computed once: implausible repair result, letter.
enum : uint8_t { kImplausible = 1, kAlpha = 2 };
uint8_t CharFlags(int32_t c) {
  static const std::vector<uint8_t> table = [] {
    std::vector<uint8_t> t(0x10000);
    for (int32_t i = 0; i < 0x10000; ++i) {
      t[i] = (ComputeImplausible(i) ? kImplausible : 0) | (u_isalpha(i) ? kAlpha : 0);
    }
    return t;
  }();
  if (c >= 0 && c < 0x10000) return table[c];
  return (ComputeImplausible(c) ? kImplausible : 0) | (u_isalpha(c) ? kAlpha : 0);
}
bool Implausible(int32_t c) { return CharFlags(c) & kImplausible; }
bool IsAlpha(int32_t c) { return CharFlags(c) & kAlpha; }

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
  thread_local std::vector<int> bytes;
  bytes.resize(n);
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
    if (!rc.space && (IsAlpha(rc.cp) || b < 0)) {
      if (!(b < 0 && !IsAlpha(rc.cp) && Category(rc.cp) == kQuote)) return false;
    }
    out->push_back(rc.space ? 0x20 : rc.cp);
    ++k;
  }
  return pieces > 0;
}

struct Candidate {
  bool valid = false;
  double badness = 0;
  int nbsp = 0;
  std::vector<int32_t> cps;
};

struct Run {
  size_t start = 0, end = 0;
  std::vector<RunChar> chars;
  int32_t prev = ' ', next = ' ';
  double badness = 0;
  std::vector<Candidate> cands;  // one per code page
};

double RunBadness(const Run& r, const std::vector<int32_t>& body) {
  return Badness(r.prev, body.data(), body.size(), r.next);
}

// Whether cps still holds a lead/continuation pair some code page could
// undo (a further layer of damage).
bool HasSuspiciousPair(const std::vector<int32_t>& cps) {
  const auto& table = ScreenTable();
  for (size_t k = 0; k + 1 < cps.size(); ++k) {
    int32_t a = cps[k], b = cps[k + 1];
    if (a < 0x10000 && b < 0x10000 && (table[a] & kLead) && (table[b] & kCont)) return true;
  }
  return false;
}

// Collects the runs of non-ASCII characters around every screening hit.
std::vector<Run> CollectRuns(std::string_view text, const MojibakeFilter::Options& opt) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const auto& table = ScreenTable();
  std::vector<Run> runs;
  size_t done = 0;
  size_t hit = Screen(text, 0, opt);
  while (hit != std::string_view::npos) {
    size_t start = hit;
    while (start > done && s[start - 1] >= 0x80) --start;
    while (start < hit && utf8::IsContinuation(s[start])) ++start;
    Run r;
    r.start = start;
    size_t end = start;
    while (end < n) {
      if (s[end] >= 0x80) {
        int32_t cp;
        int len = mi::DecodeUtf8(text, end, &cp);
        if (cp < 0) break;
        r.chars.push_back({cp, false});
        end += len;
      } else if (s[end] == ' ' && opt.fix_lost_nbsp && !r.chars.empty() && !r.chars.back().space &&
                 r.chars.back().cp < 0x10000 && (table[r.chars.back().cp] & kLead) &&
                 SpaceMayBeNbsp(s, end, n)) {
        r.chars.push_back({' ', true});
        ++end;
      } else {
        break;
      }
    }
    r.end = end;
    if (start > 0) {
      size_t p = start - 1;
      while (p > 0 && utf8::IsContinuation(s[p])) --p;
      int32_t cp;
      mi::DecodeUtf8(text, p, &cp);
      r.prev = cp < 0 ? 0xFFFD : cp;
    }
    if (end < n) {
      int32_t cp;
      mi::DecodeUtf8(text, end, &cp);
      r.next = cp < 0 ? 0xFFFD : cp;
    }
    done = end > hit ? end : hit + 1;
    if (!r.chars.empty()) runs.push_back(std::move(r));
    hit = Screen(text, done, opt);
  }
  return runs;
}

// GBK/Big5/Shift_JIS/EUC-KR text read as windows-1252 (`ÖÐ¹ú`) sometimes
// holds valid UTF-8 pieces too; such a run is left to cjk-mojibake when the
// text model finds the double-byte reading more plausible than the repair.
bool ReadsBetterAsDoubleByte(const std::string& text, const Run& r,
                             const std::vector<int32_t>& repair) {
  const auto& cp1252 = mi::WesternCodecs()[0];
  std::string bytes;
  for (const auto& rc : r.chars) {
    if (rc.space) return false;
    int b = cp1252.Encode(rc.cp);
    if (b < 0x80) return false;
    bytes.push_back(static_cast<char>(b));
  }
  if (bytes.size() < 4) return false;
  int32_t prev = r.prev == ' ' && r.start == 0 ? 0 : r.prev;
  double western = mi::TextModelScore(repair, prev, r.next);
  double dbcs = mi::BestDoubleByteScore(bytes, prev, r.next);
  // The run may end inside a double-byte character whose trail byte is the
  // ASCII character after it.
  if (r.end < text.size()) {
    unsigned char t = static_cast<unsigned char>(text[r.end]);
    if (t >= 0x40 && t <= 0x7E) {
      std::string more = bytes + static_cast<char>(t);
      int32_t after = r.end + 1 < text.size() ? static_cast<unsigned char>(text[r.end + 1]) : 0;
      if (after >= 0x80) after = 0;
      dbcs = std::max(dbcs, mi::BestDoubleByteScore(more, prev, after) - 0.0);
      std::vector<int32_t> with_t = repair;
      with_t.push_back(t);
      western = std::max(western, mi::TextModelScore(with_t, prev, after));
    }
  }
  return dbcs > western;
}

// Undoes one layer of damage where the evidence allows. Returns true when
// something changed.
bool FixLayer(std::string& text, const MojibakeFilter::Options& opt, Report& report, int layer) {
  std::vector<Run> runs = CollectRuns(text, opt);
  if (runs.empty()) return false;
  const auto codecs = mi::WesternCodecs();
  const size_t nc = codecs.size();
  std::vector<int> strong(nc, 0);
  std::vector<double> weak(nc, 0);
  std::vector<int32_t> cps, next_cps;
  std::vector<RunChar> look;
  auto evaluate = [&](Run& r, bool only_strong) {
    r.cands.resize(nc);
    for (size_t c = 0; c < nc; ++c) {
      Candidate& cand = r.cands[c];
      cand.valid = false;
      if (only_strong && strong[c] == 0) continue;
      cand.valid = TryCodec(r.chars, codecs[c], &cand.cps, &cand.nbsp);
      if (!cand.valid) continue;
      cand.badness = RunBadness(r, cand.cps);
      // A layer of stacked damage may look no better than the input until
      // the next layer is undone too: judge it by the best next layer.
      if (cand.badness > 0 && layer + 1 < opt.max_layers && HasSuspiciousPair(cand.cps)) {
        look.clear();
        for (int32_t cp : cand.cps) look.push_back({cp, false});
        for (size_t c2 = 0; c2 < nc; ++c2) {
          int nb2 = 0;
          if (!TryCodec(look, codecs[c2], &next_cps, &nb2)) continue;
          double b2 = RunBadness(r, next_cps);
          if (b2 < cand.badness) cand.badness = b2;
        }
      }
      if (only_strong) continue;
      double imp = r.badness - cand.badness;
      if (imp >= opt.min_improvement) ++strong[c];
      if (imp > 0) weak[c] += imp;
    }
  };
  // Runs that look bad vote first; runs that look fine (badness 0) are only
  // tried with a code page the others confirmed.
  for (auto& r : runs) {
    cps.clear();
    for (const auto& rc : r.chars) cps.push_back(rc.cp);
    r.badness = RunBadness(r, cps);
    if (r.badness > 0) evaluate(r, false);
  }
  bool any_strong = std::any_of(strong.begin(), strong.end(), [](int v) { return v > 0; });
  for (auto& r : runs) {
    if (r.badness <= 0) {
      if (any_strong) {
        evaluate(r, true);
      } else {
        r.cands.assign(nc, Candidate{});
      }
    }
  }
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;
  bool changed = false;
  for (auto& r : runs) {
    int best = -1;
    for (size_t c = 0; c < nc; ++c) {
      const Candidate& cand = r.cands[c];
      if (!cand.valid) continue;
      double imp = r.badness - cand.badness;
      // A code page that clearly explains some run of this text needs less
      // evidence on the others.
      bool ok = imp >= opt.min_improvement || (strong[c] > 0 && imp >= 0);
      if (!ok) continue;
      if (best < 0) {
        best = static_cast<int>(c);
        continue;
      }
      const Candidate& b = r.cands[best];
      auto key = [&](size_t k) { return std::make_pair(strong[k], weak[k]); };
      if (key(c) > key(best) || (key(c) == key(best) && cand.badness < b.badness - 1e-9)) {
        best = static_cast<int>(c);
      }
    }
    if (best < 0) continue;
    // (Only a final repair is compared: an intermediate layer of stacked
    // damage is not text yet.)
    const auto& rep = r.cands[best].cps;
    bool intermediate =
        HasSuspiciousPair(rep) ||
        std::any_of(rep.begin(), rep.end(), [](int32_t c) { return c >= 0x80 && c < 0xA0; });
    if (!intermediate && ReadsBetterAsDoubleByte(text, r, rep)) continue;
    const Candidate& cand = r.cands[best];
    std::string after;
    for (int32_t c : cand.cps) mi::AppendUtf8(after, c);
    out.append(text, copied, r.start - copied);
    out += after;
    copied = r.end;
    changed = true;
    report.Count(kName, "fixed");
    report.Count(kName, std::string("via-") + codecs[best].name);
    if (cand.nbsp > 0) report.Count(kName, "nbsp-restored", cand.nbsp);
    std::string what = "utf8-as-" + codecs[best].name;
    if (layer > 0) what += " (layer " + std::to_string(layer + 1) + ")";
    report.AddEvent({std::string(kName), what, static_cast<int64_t>(r.start),
                     text.substr(r.start, r.end - r.start), after});
  }
  if (!changed) return false;
  out.append(text, copied, std::string::npos);
  text.swap(out);
  return true;
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

std::unique_ptr<Filter> MojibakeFilter::Create(const norm::Options& /*options*/, Status* status) {
  *status = Status::Ok();
  return std::make_unique<MojibakeFilter>();
}

bool MojibakeFilter::MayChange(std::string_view text) const {
  return Screen(text, 0, options_) != std::string_view::npos;
}

std::string MojibakeFilter::Transform(std::string_view text, Report& report) const {
  if (!MayChange(text)) return std::string(text);
  std::string cur;
  cur.reserve(text.size());
  // Raw CESU-8 surrogate pairs.
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  if (options_.fix_cesu8) {
    for (size_t i = 0; i < n;) {
      if (IsCesuPair(s, i, n)) {
        std::string after;
        mi::AppendUtf8(after, CesuValue(s + i));
        report.Count(kName, "cesu8-fixed");
        report.AddEvent({std::string(kName), "cesu8", static_cast<int64_t>(i),
                         std::string(text.substr(i, 6)), after});
        cur += after;
        i += 6;
      } else {
        cur += text[i];
        ++i;
      }
    }
  } else {
    cur.assign(text);
  }
  for (int layer = 0; layer < options_.max_layers; ++layer) {
    if (!FixLayer(cur, options_, report, layer)) break;
  }
  // Lone C1 controls left over are windows-1252 punctuation read as Latin-1.
  if (options_.fix_c1 && cur.find('\xC2') != std::string::npos) {
    const auto& cp1252 = mi::WesternCodecs()[0];
    std::string out;
    out.reserve(cur.size());
    for (size_t i = 0; i < cur.size(); ++i) {
      unsigned char b = static_cast<unsigned char>(cur[i]);
      if (b == 0xC2 && i + 1 < cur.size()) {
        unsigned char c = static_cast<unsigned char>(cur[i + 1]);
        if (c >= 0x80 && c < 0xA0 && cp1252.to_unicode[c] != c) {
          std::string after;
          mi::AppendUtf8(after, cp1252.to_unicode[c]);
          report.Count(kName, "c1-fixed");
          report.AddEvent({std::string(kName), "c1-as-windows-1252", static_cast<int64_t>(i),
                           cur.substr(i, 2), after});
          out += after;
          ++i;
          continue;
        }
      }
      out += cur[i];
    }
    cur.swap(out);
  }
  return cur;
}

}  // namespace norm
