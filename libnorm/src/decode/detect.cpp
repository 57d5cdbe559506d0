// Encoding detection evidence chain. See detect.h.
#include "detect.h"

#include <uchardet/uchardet.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "ascii.h"
#include "charset_report.h"
#include "lang_model.h"
#include "reading_checks.h"
#include "text_model.h"
#include "utf8.h"
#include "vietnamese_tones.h"

namespace norm::detect {
namespace {

using charset::Encoding;
using charset::Family;

const Encoding& Enc(std::string_view name) { return *charset::Lookup(name); }

// ---------------------------------------------------------------------------
// uchardet, one detector per thread, reused.

struct UchardetDeleter {
  void operator()(uchardet_t u) const { uchardet_delete(u); }
};

std::string RunUchardet(std::string_view bytes) {
  thread_local std::unique_ptr<struct uchardet, UchardetDeleter> ud(uchardet_new());
  uchardet_reset(ud.get());
  if (uchardet_handle_data(ud.get(), bytes.data(), bytes.size()) != 0) return {};
  uchardet_data_end(ud.get());
  const char* name = uchardet_get_charset(ud.get());
  return name ? name : "";
}

// ---------------------------------------------------------------------------
// UTF-16/32 without BOM: NUL bytes in the high half of ASCII code units.

constexpr size_t kMinWideBytes = 16;  // shorter inputs are never UTF-16/32 without BOM

const Encoding* NulPattern(std::string_view w) {
  if (w.size() < kMinWideBytes) return nullptr;
  size_t zero_mod4[4] = {0, 0, 0, 0};
  size_t total_zero = 0;
  const size_t m = w.size() & ~size_t{1};
  for (size_t i = 0; i < m; ++i) {
    if (w[i] == 0) {
      ++zero_mod4[i & 3];
      ++total_zero;
    }
  }
  if (total_zero == 0) return nullptr;
  const double quarter = static_cast<double>(std::max<size_t>(m / 4, 1));
  const double half = static_cast<double>(std::max<size_t>(m / 2, 1));
  const double z0 = zero_mod4[0] / quarter, z1 = zero_mod4[1] / quarter;
  const double z2 = zero_mod4[2] / quarter, z3 = zero_mod4[3] / quarter;
  if (z2 > 0.9 && z3 > 0.9 && z0 < 0.5) return &Enc("UTF-32LE");
  if (z0 > 0.9 && z1 > 0.9 && z3 < 0.5) return &Enc("UTF-32BE");
  const double even = (zero_mod4[0] + zero_mod4[2]) / half;
  const double odd = (zero_mod4[1] + zero_mod4[3]) / half;
  if (odd > 0.3 && even < 0.05) return &Enc("UTF-16LE");
  if (even > 0.3 && odd < 0.05) return &Enc("UTF-16BE");
  return nullptr;
}

// ---------------------------------------------------------------------------
// Candidates for the plausibility model.

struct Candidate {
  const Encoding* enc;
  double prior;  // nats: how common the encoding is on its own
};

double PriorByName(const Encoding& e) {
  const std::string_view n = e.name;
  if (n == "UTF-8" || n == "GB18030" || n == "windows-1252" || n == "windows-1251" ||
      n == "Shift_JIS" || n == "EUC-KR" || n == "Big5") {
    return 0.0;
  }
  if (n == "UTF-16LE" || n == "UTF-16BE") return -3.0;
  if (n == "macintosh" || n == "x-mac-cyrillic") return -3.0;
  if (n == "IBM866" || n == "ISO-8859-13") return -1.5;
  if (!e.name[0] || n == "VISCII" || n.substr(0, 3) == "IBM" || n == "CP1125" ||
      n == "MAC-CENTRALEUROPE" || n == "ISO-8859-3" || n == "ISO-8859-4" || n == "ISO-8859-10" ||
      n == "ISO-8859-16") {
    return -3.0;
  }
  if (n.substr(0, 8) == "ISO-8859") return -0.7;
  return -0.3;
}

// PriorByName of every encoding of the table, computed once: the race asks
// it about half a million times on 600 small files, each a string compare
// chain (the values are PriorByName's own).
double Prior(const Encoding& e) {
  static const std::vector<double> table = [] {
    size_t count = 0;
    const Encoding* all = charset::All(&count);
    std::vector<double> t(count);
    for (size_t i = 0; i < count; ++i) t[i] = PriorByName(all[i]);
    return t;
  }();
  size_t count = 0;
  const Encoding* all = charset::All(&count);
  if (&e >= all && &e < all + count) return table[static_cast<size_t>(&e - all)];
  return PriorByName(e);
}

bool LangMatches(std::string_view lang, Family f) {
  std::string l;
  for (char c : lang) {
    if (c == '-' || c == '_') break;
    l.push_back(text::AsciiLower(c));
  }
  auto any = [&](std::initializer_list<const char*> codes) {
    for (const char* c : codes) {
      if (l == c) return true;
    }
    return false;
  };
  switch (f) {
    case Family::kUnicode:
      return true;
    case Family::kChinese:
      return any({"zh", "yue", "cmn", "wuu"});
    case Family::kJapanese:
      return any({"ja"});
    case Family::kKorean:
      return any({"ko"});
    case Family::kCyrillic:
      return any({"ru", "uk", "bg", "be", "sr", "mk", "kk", "ky", "tg", "mn", "ba", "tt"});
    case Family::kGreek:
      return any({"el"});
    case Family::kHebrew:
      return any({"he", "iw", "yi"});
    case Family::kArabic:
      return any({"ar", "fa", "ur", "ps", "ku"});
    case Family::kThai:
      return any({"th"});
    case Family::kVietnamese:
      return any({"vi"});
    case Family::kTurkish:
      return any({"tr", "az"});
    case Family::kCentralEuropean:
      return any({"pl", "cs", "sk", "hu", "sl", "hr", "ro", "bs", "sq", "sr"});
    case Family::kBaltic:
      return any({"lt", "lv", "et"});
    case Family::kWestern:
      return any({"en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "nn", "fi",
                  "is", "ca", "eu", "gl", "ga", "af", "sw", "id", "ms", "tl", "la", "cy"});
    case Family::kOther:
      return false;
  }
  return false;
}

bool KnownLang(std::string_view lang) {
  for (int f = 0; f < static_cast<int>(Family::kOther); ++f) {
    if (f != static_cast<int>(Family::kUnicode) && LangMatches(lang, static_cast<Family>(f))) {
      return true;
    }
  }
  return false;
}

// Whether UTF-16 without BOM can be weighed: text has no U+0000, so a
// window holding an aligned pair of NUL bytes (a zero-filled block, binary
// junk) is no UTF-16, and packing its NULs into fewer characters must not
// win. UTF-32 is left to the NUL pattern (NulPattern): every BMP character
// has two zero bytes, so UTF-32 text always shows it.
bool Utf16Possible(std::string_view w) {
  if (w.size() < kMinWideBytes) return false;
  for (size_t i = 0; i + 1 < w.size(); i += 2) {
    if (w[i] == 0 && w[i + 1] == 0) return false;
  }
  return true;
}

std::vector<Candidate> Candidates(std::string_view lang, bool with_utf16) {
  std::vector<Candidate> out;
  size_t count;
  const Encoding* all = charset::All(&count);
  const bool filter = !lang.empty() && KnownLang(lang);
  for (size_t i = 0; i < count; ++i) {
    const Encoding& e = all[i];
    const std::string_view n = e.name;
    // Escape-based and 4-byte encodings have their own evidence.
    if (n == "ISO-2022-JP" || n == "ISO-2022-KR" || n == "HZ-GB-2312") continue;
    if (!charset::Weighed(e)) continue;  // weighed when named
    if (n == "UTF-32LE" || n == "UTF-32BE") continue;
    if (!with_utf16 && (n == "UTF-16LE" || n == "UTF-16BE")) continue;
    if (filter && !LangMatches(lang, e.family)) continue;
    out.push_back({&e, Prior(e)});
  }
  return out;
}

constexpr size_t kModelSample = 1024;      // bytes of the window the model decodes
constexpr size_t kUchardetSample = 16384;  // bytes of the window uchardet reads
constexpr double kErrorPenalty = -12.0;    // per invalid sequence, beyond U+FFFD's own score
// A declared encoding whose decoding scores below this per character is
// checked against the other candidates, and loses when one of them scores
// kOverrideDeclared nats better over the sample.
constexpr double kImplausiblePerChar = -8.0;
constexpr double kOverrideDeclared = 20.0;

// Candidates whose generic score is this far below the best are not given
// the letter model's (costlier) look: its gain seldom exceeds this.
constexpr double kLetterWindow = 60.0;
// uchardet's answer gets kUchardetBonus plus kUchardetBonusPerHigh per
// non-ASCII byte of the sample (up to 400): its byte-level models get
// better with length. Tuned on chardet's tests/ and the dev half of
// bench/gen_detect_heldout.py (6 + 0.1 before the letter model).
constexpr double kUchardetBonus = 3.0;
constexpr double kUchardetBonusPerHigh = 0.05;
// What a reading the letter model cannot check must beat uchardet's by.
constexpr double kUncheckedOverride = 10.0;
// What the models' best reading must beat every other text by, beyond the
// largest bonus uchardet's answer could get, to be decided without it.
constexpr double kDecisiveMargin = 20.0;

// Where the models decide without uchardet: the common code pages and
// double-byte encodings; the rare ones keep uchardet's word.
bool DecidedWithoutUchardet(const Encoding& e) {
  if (Prior(e) <= -1.5) return false;
  if (e.single_byte) return charset::AsciiCompatibleTable(e) != nullptr;
  return e.family == Family::kChinese || e.family == Family::kJapanese ||
         e.family == Family::kKorean;
}

// A full-width form glued to an ASCII letter ("l'Ｒuipe": Shift_JIS read
// into French) is a misreading; CJK text puts full-width letters in runs.
constexpr double kFullwidthGluePenalty = -6.0;

size_t FullwidthGlue(std::string_view utf8) {
  size_t glue = 0;
  bool prev_ascii_letter = false, prev_fullwidth = false;
  for (size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    // U+FF01..U+FF5E is EF BC 81..EF BD 9E.
    const bool fullwidth = b == 0xEF && i + 2 < utf8.size() &&
                           (static_cast<unsigned char>(utf8[i + 1]) == 0xBC ||
                            static_cast<unsigned char>(utf8[i + 1]) == 0xBD);
    const bool ascii_letter = (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
    if ((fullwidth && prev_ascii_letter) || (ascii_letter && prev_fullwidth)) ++glue;
    prev_ascii_letter = ascii_letter;
    prev_fullwidth = fullwidth;
    i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  }
  return glue;
}

struct Scored {
  const Encoding* enc;
  double score;
  int64_t errors;
  std::string text;
  // Dropped below the floor part way: score is an upper bound and text is
  // empty (Settle scores it in full when it matters).
  bool cut = false;
  // Cut by its invalid sequences before the end of the sample was decoded:
  // in full it keeps that bound as its score (see ScoreCandidate).
  bool penalty_cut = false;
  double floor = 0.0;   // the floor it was scored against
  double offset = 0.0;  // what DetectByModel added to ScoreCandidate's score
};

// What every ASCII-compatible single-byte reading of a sample shares: the
// generic model's terms for characters that follow an ASCII character (or
// start the text), where the high bytes are, and the byte pairs whose terms
// differ between readings.
struct SharedSample {
  double ascii_score = 0.0;
  std::vector<uint32_t> high;  // offsets of the bytes >= 0x80
  // Each distinct pair of adjacent bytes with a high byte in it (a = 0 at
  // the start of the sample, which the model reads like U+0000), most
  // frequent first: a single-byte reading's terms beyond ascii_score are
  // count x ConditionalLogFreq(cp[a], cp[b]). A text repeats its letter
  // pairs, so a code page is scored on a third or less of the terms, and
  // the frequent ones first bring a loser below the floor sooner.
  struct Pair {
    uint8_t a, b;
    uint32_t count;
  };
  std::vector<Pair> pairs;
  // Each distinct high byte and how often it occurs: the invalid sequences
  // of a code page that leaves some undefined.
  std::vector<std::pair<uint8_t, uint32_t>> high_bytes;
  // Each distinct ASCII byte of the sample.
  std::vector<uint8_t> ascii_bytes;
};

SharedSample Share(std::string_view sample) {
  SharedSample shared;
  char32_t prev = 0;
  bool prev_ascii = true;
  for (size_t i = 0; i < sample.size(); ++i) {
    const auto b = static_cast<unsigned char>(sample[i]);
    if (b < 0x80 && prev_ascii) shared.ascii_score += text_model::ConditionalLogFreq(prev, b);
    if (b >= 0x80) shared.high.push_back(static_cast<uint32_t>(i));
    prev_ascii = b < 0x80;
    prev = b;
  }
  // Slot of each pair (a << 8 | b) in shared.pairs, plus one; reset after.
  thread_local std::vector<uint32_t> slot(1 << 16, 0);
  std::array<uint32_t, 128> high_count{};
  std::array<bool, 128> ascii_seen{};
  for (const char ch : sample) {
    if (static_cast<unsigned char>(ch) < 0x80) ascii_seen[static_cast<unsigned char>(ch)] = true;
  }
  for (unsigned b = 0; b < 128; ++b) {
    if (ascii_seen[b]) shared.ascii_bytes.push_back(static_cast<uint8_t>(b));
  }
  const auto* p = reinterpret_cast<const unsigned char*>(sample.data());
  auto add = [&](unsigned a, unsigned b) {
    uint32_t& s = slot[a << 8 | b];
    if (s == 0) {
      shared.pairs.push_back({static_cast<uint8_t>(a), static_cast<uint8_t>(b), 0});
      s = static_cast<uint32_t>(shared.pairs.size());
    }
    ++shared.pairs[s - 1].count;
  };
  for (const uint32_t k : shared.high) {
    ++high_count[p[k] - 0x80];
    add(k > 0 ? p[k - 1] : 0, p[k]);
    if (k + 1 < sample.size() && p[k + 1] < 0x80) add(p[k], p[k + 1]);
  }
  for (const auto& pr : shared.pairs) slot[pr.a << 8 | pr.b] = 0;
  std::stable_sort(
      shared.pairs.begin(), shared.pairs.end(),
      [](const SharedSample::Pair& x, const SharedSample::Pair& y) { return x.count > y.count; });
  for (unsigned b = 0; b < 128; ++b) {
    if (high_count[b]) shared.high_bytes.push_back({static_cast<uint8_t>(b + 0x80), high_count[b]});
  }
  return shared;
}

// Decodes the sample and scores the text. When the invalid sequences alone
// (each worth at most kErrorPenalty plus U+FFFD's own score) already put
// the candidate below `floor`, the text is not scored. Every term of the
// generic model is a log-probability (<= 0): a partial
// sum bounds the whole from above, so a candidate is dropped as soon as its
// sum falls below the floor (its score is then that bound and its text is
// not decoded: it is out of the race, and a reading that decodes to the
// winner's text scores within a prior of it, never below the floor).
constexpr size_t kFloorCheckEvery = 32;  // bytes of UTF-8
constexpr size_t kDecodeChunk = 256;     // bytes of a multi-byte reading decoded at a time
constexpr size_t kPairCheckEvery = 8;    // byte pairs of a code page (cheap: one compare)

// The code point of each byte of a single-byte encoding that reads the
// sample's ASCII bytes as ASCII (every ASCII-compatible code page; the IBM
// ones too when the sample has none of the control bytes they move), or
// nullptr: its reading is then scored as text.
const char32_t* ByteTableOn(const Encoding& enc, const SharedSample& shared) {
  if (const char32_t* cp = charset::AsciiCompatibleTable(enc)) return cp;
  const char32_t* cp = charset::SingleByteTable(enc);
  if (cp == nullptr || cp[0] != 0) return nullptr;  // U+0000 starts the sample (Share)
  for (const uint8_t b : shared.ascii_bytes) {
    if (cp[b] != b) return nullptr;
  }
  return cp;
}

Scored ScoreCandidate(const Encoding& enc, std::string_view sample, bool complete, double floor,
                      const SharedSample& shared, bool in_full = false) {
  Scored s{&enc, 0.0, 0, {}};
  s.floor = floor;
  if (const char32_t* cp = ByteTableOn(enc, shared)) {
    // One character per byte: only the terms next to high bytes differ
    // from the shared ASCII score (and no full-width forms arise); a byte
    // the code page leaves undefined is an invalid sequence.
    for (const auto& [b, count] : shared.high_bytes) s.errors += (cp[b] == 0xFFFD) * count;
    const double errors = static_cast<double>(s.errors);
    const double penalty = (kErrorPenalty + text_model::LogFreq(0xFFFD)) * errors;
    if (penalty < floor) {
      s.score = penalty;  // an upper bound, already out of the race
      return s;
    }
    double sum = shared.ascii_score;
    const double stop = floor - kErrorPenalty * errors;
    for (size_t i = 0; i < shared.pairs.size(); ++i) {
      const SharedSample::Pair& pr = shared.pairs[i];
      sum += static_cast<double>(pr.count) * text_model::ConditionalLogFreq(cp[pr.a], cp[pr.b]);
      if (!in_full && i % kPairCheckEvery == kPairCheckEvery - 1 && sum < stop) {
        s.score = sum + kErrorPenalty * errors;  // an upper bound
        s.cut = true;
        return s;
      }
    }
    s.score = sum + kErrorPenalty * errors;
    charset::Engine engine(enc, OnInvalid::kReplace);
    s.text.reserve(sample.size() * 2);
    engine.Decode(sample, complete, s.text);
    return s;
  }
  charset::Engine engine(enc, OnInvalid::kReplace);
  s.text.reserve(sample.size() * 2);
  const double per_error = kErrorPenalty + text_model::LogFreq(0xFFFD);
  if (in_full || sample.size() <= kDecodeChunk) {
    engine.Decode(sample, complete, s.text);
  } else {
    // A chunk at a time: once the invalid sequences so far put the reading
    // below the floor, the rest is not decoded. It is cut (penalty_cut);
    // scored again in full, it decodes everything and is what it was.
    for (size_t from = 0; from < sample.size();) {
      const size_t to = std::min(sample.size(), from + kDecodeChunk);
      engine.Decode(sample.substr(from, to - from), complete && to == sample.size(), s.text);
      from = to;
      if (from < sample.size() && per_error * static_cast<double>(engine.errors()) < floor) {
        s.errors = engine.errors();
        s.score = per_error * static_cast<double>(s.errors);  // an upper bound
        s.text.clear();
        s.cut = true;
        s.penalty_cut = true;
        return s;
      }
    }
  }
  s.errors = engine.errors();
  const double errors = static_cast<double>(s.errors);
  const double penalty = per_error * errors;
  if (penalty < floor) {
    s.score = penalty;  // an upper bound, already out of the race
    return s;
  }
  const double stop = floor - kErrorPenalty * errors;
  text_model::Scorer scorer;
  const std::string_view text = s.text;
  for (size_t i = 0; i < text.size();) {
    // Chunks end before a lead or ASCII byte: Scorer carries the previous
    // character over, not a split one.
    size_t j = std::min(text.size(), i + kFloorCheckEvery * 4);
    while (j < text.size() && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) ++j;
    scorer.AddUtf8(text.substr(i, j - i));
    i = j;
    if (!in_full && scorer.score().sum < stop && i < text.size()) {
      s.score = scorer.score().sum + kErrorPenalty * errors;  // an upper bound
      s.text.clear();
      s.cut = true;
      return s;
    }
  }
  const size_t glue = FullwidthGlue(s.text);
  s.score = scorer.score().sum + kErrorPenalty * errors +
            kFullwidthGluePenalty * static_cast<double>(glue);
  return s;
}

// How sure the chain is of a model decision, calibrated on the development
// corpora (chardet's tests/ and the dev half of bench/gen_detect_heldout.py,
// whole files and 24-96 byte cuts): answers that uchardet and the model
// agree on, by a margin of 10 nats or more over the best reading that gives
// other text (uchardet's bonus not counted), without invalid sequences, in a
// common encoding, were right 99.9% of the time (740 answers); they get
// 0.90-0.99. Everything else gets at most 0.85.
// Beyond this margin (nats) Confidence no longer changes: 0.99 or 0.85
// (0.68 with errors) once rounded.
constexpr double kFlatMargin = 80.0;

double Confidence(const Encoding& e, double margin, bool agree, int64_t errors) {
  constexpr double kSureMargin = 10.0;
  const bool rare = Prior(e) <= -1.5 || e.family == Family::kUnicode;
  double c;
  if (agree && margin >= kSureMargin && errors == 0 && !rare) {
    c = 0.90 + 0.09 * (1.0 - std::exp(-(margin - kSureMargin) / 20.0));
  } else {
    c = 0.30 + 0.55 * (1.0 - std::exp(-std::max(margin, 0.0) / 15.0));
    if (errors > 0) c *= 0.8;
  }
  return std::round(c * 100.0) / 100.0;
}

// The bytes the model decodes: the window's first kModelSample bytes, or,
// when those hold few non-ASCII bytes and the rest of the window holds more,
// the lines that hold them (a page whose first kilobyte is markup used to be
// judged on ASCII alone, leaving uchardet's answer unchecked). Lines are cut
// at '\n', which no ASCII-compatible encoding uses inside a character.
std::string ModelSample(std::string_view window, bool complete, bool has_nul,
                        bool* sample_complete) {
  constexpr size_t kEnoughHigh = 32;
  auto high_in = [](std::string_view s) {
    size_t n = 0;
    for (char ch : s) n += static_cast<unsigned char>(ch) >= 0x80;
    return n;
  };
  const std::string_view prefix = window.substr(0, kModelSample);
  *sample_complete = complete && prefix.size() == window.size();
  if (has_nul || *sample_complete || high_in(prefix) >= kEnoughHigh) return std::string(prefix);
  std::string out;
  size_t pos = 0;
  while (pos < window.size() && out.size() < kModelSample) {
    size_t eol = window.find('\n', pos);
    const bool last_line = eol == std::string_view::npos;
    if (last_line) eol = window.size();
    std::string_view line = window.substr(pos, eol - pos + (last_line ? 0 : 1));
    pos = eol + 1;
    size_t first_high = 0;
    while (first_high < line.size() && static_cast<unsigned char>(line[first_high]) < 0x80) {
      ++first_high;
    }
    if (first_high == line.size()) continue;
    if (line.size() > kModelSample) {
      // A long line (minified markup): from a little before its first
      // non-ASCII byte, starting after an ASCII byte.
      size_t from = first_high > 64 ? first_high - 64 : 0;
      line = line.substr(from, kModelSample);
    }
    out.append(line.substr(0, kModelSample - out.size()));
  }
  if (high_in(out) <= high_in(prefix)) return std::string(prefix);
  // The sample may end inside a character: not the end of the input.
  *sample_complete = false;
  return out;
}

Detection Make(const Encoding& e, double confidence, const char* source, size_t bom = 0) {
  Detection d;
  d.encoding = e.name;
  d.confidence = confidence;
  d.source = source;
  d.bom_length = bom;
  return d;
}

// A detection named as charset_report.h says: `preferred` (a declaration's
// or uchardet's name for e), widened or narrowed to what the bytes use.
Detection MakeNamed(const Encoding& e, std::string_view preferred, std::string_view window,
                    double confidence, const char* source) {
  Detection d;
  d.encoding = charset::ReportedName(e, preferred, window, std::strcmp(source, "declared") == 0);
  d.confidence = confidence;
  d.source = source;
  return d;
}

}  // namespace

std::string Uchardet(std::string_view bytes) { return RunUchardet(bytes); }

namespace {

// A candidate's offset in the race: its prior, and its drawn lines.
double PriorOn(const Encoding& e, std::string_view sample, const std::vector<uint32_t>& high,
               const std::vector<uint8_t>& doubled) {
  double prior = Prior(e);
  if (doubled.empty() || !e.single_byte) return prior;
  if (const char32_t* table = charset::SingleByteTable(e)) {
    if (std::any_of(doubled.begin(), doubled.end(),
                    [&](uint8_t b) { return HorizontalLine(table[b]); })) {
      prior += kDrawnLine * static_cast<double>(DrawnLines(sample, high, table));
    }
  }
  return prior;
}

// Pass 1 of the race: the generic character model over every candidate,
// each cut short once below the best so far less kLetterWindow (its score
// then bounds it); the letter model's gain of each, computed when needed.
// uchardet's answer changes neither: it only adds its bonus (Race).
struct Field {
  std::string_view sample;
  bool sample_complete = false;
  SharedSample shared;
  std::vector<Scored> scored;    // prior included
  std::vector<double> gain;      // per candidate, NaN until computed
  size_t high = 0;               // non-ASCII bytes of the sample
  std::vector<uint8_t> doubled;  // DoubledHighBytes
};

// ScoreCandidate over the field's sample, `offset` (a prior, uchardet's
// bonus) added to the score and kept in Scored::offset.
Scored ScoreInField(const Field& f, const Encoding& enc, double floor, double offset,
                    bool in_full = false) {
  Scored s = ScoreCandidate(enc, f.sample, f.sample_complete, floor, f.shared, in_full);
  s.offset = offset;
  s.score += offset;
  return s;
}

void ScoreField(Field& f, const Encoding* extra) {
  f.scored.push_back(
      ScoreInField(f, *extra, -1e300, PriorOn(*extra, f.sample, f.shared.high, f.doubled)));
  f.gain.push_back(std::nan(""));
}

Field MakeField(std::string_view window, std::string_view sample, bool sample_complete,
                const DecodeOptions& options, const Encoding* declared) {
  Field f;
  f.sample = sample;
  f.sample_complete = sample_complete;
  f.shared = Share(sample);
  f.high = f.shared.high.size();
  f.doubled = DoubledHighBytes(sample, f.shared.high);
  std::vector<Candidate> cands = Candidates(options.lang, Utf16Possible(window));
  if (declared && std::none_of(cands.begin(), cands.end(),
                               [&](const Candidate& c) { return c.enc == declared; })) {
    cands.push_back({declared, Prior(*declared)});
  }
  // The order they are scored in decides only how early the others are
  // cut (they stay in table order, which breaks ties): the likely winner's
  // kind first, so that its score bounds the rest. High bytes that stand
  // alone are accented letters of a single-byte code page; runs of them may
  // be double-byte characters or words of a non-Latin single-byte script.
  // UTF-8 is known invalid here, UTF-16 rare: last.
  size_t lone = 0, runs = 0;
  for (size_t i = 0; i < f.high; ++i) {
    const uint32_t k = f.shared.high[i];
    if (i > 0 && f.shared.high[i - 1] + 1 == k) continue;
    ++runs;
    lone += i + 1 == f.high || f.shared.high[i + 1] != k + 1;
  }
  const bool single_byte_first = lone * 2 >= runs;
  auto rank = [&](const Encoding& e) {
    if (e.family == Family::kUnicode) return 2;
    return (charset::AsciiCompatibleTable(e) != nullptr) == single_byte_first ? 0 : 1;
  };
  std::vector<size_t> order(cands.size());
  std::vector<int> ranks(cands.size());  // looked up once: a table lookup takes a lock
  for (size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
    ranks[i] = rank(*cands[i].enc);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return ranks[a] < ranks[b]; });
  f.scored.resize(cands.size(), Scored{nullptr, 0.0, 0, {}});
  f.scored.reserve(cands.size() + 2);
  double best_so_far = -1e300;
  for (const size_t i : order) {
    const Candidate& c = cands[i];
    const double prior = PriorOn(*c.enc, f.sample, f.shared.high, f.doubled);
    Scored s = ScoreInField(f, *c.enc, best_so_far - kLetterWindow - prior, prior);
    best_so_far = std::max(best_so_far, s.score);
    f.scored[i] = std::move(s);
  }
  f.gain.assign(f.scored.size(), std::nan(""));
  return f;
}

// The letter model's gain of a text, shared by the readings that decode
// the sample to the same text (code pages that agree on its bytes).
double GainOf(const Field& f, const std::string& text) {
  for (size_t j = 0; j < f.scored.size(); ++j) {
    if (!std::isnan(f.gain[j]) && !f.scored[j].cut && f.scored[j].text == text) return f.gain[j];
  }
  return lang_model::LetterGain(text);
}

// The text with Romanian's ș ț spelt ş ţ (lang_model::CedillaLetter).
std::string CedillaSpelling(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();)
    utf8::Append(out, lang_model::CedillaLetter(utf8::Next(text, i)));
  return out;
}

// uchardet's answer stands for the text it decodes to. When a more common
// code page spells the same words another way (Romanian ș ț as ş ţ: the
// same bytes in ISO-8859-16 and in windows-1250 or ISO-8859-2, which
// uchardet's byte models cannot tell apart either), the answer goes to the
// most common of them. Returns `ud` or that code page.
const Encoding* CommonSpelling(const Field& f, const Encoding* ud) {
  const auto u =
      std::find_if(f.scored.begin(), f.scored.end(), [&](const Scored& x) { return x.enc == ud; });
  if (u == f.scored.end() || u->cut || u->errors != 0) return ud;
  if (u->text.find('\xC8') == std::string::npos) return ud;  // no comma-below letter
  const std::string words = CedillaSpelling(u->text);
  const Encoding* best = ud;
  for (const Scored& x : f.scored) {
    if (x.cut || x.errors != 0 || Prior(*x.enc) <= Prior(*best) || x.text == u->text) continue;
    if (CedillaSpelling(x.text) == words) best = x.enc;
  }
  return best;
}

// Code pages that read the model's sample to the same text (ISO-8859-7 and
// windows-1253 part on Ά and the quotes; ISO-8859-15 and -1 on € Š Ž) are
// told apart by the rest of the window when it holds bytes they read
// differently: the lines that hold such bytes (up to kModelSample bytes)
// are decoded with each and scored by both models. Returns the index in
// `scored` of the reading to answer: the best of the tied ones when it
// leads the front one by kTieLead, else 0. *lead receives the answer's lead
// over the best other tied reading when the lines were scored.
constexpr double kTieLead = 3.0;
size_t BreakTieByWindow(std::string_view window, std::string_view sample,
                        const std::vector<Scored>& scored, double* lead) {
  const Scored& best = scored.front();
  if (!best.enc->single_byte || window.size() <= sample.size()) return 0;
  const char32_t* base = charset::SingleByteTable(*best.enc);
  if (base == nullptr) return 0;
  std::vector<size_t> tied = {0};
  std::array<bool, 256> differ{};
  bool any = false;
  for (size_t i = 1; i < scored.size(); ++i) {
    const Scored& x = scored[i];
    if (x.cut || x.errors != 0 || !x.enc->single_byte || x.text != best.text) continue;
    const char32_t* t = charset::SingleByteTable(*x.enc);
    if (t == nullptr) continue;
    tied.push_back(i);
    for (int b = 0x80; b < 256; ++b) {
      if (t[b] != base[b]) differ[b] = any = true;
    }
  }
  if (!any) return 0;
  // The lines of the window that hold a byte the tied readings part on.
  std::string lines;
  size_t pos = 0;
  while (pos < window.size() && lines.size() < kModelSample) {
    size_t eol = window.find('\n', pos);
    if (eol == std::string_view::npos) eol = window.size();
    const std::string_view line = window.substr(pos, std::min(eol + 1, window.size()) - pos);
    pos = eol + 1;
    for (char ch : line) {
      if (differ[static_cast<unsigned char>(ch)]) {
        lines.append(line.substr(0, kModelSample - lines.size()));
        break;
      }
    }
  }
  if (lines.empty()) return 0;
  std::vector<double> value;
  std::vector<std::string> texts;
  size_t top = 0;
  for (size_t k = 0; k < tied.size(); ++k) {
    const Scored& x = scored[tied[k]];
    const char32_t* t = charset::SingleByteTable(*x.enc);
    std::string text;
    int64_t unassigned = 0;
    for (char ch : lines) {
      const char32_t c = t[static_cast<unsigned char>(ch)];
      unassigned += c == 0xFFFD;
      utf8::Append(text, c);
    }
    value.push_back(text_model::ScoreText(text).sum + kErrorPenalty * unassigned +
                    lang_model::LetterGain(text) + Prior(*x.enc));
    texts.push_back(std::move(text));
    if (value[k] > value[top]) top = k;
    static const bool debug = std::getenv("NORM_DETECT_DEBUG") != nullptr;
    if (debug) std::fprintf(stderr, "  window lines %-14s %8.2f\n", x.enc->name, value[k]);
  }
  const size_t answer = value[top] - value[0] >= kTieLead ? top : 0;
  // The lead over the best reading that gives the lines other text (none:
  // no lead to report).
  double runner_up = -1e300;
  for (size_t k = 0; k < tied.size(); ++k) {
    if (texts[k] != texts[answer]) runner_up = std::max(runner_up, value[k]);
  }
  if (runner_up > -1e300) *lead = value[answer] - runner_up;
  return tied[answer];
}

// ISO-8859-3 was made for Esperanto and Maltese (Turkish took ISO-8859-9):
// a reading in it that holds none of their letters (ĉ ĝ ĥ ĵ ŝ ŭ, ċ ġ ħ ż)
// is Western text whose « » © º it turned into Ğ ğ İ ş; it costs
// kNotLatin3 nats.
constexpr double kNotLatin3 = 10.0;
bool HasLatin3Letter(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const char32_t u = utf8::Next(text, i);
    const char32_t c = u | 1;  // ĉ..ħ: upper case is even, lower case odd
    if (c == 0x0109 || c == 0x011D || c == 0x0125 || c == 0x0135 || c == 0x015D || c == 0x016D ||
        c == 0x010B || c == 0x0121 || c == 0x0127 || u == 0x017B || u == 0x017C) {
      return true;
    }
  }
  return false;
}

