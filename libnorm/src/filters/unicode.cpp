#include "unicode.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>

#include <array>
#include <atomic>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <cctype>
#include <vector>

#include "entity.h"
#include "norm/report.h"
#include "utf8.h"

namespace norm {

namespace {

enum Kind { kKeep, kLine, kControl, kZeroWidth, kBom, kWidth, kSpace };

struct Counts {
  std::array<int64_t, 7> by_kind{};
  int64_t entities = 0;
};

constexpr const char* kKindKeys[] = {"",
                                     "line-endings",
                                     "controls-removed",
                                     "zero-width-removed",
                                     "bom-removed",
                                     "width-folded",
                                     "spaces-folded"};

// ASCII bytes that need a look: controls (not TAB/LF), CR, '&', DEL.
constexpr std::array<bool, 128> MakeAsciiSpecial() {
  std::array<bool, 128> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = c != '\t' && c != '\n';
  t['&'] = true;
  t[0x7F] = true;
  return t;
}
constexpr std::array<bool, 128> kAsciiSpecial = MakeAsciiSpecial();

// Lead bytes of every non-ASCII character a rule applies to: U+0080..U+00BF
// (C2), U+2000..U+2FFF (E2), U+3000..U+3FFF (E3), U+F000..U+FFFF (EF).
inline bool SpecialLead(unsigned char b) {
  return b == 0xC2 || b == 0xE2 || b == 0xE3 || b == 0xEF;
}

// Decodes the character at in[pos]; 0xFFFD with length 1 on bad bytes.
uint32_t Next(std::string_view in, size_t pos, size_t* len) {
  const utf8::Decoded d = utf8::Decode(in, pos);
  *len = d.len;
  return d.cp;
}

uint32_t Prev(std::string_view in, size_t pos, size_t* start) {
  *start = pos;
  return utf8::Back(in, *start);
}

bool JoiningScript(uint32_t cp) {
  UErrorCode err = U_ZERO_ERROR;
  switch (uscript_getScript(static_cast<UChar32>(cp), &err)) {
    case USCRIPT_ARABIC:
    case USCRIPT_SYRIAC:
    case USCRIPT_NKO:
    case USCRIPT_MANDAIC:
    case USCRIPT_MONGOLIAN:
    case USCRIPT_HANIFI_ROHINGYA:
    case USCRIPT_DEVANAGARI:
    case USCRIPT_BENGALI:
    case USCRIPT_GURMUKHI:
    case USCRIPT_GUJARATI:
    case USCRIPT_ORIYA:
    case USCRIPT_TAMIL:
    case USCRIPT_TELUGU:
    case USCRIPT_KANNADA:
    case USCRIPT_MALAYALAM:
    case USCRIPT_SINHALA:
    case USCRIPT_TIBETAN:
    case USCRIPT_MYANMAR:
    case USCRIPT_KHMER:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_JAVANESE:
    case USCRIPT_BALINESE:
      return true;
    default:
      return false;
  }
}

bool EmojiBefore(uint32_t cp) {
  return u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_EXTENDED_PICTOGRAPHIC) ||
         (cp >= 0x1F3FB && cp <= 0x1F3FF) || cp == 0xFE0F;
}

// Whether the ZWNJ/ZWJ at in[pos, pos+len) does work: it joins emoji, or
// sits next to a letter of a joining or conjunct-forming script.
bool KeepJoiner(uint32_t cp, std::string_view in, size_t pos, size_t len) {
  uint32_t next = 0;
  if (pos + len < in.size()) {
    size_t n;
    next = Next(in, pos + len, &n);
  }
  uint32_t prev = 0;
  size_t at = pos;
  if (at > 0) prev = Prev(in, at, &at);
  if (cp == 0x200D && prev != 0 &&
      u_hasBinaryProperty(static_cast<UChar32>(next), UCHAR_EXTENDED_PICTOGRAPHIC) &&
      EmojiBefore(prev)) {
    return true;
  }
  if (JoiningScript(next)) return true;
  // Look back over combining marks to the base letter.
  for (int steps = 0; prev != 0 && steps < 4; ++steps) {
    if (JoiningScript(prev)) return true;
    UErrorCode err = U_ZERO_ERROR;
    if (uscript_getScript(static_cast<UChar32>(prev), &err) != USCRIPT_INHERITED || at == 0) break;
    prev = Prev(in, at, &at);
  }
  return false;
}

// The first byte at or after i that needs a look, 16 bytes at a time: ASCII
// controls, '&', DEL, and lead bytes other than E4..E9 (U+4000..U+9FFF, the
// bulk of Chinese text). Printable ASCII and continuation bytes are skipped.
// May stop on a continuation byte; never skips a byte that needs a look.
inline size_t SkipBoring(std::string_view in, size_t i) {
#ifdef __SSE2__
  const size_t n = in.size();
  const __m128i flip = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i below20 = _mm_set1_epi8(static_cast<char>(0x20 ^ 0x80));
  const __m128i above_bf = _mm_set1_epi8(static_cast<char>(0xBF ^ 0x80));
  const __m128i above_e3 = _mm_set1_epi8(static_cast<char>(0xE3 ^ 0x80));
  const __m128i below_ea = _mm_set1_epi8(static_cast<char>(0xEA ^ 0x80));
  const __m128i amp = _mm_set1_epi8('&');
  const __m128i del = _mm_set1_epi8(0x7F);
  while (i + 16 <= n) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in.data() + i));
    __m128i y = _mm_xor_si128(x, flip);  // unsigned order as signed
    __m128i lead = _mm_cmpgt_epi8(y, above_bf);
    __m128i cjk = _mm_and_si128(_mm_cmpgt_epi8(y, above_e3), _mm_cmplt_epi8(y, below_ea));
    __m128i hit = _mm_or_si128(_mm_cmplt_epi8(y, below20), _mm_andnot_si128(cjk, lead));
    hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(x, amp), _mm_cmpeq_epi8(x, del)));
    int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    i += 16;
  }
