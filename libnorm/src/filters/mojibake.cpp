#include "mojibake.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <mutex>
#include <span>
#include <vector>

#include "lines.h"
#include "mojibake_score.h"
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
enum : uint8_t { kLead = 1, kCont = 2, kLead2 = 4, kIsC1 = 8, kNbspLead = 16 };

// Lead bytes whose sequence with a lost 0xA0 is a common character (C2 A0
// NBSP, C3 A0 à, C5 A0 Š, CE A0 Π, D0 A0 Р, D9 A0 ٠): for these a space followed by a
// letter may still be the lost byte (`voilÃ le`, `Å veices`).
bool IsNbspLeadByte(int b) {
  return b == 0xC2 || b == 0xC3 || b == 0xC5 || b == 0xCE || b == 0xD0 || b == 0xD9;
}

const std::vector<uint8_t>& ScreenTable() {
  static const std::vector<uint8_t> table = [] {
    std::vector<uint8_t> t(0x10000, 0);
    for (const auto& codec : mi::WesternCodecs()) {
      for (const auto& [cp, byte] : codec.from_unicode) {
        if (cp >= 0x10000) continue;
        if (byte >= 0x80 && byte <= 0xBF) t[cp] |= kCont;
        if (byte >= 0xC2 && byte <= 0xF4) t[cp] |= kLead;
        if (byte >= 0xC2 && byte <= 0xDF) t[cp] |= kLead2;
        if (IsNbspLeadByte(byte)) t[cp] |= kNbspLead;
      }
    }
    for (int c = 0x80; c < 0xA0; ++c) t[c] |= kIsC1;
    return t;
  }();
  return table;
}