// What EUC-TW pays for its turn when a CJK reading won (nats): the same bytes
// read as CNS 11643 and as GB2312, KS X 1001 or JIS X 0208 are often both
// plausible (`）』` read either way), and EUC-TW is the rarest of them. On
// chardet's CJK cuts (16 per file) other labels' EUC-TW readings led the
// winner by at most 5.7 nats, EUC-TW's own by 14 or more.
constexpr double kEucTwTurn = 6.0;
// Whether every high byte of `sample` fits EUC-TW: pairs of 0xA1-0xFE, or
// SS2 (0x8E) with a plane byte 0xA1-0xB0 before such a pair. Big5, Shift_JIS,
// GBK and CP949 text seldom does (trail bytes below 0xA1), so most CJK
// winners skip EUC-TW's turn without decoding. A trail byte may open the
// sample and a lead byte close it.
bool EucTwShaped(std::string_view sample) {
  const auto* p = reinterpret_cast<const unsigned char*>(sample.data());
  const size_t n = sample.size();
  size_t i = 0;
  while (i < n && p[i] >= 0xA1) ++i;  // a cut inside a character: any parity
  for (; i < n; ++i) {
    if (p[i] < 0x80) continue;
    if (p[i] == 0x8E) {
      if (i + 1 < n && (p[i + 1] < 0xA1 || p[i + 1] > 0xB0)) return false;
      i += 2;  // the pair after the plane byte
      if (i >= n) break;
    }
    if (p[i] < 0xA1 || p[i] == 0xFF) return false;
    if (i + 1 < n && (p[i + 1] < 0xA1 || p[i + 1] == 0xFF)) return false;
    ++i;
  }
  return true;
}