#else
  (void)in;
#endif
  return i;
}

// CJK punctuation no rule touches and every form leaves alone, recognised
// from its bytes: U+3001..U+3029 and U+3030..U+303F (not the ideographic
// space, not the combining tone marks U+302A..U+302F), and the full-width
// punctuation U+FF01..U+FF0F, U+FF1A..U+FF20, U+FF3B..U+FF40.
inline bool CommonCjkPunctuation(unsigned char b0, unsigned char b1, unsigned char b2) {
  if (b0 == 0xE3) return b1 == 0x80 && b2 != 0x80 && (b2 < 0xAA || b2 > 0xAF);
  if (b0 == 0xEF && b1 == 0xBC) return b2 <= 0x8F || (b2 >= 0x9A && b2 <= 0xA0) || b2 >= 0xBB;
  if (b0 == 0xEF && b1 == 0xBD) return b2 == 0x80;
  return false;
}

// Collects the output lazily: nothing is copied until the first change. In
// a dry run (out == null) the scan stops at the first change.
struct Sink {
  std::string_view in;
  std::string* out;
  size_t flushed = 0;
  bool changed = false;

  void Replace(size_t pos, size_t len, std::string_view repl) {
    changed = true;
    if (out != nullptr) {
      out->append(in.data() + flushed, pos - flushed);
      out->append(repl);
    }
    flushed = pos + len;
  }
  void Finish() {
    if (out != nullptr && changed) out->append(in.data() + flushed, in.size() - flushed);
  }
};

}  // namespace

struct UnicodeFilter::Impl {
  UnicodeOptions options;
  const icu::Normalizer2* nf = nullptr;  // null: --nf=none
  const icu::Normalizer2* nfkc = nullptr;
  std::unique_ptr<icu::UnicodeSet> nfkc_set;
  std::unique_ptr<icu::FilteredNormalizer2> filtered;

