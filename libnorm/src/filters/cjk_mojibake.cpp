#include "norm/cjk_mojibake.h"

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "mojibake_util.h"
#include "norm/mojibake.h"
#include "text_model.h"

namespace norm {

namespace mi = mojibake_internal;
namespace tm = text_model;

namespace {

constexpr std::string_view kName = "cjk-mojibake";

// The double-byte code pages involved, by index.
enum Dbcs { kGbk, kBig5, kSjis, kEucJp, kEucKr, kNumDbcs };
constexpr const char* kIcuNames[kNumDbcs] = {"GBK", "Big5", "Shift_JIS", "EUC-JP", "EUC-KR"};
constexpr const char* kShortNames[kNumDbcs] = {"gbk", "big5", "shift_jis", "euc-jp", "euc-kr"};

// ICU converters are stateful, so each thread opens its own set once and
// reuses it for every call.
struct Converters {
  std::array<UConverter*, kNumDbcs> cnv{};
  Converters() {
    for (int i = 0; i < kNumDbcs; ++i) {
      UErrorCode err = U_ZERO_ERROR;
      cnv[i] = ucnv_open(kIcuNames[i], &err);
      if (U_FAILURE(err)) {
        cnv[i] = nullptr;
        continue;
      }
      ucnv_setFromUCallBack(cnv[i], UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
      ucnv_setToUCallBack(cnv[i], UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
    }
  }
  ~Converters() {
    for (UConverter* c : cnv) {
      if (c != nullptr) ucnv_close(c);
    }
  }
  Converters(const Converters&) = delete;
  Converters& operator=(const Converters&) = delete;
};

Converters& ThreadConverters() {
  thread_local Converters converters;
  return converters;
}

// Encodes one code point; returns the byte count (0 when unmappable).
int EncodeOne(UConverter* cnv, int32_t cp, unsigned char* out) {
  UChar src[2];
  int32_t n = 0;
  if (cp >= 0x10000) {
    src[n++] = static_cast<UChar>(0xD7C0 + (cp >> 10));
    src[n++] = static_cast<UChar>(0xDC00 | (cp & 0x3FF));
  } else {
    src[n++] = static_cast<UChar>(cp);
  }
  UErrorCode err = U_ZERO_ERROR;
  int32_t len = ucnv_fromUChars(cnv, reinterpret_cast<char*>(out), 8, src, n, &err);
  if (U_FAILURE(err) || err == U_STRING_NOT_TERMINATED_WARNING) {
    if (err != U_STRING_NOT_TERMINATED_WARNING) return 0;
  }
  return len > 0 && len <= 4 ? len : 0;
}

// Decodes bytes strictly; false on any invalid or unmappable sequence.
bool DecodeStrict(UConverter* cnv, const std::string& bytes, std::vector<int32_t>* out) {
  std::vector<UChar> buf(bytes.size() + 2);
  UErrorCode err = U_ZERO_ERROR;
  ucnv_resetToUnicode(cnv);
  int32_t n = ucnv_toUChars(cnv, buf.data(), static_cast<int32_t>(buf.size()), bytes.data(),
                            static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) return false;
  out->clear();
  for (int32_t i = 0; i < n; ++i) {
    int32_t c = buf[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n) {
      c = 0x10000 + ((c - 0xD800) << 10) + (buf[i + 1] - 0xDC00);
      ++i;
    }
    out->push_back(c);
  }
  return true;
}

// Log-likelihood of cps between the characters prev and next (0: none).
double ScoreCps(const std::vector<int32_t>& cps, int32_t prev, int32_t next) {
  double sum = 0;
  char32_t p = static_cast<char32_t>(prev);
  for (int32_t c : cps) {
    sum += tm::ConditionalLogFreq(p, static_cast<char32_t>(c));
    p = static_cast<char32_t>(c);
  }
  if (next != 0)
    sum += tm::ConditionalLogFreq(p, static_cast<char32_t>(next)) -
           tm::LogFreq(static_cast<char32_t>(next));
  return sum;
}

bool IsAsciiLetter(int32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool IsCjkish(int32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) || c == 0xFFFD ||
         (c >= 0xE000 && c <= 0xF8FF) || c == 0x20AC || (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

bool IsLatin1High(int32_t c) {
  if (c >= 0x80 && c <= 0xFF) return true;
  return mi::WesternCodecs()[0].Encode(c) >= 0x80;
}

double LineEndBonus(int32_t cp, bool last) {
  return last && u_hasBinaryProperty(cp, UCHAR_S_TERM) ? 0.5 : 0.0;
}

// ---------------------------------------------------------------------------
// UTF-8 with unknown bytes: a pattern of bytes, -1 where a byte was lost.
// Fills each unknown byte with the value that makes the most plausible
// character (greedy, left to right). Returns false when the known bytes
// cannot be valid UTF-8.
bool ParseUtf8Pattern(const std::vector<int>& p, int32_t prev, bool ends_line,
                      std::vector<int32_t>* out, double* score, int* guessed) {
  out->clear();
  *score = 0;
  *guessed = 0;
  size_t i = 0;
  const size_t n = p.size();
  char32_t pc = static_cast<char32_t>(prev);
  auto is_cont = [](int b) { return b >= 0x80 && b <= 0xBF; };
  while (i < n) {
    int b = p[i];
    if (b >= 0 && b < 0x80) {
      out->push_back(b);
      *score += tm::ConditionalLogFreq(pc, static_cast<char32_t>(b));
      pc = static_cast<char32_t>(b);
      ++i;
      continue;
    }
    int len;
    int lead_lo, lead_hi;
    if (b < 0) {
      len = 3;
      lead_lo = 0xE3;
      lead_hi = 0xE9;
    } else if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
      lead_lo = lead_hi = b;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      lead_lo = lead_hi = b;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      lead_lo = lead_hi = b;
    } else {
      return false;
    }
    if (i + len > n) return false;
    int unknown = b < 0 ? 1 : 0;
    for (int k = 1; k < len; ++k) {
      int c = p[i + k];
      if (c < 0) {
        ++unknown;
      } else if (!is_cont(c)) {
        return false;
      }
    }
    if (unknown > 3) return false;
    // The model scores all CJK punctuation alike; a guessed character that
    // ends a line is more likely to end a sentence (Unicode
    // Sentence_Terminal: 。！？ rather than 、，).
    const bool last = ends_line && unknown > 0 && i + len == n;
    int32_t best = -1;
    double best_score = -1e18;
    int cont_ranges[3][2];
    for (int k = 1; k < len; ++k) {
      int c = p[i + k];
      cont_ranges[k - 1][0] = c < 0 ? 0x80 : c;
      cont_ranges[k - 1][1] = c < 0 ? 0xBF : c;
    }
    for (int lead = lead_lo; lead <= lead_hi; ++lead) {
      if (len == 2) {
        for (int c1 = cont_ranges[0][0]; c1 <= cont_ranges[0][1]; ++c1) {
          int32_t cp = ((lead & 0x1F) << 6) | (c1 & 0x3F);
          double s = tm::ConditionalLogFreq(pc, static_cast<char32_t>(cp)) + LineEndBonus(cp, last);
          if (s > best_score) best_score = s, best = cp;
        }
      } else if (len == 3) {
        for (int c1 = cont_ranges[0][0]; c1 <= cont_ranges[0][1]; ++c1) {
          for (int c2 = cont_ranges[1][0]; c2 <= cont_ranges[1][1]; ++c2) {
            int32_t cp = ((lead & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (c2 & 0x3F);
            if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) continue;
            double s =
                tm::ConditionalLogFreq(pc, static_cast<char32_t>(cp)) + LineEndBonus(cp, last);
            if (s > best_score) best_score = s, best = cp;
          }
        }
      } else {
        for (int c1 = cont_ranges[0][0]; c1 <= cont_ranges[0][1]; ++c1) {
          for (int c2 = cont_ranges[1][0]; c2 <= cont_ranges[1][1]; ++c2) {
            for (int c3 = cont_ranges[2][0]; c3 <= cont_ranges[2][1]; ++c3) {
              int32_t cp =
                  ((lead & 0x07) << 18) | ((c1 & 0x3F) << 12) | ((c2 & 0x3F) << 6) | (c3 & 0x3F);
              if (cp < 0x10000 || cp > 0x10FFFF) continue;
              double s =
                  tm::ConditionalLogFreq(pc, static_cast<char32_t>(cp)) + LineEndBonus(cp, last);
              if (s > best_score) best_score = s, best = cp;
            }
          }
        }
      }
    }
    if (best < 0) return false;
    out->push_back(best);
    *score += best_score;
    *guessed += unknown;
    pc = static_cast<char32_t>(best);
    i += len;
  }
  return true;
}

struct Candidate {
  std::string what;  // via-...
  std::vector<int32_t> cps;
  double score = -1e18;
  int guessed = 0;
  int codec_key = -1;    // for the per-text vote
  bool has_cjk = false;  // holds a Han, kana, Hangul or CJK punctuation character
};

constexpr int kNumKeys = kNumDbcs + kNumDbcs * kNumDbcs + kNumDbcs;
constexpr int kFirstLatin1Key = kNumDbcs + kNumDbcs * kNumDbcs;

// Whether a candidate may be taken on its own evidence: a repair of Latin-1
// text must give CJK characters, at least two of them (`ÖÐ` alone is too
// ambiguous); others need the same damage confirmed elsewhere in the text.
bool SelfSufficient(const Candidate& c) {
  return c.has_cjk && (c.codec_key < kFirstLatin1Key || c.cps.size() >= 2);
}

// UTF-8 read as a double-byte code page: encode back, decode as UTF-8.
bool TryUtf8As(int codec, const std::vector<int32_t>& run, int32_t prev, bool ends_line,
               int max_unknown, Candidate* cand) {
  UConverter* cnv = ThreadConverters().cnv[codec];
  if (cnv == nullptr) return false;
  std::vector<int> pattern;
  pattern.reserve(run.size() * 2);
  std::vector<size_t> holes;
  unsigned char buf[8];
  bool first = true;
  for (int32_t c : run) {
    if (c == 0xFFFD || c == 0x1A) {
      holes.push_back(pattern.size());
      pattern.push_back(-1);
      continue;
    }
    int n = EncodeOne(cnv, c, buf);
    if (n == 0) return false;
    for (int k = 0; k < n; ++k) pattern.push_back(buf[k]);
    // Fail fast on clean text: the first character must start valid UTF-8.
    if (first) {
      first = false;
      if (pattern[0] < 0x80 || pattern[0] < 0xC2 || pattern[0] > 0xF4) return false;
      if (pattern.size() > 1 && (pattern[1] < 0x80 || pattern[1] > 0xBF)) return false;
    }
  }
  if (static_cast<int>(holes.size()) > max_unknown) return false;
  // Each lost position held one or two bytes; try both (GBK loses one).
  size_t h = holes.size();
  double best = -1e18;
  std::vector<int32_t> cps;
  for (uint32_t mask = 0; mask < (1u << h); ++mask) {
    if (codec == kGbk && mask != 0) break;
    std::vector<int> p;
    p.reserve(pattern.size() + h);
    size_t hole_i = 0;
    for (size_t k = 0; k < pattern.size(); ++k) {
      p.push_back(pattern[k]);
      if (pattern[k] < 0) {
        if (mask & (1u << hole_i)) p.push_back(-1);
        ++hole_i;
      }
    }
    double score;
    int guessed;
    if (!ParseUtf8Pattern(p, prev, ends_line, &cps, &score, &guessed)) continue;
    if (score > best) {
      best = score;
      cand->cps = cps;
      cand->score = score;
      cand->guessed = guessed;
    }
  }
  if (best <= -1e17) return false;
  cand->what = std::string("utf8-as-") + kShortNames[codec];
  cand->codec_key = codec;
  return true;
}

// Double-byte text read as another double-byte code page (GBK <-> Big5).
bool TryCross(int written, int read, const std::vector<int32_t>& run, Candidate* cand) {
  UConverter* enc = ThreadConverters().cnv[read];
  UConverter* dec = ThreadConverters().cnv[written];
  if (enc == nullptr || dec == nullptr) return false;
  std::string bytes;
  unsigned char buf[8];
  for (int32_t c : run) {
    int n = EncodeOne(enc, c, buf);
    if (n == 0) return false;
    bytes.append(reinterpret_cast<const char*>(buf), n);
  }
  if (!DecodeStrict(dec, bytes, &cand->cps)) return false;
  cand->what = std::string(kShortNames[written]) + "-as-" + kShortNames[read];
  cand->codec_key = kNumDbcs + written * kNumDbcs + read;
  return true;
}

// Double-byte text read as windows-1252/Latin-1.
bool TryLatin1(int written, const std::string& bytes, Candidate* cand) {
  UConverter* dec = ThreadConverters().cnv[written];
  if (dec == nullptr) return false;
  if (!DecodeStrict(dec, bytes, &cand->cps)) return false;
  // The repair must consist of double-byte characters (any script: GBK and
  // Big5 also hold pinyin letters, Greek, Cyrillic and punctuation), with
  // no control, private-use or invalid character.
  size_t ascii = 0;
  for (int32_t c : cand->cps) {
    if (c < 0x80) {
      ++ascii;
      continue;
    }
    auto cls = tm::ClassOf(static_cast<char32_t>(c));
    if (cls == tm::TextClass::kControl || cls == tm::TextClass::kPrivateUse ||
        cls == tm::TextClass::kInvalid || cls == tm::TextClass::kHalfwidthKana)
      return false;
  }
  if (ascii * 2 >= cand->cps.size() + 1 && ascii > 0) return false;
  cand->what = std::string(kShortNames[written]) + "-as-windows-1252";
  cand->codec_key = kFirstLatin1Key + written;
  return true;
}

struct Run {
  size_t start = 0, end = 0;  // bytes
  std::vector<int32_t> cps;
  int32_t prev = 0, next = 0;
  bool in_word = false;  // touches an ASCII letter
  double score = 0;
  std::vector<Candidate> cands;
};

void CountIrreversible(std::string_view text, Report& report) {
  static constexpr std::string_view kArtifacts[] = {"锟斤拷", "烫烫烫", "屯屯屯"};
  for (std::string_view a : kArtifacts) {
    size_t pos = text.find(a);
    while (pos != std::string_view::npos) {
      size_t end = pos + a.size();
      // A longer repetition counts once.
      while (a != kArtifacts[0] && text.substr(end, 3) == a.substr(0, 3)) end += 3;
      report.Count(kName, "irreversible");
      std::string artifact(text.substr(pos, end - pos));
      report.AddEvent({std::string(kName), "irreversible (left unchanged)",
                       static_cast<int64_t>(pos), artifact, artifact});
      pos = text.find(a, end);
    }
  }
}

}  // namespace

std::unique_ptr<Filter> CjkMojibakeFilter::Create(const norm::Options& /*options*/,
                                                  Status* status) {
  *status = Status::Ok();
  return std::make_unique<CjkMojibakeFilter>();
}

bool CjkMojibakeFilter::MayChange(std::string_view text) const {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  bool prev_latin1 = false;
  for (size_t i = 0; i < n;) {
    if (s[i] < 0x80) {
      ++i;
      prev_latin1 = false;
      continue;
    }
    int32_t cp;
    int len = mi::DecodeUtf8(text, i, &cp);
    if (cp < 0) return true;
    if (IsCjkish(cp)) return true;
    bool l1 = IsLatin1High(cp);
    if (l1 && prev_latin1) return true;
    prev_latin1 = l1;
    i += len;
  }
  return false;
}

std::string CjkMojibakeFilter::Transform(std::string_view text, Report& report) const {
  if (options_.report_irreversible) CountIrreversible(text, report);
  if (!MayChange(text)) return std::string(text);
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const auto& cp1252 = mi::WesternCodecs()[0];

  // 1. Runs: maximal non-ASCII stretches; a Latin-1 run may also swallow the
  //    ASCII trail bytes of double-byte characters.
  std::vector<Run> runs;
  for (size_t i = 0; i < n;) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    Run r;
    r.start = i;
    if (i > 0) r.prev = s[i - 1] < 0x80 ? s[i - 1] : 0;
    bool latin1 = true, cjk = false;
    size_t j = i;
    bool pending_lead = false;  // Latin-1 view: an odd high byte awaits a trail
    while (j < n) {
      if (s[j] < 0x80) {
        // U+001A is what ICU's Shift_JIS decoder leaves for a lost byte.
        if (s[j] == 0x1A && cjk) {
          r.cps.push_back(0x1A);
          ++j;
          continue;
        }
        // An ASCII byte in trail range right after an unpaired lead byte.
        if (latin1 && !cjk && pending_lead && s[j] >= 0x40 && s[j] <= 0x7E) {
          r.cps.push_back(s[j]);
          pending_lead = false;
          ++j;
          continue;
        }
        break;
      }
      int32_t cp;
      int len = mi::DecodeUtf8(text, j, &cp);
      if (cp < 0) break;
      r.cps.push_back(cp);
      if (IsCjkish(cp)) cjk = true;
      if (!IsLatin1High(cp)) latin1 = false;
      pending_lead = !pending_lead;
      j += len;
    }
    r.end = j;
    i = j;
    if (j < n && s[j] < 0x80) r.next = s[j];
    // A lone character is only judged between ASCII characters (`caf茅`,
    // ` 脿 `), and must come back as a Latin letter.
    bool lone = r.cps.size() == 1;
    if (lone &&
        (!cjk || r.cps[0] == 0xFFFD || (r.prev == 0 && r.start > 0) || (r.next == 0 && j < n)))
      continue;
    r.in_word = IsAsciiLetter(r.prev) || IsAsciiLetter(r.next);
    r.score = ScoreCps(r.cps, r.prev, r.next);
    double mean = r.score / static_cast<double>(r.cps.size());
    // 2. Candidates, only for implausible runs.
    if (cjk && mean < -7.0) {
      for (int c = 0; c < kNumDbcs; ++c) {
        Candidate cand;
        bool ends_line = r.end == n || s[r.end] == '\n' || s[r.end] == '\r';
        if (TryUtf8As(c, r.cps, r.prev, ends_line, options_.max_unknown_bytes, &cand)) {
          r.cands.push_back(std::move(cand));
        }
      }
      Candidate cand;
      if (TryCross(kGbk, kBig5, r.cps, &cand)) r.cands.push_back(cand);
      if (TryCross(kBig5, kGbk, r.cps, &cand)) r.cands.push_back(cand);
    } else if (latin1 && !cjk) {
      std::string bytes;
      bool ok = true;
      for (int32_t c : r.cps) {
        int b = cp1252.Encode(c);
        if (b < 0) {
          ok = false;
          break;
        }
        bytes.push_back(static_cast<char>(b));
      }
      // Bytes that are valid UTF-8 as a whole are UTF-8 read as a
      // single-byte code page (perhaps twice): the mojibake filter's case.
      if (ok) {
        bool has_high = false;
        for (char ch : bytes) has_high |= static_cast<unsigned char>(ch) >= 0x80;
        size_t k = 0;
        bool valid = true;
        while (k < bytes.size()) {
          int32_t cp;
          k += mi::DecodeUtf8(bytes, k, &cp);
          if (cp < 0) {
            valid = false;
            break;
          }
        }
        if (valid && has_high) ok = false;
      }
      if (ok) {
        for (int c : {kGbk, kBig5, kSjis, kEucKr}) {
          Candidate cand;
          if (TryLatin1(c, bytes, &cand)) r.cands.push_back(std::move(cand));
        }
      }
    }
    // Latin-1 text may instead be UTF-8 read as a single-byte code page
    // (`ä¸­æ–‡`): the mojibake filter's repair of the same run competes.
    double western = -1e18;
    if (latin1 && !cjk && !r.cands.empty()) {
      static const MojibakeFilter kWestern;
      Report scratch;
      std::string_view run_text = text.substr(r.start, r.end - r.start);
      if (kWestern.MayChange(run_text)) {
        std::string fixed = kWestern.Transform(run_text, scratch);
        if (fixed != run_text) {
          std::vector<int32_t> w;
          for (size_t k = 0; k < fixed.size();) {
            int32_t cp;
            k += mi::DecodeUtf8(fixed, k, &cp);
            w.push_back(cp < 0 ? 0xFFFD : cp);
          }
          western = ScoreCps(w, r.prev, r.next);
        }
      }
    }
    for (auto& cand : r.cands) {
      cand.score = ScoreCps(cand.cps, r.prev, r.next);
      if (cand.score <= western) cand.score = -1e18;  // never chosen
      // Only a repair of Latin-1 text must show CJK characters; the other
      // damage kinds start from CJK-looking text already.
      cand.has_cjk = cjk;
      for (int32_t c : cand.cps) {
        if (IsCjkish(c) && c != 0xFFFD && c != 0x20AC) cand.has_cjk = true;
      }
    }
    if (lone) {
      // ... and must then come back as a Latin letter.
      std::erase_if(r.cands, [](const Candidate& c) {
        if (c.cps.size() != 1) return true;
        auto cls = tm::ClassOf(static_cast<char32_t>(c.cps[0]));
        return cls != tm::TextClass::kLatinLower && cls != tm::TextClass::kLatinUpper;
      });
    }
    if (!r.cands.empty()) runs.push_back(std::move(r));
  }
  if (runs.empty()) return std::string(text);

  // 3. Per-text vote: a damage kind that clearly repairs one run needs less
  //    evidence elsewhere.
  auto gain_ok = [&](const Run& r, const Candidate& c, double factor) {
    double gain = c.score - r.score;
    double chars = static_cast<double>(c.cps.size());
    // A lone character needs a Latin letter beside it, or a larger gain.
    if (r.cps.size() == 1) factor *= r.in_word ? 0.25 : 1.0;
    if (c.score / chars < options_.min_mean) return false;
    return gain >= factor * options_.min_gain &&
           gain >= factor * options_.min_gain_per_char * chars;
  };
  std::array<int, kNumKeys> strong{};
  for (const auto& r : runs) {
    for (const auto& c : r.cands) {
      if (SelfSufficient(c) && gain_ok(r, c, 1.0)) ++strong[c.codec_key];
    }
  }
  std::string out;
  out.reserve(n);
  size_t copied = 0;
  for (const auto& r : runs) {
    const Candidate* best = nullptr;
    for (const auto& c : r.cands) {
      // A repair to non-CJK characters (pinyin letters, Greek, Cyrillic in
      // GBK) needs the same damage confirmed by a CJK repair in the text.
      bool ok = (SelfSufficient(c) && gain_ok(r, c, 1.0)) ||
                (strong[c.codec_key] > 0 && gain_ok(r, c, 0.5));
      if (!ok) continue;
      if (best == nullptr || strong[c.codec_key] > strong[best->codec_key] ||
          (strong[c.codec_key] == strong[best->codec_key] && c.score > best->score))
        best = &c;
    }
    if (best == nullptr) continue;
    std::string after;
    for (int32_t c : best->cps) mi::AppendUtf8(after, c);
    out.append(text.substr(copied, r.start - copied));
    out += after;
    copied = r.end;
    report.Count(kName, "fixed");
    report.Count(kName, "via-" + best->what);
    if (best->guessed > 0) report.Count(kName, "guessed-bytes", best->guessed);
    report.AddEvent({std::string(kName), best->what, static_cast<int64_t>(r.start),
                     std::string(text.substr(r.start, r.end - r.start)), after});
  }
  if (copied == 0) return std::string(text);
  out.append(text.substr(copied));
  return out;
}

}  // namespace norm

namespace norm::mojibake_internal {

double BestDoubleByteScore(const std::string& bytes, int32_t prev, int32_t next) {
  double best = -1e18;
  std::vector<int32_t> cps;
  for (int c : {kGbk, kBig5, kSjis, kEucKr}) {
    UConverter* dec = ThreadConverters().cnv[c];
    if (dec == nullptr || !DecodeStrict(dec, bytes, &cps)) continue;
    int cjk = 0;
    bool ok = true;
    for (int32_t cp : cps) {
      if (IsCjkish(cp) && cp != 0xFFFD && cp != 0x20AC) {
        ++cjk;
      } else if (cp >= 0x80) {
        ok = false;
      }
    }
    if (!ok || cjk < 2) continue;
    best = std::max(best, ScoreCps(cps, prev, next));
  }
  return best;
}

double TextModelScore(const std::vector<int32_t>& cps, int32_t prev, int32_t next) {
  return ScoreCps(cps, prev, next);
}

}  // namespace norm::mojibake_internal