// Whether every high byte of `sample` starts a two-byte Johab character and
// most of those are Hangul syllables whose three parts are all valid (five
// bits each: initial, medial, final), at least kMinJohabHangul of them.
// Latin, Greek or Cyrillic text in a single-byte code page seldom pairs so:
// its accented letters stand alone or next to other high bytes that break
// the syllable's bit fields.
constexpr size_t kMinJohabHangul = 3;
bool JohabHangulPairs(std::string_view sample) {
  size_t hangul = 0, other = 0;
  for (size_t i = 0; i < sample.size(); ++i) {
    const unsigned lead = static_cast<unsigned char>(sample[i]);
    if (lead < 0x80) continue;
    if (i + 1 >= sample.size()) break;  // cut off at the end
    const unsigned trail = static_cast<unsigned char>(sample[i + 1]);
    const bool trail_ok = (trail >= 0x41 && trail <= 0x7E) || (trail >= 0x81 && trail <= 0xFE);
    if (!trail_ok) return false;
    ++i;
    if (lead >= 0x84 && lead <= 0xD3) {
      const unsigned code = lead << 8 | trail;
      const unsigned initial = (code >> 10) & 31, medial = (code >> 5) & 31, final = code & 31;
      const bool ok_initial = initial >= 2 && initial <= 20;
      const bool ok_medial = (medial >= 3 && medial <= 7) || (medial >= 10 && medial <= 15) ||
                             (medial >= 18 && medial <= 23) || (medial >= 26 && medial <= 29);
      const bool ok_final = (final >= 1 && final <= 17) || (final >= 19 && final <= 29);
      if (!(ok_initial && ok_medial && ok_final)) return false;
      ++hangul;
    } else if ((lead >= 0xD8 && lead <= 0xDE) || (lead >= 0xE0 && lead <= 0xF9)) {
      ++other;  // symbols, Hanja
    } else {
      return false;
    }
  }
  return hangul >= kMinJohabHangul && hangul >= 2 * other;
}

