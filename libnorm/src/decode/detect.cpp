// Encoding detection evidence chain. See detect.h.
#include "detect.h"

#include <uchardet/uchardet.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "text_model.h"

namespace norm::detect {
namespace {

using charset::Encoding;
using charset::Family;

const Encoding& Enc(std::string_view name) { return *charset::Lookup(name); }

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Case-insensitive search for an ASCII needle (given in lower case).
size_t FindNoCase(std::string_view hay, std::string_view needle, size_t from = 0) {
  if (needle.size() > hay.size()) return std::string_view::npos;
  for (size_t i = from; i + needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && Lower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == ':';
}

// Reads `= "name"` (spaces, '=' and quotes optional) after position i.
std::string ReadValue(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '=' || s[i] == ':' ||
                          s[i] == '"' || s[i] == '\'')) {
    ++i;
  }
  size_t j = i;
  while (j < s.size() && IsNameChar(s[j])) ++j;
  return std::string(s.substr(i, j - i));
}

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

double Prior(const Encoding& e) {
  const std::string_view n = e.name;
  if (n == "UTF-8" || n == "GB18030" || n == "windows-1252" || n == "windows-1251" ||
      n == "Shift_JIS" || n == "EUC-KR" || n == "Big5") {
    return 0.0;
  }
  if (n == "UTF-16LE" || n == "UTF-16BE") return -3.0;
  if (n == "macintosh" || n == "x-mac-cyrillic") return -3.0;
  if (n == "IBM866" || n == "ISO-8859-13") return -1.5;
  if (n.substr(0, 8) == "ISO-8859") return -0.7;
  return -0.3;
}

bool LangMatches(std::string_view lang, Family f) {
  std::string l;
  for (char c : lang) {
    if (c == '-' || c == '_') break;
    l.push_back(Lower(c));
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
  }
  return false;
}

bool KnownLang(std::string_view lang) {
  for (int f = 0; f <= static_cast<int>(Family::kWestern); ++f) {
    if (f != static_cast<int>(Family::kUnicode) && LangMatches(lang, static_cast<Family>(f))) {
      return true;
    }
  }
  return false;
}

std::vector<Candidate> Candidates(std::string_view lang, bool with_utf32, bool with_wide) {
  std::vector<Candidate> out;
  size_t count;
  const Encoding* all = charset::All(&count);
  const bool filter = !lang.empty() && KnownLang(lang);
  for (size_t i = 0; i < count; ++i) {
    const Encoding& e = all[i];
    const std::string_view n = e.name;
    // Escape-based and 4-byte encodings have their own evidence.
    if (n == "ISO-2022-JP" || n == "ISO-2022-KR" || n == "HZ-GB-2312") continue;
    if (!with_utf32 && (n == "UTF-32LE" || n == "UTF-32BE")) continue;
    if (!with_wide && e.family == Family::kUnicode && n != "UTF-8") continue;
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

struct Scored {
  const Encoding* enc;
  double score;
  int64_t errors;
  std::string text;
};

// Decodes the sample and scores the text. When the invalid sequences alone
// (each worth at most kErrorPenalty plus U+FFFD's own score) already put
// the candidate below `floor`, the text is not scored.
Scored ScoreCandidate(const Encoding& enc, std::string_view sample, bool complete, double floor) {
  Scored s{&enc, 0.0, 0, {}};
  charset::Engine engine(enc, OnInvalid::kReplace);
  s.text.reserve(sample.size() * 2);
  engine.Decode(sample, complete, s.text);
  s.errors = engine.errors();
  const double penalty =
      (kErrorPenalty + text_model::LogFreq(0xFFFD)) * static_cast<double>(s.errors);
  if (penalty < floor) {
    s.score = penalty;  // an upper bound, already out of the race
    return s;
  }
  s.score = text_model::ScoreText(s.text).sum + kErrorPenalty * static_cast<double>(s.errors);
  return s;
}

Detection Make(const Encoding& e, double confidence, const char* source, size_t bom = 0) {
  Detection d;
  d.encoding = e.name;
  d.confidence = confidence;
  d.source = source;
  d.bom_length = bom;
  return d;
}

}  // namespace

std::string Uchardet(std::string_view bytes) { return RunUchardet(bytes); }

size_t Bom(std::string_view b, const Encoding** encoding) {
  auto starts = [&](std::string_view p) { return b.substr(0, p.size()) == p; };
  using namespace std::string_view_literals;
  if (starts("\xEF\xBB\xBF"sv)) {
    *encoding = &Enc("UTF-8");
    return 3;
  }
  if (starts("\xFF\xFE\x00\x00"sv)) {
    *encoding = &Enc("UTF-32LE");
    return 4;
  }
  if (starts("\x00\x00\xFE\xFF"sv)) {
    *encoding = &Enc("UTF-32BE");
    return 4;
  }
  if (starts("\xFF\xFE"sv)) {
    *encoding = &Enc("UTF-16LE");
    return 2;
  }
  if (starts("\xFE\xFF"sv)) {
    *encoding = &Enc("UTF-16BE");
    return 2;
  }
  *encoding = nullptr;
  return 0;
}

std::string DeclaredCharset(std::string_view bytes) {
  const std::string_view w = bytes.substr(0, 8192);
  // XML declaration.
  if (w.substr(0, 5) == "<?xml") {
    const size_t end = w.find("?>");
    const size_t enc = FindNoCase(w.substr(0, end), "encoding");
    if (enc != std::string_view::npos) {
      std::string v = ReadValue(w, enc + 8);
      if (!v.empty()) return v;
    }
  }
  // Front matter: `encoding:` or `charset:` before the closing line.
  if (w.substr(0, 4) == "---\n" || w.substr(0, 5) == "---\r\n") {
    size_t pos = w.find('\n') + 1;
    while (pos < w.size()) {
      size_t eol = w.find('\n', pos);
      if (eol == std::string_view::npos) eol = w.size();
      std::string_view line = w.substr(pos, eol - pos);
      if (line.substr(0, 3) == "---" || line.substr(0, 3) == "...") break;
      for (std::string_view key : {"encoding:", "charset:"}) {
        if (FindNoCase(line.substr(0, key.size()), key) == 0) {
          std::string v = ReadValue(line, key.size());
          if (!v.empty()) return v;
        }
      }
      pos = eol + 1;
    }
  }
  // <meta charset=...> and <meta http-equiv=... content="...; charset=...">.
  size_t pos = 0;
  while ((pos = FindNoCase(w, "<meta", pos)) != std::string_view::npos) {
    size_t end = w.find('>', pos);
    if (end == std::string_view::npos) end = w.size();
    const std::string_view tag = w.substr(pos, end - pos);
    const size_t cs = FindNoCase(tag, "charset");
    if (cs != std::string_view::npos) {
      std::string v = ReadValue(tag, cs + 7);
      if (!v.empty()) return v;
    }
    pos = end;
  }
  return {};
}

namespace {

// uchardet's answer checked by the plausibility model over candidate
// encodings. *best_score receives the winner's score (with bonus), when not
// null, and `declared` (if any) joins the candidates.
Detection DetectByModel(std::string_view window, bool complete, const DecodeOptions& options,
                        double* best_score, const Encoding* declared = nullptr) {
  const bool has_nul = window.find('\0') != std::string_view::npos;
  const std::string ud_name = RunUchardet(window.substr(0, kUchardetSample));
  const Encoding* ud = ud_name.empty() ? nullptr : charset::Lookup(ud_name);
  if (ud && (std::strncmp(ud->name, "UTF-32", 6) == 0 || std::strcmp(ud->name, "HZ-GB-2312") == 0 ||
             std::strncmp(ud->name, "ISO-2022", 8) == 0)) {
    return Make(*ud, 0.9, "detector");
  }

  const std::string_view sample = window.substr(0, kModelSample);
  const bool sample_complete = complete && sample.size() == window.size();
  std::vector<Candidate> cands = Candidates(options.lang, has_nul, window.size() >= kMinWideBytes);
  for (const Encoding* extra : {ud, declared}) {
    if (extra && std::none_of(cands.begin(), cands.end(),
                              [&](const Candidate& c) { return c.enc == extra; })) {
      cands.push_back({extra, Prior(*extra)});
    }
  }
  std::vector<Scored> scored;
  scored.reserve(cands.size());
  // uchardet's byte-level models get better with length: so does its bonus.
  size_t high = 0;
  for (char ch : sample) high += static_cast<unsigned char>(ch) >= 0x80;
  const double bonus = 6.0 + 0.1 * static_cast<double>(std::min<size_t>(high, 400));
  static const bool debug = std::getenv("NORM_DETECT_DEBUG") != nullptr;
  // uchardet's answer first: its score bounds the others.
  std::stable_partition(cands.begin(), cands.end(),
                        [&](const Candidate& c) { return c.enc == ud; });
  double best_so_far = -1e300;
  for (const Candidate& c : cands) {
    Scored s = ScoreCandidate(*c.enc, sample, sample_complete,
                              best_so_far - c.prior - (c.enc == ud ? bonus : 0.0));
    s.score += c.prior + (c.enc == ud ? bonus : 0.0);
    best_so_far = std::max(best_so_far, s.score);
    if (debug) {
      std::fprintf(stderr, "  %-14s %8.2f errors=%lld%s %s\n", c.enc->name, s.score,
                   static_cast<long long>(s.errors), c.enc == ud ? " (uchardet)" : "",
                   s.text.substr(0, 80).c_str());
    }
    scored.push_back(std::move(s));
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& a, const Scored& b) { return a.score > b.score; });
  const Scored& best = scored.front();
  // Margin over the best candidate that decodes to different text.
  double margin = 30.0;
  for (size_t i = 1; i < scored.size(); ++i) {
    if (scored[i].text != best.text) {
      margin = best.score - scored[i].score;
      break;
    }
  }
  double confidence = 1.0 - 0.5 * std::exp(-margin / 8.0);
  if (best.errors > 0) confidence *= 0.8;
  confidence = std::round(confidence * 100.0) / 100.0;
  if (best_score) *best_score = best.score;
  const bool same_as_ud = ud && (best.enc == ud);
  return Make(*best.enc, confidence, same_as_ud ? "detector" : "model");
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
    if (e) d.encoding = e->name;
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
            return Make(*e, ascii ? 1.0 : 0.98, "declared");
          }
          double best = 0;
          Detection d = DetectByModel(window, complete, options, &best, e);
          if (d.encoding != e->name && best > ts.sum + kOverrideDeclared) return d;
          return Make(*e, 0.7, "declared");
        }
      }
      // Otherwise the declaration conflicts with the bytes: fall through.
    }
  }

  // 6. Strict UTF-8.
  if (utf8) return Make(Enc("UTF-8"), 1.0, "utf8");
  if (ascii && !has_nul) return Make(Enc("UTF-8"), 1.0, "utf8");

  // 7. uchardet, checked by the model.
  return DetectByModel(window, complete, options, nullptr);
}

}  // namespace norm::detect