  // The rule for one character at in[pos, pos+len): kKeep, or its kind with
  // the replacement in *repl.
  Kind Rule(uint32_t cp, std::string_view in, size_t pos, size_t len, std::string* repl) const {
    repl->clear();
    if (cp < 0x80) {
      if (cp == '\r') {
        *repl = "\n";
        return kLine;
      }
      if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F) return kControl;
      return kKeep;
    }
    if (cp < 0xA0) {
      if (cp == 0x85) {
        *repl = "\n";
        return kLine;
      }
      return kControl;
    }
    switch (cp) {
      case 0xA0:
      case 0x2007:
      case 0x202F:
      case 0x3000:
        if (!options.fold_spaces) return kKeep;
        *repl = " ";
        return kSpace;
      case 0x2028:
      case 0x2029:
        *repl = "\n";
        return kLine;
      case 0x200B:
      case 0x2060:
        return kZeroWidth;
      case 0xFEFF:
        return kBom;
      case 0x200C:
      case 0x200D:
        return KeepJoiner(cp, in, pos, len) ? kKeep : kZeroWidth;
      default:
        break;
    }
    if (options.fold_width && cp >= 0xFF10 && cp <= 0xFF9F) {
      if (cp <= 0xFF19 || (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A)) {
        repl->push_back(static_cast<char>(cp - 0xFF00 + 0x20));
        return kWidth;
      }
      if (cp >= 0xFF61) {
        std::string one;
        utf8::Append(one, cp);
        *repl = Nfkc(one);
        return kWidth;
      }
    }
    return kKeep;
  }

  std::string Nfkc(std::string_view s) const {
    std::string r;
    icu::StringByteSink<std::string> sink(&r);
    UErrorCode err = U_ZERO_ERROR;
    nfkc->normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink,
                        nullptr, err);
    if (U_FAILURE(err)) return std::string(s);
    return r;
  }

  // Every rule but normalization. Returns whether anything changed; writes
  // the result to *out (when non-null and changed) and counts into *counts.
  // *needs_icu is set when the text holds a character that might not be
  // normalized already (see safe); clean CJK and ASCII text never does.
  bool Clean(std::string_view in, std::string* out, Counts* counts, bool* needs_icu) const {
    Sink sink{in, out};
    const bool check = nf != nullptr;
    std::string repl;
    size_t i = 0;
    const size_t n = in.size();
    while (i < n) {
      i = SkipBoring(in, i);
      if (i >= n) break;
      unsigned char b = static_cast<unsigned char>(in[i]);
      if (b < 0x80) {
        if (!kAsciiSpecial[b]) {
          ++i;
          continue;
        }
        if (b == '\r') {
          size_t len = (i + 1 < n && in[i + 1] == '\n') ? 2 : 1;
          sink.Replace(i, len, "\n");
          if (out == nullptr) return true;
          ++counts->by_kind[kLine];
          i += len;
          continue;
        }
        if (b == '&') {
          size_t len = 0;
          uint32_t cp = 0;
          int64_t refs = 0;
          size_t k = text::ParseEntity(in.substr(i), &cp);
          if (k != 0) {
            len = k;
            refs = 1;
            // "&amp;lt;": the '&' just decoded starts another reference.
            while (cp == '&' && refs < 16) {
              std::string again = "&";
              again.append(in.substr(i + len, 40));
              uint32_t cp2;
              size_t k2 = text::ParseEntity(again, &cp2);
              if (k2 == 0) break;
              len += k2 - 1;
              cp = cp2;
              ++refs;
            }
          }
          if (k == 0) {
            ++i;
            continue;
          }
          if (out == nullptr) return true;
          *needs_icu = true;
          Kind kind = Rule(cp, in, i, len, &repl);
          if (kind == kKeep) utf8::Append(repl, cp);
          if (kind != kKeep) ++counts->by_kind[kind];
          counts->entities += refs;
          sink.Replace(i, len, repl);
          i += len;
          continue;
        }
        sink.Replace(i, 1, "");
        if (out == nullptr) return true;
        ++counts->by_kind[kControl];
        ++i;
        continue;
      }
      if (utf8::IsContinuation(b)) {  // SkipBoring stopped mid-character
        ++i;
        continue;
      }
      if (i + 2 < n && CommonCjkPunctuation(b, static_cast<unsigned char>(in[i + 1]),
                                            static_cast<unsigned char>(in[i + 2]))) {
        i += 3;
        continue;
      }
      if (!SpecialLead(b)) {
        // U+4000..U+9FFF (leads E4..E9): ideographs, always normalized.
        if (check && !*needs_icu && (b < 0xE4 || b > 0xE9)) {
          size_t len;
          if (!Safe(Next(in, i, &len))) *needs_icu = true;
        }
        i += utf8::SequenceLength(b);
        continue;
      }
      size_t len;
      uint32_t cp = Next(in, i, &len);
      if (options.fold_width && cp >= 0xFF61 && cp <= 0xFF9F) {
        // A run of half-width katakana, folded together so that sound marks
        // combine (ｶﾞ -> ガ).
        size_t j = i + len;
        int64_t chars = 1;
        while (j < n) {
          size_t l2;
          uint32_t c2 = Next(in, j, &l2);
          if (c2 < 0xFF61 || c2 > 0xFF9F) break;
          j += l2;
          ++chars;
        }
        if (out == nullptr) return true;
        *needs_icu = true;
        sink.Replace(i, j - i, Nfkc(in.substr(i, j - i)));
        counts->by_kind[kWidth] += chars;
        i = j;
        continue;
      }
      Kind kind = Rule(cp, in, i, len, &repl);
      if (kind != kKeep) {
        if (out == nullptr) return true;
        ++counts->by_kind[kind];
        sink.Replace(i, len, repl);
      } else if (check && !Safe(cp)) {
        *needs_icu = true;
      }
      i += len;
    }
    sink.Finish();
    return sink.changed;
  }

  // Characters that are normalized whatever surrounds them: quick check
  // Yes and combining class 0 under the chosen form (always true outside
  // the filter set of --nf=NFKC). A text made of them only is normalized.
  // The BMP bitmap is filled 64 code points at a time on first use: building
  // it whole asked ICU about 65,536 code points, a third of the start-up of
  // a one-page run. One Normalizer serves many threads; two threads filling
  // the same word store the same value.
  static constexpr size_t kWords = 0x10000 / 64;
  mutable std::array<std::atomic<uint64_t>, kWords> safe{};
  mutable std::array<std::atomic<uint64_t>, kWords / 64> safe_ready{};

  bool SafeSlow(UChar32 c, UProperty qc) const {
    if (nfkc_set != nullptr && !nfkc_set->contains(c)) return true;
    return u_getCombiningClass(c) == 0 && u_getIntPropertyValue(c, qc) == UNORM_YES;
  }
  bool Safe(uint32_t cp) const {
    if (cp >= 0x10000) return SafeSlow(static_cast<UChar32>(cp), qc_prop);
    const size_t word = cp >> 6;
    const uint64_t ready_bit = uint64_t{1} << (word & 63);
    uint64_t bits;
    if (safe_ready[word >> 6].load(std::memory_order_acquire) & ready_bit) {
      bits = safe[word].load(std::memory_order_relaxed);
    } else {
      bits = 0;
      const UChar32 first = static_cast<UChar32>(word << 6);
      for (UChar32 c = first; c < first + 64; ++c)
        if (SafeSlow(c, qc_prop)) bits |= uint64_t{1} << (c & 63);
      safe[word].store(bits, std::memory_order_relaxed);
      safe_ready[word >> 6].fetch_or(ready_bit, std::memory_order_release);
    }
    return (bits >> (cp & 63)) & 1;
  }
  UProperty qc_prop = UCHAR_NFC_QUICK_CHECK;

  bool Normalized(std::string_view s) const {
    if (nf == nullptr) return true;
    UErrorCode err = U_ZERO_ERROR;
    bool yes =
        nf->isNormalizedUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), err);
    return U_FAILURE(err) || yes;
  }
};

