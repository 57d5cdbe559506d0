#include "cjk_mojibake.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "lines.h"
#include "mojibake_score.h"
#include "mojibake_util.h"
#include "script.h"
#include "text_model.h"

namespace norm {

namespace mi = mojibake_internal;
namespace tm = text_model;

namespace {

constexpr std::string_view kName = "cjk-mojibake";

using mi::IsCjkish;
using mi::kBig5;
using mi::kEucJp;
using mi::kEucKr;
using mi::kGbk;
using mi::kNumDbcs;
using mi::kSjis;

// A lost character weighs this much in the damaged run (it is the mark of
// the wrong decoder that a repair explains) and nothing in the repair,
// which keeps the losses it cannot undo.
constexpr double kLostInDamage = -10.0;

// A run of more characters than this (a whole paragraph without one ASCII
// byte) is not tried: re-encoding and scoring it under every code page costs
// time in proportion, and real damage of that length is rare.
constexpr size_t kMaxRunChars = 16384;
// Complete UTF-8 sequences a line's Latin-1 runs must hold before its runs
// cut at a space are taken as UTF-8 too: one short GBK run read as
// windows-1252 holds at most one or two by chance.
constexpr int kMinUtf8SequencesInLine = 3;

double ScoreCps(const std::vector<int32_t>& cps, int32_t prev, int32_t next, double lost = 0) {
  return mi::TextModelScore(cps, prev, next, lost);
}

bool IsAsciiLetter(int32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Han, kana or Hangul: a letter of CJK text (not punctuation).
bool IsCjkOrHangulLetter(int32_t c) {
  const auto u = static_cast<char32_t>(c);
  return text::IsHan(u) || text::IsKana(u) || text::IsHangul(u);
}

bool IsLatin1High(int32_t c) {
  if (c >= 0x80 && c <= 0xFF) return true;
  if (c < 0x100 || c > 0x2122) return false;  // windows-1252 ends at ™
  static const mi::SingleByteCodec& cp1252 = mi::WesternCodecs()[0];
  return cp1252.Encode(c) >= 0x80;
}

// ---------------------------------------------------------------------------
// UTF-8 with lost bytes: a pattern of bytes, -1 where the wrong decoder lost
// one or two bytes (it wrote U+FFFD or U+001A). A character that lost a byte
// becomes U+FFFD: the bytes cannot tell which character it was, so none is
// guessed. Continuation bytes right after a hole belong to the character the
// hole broke and go with it. Returns false when the known bytes cannot be
// UTF-8; *lost counts the characters kept as U+FFFD.
bool ParseLossyUtf8(const std::vector<int>& p, std::vector<int32_t>* out, int* lost) {
  out->clear();
  *lost = 0;
  const size_t n = p.size();
  auto is_cont = [](int b) { return b >= 0x80 && b <= 0xBF; };
  size_t i = 0;
  auto lose = [&](size_t hole) {
    out->push_back(0xFFFD);
    ++*lost;
    i = hole + 1;
    while (i < n && is_cont(p[i])) ++i;
  };
  while (i < n) {
    int b = p[i];
    if (b < 0) {
      lose(i);
      continue;
    }
    if (b < 0x80) {
      out->push_back(b);
      ++i;
      continue;
    }
    int len = b >= 0xC2 && b <= 0xDF   ? 2
              : b >= 0xE0 && b <= 0xEF ? 3
              : b >= 0xF0 && b <= 0xF4 ? 4
                                       : 0;
    if (len == 0 || i + len > n) return false;
    size_t hole = 0;
    for (int k = 1; k < len && hole == 0; ++k) {
      int c = p[i + k];
      if (c < 0) {
        hole = i + k;
      } else if (!is_cont(c)) {
        return false;
      }
    }
    if (hole != 0) {
      lose(hole);
      continue;
    }
    int32_t cp;
    if (len == 2) {
      cp = ((b & 0x1F) << 6) | (p[i + 1] & 0x3F);
    } else if (len == 3) {
      cp = ((b & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
      if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    } else {
      cp = ((b & 0x07) << 18) | ((p[i + 1] & 0x3F) << 12) | ((p[i + 2] & 0x3F) << 6) |
           (p[i + 3] & 0x3F);
      if (cp < 0x10000 || cp > 0x10FFFF) return false;
    }
    out->push_back(cp);
    i += len;
  }
  return true;
}

// Zhuyin (bopomofo) readings: `ㄐㄩˋ`, `˙ㄉㄜ`, `ㄓ`. GBK's full-width
// punctuation and digits read as Big5 also come out as bopomofo (`！：？` ->
// `ㄐㄩˋ`), so a run that spells well-formed syllables is a reading as
// likely as it is damage. A syllable is [˙] [initial] [medial] [final]
// [ˊˇˋ] with at least one letter; ㄐㄑㄒ need the medial ㄧ or ㄩ, and an
// initial stands alone only where Mandarin has a syllabic one (ㄓㄔㄕㄖㄗㄘㄙ).
// Inside one run (no space) every syllable but the last must end with a
// tone mark or the next start with ˙: unmarked first tones run together
// only in damage.
bool IsZhuyinReading(const std::vector<int32_t>& run) {
  auto initial = [](int32_t c) { return c >= 0x3105 && c <= 0x3119; };  // ㄅ..ㄙ
  auto final_ = [](int32_t c) { return c >= 0x311A && c <= 0x3126; };   // ㄚ..ㄦ
  auto medial = [](int32_t c) { return c >= 0x3127 && c <= 0x3129; };   // ㄧㄨㄩ
  auto tone = [](int32_t c) { return c == 0x02CA || c == 0x02C7 || c == 0x02CB; };
  constexpr int32_t kLight = 0x02D9;  // ˙, written before its syllable
  const size_t n = run.size();
  size_t i = 0;
  while (i < n) {
    if (i > 0 && !tone(run[i - 1]) && run[i] != kLight) return false;
    if (run[i] == kLight) ++i;
    int32_t ini = 0;
    bool med = false, fin = false;
    if (i < n && initial(run[i])) ini = run[i++];
    int32_t m = i < n && medial(run[i]) ? run[i] : 0;
    if (m != 0) {
      med = true;
      ++i;
    }
    if (i < n && final_(run[i])) {
      fin = true;
      ++i;
    }
    if (ini == 0 && !med && !fin) return false;
    if (ini >= 0x3110 && ini <= 0x3112 && m != 0x3127 && m != 0x3129) return false;  // ㄐㄑㄒ
    if (ini != 0 && !med && !fin && (ini < 0x3113 || ini > 0x3119)) return false;
    if (i < n && tone(run[i])) ++i;
  }
  return n > 0;
}

struct Candidate {
  std::string what;  // via-...
  std::vector<int32_t> cps;
  double score = -1e18;
  int lost = 0;                // characters that lost bytes, kept as U+FFFD
  int codec_key = -1;          // for the per-line vote
  bool has_cjk = false;        // holds a Han, kana, Hangul or CJK punctuation character
  bool needs_support = false;  // taken only when the line confirms the damage
};

constexpr int kNumKeys = kNumDbcs + kNumDbcs * kNumDbcs + kNumDbcs;
constexpr int kFirstLatin1Key = kNumDbcs + kNumDbcs * kNumDbcs;

// Whether a candidate may be taken on its own evidence: a repair of Latin-1
// text must give CJK characters, at least two of them (`ÖÐ` alone is too
// ambiguous); others need the same damage confirmed elsewhere in the text.
bool SelfSufficient(const Candidate& c) {
  return !c.needs_support && c.has_cjk && (c.codec_key < kFirstLatin1Key || c.cps.size() >= 2);
}

// UTF-8 read as a double-byte code page: encode back, decode as UTF-8.
// Cheap rejection first: the first character must give a UTF-8 lead byte,
// and a run with more lost bytes than max_unknown (or than one in four
// characters) is not tried.
// holes: the run's lost characters (U+FFFD, U+001A), counted once per run.
bool TryUtf8As(int codec, const std::vector<int32_t>& run, int holes, int max_unknown,
               Candidate* cand) {
  if (holes > std::max<int>(max_unknown, static_cast<int>(run.size() / 4))) return false;
  thread_local std::vector<int> pattern;
  pattern.clear();
  unsigned char buf[8];
  bool first = true;
  for (int32_t c : run) {
    if (c == 0xFFFD || c == 0x1A) {
      pattern.push_back(-1);
      continue;
    }
    int n = mi::EncodeDbcs(codec, c, buf);
    if (n == 0) return false;
    for (int k = 0; k < n; ++k) pattern.push_back(buf[k]);
    if (first) {
      first = false;
      if (pattern[0] < 0xC2 || pattern[0] > 0xF4) return false;
      if (pattern.size() > 1 && (pattern[1] < 0x80 || pattern[1] > 0xBF)) return false;
    }
  }
  if (!ParseLossyUtf8(pattern, &cand->cps, &cand->lost)) return false;
  // A repair that keeps nothing but losses (`縲�` -> `�`) is taken only
  // when the line confirms the damage.
  cand->needs_support = cand->lost >= static_cast<int>(cand->cps.size());
  cand->what = std::string("utf8-as-") + mi::kDbcsShortNames[codec];
  cand->codec_key = codec;
  return true;
}

// Double-byte text read as another double-byte code page (GBK <-> Big5).
bool TryCross(int written, int read, const std::vector<int32_t>& run, Candidate* cand) {
  std::string bytes;
  unsigned char buf[8];
  for (int32_t c : run) {
    int n = mi::EncodeDbcs(read, c, buf);
    if (n == 0) return false;
    bytes.append(reinterpret_cast<const char*>(buf), n);
  }
  if (!mi::DecodeDbcsStrict(written, bytes, &cand->cps)) return false;
  // A short run that a crossing turns into kana or Hangul is a rare name
  // decoded by chance (曾允元 -> 纯すじ) unless the same crossing repairs
  // another run of the line; Japanese in GBK read as Big5 shows its kana
  // over longer runs.
  cand->needs_support = false;
  for (int32_t c : cand->cps) {
    if (run.size() <= 3 &&
        (text::IsKana(static_cast<char32_t>(c)) || text::IsHangul(static_cast<char32_t>(c))))
      cand->needs_support = true;
  }
  cand->what = std::string(mi::kDbcsShortNames[written]) + "-as-" + mi::kDbcsShortNames[read];
  cand->codec_key = kNumDbcs + written * kNumDbcs + read;
  return true;
}

// Double-byte text read as windows-1252/Latin-1.
bool TryLatin1(int written, const std::string& bytes, Candidate* cand) {
  if (!mi::DecodeDbcsStrict(written, bytes, &cand->cps)) return false;
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
  cand->what = std::string(mi::kDbcsShortNames[written]) + "-as-windows-1252";
  cand->codec_key = kFirstLatin1Key + written;
  return true;
}

// How the bytes of a Latin-1 run read as UTF-8: wholly valid, valid apart
// from a sequence cut at either end (where a lost no-break space byte, 0xA0,
// split one character across two runs), or not UTF-8. `sequences` counts the
// complete multi-byte sequences.
enum class Utf8Shape { kValid, kValidButCut, kInvalid };
Utf8Shape ShapeAsUtf8(const std::string& bytes, bool may_cut_start, bool may_cut_end,
                      int* sequences) {
  *sequences = 0;
  size_t k = 0;
  bool cut = false;
  auto is_continuation = [&](size_t at) {
    return utf8::IsContinuation(static_cast<unsigned char>(bytes[at]));
  };
  if (may_cut_start) {
    while (k < bytes.size() && k < 3 && is_continuation(k)) ++k;
    cut = k > 0;
  }
  while (k < bytes.size()) {
    int32_t cp;
    const size_t len = static_cast<size_t>(mi::DecodeUtf8(bytes, k, &cp));
    if (cp < 0) {
      // A lead byte whose continuation bytes all run to the end: cut there.
      const auto lead = static_cast<unsigned char>(bytes[k]);
      // (Only C2..F4 lead a sequence: a Latin-1 run ending in ø..ÿ is not cut UTF-8.)
      const size_t want = lead >= 0xC2 && lead <= 0xF4 ? utf8::SequenceLength(lead) : 0;
      size_t have = 1;
      while (k + have < bytes.size() && is_continuation(k + have)) ++have;
      if (may_cut_end && want > have && k + have == bytes.size()) return Utf8Shape::kValidButCut;
      return Utf8Shape::kInvalid;
    }
    if (cp >= 0x80) ++*sequences;
    k += len;
  }
  return cut ? Utf8Shape::kValidButCut : Utf8Shape::kValid;
}

struct Run {
  size_t start = 0, end = 0;  // bytes
  std::vector<int32_t> cps;
  int32_t prev = 0, next = 0;
  bool in_word = false;    // touches an ASCII letter
  bool cut_utf8 = false;   // UTF-8 cut at a space (ShapeAsUtf8's kValidButCut)
  double score = 0;        // with its lost characters' penalty
  double known_score = 0;  // of the characters that survived only
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

bool CjkMojibakeFilter::FixLine(std::string_view text, size_t base, Report& report,
                                std::string* result) const {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const auto& cp1252 = mi::WesternCodecs()[0];

  // 1. Runs: maximal non-ASCII stretches; a Latin-1 run may also swallow the
  //    ASCII trail bytes of double-byte characters.
  std::vector<Run> runs;
  // Clean CJK text in the line (a plausible run of two or more CJK
  // characters): then a CJK run of up to three characters beside ASCII is an
  // ordinary word (`NT的SID`, `但init`, a rare name), not damage: damage
  // spares no CJK run of its line.
  bool clean_cjk = false;
  // Complete UTF-8 sequences in the line's Latin-1 runs that read as UTF-8
  // (whole or cut at a space): a line of UTF-8 read as windows-1252 whose
  // no-break spaces became spaces (`çœ è´¥ç Œï¼Œ`) is the mojibake filter's,
  // though each cut run alone may read as GBK.
  int utf8_sequences = 0;
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
    // (The end of the line is the end of the text: a line scores the same
    // alone and inside a text.)
    if (j < n && s[j] < 0x80 && s[j] != '\n' && s[j] != '\r') r.next = s[j];
    // A lone character is only judged between ASCII characters (`caf茅`,
    // ` 脿 `), and must come back as a Latin letter.
    bool lone = r.cps.size() == 1;
    if (lone && (!cjk || r.cps[0] == 0xFFFD || (r.prev == 0 && r.start > 0) ||
                 (r.next == 0 && j < n && s[j] >= 0x80)))
      continue;
    // One character repeated (`NÃÃÃÃO!!`, `¡¡¡`) is emphasis, not damage.
    if (r.cps.size() >= 3 &&
        std::all_of(r.cps.begin(), r.cps.end(), [&](int32_t c) { return c == r.cps[0]; }))
      continue;
    r.in_word = IsAsciiLetter(r.prev) || IsAsciiLetter(r.next);
    // The budget of one run: past it the run is left as it is, counted.
    if (r.cps.size() > kMaxRunChars) {
      report.Count(kName, "runs-too-long");
      continue;
    }
    size_t known = std::count_if(r.cps.begin(), r.cps.end(),
                                 [](int32_t c) { return c != 0xFFFD && c != 0x1A; });
    if (known == 0) continue;
    r.score = ScoreCps(r.cps, r.prev, r.next);
    // Without lost characters the damaged run scores the same: one pass of
    // the text model per run instead of two (most runs are clean CJK text).
    const double damaged_score =
        known < r.cps.size() ? ScoreCps(r.cps, r.prev, r.next, kLostInDamage) : r.score;
    double mean = r.score / static_cast<double>(known);
    r.known_score = r.score;
    r.score = damaged_score;  // what a repair is measured against
    if (cjk && mean >= -7.0 && r.cps.size() >= 2) clean_cjk = true;
    // The run's windows-1252 bytes, read as UTF-8. Bytes that are valid
    // UTF-8 as a whole are UTF-8 read as a single-byte code page (perhaps
    // twice): the mojibake filter's case. So are bytes cut at a space, when
    // the line holds more such UTF-8 (judged once all its runs are read).
    // (Runs with € or ‚ count as CJK-looking, yet are windows-1252 too.)
    std::string bytes;
    bool encodes = latin1, utf8_whole = false;
    if (latin1) {
      for (int32_t c : r.cps) {
        const int b = cp1252.Encode(c);
        if (b < 0) {
          encodes = false;
          break;
        }
        bytes.push_back(static_cast<char>(b));
      }
    }
    if (encodes) {
      int sequences = 0;
      const bool cut_start = r.prev == ' ' || r.start == 0;
      const bool cut_end = r.next == ' ' || j == n;
      const Utf8Shape shape = ShapeAsUtf8(bytes, cut_start, cut_end, &sequences);
      if (shape != Utf8Shape::kInvalid) utf8_sequences += sequences;
      r.cut_utf8 = shape == Utf8Shape::kValidButCut;
      utf8_whole = shape == Utf8Shape::kValid && sequences > 0;
    }
    // 2. Candidates, only for implausible runs.
    // (A lost character is evidence of a wrong decoder by itself.)
    if (cjk && (mean < -7.0 || known < r.cps.size())) {
      const int holes = static_cast<int>(r.cps.size() - known);
      for (int c = 0; c < kNumDbcs; ++c) {
        Candidate cand;
        if (TryUtf8As(c, r.cps, holes, options_.max_unknown_bytes, &cand)) {
          r.cands.push_back(std::move(cand));
        }
      }
      Candidate cand;
      if (TryCross(kGbk, kBig5, r.cps, &cand)) r.cands.push_back(cand);
      if (TryCross(kBig5, kGbk, r.cps, &cand)) r.cands.push_back(cand);
    } else if (latin1 && !cjk && encodes && !utf8_whole) {
      for (int c : {kGbk, kBig5, kSjis, kEucKr}) {
        Candidate cand;
        if (TryLatin1(c, bytes, &cand)) r.cands.push_back(std::move(cand));
      }
    }
    // A zhuyin reading is repaired only when the line confirms the damage
    // (the same crossing repairs a run that is not zhuyin).
    if (cjk && IsZhuyinReading(r.cps)) {
      for (auto& cand : r.cands) cand.needs_support = true;
    }
    // Latin-1 text may instead be UTF-8 read as a single-byte code page
    // (`ä¸­æ–‡`, the mojibake filter's case): that reading competes.
    double western = -1e18;
    if (latin1 && !cjk && !r.cands.empty())
      western = mi::BestWesternUtf8Score(r.cps, r.prev, r.next);
    for (auto& cand : r.cands) {
      cand.score = ScoreCps(cand.cps, r.prev, r.next);
      if (cand.score <= western) cand.score = -1e18;  // never chosen
      // Only a repair of Latin-1 text must show CJK characters; the other
      // damage kinds start from CJK-looking text already.
      int letters = 0;
      for (int32_t c : cand.cps) letters += IsCjkOrHangulLetter(c);
      cand.has_cjk = latin1 && !cjk ? letters >= 2 : cjk;
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
  if (clean_cjk) {
    std::erase_if(runs, [](const Run& r) { return r.cps.size() <= 3 && r.prev + r.next != 0; });
  }
  if (utf8_sequences >= kMinUtf8SequencesInLine) {
    std::erase_if(runs, [](const Run& r) { return r.cut_utf8; });
  }
  if (runs.empty()) {
    result->append(text);
    return false;
  }

  // 3. Per-line vote: a damage kind that clearly repairs one run of the
  //    line needs less evidence on the line's other runs.
  auto gain_ok = [&](const Run& r, const Candidate& c, double factor) {
    double gain = c.score - r.score;
    // The losses are the wrong decoder's mark, but the characters that
    // survived must read better too (`혹�` is not `Ȥ�`).
    if (c.score <= r.known_score) return false;
    double chars = static_cast<double>(c.cps.size() - c.lost);
    // A lone character needs a Latin letter beside it, or a larger gain.
    if (r.cps.size() == 1) factor *= r.in_word ? 0.25 : 1.0;
    // (A repair that gains twice the usual per character may read lower:
    // classical Chinese, rare names, text around lost characters.)
    double min_mean =
        options_.min_mean - (gain >= 2 * options_.min_gain_per_char * chars ? 1.5 : 0);
    if (chars > 0 && c.score / chars < min_mean) return false;
    return gain >= factor * options_.min_gain &&
           gain >= factor * options_.min_gain_per_char * chars;
  };
  // `strong`: the damage kinds that clearly repair some run. `votes`: the
  // characters each kind repairs where it reads best, which orders the
  // kinds: Chinese read through EUC-KR also passes (Hangul mixed with
  // Hanja), and a tie of passes let a short run's better-scoring wrong
  // reading win.
  std::array<int, kNumKeys> strong{};
  std::array<size_t, kNumKeys> votes{};
  for (const auto& r : runs) {
    const Candidate* winner = nullptr;
    for (const auto& c : r.cands) {
      if (!SelfSufficient(c) || !gain_ok(r, c, 1.0)) continue;
      ++strong[c.codec_key];
      if (winner == nullptr || c.score > winner->score) winner = &c;
    }
    if (winner != nullptr) votes[winner->codec_key] += winner->cps.size() - winner->lost;
  }
  std::string& out = *result;
  size_t copied = 0;
  bool changed = false;
  for (const auto& r : runs) {
    const Candidate* best = nullptr;
    for (const auto& c : r.cands) {
      // A repair to non-CJK characters (pinyin letters, Greek, Cyrillic in
      // GBK) needs the same damage confirmed by a CJK repair in the text.
      bool ok = (SelfSufficient(c) && gain_ok(r, c, 1.0)) ||
                (strong[c.codec_key] > 0 && gain_ok(r, c, 0.5));
      if (!ok) continue;
      if (best == nullptr || votes[c.codec_key] > votes[best->codec_key] ||
          (votes[c.codec_key] == votes[best->codec_key] &&
           (strong[c.codec_key] > strong[best->codec_key] ||
            (strong[c.codec_key] == strong[best->codec_key] && c.score > best->score))))
        best = &c;
    }
    if (best == nullptr) continue;
    std::string after;
    for (int32_t c : best->cps) mi::AppendUtf8(after, c);
    out.append(text.substr(copied, r.start - copied));
    out += after;
    copied = r.end;
    changed = true;
    report.Count(kName, "fixed");
    report.Count(kName, "via-" + best->what);
    if (best->lost > 0) report.Count(kName, "lost-bytes-kept", best->lost);
    report.AddEvent({std::string(kName), best->what, static_cast<int64_t>(base + r.start),
                     std::string(text.substr(r.start, r.end - r.start)), after});
  }
  out.append(text.substr(copied));
  return changed;
}

std::string CjkMojibakeFilter::Transform(std::string_view text, Report& report) const {
  if (options_.report_irreversible) CountIrreversible(text, report);
  if (!MayChange(text)) return std::string(text);
  return text::RewriteLines(
      text, [&](std::string_view line) { return MayChange(line); },
      [&](std::string_view line, size_t base, std::string* out) {
        FixLine(line, base, report, out);
      });
}

}  // namespace norm