// The models' race over the field, uchardet's answer `ud` (if any) with its
// bonus. *best_score receives the winner's score (with bonus), when not
// null. With no `ud`, *decisive says whether no answer of uchardet's could
// change the outcome (see DetectByModel).
Detection Race(std::string_view window, Field& field, const Encoding* ud, std::string_view ud_name,
               double* best_score, bool* decisive) {
  const size_t high = field.high;
  const double bonus =
      kUchardetBonus + kUchardetBonusPerHigh * static_cast<double>(std::min<size_t>(high, 400));
  static const bool debug = std::getenv("NORM_DETECT_DEBUG") != nullptr;
  if (ud && std::none_of(field.scored.begin(), field.scored.end(),
                         [&](const Scored& x) { return x.enc == ud; })) {
    ScoreField(field, ud);  // a name outside the candidates
  }
  if (ud) {
    const Encoding* common = CommonSpelling(field, ud);
    if (common != ud) {
      if (debug) std::fprintf(stderr, "  uchardet's %s read as %s\n", ud->name, common->name);
      ud = common;
      ud_name = {};
    }
  }
  std::vector<Scored> scored = field.scored;
  std::vector<size_t> index(scored.size());
  for (size_t i = 0; i < index.size(); ++i) index[i] = i;
  // uchardet's answer first (ties go to it), with its bonus; cut short, it
  // is scored in full, as the bonus may bring it back into the race.
  double best_so_far = -1e300;
  for (size_t i = 0; i < scored.size(); ++i) {
    Scored& s = scored[i];
    if (s.enc == ud) {
      if (s.cut) {
        // Cut by its invalid sequences, it stays out of the race with the
        // bound a whole decoding gives; cut by its text, it is scored.
        s = s.penalty_cut ? ScoreInField(field, *ud, s.floor, s.offset, /*in_full=*/true)
                          : ScoreInField(field, *ud, -1e300, s.offset);
        field.scored[i] = s;
      }
      s.offset += bonus;
      s.score += bonus;
      std::rotate(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(i),
                  scored.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      std::rotate(index.begin(), index.begin() + static_cast<std::ptrdiff_t>(i),
                  index.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      break;
    }
  }
  for (const Scored& s : scored) best_so_far = std::max(best_so_far, s.score);
  static const Encoding& latin3 = Enc("ISO-8859-3");  // a name lookup: once
  // Pass 2: the per-language letter model, for the candidates still in the
  // race. Texts that differ only outside letters get the same gain.
  for (size_t i = 0; i < scored.size(); ++i) {
    Scored& s = scored[i];
    if (s.score >= best_so_far - kLetterWindow) {
      double& gain = field.gain[index[i]];
      if (std::isnan(gain)) gain = GainOf(field, s.text);
      if (debug) std::fprintf(stderr, "  gain %-14s %8.2f\n", s.enc->name, gain);
      s.score += gain;
      if (s.enc->single_byte) {
        s.score += ComposedGain(s.text);
        if (const char32_t* table = charset::SingleByteTable(*s.enc)) {
          s.score -= SpellingFaults(field.sample, field.shared.high, table);
        }
        if (s.enc == &latin3 && !HasLatin3Letter(s.text)) s.score -= kNotLatin3;
      }
    } else {
      s.score -= kLetterWindow;  // out of the race either way
      s.offset -= kLetterWindow;
    }
    if (debug) {
      std::fprintf(stderr, "  %-14s %8.2f errors=%lld%s%s %s\n", s.enc->name, s.score,
                   static_cast<long long>(s.errors), s.enc == ud ? " (uchardet)" : "",
                   s.cut ? " (cut)" : "", s.text.substr(0, 80).c_str());
    }
  }
  auto by_score = [](const Scored& a, const Scored& b) { return a.score > b.score; };
  std::stable_sort(scored.begin(), scored.end(), by_score);
  // A candidate cut short where it ranks at i is scored in full (its score
  // can only fall) and the ranking from i on is redone.
  auto settle = [&](size_t i) {
    while (i < scored.size() && scored[i].cut) {
      Scored& s = scored[i];
      s = ScoreInField(field, *s.enc, s.floor, s.offset, /*in_full=*/true);
      std::stable_sort(scored.begin() + static_cast<std::ptrdiff_t>(i), scored.end(), by_score);
    }
  };
  settle(0);
  // Johab reads as other double-byte encodings' rarer characters: when a
  // Chinese, Japanese or Korean reading wins, Johab gets its turn; so it
  // does when every high byte of the sample pairs into Johab's Hangul
  // syllables (its trail bytes are often ASCII letters, which single-byte
  // readings such as VISCII take for Latin words).
  static const Encoding& johab = Enc("JOHAB");  // a name lookup: once
  const Family won = scored.front().enc->family;
  const bool cjk_won =
      won == Family::kKorean || won == Family::kChinese || won == Family::kJapanese;
  auto its_turn = [&](const Encoding& enc, double cost) {
    if (std::any_of(scored.begin(), scored.end(), [&](const Scored& x) { return x.enc == &enc; })) {
      return;
    }
    Scored j = ScoreInField(field, enc, scored.front().score - kLetterWindow,
                            Prior(enc) + (ud == &enc ? bonus : 0.0) - cost);
    if (!j.cut && j.errors == 0) j.score += GainOf(field, j.text);
    if (debug) {
      std::fprintf(stderr, "  %-14s %8.2f (its turn; lead %.2f)\n", j.enc->name, j.score,
                   j.score - scored.front().score);
    }
    scored.push_back(std::move(j));
    std::stable_sort(scored.begin(), scored.end(), by_score);
  };
  if (cjk_won || JohabHangulPairs(field.sample)) its_turn(johab, 0.0);
  // EUC-TW's plane 1 has EUC-KR's and GB2312's byte pattern: its Hanzi read
  // as their rarer Hangul and Han. When a CJK reading wins, EUC-TW gets its
  // turn too, and the text model's Han frequencies decide.
  if (cjk_won && EucTwShaped(field.sample)) {
    static const Encoding& euc_tw = Enc("EUC-TW");
    its_turn(euc_tw, kEucTwTurn);
  }
  // Few CJK characters against Latin words (see kFewCjkChars).
  {
    const Scored& front = scored.front();
    const Family f = front.enc->family;
    if (!front.enc->single_byte &&
        (f == Family::kChinese || f == Family::kJapanese || f == Family::kKorean) &&
        NonAsciiChars(front.text) <= kFewCjkChars && CjkLettersOrOpeners(front.text)) {
      for (size_t i = 1; i < scored.size(); ++i) {
        const Scored& x = scored[i];
        if (front.score - x.score >= kFewCjkMargin) break;
        if (x.cut || x.errors != 0 || !x.enc->single_byte) continue;
        const char32_t* table = charset::SingleByteTable(*x.enc);
        if (table == nullptr || !LatinLettersInWords(field.sample, field.shared.high, table)) {
          continue;
        }
        if (debug) std::fprintf(stderr, "  few CJK characters: %s instead\n", x.enc->name);
        std::rotate(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(i),
                    scored.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        break;
      }
    }
  }
  // A reading into a script no letter model covers (Hebrew, Arabic) was
  // checked by the generic model alone: it overrides uchardet only by
  // kUncheckedOverride nats.
  if (ud && scored.front().enc != ud && lang_model::UncheckedLetters(scored.front().text) > 0) {
    const auto u =
        std::find_if(scored.begin(), scored.end(), [&](const Scored& x) { return x.enc == ud; });
    if (u != scored.end() && u->errors == 0 &&
        scored.front().score - u->score < kUncheckedOverride) {
      std::rotate(scored.begin(), u, u + 1);
    }
  }
  // Margin over the best candidate that decodes to different text.
  double margin = 30.0;
  double tie_lead = std::nan("");
  if (const size_t w = BreakTieByWindow(window, field.sample, scored, &tie_lead)) {
    if (debug) std::fprintf(stderr, "  the window prefers %s\n", scored[w].enc->name);
    std::swap(scored[0], scored[w]);
  }
  const Scored& best = scored.front();
  for (size_t i = 1; i < scored.size(); ++i) {
    // Every reading from i on scores at most scored[i].score: when that is
    // already kFlatMargin (plus the bonus Confidence may take off) below
    // the winner, the confidence is the same whatever the exact margin.
    if (scored[i].cut && best.score - scored[i].score >= kFlatMargin + bonus) {
      margin = best.score - scored[i].score;
      break;
    }
    settle(i);
    if (scored[i].text != best.text) {
      margin = best.score - scored[i].score;
      break;
    }
  }
  // Readings the sample could not tell apart and the window did: as sure
  // as the window's lines make them.
  // (uchardet's bonus, which Confidence takes off an agreeing answer's
  // margin, is not in the window's lead.)
  const double text_margin = margin;
  if (!std::isnan(tie_lead)) margin = std::min(margin, tie_lead);
  const bool same_as_ud = ud && (best.enc == ud);
  if (!ud && decisive) {
    *decisive = best.errors == 0 && margin >= bonus + kDecisiveMargin &&
                DecidedWithoutUchardet(*best.enc) && lang_model::UncheckedLetters(best.text) == 0;
    if (*decisive && !best.enc->single_byte) {
      // EUC-TW is weighed only when uchardet names it (like Johab, above):
      // a double-byte winner must beat it too.
      static const Encoding& euc_tw = Enc("EUC-TW");  // a name lookup: once
      const Scored tw = ScoreInField(field, euc_tw, best.score - margin, Prior(euc_tw));
      *decisive = best.score - tw.score >= bonus + kDecisiveMargin;
    }
    if (*decisive) {
      if (debug) std::fprintf(stderr, "  decisive without uchardet: margin=%.2f\n", margin);
      if (best_score) *best_score = best.score;
      // The models alone are as sure as with uchardet's agreement of a
      // double-byte reading (Han, kana and Hangul words), at most 0.85 of a
      // single-byte one: languages no letter model knows read as a
      // neighbour's code page by a wide margin (Icelandic and Albanian Latin
      // as windows-1257 at 0.99 on the development corpora, which uchardet
      // would have contested).
      const double confidence = best.enc->single_byte
                                    ? Confidence(*best.enc, margin, false, 0)
                                    : Confidence(*best.enc, margin - bonus, true, 0);
      return MakeNamed(*best.enc, {}, window, confidence, "model");
    }
    return {};
  }
  if (debug) {
    std::fprintf(stderr, "  margin=%.2f agree=%d errors=%lld high=%zu\n", margin,
                 same_as_ud ? 1 : 0, static_cast<long long>(best.errors), high);
  }
  // uchardet's bonus decided the race, it does not make the models sure:
  // windows-1251 and MacCyrillic part on a byte or two of a Russian text,
  // which the bonus for its 77 other high bytes outweighed.
  double sure_margin = same_as_ud ? text_margin - bonus : text_margin;
  if (!std::isnan(tie_lead)) sure_margin = std::min(sure_margin, tie_lead);
  const double confidence = Confidence(*best.enc, sure_margin, same_as_ud, best.errors);
  if (best_score) *best_score = best.score;
  return MakeNamed(*best.enc, same_as_ud ? ud_name : std::string_view(), window, confidence,
                   same_as_ud ? "detector" : "model");
}

// The models first, uchardet where their answer is contestable: uchardet
// costs as much as the models (its ~100 single-byte probers read every
// byte), and on most legacy files the models alone leave no doubt. They do
// when the best reading has no invalid sequence, beats every reading that
// gives other text by more than uchardet's bonus could make up (plus
// kDecisiveMargin), is in a common encoding (DecidedWithoutUchardet) and in
// a script a letter model checks. Otherwise uchardet's answer joins the
// race with its bonus, as before, on the scores already computed. A window
// with NUL bytes or a declaration to check always asks uchardet.
// *best_score receives the winner's score (with bonus), when not null, and
// `declared` (if any) joins the candidates.
Detection DetectByModel(std::string_view window, bool complete, const DecodeOptions& options,
                        double* best_score, const Encoding* declared = nullptr) {
  const bool has_nul = window.find('\0') != std::string_view::npos;
  bool sample_complete = false;
  const std::string sample_bytes = ModelSample(window, complete, has_nul, &sample_complete);
  const std::string_view sample = sample_bytes;
  Field field = MakeField(window, sample, sample_complete, options, declared);
  if (declared == nullptr && !has_nul) {
    bool decisive = false;
    Detection d = Race(window, field, nullptr, {}, best_score, &decisive);
    if (decisive) return d;
  }
  // uchardet reads the window's start, and the model's lines when they come
  // from further on: its verdict on an ASCII start alone is "ASCII".
  std::string ud_input(window.substr(0, kUchardetSample));
  if (sample != window.substr(0, sample.size()) && window.size() > kUchardetSample) {
    ud_input.append(sample);
  }
  const std::string ud_name = RunUchardet(ud_input);
  const Encoding* ud = ud_name.empty() ? nullptr : charset::Lookup(ud_name);
  if (ud && (std::strncmp(ud->name, "UTF-32", 6) == 0 || std::strcmp(ud->name, "HZ-GB-2312") == 0 ||
             std::strncmp(ud->name, "ISO-2022", 8) == 0)) {
    return Make(*ud, 0.9, "detector");
  }
  return Race(window, field, ud, ud_name, best_score, nullptr);
}

}  // namespace

Detection Detect(std::string_view bytes, const DecodeOptions& options) {
  // 1. Byte order mark.
  const Encoding* bom_enc = nullptr;
  if (size_t bom = Bom(bytes, &bom_enc)) return Make(*bom_enc, 1.0, "bom", bom);

  // 2. The user's word.
  if (!options.from_code.empty() && options.from_code != "auto") {
    const Encoding* e = charset::Lookup(options.from_code);
    Detection d;
    d.confidence = 1.0;
    d.source = "user";
    if (e) d.encoding = charset::SpecificName(options.from_code);
    return d;
  }

  const size_t window_size = DetectionWindow(options);
  const std::string_view window = bytes.substr(0, window_size);
  const bool complete = window.size() == bytes.size();
  if (window.empty()) return Make(Enc("UTF-8"), 1.0, "utf8");

  // 3. UTF-16/32 without BOM: real text has no NUL bytes.
  const bool has_nul = window.find('\0') != std::string_view::npos;
  if (has_nul) {
    if (const Encoding* e = NulPattern(window)) {
      std::string tmp;
      charset::Engine engine(*e, OnInvalid::kReplace);
      engine.Decode(window, complete, tmp);
      if (engine.errors() * 50 <= static_cast<int64_t>(window.size())) {
        return Make(*e, engine.errors() ? 0.9 : 0.98, "model");
      }
    }
  }

  const bool ascii = charset::IsAscii(window);

  // 4. 7-bit escape encodings.
  if (ascii && window.find('\x1B') != std::string_view::npos) {
    using namespace std::string_view_literals;
    if (window.find("\x1B$B"sv) != std::string_view::npos ||
        window.find("\x1B$@"sv) != std::string_view::npos ||
        window.find("\x1B(J"sv) != std::string_view::npos) {
      return Make(Enc("ISO-2022-JP"), 0.99, "detector");
    }
    if (window.find("\x1B$)C"sv) != std::string_view::npos) {
      return Make(Enc("ISO-2022-KR"), 0.99, "detector");
    }
  }

  // Valid UTF-8; a character cut off at the end of the window does not count
  // against it when the window was cut from a longer input, or when the rest
  // holds other non-ASCII characters (a lone high byte at the end of a short
  // input is more likely Latin-1 than a truncated character).
  bool utf8 = !has_nul && ascii;
  if (!has_nul && !ascii) {
    const size_t bad = charset::FirstInvalidUtf8(window);
    if (bad == window.size()) {
      utf8 = true;
    } else if (charset::FirstInvalidUtf8Prefix(window) == window.size()) {
      utf8 = !complete || !charset::IsAscii(window.substr(0, bad));
    }
  }

  // 5. Declarations, trusted when they decode cleanly.
  const std::string declared = DeclaredCharset(window);
  if (!declared.empty()) {
    if (const Encoding* e = charset::Lookup(declared)) {
      const bool declared_utf8 = std::strcmp(e->name, "UTF-8") == 0;
      if (declared_utf8 && utf8) return Make(*e, 1.0, "declared");
      if (!declared_utf8 && (ascii || !utf8)) {
        std::string tmp;
        charset::Engine engine(*e, OnInvalid::kReplace);
        engine.Decode(window.substr(0, kModelSample), complete && window.size() <= kModelSample,
                      tmp);
        if (engine.errors() == 0) {
          // Clean, but is it text? A wrong legacy label (big5 on GBK bytes)
          // often decodes without an error into implausible characters.
          const text_model::TextScore ts = text_model::ScoreText(tmp);
          if (ascii || ts.PerChar() > kImplausiblePerChar) {
            return MakeNamed(*e, declared, window, ascii ? 1.0 : 0.98, "declared");
          }
          double best = 0;
          Detection d = DetectByModel(window, complete, options, &best, e);
          if (charset::Lookup(d.encoding) != e && best > ts.sum + kOverrideDeclared) return d;
          return MakeNamed(*e, declared, window, 0.7, "declared");
        }
      }
      // Otherwise the declaration conflicts with the bytes: fall through.
    }
  }

  // 6. Strict UTF-8.
  if (utf8) {
    // One or two multi-byte characters are valid UTF-8 by chance now and
    // then (a 30-byte GB2312 cut was): sure only from three on.
    size_t sequences = 0;
    for (char ch : window) sequences += static_cast<unsigned char>(ch) >= 0xC0;
    return Make(Enc("UTF-8"), ascii || sequences >= 3 ? 1.0 : 0.85, "utf8");
  }
  if (ascii && !has_nul) return Make(Enc("UTF-8"), 1.0, "utf8");

  // 7. uchardet, checked by the model.
  return DetectByModel(window, complete, options, nullptr);
}

}  // namespace norm::detect