UnicodeFilter::UnicodeFilter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
UnicodeFilter::~UnicodeFilter() = default;

std::unique_ptr<UnicodeFilter> UnicodeFilter::Make(const UnicodeOptions& options, Status* status) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  UErrorCode err = U_ZERO_ERROR;
  impl->nfkc = icu::Normalizer2::getNFKCInstance(err);
  if (U_FAILURE(err)) {
    *status = Status(StatusCode::kConfig, std::string("ICU normalization data unavailable: ") +
                                              u_errorName(err) + " (Debian package libicu72)");
    return nullptr;
  }
  std::string form;
  for (char c : options.form)
    form.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  if (form == "NFC") {
    impl->nf = icu::Normalizer2::getNFCInstance(err);
  } else if (form == "NFKC") {
    // NFKC everywhere except CJK punctuation and, unless folded, the spaces
    // that fold_spaces governs.
    std::u16string pattern =
        u"[^\\u3000-\\u303F\\uFF01-\\uFF0F\\uFF1A-\\uFF20\\uFF3B-\\uFF40\\uFF5B-\\uFF65";
    if (!options.fold_spaces) pattern += u"\\u00A0\\u2007\\u202F";
    pattern += u"]";
    impl->nfkc_set = std::make_unique<icu::UnicodeSet>(
        icu::UnicodeString(pattern.data(), static_cast<int32_t>(pattern.size())), err);
    if (U_SUCCESS(err)) {
      impl->nfkc_set->freeze();
      impl->filtered = std::make_unique<icu::FilteredNormalizer2>(*impl->nfkc, *impl->nfkc_set);
      impl->nf = impl->filtered.get();
    }
  } else if (form == "NONE") {
    impl->nf = nullptr;
  } else {
    *status = Status(StatusCode::kConfig, "unknown normalization form '" + options.form +
                                              "' (expected NFC, NFKC or none)");
    return nullptr;
  }
  if (U_FAILURE(err)) {
    *status = Status(StatusCode::kConfig, std::string("ICU normalization data unavailable: ") +
                                              u_errorName(err) + " (Debian package libicu72)");
    return nullptr;
  }
  if (impl->nf != nullptr) {
    impl->qc_prop = form == "NFKC" ? UCHAR_NFKC_QUICK_CHECK : UCHAR_NFC_QUICK_CHECK;
  }
  return std::make_unique<UnicodeFilter>(std::move(impl));
}