// For every BMP code point, the code pages (bit i: WesternCodecs()[i]) that
// hold it; ASCII is in all of them.
const std::vector<uint16_t>& CodecMasks() {
  static const std::vector<uint16_t> masks = [] {
    std::vector<uint16_t> m(0x10000, 0);
    const auto codecs = mi::WesternCodecs();
    for (int c = 0; c < 0x80; ++c) m[c] = 0xFFFF;
    for (size_t i = 0; i < codecs.size(); ++i) {
      for (const auto& [cp, byte] : codecs[i].from_unicode) {
        if (cp < 0x10000) m[cp] |= static_cast<uint16_t>(1u << i);
      }
    }
    return m;
  }();
  return masks;
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

bool SpaceMayBeNbsp(const unsigned char* s, size_t j, size_t n, bool nbsp_lead) {
  // s[j] == ' ' right after a lead character: the space may be a lost 0xA0
  // when it is followed by another space, the end, punctuation or a
  // non-ASCII byte (the rest of a damaged run), or, after a lead whose
  // sequence with 0xA0 is common, by a letter.
  if (j + 1 >= n) return true;
  unsigned char c = s[j + 1];
  if (nbsp_lead && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return true;
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
            if (cp2 == 0xFFFD) return i;  // a lost continuation byte
          } else if (s[j] == '?' && j + 1 < n && s[j + 1] >= 0x80) {
            return i;
          } else if (s[j] == ' ' && opt.fix_lost_nbsp &&
                     SpaceMayBeNbsp(s, j, n, (f & kNbspLead) != 0)) {
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
  kNumCats,
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
// Category() and IsCp1252Cont() over the BMP, computed once: the category
// in the low bits, kCp1252ContBit for what windows-1252 shows for a UTF-8
// continuation byte.
constexpr uint8_t kCp1252ContBit = 0x80;
// A per-BMP-code-point table filled 256 code points at a time on first use:
// building all 65,536 entries up front cost ~10 ms of ICU property lookups
// in every process that met one non-ASCII character.
template <uint8_t (*Compute)(int32_t)>
class LazyBmpTable {
 public:
  uint8_t Get(int32_t c) {
    const size_t block = static_cast<size_t>(c) >> 8;
    if (!ready_[block].load(std::memory_order_acquire)) Fill(block);
    return data_[static_cast<size_t>(c)];
  }

 private:
  void Fill(size_t block) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (ready_[block].load(std::memory_order_relaxed)) return;
    for (size_t i = 0; i < 256; ++i) {
      data_[block * 256 + i] = Compute(static_cast<int32_t>(block * 256 + i));
    }
    ready_[block].store(true, std::memory_order_release);
  }
  std::array<std::atomic<bool>, 256> ready_{};
  std::array<uint8_t, 0x10000> data_{};
  std::mutex mutex_;
};

uint8_t ComputeCategoryBits(int32_t c) {
  int b = mi::WesternCodecs()[0].Encode(c);
  return static_cast<uint8_t>(ComputeCategory(c) | (b >= 0x80 && b <= 0xBF ? kCp1252ContBit : 0));
}

uint8_t CategoryBits(int32_t c) {
  static LazyBmpTable<ComputeCategoryBits> table;
  return table.Get(c);
}

Cat Category(int32_t c) {
  return c >= 0 && c < 0x10000 ? static_cast<Cat>(CategoryBits(c) & ~kCp1252ContBit)
                               : ComputeCategory(c);
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

double ComputePair(Cat a, Cat b) {
  // Letters of two scripts inside one word: "ΓÇæ", "OΓΉ".
  int sa = Script(a), sb = Script(b);
  // (A lowercase Greek letter inside a Latin word is science: `IL2RγcKO`.)
  if (sa != 0 && sb != 0 && sa != sb) return (a == kGrLo || b == kGrLo) && sa + sb == 4 ? 1 : 2;
  if (IsLower(a) && (b == kLatUp || b == kCyrUp || b == kGrUp)) {
    if (a == kAsciiLo || a == kLatLo) return b == kLatUp ? 2 : 1.5;
    return (a == kCyrLo && b == kCyrUp) || (a == kGrLo && b == kGrUp) ? 1.5 : 2;
  }
  bool up_nonascii = a == kLatUp || a == kCyrUp || a == kGrUp;
  bool lo_nonascii = a == kLatLo || a == kCyrLo || a == kGrLo || a == kCyrExt;
  if (up_nonascii) {
    // (An NBSP after a capital is ordinary: `SELKÄ EDELLÄ`, `NICIODATĂ `.)
    if (b == kNbsp) return 0.5;
    if (b == kSym || b == kRarePunct || b == kShy || b == kC1 || b == kMath || b == kBox) return 3;
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

// Pair() as a table, computed once: Badness() runs it for every character of
// every candidate.
double Pair(Cat a, Cat b) {
  static const auto table = [] {
    std::array<std::array<float, kNumCats>, kNumCats> t{};
    for (int i = 0; i < kNumCats; ++i) {
      for (int j = 0; j < kNumCats; ++j) {
        t[i][j] = static_cast<float>(ComputePair(static_cast<Cat>(i), static_cast<Cat>(j)));
      }
    }
    return t;
  }();
  return table[a][b];
}

// Badness of body[0, n) between the context characters before and after.
// Whether c is what windows-1252 shows for a UTF-8 continuation byte.
bool IsCp1252Cont(int32_t c) {
  return c >= 0x80 && c < 0x10000 && (CategoryBits(c) & kCp1252ContBit);
}

double Badness(int32_t before, const int32_t* body, size_t n, int32_t after) {
  double bad = 0;
  Cat prev3 = kSpace, prev2 = kSpace, prev = kSpace;
  int32_t prev_cp = ' ';
  const size_t total = n + 2;
  auto at = [&](size_t k) -> int32_t {
    return k == 0 ? before : k >= total - 1 ? (k == total - 1 ? after : 0) : body[k - 1];
  };
  for (size_t k = 0; k < total; ++k) {
    int32_t cp = at(k);
    Cat c = Category(cp);
    bad += Unary(cp, c);
    if (k > 0) {
      double pair = Pair(prev, c);
      int32_t next_cp = at(k + 1);
      // Ã or Â (C3, C2) before a character that windows-1252 shows for a
      // continuation byte is the commonest mojibake there is, and rare in
      // writing. Exceptions: an NBSP after Â or Ã closing a capital inside
      // an all-capitals word (`MISUTÂ AJIKKO`), and Ã before a curly
      // apostrophe (`a lot of Ã’s`).
      if ((prev_cp == 0xC3 || prev_cp == 0xC2) && IsCp1252Cont(cp) && cp != 0x2019 &&
          !(cp == 0xA0 && (prev2 == kAsciiUp || prev2 == kLatUp) &&
            !(next_cp >= 'a' && next_cp <= 'z')))
        pair = std::max(pair, 4.0);
      // â (E2) before two such characters: the general punctuation, arrows
      // and dingbats of UTF-8 (`âœ”`, `â€“`).
      if (prev_cp == 0xE2 && IsCp1252Cont(cp) && IsCp1252Cont(next_cp) && cp != 0xA0)
        pair = std::max(pair, 4.0);
      // A lowercase letter before a capital Serbian/Macedonian letter
      // (`вЂ“`): windows-1251 mojibake, never Serbian.
      if (IsLower(prev) && cp >= 0x402 && cp <= 0x40F) pair = std::max(pair, 3.0);
      // A symbol between a non-ASCII letter and a letter or digit
      // (`Ä°stanbul`, `RÄ«ga`, `IL2RÎ³cKO`, `$Ì¶6`): a lead and a
      // continuation byte inside a word.
      if (k + 1 < total && (c == kSym || c == kRarePunct || cp == 0xAB || cp == 0xBB) &&
          (prev == kLatUp || prev == kLatLo || prev == kCyrUp || prev == kCyrLo || prev == kGrUp ||
           prev == kGrLo) &&
          (IsLetterCat(Category(next_cp)) || Category(next_cp) == kDigit))
        pair = std::max(pair, pair + 3.0);
      bad += pair;
      // Two non-ASCII capitals starting a lowercase word: "ĹĽona", "ÃŸe".
      if (k > 1 && IsLower(c) && IsUpper(prev) && IsUpper(prev2) && prev != kAsciiUp &&
          prev2 != kAsciiUp && !(k > 2 && IsLetterCat(prev3)))
        bad += 2;
    }
    prev3 = prev2;
    prev2 = prev;
    prev = c;
    prev_cp = cp;
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
  if (c == 0xFFFD) return false;  // `ï¿½`: U+FFFD itself read as windows-1252
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
    case USCRIPT_BRAILLE:  // U+2800, the blank filler of social media posts
      break;
    default:
      return true;
  }
  // Archaic letters inside otherwise common blocks.
  if ((c >= 0x370 && c <= 0x377) || (c >= 0x3E2 && c <= 0x3FF) || (c >= 0x460 && c <= 0x489) ||
      (c >= 0x1C80 && c <= 0x1CBF) || (c >= 0x0500 && c <= 0x052F) || (c >= 0x1D00 && c <= 0x1DFF))
    return true;
  // What two bytes of mojibake decode to by chance far more often than
  // anyone writes it: IPA letters (NESTLÉ® -> NESTLɮ, ZZAJÉ’s -> ZZAJɒs),
  // the long s (┼┐ -> ſ), the rare letters of Latin Extended-B, combining
  // marks other than the common accents (nlН -> nl͠), Hebrew cantillation
  // and Arabic marks and supplement letters (ŮŮ“ -> ٓ, BİLGİ’ -> ݒ). The
  // letters of living orthographies in those blocks stay possible (schwa,
  // open e and o, Vietnamese horn letters, pinyin tones, Romanian comma
  // letters, Croatian digraphs).
  if (c >= 0x250 && c <= 0x2AF)
    return c != 0x254 && c != 0x259 && c != 0x25B && c != 0x263 && c != 0x272 && c != 0x28B &&
           c != 0x292;
  if (c == 0x17F) return true;
  if (c >= 0x180 && c <= 0x24F) {
    static constexpr int32_t kLiving[][2] = {
        {0x186, 0x186}, {0x18F, 0x190}, {0x194, 0x194}, {0x19D, 0x19D}, {0x1A0, 0x1A1},
        {0x1AF, 0x1B0}, {0x1B2, 0x1B2}, {0x1B7, 0x1B7}, {0x1C4, 0x1DD}, {0x1E2, 0x1E7},
        {0x1EA, 0x1EB}, {0x1F4, 0x1F5}, {0x1F8, 0x1FF}, {0x218, 0x21B}, {0x232, 0x233}};
    for (const auto& range : kLiving) {
      if (c >= range[0] && c <= range[1]) return false;
    }
    return true;
  }
  if (c >= 0x300 && c <= 0x36F)
    return !(c <= 0x30C || c == 0x323 || c == 0x327 || c == 0x328 || c == 0x331 ||
             (c >= 0x334 && c <= 0x338));  // (overlays: `$̶6̶3̶` strike-through)
  if ((c >= 0x591 && c <= 0x5AF) || (c >= 0x653 && c <= 0x65F) || (c >= 0x750 && c <= 0x77F) ||
      (c >= 0x8A0 && c <= 0x8FF))
    return true;
  return false;
}

// Per-BMP-character flags computed once: implausible repair result, letter.
enum : uint8_t { kImplausible = 1, kAlpha = 2 };
uint8_t ComputeCharFlags(int32_t c) {
  // A character some code page holds may be an intermediate layer of
  // stacked damage (`Ã„Æ’` -> `Äƒ` -> `ă`).
  bool in_codec = c < 0x10000 && (ScreenTable()[c] & (kLead | kCont));
  return (ComputeImplausible(c) && !in_codec ? kImplausible : 0) | (u_isalpha(c) ? kAlpha : 0);
}

uint8_t CharFlags(int32_t c) {
  static LazyBmpTable<ComputeCharFlags> table;
  if (c >= 0 && c < 0x10000) return table.Get(c);
  return ComputeCharFlags(c);
}
bool Implausible(int32_t c) { return CharFlags(c) & kImplausible; }
bool IsAlpha(int32_t c) { return CharFlags(c) & kAlpha; }

// A character of a run: as it stands, or a plain space that may stand for a
// lost 0xA0 byte, or U+FFFD / '?' that may stand for a byte the wrong decoder
// could not map (lossy decoding).
enum class RunKind : uint8_t { kChar, kSpace, kLost };
struct RunChar {
  int32_t cp;
  RunKind kind = RunKind::kChar;
};

// Portuguese contracts the preposition à with the next word (às, àquele,
// àquela, àquilo): after `Ã ` such a word shows that the space was the lost
// byte itself; elsewhere (`voilÃ le`) a real space followed it.
bool StartsCrasis(std::string_view rest) {
  // `Ã s crianças` is às; `Ã s'éloigner` is à s'éloigner.
  if (rest.starts_with("s") &&
      (rest.size() == 1 || std::string_view(" ,.;:!?)").find(rest[1]) != std::string_view::npos))
    return true;
  return rest.starts_with("quel") || rest.starts_with("quil");
}

struct Decoded {
  int nbsp_restored = 0;
  int lost = 0;  // characters that lost a byte, kept as U+FFFD
};

// Tries to undo one decoding of `run` with `codec`. Returns false when the
// code page cannot explain the run. rest: the text after the run.
bool TryCodec(const std::vector<RunChar>& run, const mi::SingleByteCodec& codec,
              std::string_view rest, std::vector<int32_t>* out, Decoded* info) {
  const size_t n = run.size();
  thread_local std::vector<int> bytes;
  bytes.resize(n);
  for (size_t k = 0; k < n; ++k) {
    bytes[k] = run[k].kind == RunKind::kSpace  ? 0x20
               : run[k].kind == RunKind::kLost ? -2
                                               : codec.Encode(run[k].cp);
  }
  // The byte at k as a continuation byte: 0xA0 for a maybe-lost NBSP, -2
  // for a maybe-lost byte, -1 when it cannot continue a sequence.
  auto cont = [&](size_t k) {
    if (k >= n) return -1;
    if (run[k].kind == RunKind::kSpace) return 0xA0;
    int b = bytes[k];
    return b == -2 || (b >= 0x80 && b <= 0xBF) ? b : -1;
  };
  out->clear();
  *info = Decoded{};
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
      int holes = 0, known = 0, qmarks = 0;
      for (int m = 0; m < need; ++m) {
        c[m] = cont(k + 1 + m);
        if (c[m] == -1) ok = false;
        if (c[m] == -2) {
          ++holes;
          qmarks += run[k + 1 + m].cp == '?';
        } else if (c[m] >= 0) {
          ++known;
        }
      }
      // A '?' is a lost byte only beside a known continuation byte, or
      // after Ã/Â inside a longer run (`ItÃ?Â¢`): `CAFÉ?` stays.
      if (ok && qmarks > 0 && known == 0 && !((b == 0xC2 || b == 0xC3) && k + need + 1 < n))
        ok = false;
      int32_t cp = -1;
      int used = need + 1;
      if (ok && holes > 0) {
        cp = 0xFFFD;
        ++info->lost;
      } else if (ok) {
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
          if (run[k + m].kind == RunKind::kSpace) ++info->nbsp_restored;
        }
        out->push_back(cp);
        ++pieces;
        k += used;
        // `voilÃ le`: the lost byte of à was followed by a real space.
        if (cp == 0xE0 && run[k - 1].kind == RunKind::kSpace && k == n && !rest.empty() &&
            ((rest[0] >= 'a' && rest[0] <= 'z') || (rest[0] >= 'A' && rest[0] <= 'Z')) &&
            !StartsCrasis(rest)) {
          out->push_back(' ');
          --info->nbsp_restored;
        }
        continue;
      }
    }
    // Not part of a piece: the character stays, but letters may not.
    const RunChar& rc = run[k];
    if (rc.kind == RunKind::kChar && (IsAlpha(rc.cp) || b < 0)) {
      if (!(b < 0 && !IsAlpha(rc.cp) && Category(rc.cp) == kQuote)) return false;
    }
    out->push_back(rc.kind == RunKind::kSpace ? 0x20 : rc.cp);
    ++k;
  }
  return pieces > 0;
}

struct Candidate {
  bool valid = false;
  double badness = 0;
  bool layered = false;  // judged by a further layer of damage it leaves
  Decoded info;
  std::vector<int32_t> cps;
};

// A run of more characters than this (a whole paragraph without one ASCII
// byte) is not tried: every code page's re-encoding of it costs time in
// proportion, and real damage of that length is rare (`runs-too-long`).
constexpr size_t kMaxRunChars = 16384;

struct Run {
  size_t start = 0, end = 0;
  std::vector<RunChar> chars;
  int32_t prev = ' ', next = ' ';
  int word_after = 0;     // lowercase ASCII letters right after the run (up to 3)
  bool too_long = false;  // past kMaxRunChars: not tried
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
// Runs go to *runs, whose elements (and their buffers) are reused: `count`
// is the number of runs found.
size_t CollectRuns(std::string_view text, const MojibakeFilter::Options& opt,
                   std::vector<Run>* runs) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const auto& table = ScreenTable();
  size_t count = 0;
  size_t done = 0;
  size_t hit = Screen(text, 0, opt);
  while (hit != std::string_view::npos) {
    size_t start = hit;
    // Back over non-ASCII bytes, and over a '?' between two of them (a
    // lost byte: `ItÃ?Â¢`).
    while (start > done && (s[start - 1] >= 0x80 ||
                            (s[start - 1] == '?' && start - 1 > done && s[start - 2] >= 0x80)))
      --start;
    while (start < hit && utf8::IsContinuation(s[start])) ++start;
    if (runs->size() <= count) runs->emplace_back();
    Run& r = (*runs)[count];
    r.chars.clear();
    r.prev = r.next = ' ';
    r.badness = 0;
    r.start = start;
    size_t end = start;
    auto flags_of = [&](const RunChar& rc) -> uint8_t {
      return rc.kind == RunKind::kChar && rc.cp < 0x10000 ? table[rc.cp] : 0;
    };
    while (end < n) {
      if (s[end] >= 0x80) {
        int32_t cp;
        int len = mi::DecodeUtf8(text, end, &cp);
        if (cp < 0) break;
        r.chars.push_back({cp, cp == 0xFFFD ? RunKind::kLost : RunKind::kChar});
        end += len;
        continue;
      }
      uint8_t f = r.chars.empty() ? 0 : flags_of(r.chars.back());
      if (s[end] == ' ' && opt.fix_lost_nbsp && (f & (kLead | kCont)) &&
          SpaceMayBeNbsp(s, end, n, (f & kNbspLead) != 0)) {
        r.chars.push_back({' ', RunKind::kSpace});
        ++end;
      } else if (s[end] == '?' && (f & (kLead | kCont)) &&
                 ((end + 1 < n && s[end + 1] >= 0x80) || (f & kCont))) {
        r.chars.push_back({'?', RunKind::kLost});
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
    r.word_after = 0;
    while (r.word_after < 3 && end + r.word_after < n && s[end + r.word_after] >= 'a' &&
           s[end + r.word_after] <= 'z')
      ++r.word_after;
    done = end > hit ? end : hit + 1;
    if (!r.chars.empty()) ++count;
    hit = Screen(text, done, opt);
  }
  return count;
}

// GBK/Big5/Shift_JIS/EUC-KR text read as windows-1252 (`ÖÐ¹ú`) sometimes
// holds valid UTF-8 pieces too; such a run is left to cjk-mojibake when the
// text model finds the double-byte reading more plausible than the repair.
bool ReadsBetterAsDoubleByte(const std::string& text, const Run& r,
                             const std::vector<int32_t>& repair) {
  const auto& cp1252 = mi::WesternCodecs()[0];
  std::string bytes;
  for (const auto& rc : r.chars) {
    if (rc.kind != RunKind::kChar) return false;
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

UScriptCode ScriptOf(int32_t c) {
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(c, &err);
  return U_FAILURE(err) ? USCRIPT_COMMON : sc;
}

// A letter or digit of a script other than Latin, Greek, Cyrillic or CJK
// (whose one-letter words and symbols are common), else USCRIPT_COMMON.
UScriptCode ComputeForeignScript(int32_t c) {
  if (c < 0x530 || (c >= 0x1E00 && c < 0x2C00) || !u_isalnum(c)) return USCRIPT_COMMON;
  UScriptCode sc = ScriptOf(c);
  // (CJK writes one-character words: `NcFTPの`, and mixes Han with kana.)
  return sc == USCRIPT_INHERITED || sc == USCRIPT_LATIN || sc == USCRIPT_GREEK ||
                 sc == USCRIPT_CYRILLIC || sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA ||
                 sc == USCRIPT_KATAKANA || sc == USCRIPT_HANGUL || sc == USCRIPT_BOPOMOFO
             ? USCRIPT_COMMON
             : sc;
}

// ComputeForeignScript over the BMP, remembered: every valid candidate of
// every run asks it of each character (two ICU property lookups a CJK
// character, a tenth of the filter's instructions). kNotCached marks a
// script code too large for a byte.
constexpr uint8_t kNotCached = 0xFF;
uint8_t ForeignScriptByte(int32_t c) {
  UScriptCode sc = ComputeForeignScript(c);
  return sc >= 0 && sc < kNotCached ? static_cast<uint8_t>(sc) : kNotCached;
}

UScriptCode ForeignScript(int32_t c) {
  static LazyBmpTable<ForeignScriptByte> table;
  if (c < 0x530) return USCRIPT_COMMON;
  if (c >= 0x10000) return ComputeForeignScript(c);
  uint8_t b = table.Get(c);
  return b == kNotCached ? ComputeForeignScript(c) : static_cast<UScriptCode>(b);
}

// A repair that gives the only letter of its script in the line's repairs,
// with no letter of that script beside it, is a chance decoding of two
// characters of ordinary text (`“×”` -> `“ה`, `HUHLL Õ…` -> `Յ`): real
// mojibake of such a script spans words. line_letters: the letters of each
// foreign script in the repairs of the line's runs by the same code page.
bool LoneForeignLetter(const Run& r, const std::vector<int32_t>& cps,
                       const std::vector<std::pair<UScriptCode, int>>& line_letters) {
  for (int32_t c : cps) {
    UScriptCode sc = ForeignScript(c);
    if (sc == USCRIPT_COMMON) continue;
    int in_line = 0;
    for (const auto& [script, n] : line_letters) in_line += script == sc ? n : 0;
    if (in_line <= 1 && ScriptOf(r.prev) != sc && ScriptOf(r.next) != sc) return true;
  }
  return false;
}

void CountForeignLetters(const std::vector<int32_t>& cps,
                         std::vector<std::pair<UScriptCode, int>>* letters) {
  for (int32_t c : cps) {
    UScriptCode sc = ForeignScript(c);
    if (sc == USCRIPT_COMMON) continue;
    auto it = std::find_if(letters->begin(), letters->end(),
                           [&](const auto& e) { return e.first == sc; });
    if (it == letters->end()) {
      letters->emplace_back(sc, 1);
    } else {
      ++it->second;
    }
  }
}

// Whether a repair of run r is a short span: one output character from at
// most two input characters.
bool IsShortSpan(const Run& r, const Candidate& cand) {
  size_t out_chars = 0;
  for (int32_t c : cand.cps) out_chars += c != ' ';
  return r.chars.size() <= 2 && out_chars == 1;
}

// The improvement a repair of run r must show on its own. One output
// character from two input characters is a short span: beside no letter it
// needs 4 (`= √π` stays), 5 when its second character is a symbol (`^Ĺ˝`
// in line noise stays, ` Ã³ ` does not); where its second character is a symbol, an
// NBSP or a space not after a lowercase letter, 5 at the end of a word
// (`AHÅ™`, `NICIODATĂ™` stay; `barÃ¨me`, `90Â°` do not) and 4 inside one.
double RequiredImprovement(const Run& r, const Candidate& cand, double base) {
  if (!IsShortSpan(r, cand)) return base;
  // At the start of a word that goes on in lowercase letters (`├╝ber`,
  // `√∂ffnet`, `Ă–sterreicher`) a short span is an ordinary run: line art,
  // formulas and brand names put symbols elsewhere.
  if (r.word_after >= 3) return base;
  bool letter_before = IsLetterCat(Category(r.prev)), letter_after = IsLetterCat(Category(r.next));
  const RunChar& second = r.chars.back();
  Cat c2 = Category(second.cp);
  bool symbolish = second.kind == RunKind::kSpace || c2 == kSym || c2 == kRarePunct ||
                   c2 == kQuote || c2 == kNbsp || c2 == kMath || c2 == kShy || c2 == kBox;
  if (!letter_before && !letter_after) return std::max(base, symbolish ? 5.0 : 4.0);
  if (symbolish && !IsLower(Category(r.prev)))
    return std::max(base, letter_after || Category(r.next) == kDigit ? 4.0 : 5.0);
  return base;
}

// Marks the code pages the line shows it was not read with as a whole: a
// stretch of non-ASCII characters that the code page holds and whose bytes
// begin with a continuation byte, which no UTF-8 text can
// (`Bremer/Mccoy – DrÃ¥ber`: `–` alone is windows-1252's 0x96). Damage
// under the code page begins with a lead byte (`Ã¥` is C3 A5). Then a short
// span under that code page is as likely the writer's as damage. (A
// stretch that begins with a lead byte, `naïve` beside `cafÃ©`, proves
// nothing: its continuation may be what a lossy decoder dropped. C1
// controls and U+FFFD are damage marks, not clean text.)
void MarkCleanElsewhere(std::string_view text, std::span<const mi::SingleByteCodec> codecs,
                        std::vector<char>* refuted) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < n && s[i] >= 0x80) ++i;
    const std::string_view stretch = text.substr(start, i - start);
    // Cheap rejection first: the code pages that map its first character
    // to a continuation byte.
    int32_t head;
    mi::DecodeUtf8(stretch, 0, &head);
    if (head < 0xA0) continue;  // invalid, or a C1 control: a damage mark
    uint32_t mask = 0;
    for (size_t c = 0; c < codecs.size() && c < 32; ++c) {
      int b = (*refuted)[c] ? -1 : codecs[c].Encode(head);
      if (b >= 0 && utf8::IsContinuation(static_cast<unsigned char>(b))) mask |= 1u << c;
    }
    for (size_t k = 0; k < stretch.size() && mask != 0;) {
      int32_t cp;
      k += mi::DecodeUtf8(stretch, k, &cp);
      if (cp < 0 || cp == 0xFFFD || (cp >= 0x80 && cp < 0xA0)) mask = 0;
      for (size_t c = 0; c < codecs.size() && c < 32; ++c) {
        if ((mask & (1u << c)) && codecs[c].Encode(cp) < 0) mask &= ~(1u << c);
      }
    }
    for (size_t c = 0; c < codecs.size() && c < 32; ++c) {
      if (mask & (1u << c)) (*refuted)[c] = 1;
    }
  }
}

// Undoes one layer of damage where the evidence allows. Returns true when
// something changed; *again: when a repair left a further layer to undo
// (its candidate was judged by the next layer, or it holds C1 controls).
bool FixLayer(std::string& text, const MojibakeFilter::Options& opt, Report& report, int layer,
              size_t base, bool* again) {
  *again = false;
  thread_local std::vector<Run> pool;
  const size_t count = CollectRuns(text, opt, &pool);
  if (count == 0) return false;
  std::span<Run> runs(pool.data(), count);
  const auto codecs = mi::WesternCodecs();
  const size_t nc = codecs.size();
  std::vector<int> strong(nc, 0);
  std::vector<double> weak(nc, 0);
  std::vector<int32_t> cps, next_cps;
  std::vector<RunChar> look;
  const auto& masks = CodecMasks();
  auto evaluate = [&](Run& r, bool only_strong) {
    r.cands.resize(nc);
    // Cheap rejection: only the code pages that hold every letter of the
    // run can explain it (TryCodec refuses a letter it cannot encode).
    uint32_t mask = 0xFFFF;
    for (const auto& rc : r.chars) {
      if (rc.kind != RunKind::kChar) continue;
      if (rc.cp >= 0x10000) {
        mask = 0;
        break;
      }
      if (IsAlpha(rc.cp) || Category(rc.cp) != kQuote) mask &= masks[rc.cp];
    }
    for (size_t c = 0; c < nc; ++c) {
      Candidate& cand = r.cands[c];
      cand.valid = false;
      if (only_strong && strong[c] == 0) continue;
      if (!(mask & (1u << c))) continue;
      std::string_view rest = std::string_view(text).substr(r.end);
      cand.layered = false;
      cand.valid = TryCodec(r.chars, codecs[c], rest, &cand.cps, &cand.info);
      if (!cand.valid) continue;
      // Code pages that agree on the run give the same repair: score it once.
      bool same = false;
      for (size_t e = 0; e < c && !same; ++e) {
        const Candidate& other = r.cands[e];
        if (other.valid && other.cps == cand.cps) {
          cand.badness = other.badness;
          cand.layered = other.layered;
          same = true;
        }
      }
      if (same) continue;
      cand.badness = RunBadness(r, cand.cps);
      // A layer of stacked damage may look no better than the input until
      // the next layer is undone too: judge it by the best next layer.
      if (cand.badness > 0 && layer + 1 < opt.max_layers && HasSuspiciousPair(cand.cps)) {
        look.clear();
        for (int32_t cp : cand.cps)
          look.push_back({cp, cp == 0xFFFD ? RunKind::kLost : RunKind::kChar});
        for (size_t c2 = 0; c2 < nc; ++c2) {
          Decoded d2;
          if (!TryCodec(look, codecs[c2], rest, &next_cps, &d2)) continue;
          double b2 = RunBadness(r, next_cps);
          if (b2 < cand.badness) cand.badness = b2, cand.layered = true;
        }
      }
    }
  };
  // Runs that look bad vote first; runs that look fine (badness 0) are only
  // tried with a code page the others confirmed.
  for (auto& r : runs) {
    r.too_long = r.chars.size() > kMaxRunChars;
    if (r.too_long) {
      // The budget of one run: past it the run is left as it is, counted.
      r.badness = 0;
      r.cands.assign(nc, Candidate{});
      report.Count(kName, "runs-too-long");
      continue;
    }
    cps.clear();
    for (const auto& rc : r.chars) cps.push_back(rc.cp);
    r.badness = RunBadness(r, cps);
    if (r.badness > 0) evaluate(r, false);
  }
  // (Only the first layer sees the line as it came: later layers see the
  // repairs of the first.)
  std::vector<char> clean_elsewhere(nc, 0);
  // (Only short spans are refused: a line without one skips the pass.)
  if (layer == 0 &&
      std::any_of(runs.begin(), runs.end(), [](const Run& r) { return r.chars.size() <= 2; }))
    MarkCleanElsewhere(text, codecs, &clean_elsewhere);
  auto refused = [&](const Run& r, size_t c) {
    return clean_elsewhere[c] && IsShortSpan(r, r.cands[c]);
  };
  std::vector<std::vector<std::pair<UScriptCode, int>>> letters(nc);
  for (const auto& r : runs) {
    for (size_t c = 0; c < r.cands.size(); ++c) {
      if (r.cands[c].valid) CountForeignLetters(r.cands[c].cps, &letters[c]);
    }
  }
  for (const auto& r : runs) {
    for (size_t c = 0; c < r.cands.size(); ++c) {
      const Candidate& cand = r.cands[c];
      if (!cand.valid) continue;
      double imp = r.badness - cand.badness;
      if (imp >= RequiredImprovement(r, cand, opt.min_improvement) &&
          !LoneForeignLetter(r, cand.cps, letters[c]))
        ++strong[c];
      if (imp > 0) weak[c] += imp;
    }
  }
  const std::vector<int> strong_before = strong;
  const bool any_refuted =
      std::any_of(clean_elsewhere.begin(), clean_elsewhere.end(), [](char v) { return v != 0; });
  // Two clear repairs under a code page outweigh one clean character of it
  // (`– BlÃ¥ og grÃ¸nn`); one short span does not, and is not counted.
  for (size_t c = 0; c < nc; ++c) {
    if (strong[c] >= 2) clean_elsewhere[c] = 0;
    if (!clean_elsewhere[c]) continue;
    for (const auto& r : runs) {
      if (c >= r.cands.size()) continue;
      const Candidate& cand = r.cands[c];
      if (cand.valid && refused(r, c) &&
          r.badness - cand.badness >= RequiredImprovement(r, cand, opt.min_improvement) &&
          !LoneForeignLetter(r, cand.cps, letters[c]))
        --strong[c];
    }
  }
  bool any_strong = std::any_of(strong.begin(), strong.end(), [](int v) { return v > 0; });
  for (auto& r : runs) {
    if (r.badness <= 0 && !r.too_long) {
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
  // The code page that repairs run r best under the given votes, or -1.
  auto choose = [&](const Run& r, const std::vector<int>& votes) {
    int best = -1;
    for (size_t c = 0; c < nc; ++c) {
      const Candidate& cand = r.cands[c];
      if (!cand.valid) continue;
      double imp = r.badness - cand.badness;
      // A code page that clearly explains some run of this line needs less
      // evidence on the others.
      bool lone = LoneForeignLetter(r, cand.cps, letters[c]);
      bool ok = !lone && (imp >= RequiredImprovement(r, cand, opt.min_improvement) ||
                          (votes[c] > 0 && imp >= 0));
      if (!ok) continue;
      if (best < 0) {
        best = static_cast<int>(c);
        continue;
      }
      const Candidate& b = r.cands[best];
      auto key = [&](size_t k) { return std::make_pair(votes[k], weak[k]); };
      if (key(c) > key(best) || (key(c) == key(best) && cand.badness < b.badness - 1e-9)) {
        best = static_cast<int>(c);
      }
    }
    return best;
  };
  for (auto& r : runs) {
    int best = choose(r, strong);
    if (best < 0) continue;
    // A short span that would have gone to a code page the line shows it
    // was not read with is left as it is, not handed to one that reads it
    // worse (`“SmÃ¥land”` is not `Sm̴land`).
    if (any_refuted) {
      int unrefused = choose(r, strong_before);
      if (unrefused >= 0 && refused(r, static_cast<size_t>(unrefused))) continue;
    }
    // (Only a final repair is compared: an intermediate layer of stacked
    // damage is not text yet.)
    const auto& rep = r.cands[best].cps;
    bool intermediate =
        HasSuspiciousPair(rep) ||
        std::any_of(rep.begin(), rep.end(), [](int32_t c) { return c >= 0x80 && c < 0xA0; });
    if (!intermediate && ReadsBetterAsDoubleByte(text, r, rep)) continue;
    const Candidate& cand = r.cands[best];
    if (cand.layered || intermediate) *again = true;
    std::string after;
    for (int32_t c : cand.cps) mi::AppendUtf8(after, c);
    out.append(text, copied, r.start - copied);
    out += after;
    copied = r.end;
    changed = true;
    report.Count(kName, "fixed");
    report.Count(kName, std::string("via-") + codecs[best].name);
    if (cand.info.nbsp_restored > 0) report.Count(kName, "nbsp-restored", cand.info.nbsp_restored);
    if (cand.info.lost > 0) report.Count(kName, "lost-bytes-kept", cand.info.lost);
    std::string what = "utf8-as-" + codecs[best].name;
    if (layer > 0) what += " (layer " + std::to_string(layer + 1) + ")";
    report.AddEvent({std::string(kName), what, static_cast<int64_t>(base + r.start),
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
  return text::RewriteLines(
      text, [&](std::string_view line) { return MayChange(line); },
      [&](std::string_view line, size_t base, std::string* out) {
        *out += FixLine(line, base, report);
      });
}

std::string MojibakeFilter::FixLine(std::string_view text, size_t base, Report& report) const {
  std::string cur;
  cur.reserve(text.size());
  // Raw CESU-8 surrogate pairs.
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  if (options_.fix_cesu8 && text.find('\xED') != std::string_view::npos) {
    for (size_t i = 0; i < n;) {
      if (IsCesuPair(s, i, n)) {
        std::string after;
        mi::AppendUtf8(after, CesuValue(s + i));
        report.Count(kName, "cesu8-fixed");
        report.AddEvent({std::string(kName), "cesu8", static_cast<int64_t>(base + i),
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
    bool again = false;
    if (!FixLayer(cur, options_, report, layer, base, &again) || !again) break;
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
          report.AddEvent({std::string(kName), "c1-as-windows-1252", static_cast<int64_t>(base + i),
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