bool UnicodeFilter::MayChange(std::string_view text) const {
  Counts unused;
  bool needs_icu = false;
  if (impl_->Clean(text, nullptr, &unused, &needs_icu)) return true;
  return needs_icu && !impl_->Normalized(text);
}

std::string UnicodeFilter::Transform(std::string_view text, Report& report) const {
  Counts counts;
  std::string cleaned;
  bool needs_icu = false;
  bool changed = impl_->Clean(text, &cleaned, &counts, &needs_icu);
  std::string_view current = changed ? std::string_view(cleaned) : text;
  std::string result;
  if (needs_icu && !impl_->Normalized(current)) {
    icu::StringByteSink<std::string> sink(&result);
    icu::Edits edits;
    UErrorCode err = U_ZERO_ERROR;
    impl_->nf->normalizeUTF8(0,
                             icu::StringPiece(current.data(), static_cast<int32_t>(current.size())),
                             sink, &edits, err);
    if (U_SUCCESS(err)) {
      report.Count(name(), "normalized", edits.numberOfChanges());
    } else {
      result = std::string(current);
    }
  } else if (changed) {
    result = std::move(cleaned);
  } else {
    result = std::string(text);
  }
  for (int k = kLine; k <= kSpace; ++k) {
    if (counts.by_kind[k] != 0) report.Count(name(), kKindKeys[k], counts.by_kind[k]);
  }
  if (counts.entities != 0) report.Count(name(), "entities-decoded", counts.entities);
  return result;
}

std::unique_ptr<Filter> MakeUnicodeFilter(const Options& options, Status* status) {
  return UnicodeFilter::Make(options.unicode, status);
}

}  // namespace norm
