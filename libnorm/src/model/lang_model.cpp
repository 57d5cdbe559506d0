// Per-language letter model. See lang_model.h.
#include "lang_model.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <limits>
#include <string>
#include <vector>

#include "lang_model_data.h"
#include "text_model.h"

namespace norm::lang_model {
namespace {

using data::kLangModelCount;
using data::kLangModels;

constexpr int kScripts = 8;  // as gen_lang_model.py numbers them
constexpr char32_t kIndexed = 0x1F00;
constexpr int kOther = data::kLangModelOther;
constexpr double kScale = 1.0 / data::kLangModelScale;
constexpr char32_t kMiddleDot = 0xB7;
// Nats per lone letter of a non-Latin script (see LetterGain).
constexpr double kLoneLetter = -3.0;

// Script of a (lower-case) letter, or -1 for anything else.
int ScriptOf(char32_t c) {
  if (c >= 0x0E31 && c <= 0x0E4E) return 5;  // Thai vowel signs and tone marks spell words
  if (!u_isalpha(static_cast<UChar32>(c))) return -1;
  if (c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF)) return 0;
  if (c >= 0x400 && c <= 0x52F) return 1;
  if (c >= 0x370 && c <= 0x3FF) return 2;
  if (c >= 0x590 && c <= 0x5FF) return 3;
  if (c >= 0x600 && c <= 0x6FF) return 4;
  if (c >= 0xE00 && c <= 0xE7F) return 5;
  if (c >= 0x10A0 && c <= 0x10FF) return 6;
  if (c >= 0x530 && c <= 0x58F) return 7;
  return -1;
}

// Code point -> each language's symbol, built on first use.
struct Index {
  // symbol[lang][c] for c < kIndexed: 1..letters, or 0 when c is not in
  // the alphabet.
  std::vector<std::array<uint8_t, kIndexed>> symbol;
  std::array<bool, kScripts> modelled{};
};

const Index& GetIndex() {
  static const Index* index = [] {
    auto* ix = new Index();
    ix->symbol.resize(kLangModelCount);  // value-initialised: every symbol 0
    for (size_t l = 0; l < kLangModelCount; ++l) {
      const data::LangModel& m = kLangModels[l];
      if (m.lang == nullptr) continue;
      for (int i = 0; i < m.letters; ++i) {
        if (m.alphabet[i] < kIndexed) ix->symbol[l][m.alphabet[i]] = static_cast<uint8_t>(i + 1);
      }
      ix->modelled[m.script] = true;
    }
    return ix;
  }();
  return *index;
}

struct Char {
  char32_t c;         // lower case
  char32_t original;  // as decoded
  int8_t script;
  bool ascii;
};

// Decodes UTF-8 (invalid bytes as U+FFFD) into lower-case characters.
void Chars(std::string_view utf8, std::vector<Char>& out) {
  const size_t begin = out.size();
  bool dot = false;
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const auto* end = p + utf8.size();
  while (p < end) {
    char32_t c = *p;
    int n = 1;
    if (c >= 0xF0 && end - p >= 4) {
      c = ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
      n = 4;
    } else if (c >= 0xE0 && end - p >= 3) {
      c = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
      n = 3;
    } else if (c >= 0xC0 && end - p >= 2) {
      c = ((c & 0x1F) << 6) | (p[1] & 0x3F);
      n = 2;
    } else if (c >= 0x80) {
      c = 0xFFFD;
    }
    p += n;
    if (c < 0x80) {
      const bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
      out.push_back({letter ? (c | 0x20) : c, c, static_cast<int8_t>(letter ? 0 : -1), true});
      continue;
    }
    dot |= c == kMiddleDot;
    const char32_t lower = CedillaLetter(static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
    out.push_back({lower, c, static_cast<int8_t>(ScriptOf(lower)), false});
  }
  if (!dot) return;
  // Catalan's ela geminada ("col·lecció"): a middle dot between two Latin
  // letters is a letter of the word, as gen_lang_model.py learns it (only a
  // language that writes so has it in its alphabet; to the others it is
  // another letter, not the word break that would let "instal·lats" score
  // as well as a misreading's "instalúlats").
  for (size_t i = begin + 1; i + 1 < out.size(); ++i) {
    if (out[i].original == kMiddleDot && out[i - 1].script == 0 && out[i + 1].script == 0) {
      out[i].script = 0;
    }
  }
}

// The symbol of ch in language m: its letter, "another letter of the
// script", or 0 (a word break).
inline int Symbol(const Char& ch, const data::LangModel& m,
                  const std::array<uint8_t, kIndexed>& sym) {
  if (ch.script != m.script) return 0;
  return ch.c < kIndexed && sym[ch.c] ? sym[ch.c] : kOther;
}

struct Scores {
  std::array<double, kScripts> best_full;
  std::array<double, kScripts> best_base;
  std::array<int, kScripts> best_lang;
  // Generic unigram scores of the non-ASCII modelled letters, per script.
  std::array<double, kScripts> generic{};
  // Whether two letters of the script stand side by side somewhere, and
  // how many non-ASCII letters it has.
  std::array<bool, kScripts> word{};
  std::array<int, kScripts> letters{};
  bool any = false;
};

// Vietnamese in windows-1258 spells tones with combining marks; the tables
// hold composed letters.
bool HasCombiningMarks(std::string_view utf8) {
  for (size_t i = 0; i + 1 < utf8.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(utf8[i]);
    const auto b1 = static_cast<unsigned char>(utf8[i + 1]);
    if ((b0 == 0xCC && b1 >= 0x80) || (b0 == 0xCD && b1 <= 0xAF)) return true;  // U+0300..U+036F
  }
  return false;
}

std::string Composed(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString n = nfc->normalize(u, status);
  if (U_FAILURE(status)) return std::string(utf8);
  std::string out;
  n.toUTF8String(out);
  return out;
}

Scores Score(std::string_view text) {
  std::string composed;
  std::string_view utf8 = text;
  if (HasCombiningMarks(text)) {
    composed = Composed(text);
    utf8 = composed;
  }
  Scores s;
  s.best_full.fill(-1e300);
  s.best_base.fill(-1e300);
  s.best_lang.fill(-1);
  thread_local std::vector<Char> chars;
  thread_local std::vector<std::pair<size_t, size_t>> runs;
  chars.clear();
  Chars(utf8, chars);
  const Index& ix = GetIndex();
  std::array<bool, kScripts> present{};
  int prev_script = -1;  // of the previous character that is not a combining mark
  for (const Char& ch : chars) {
    if (ch.script < 0 && !ch.ascii &&
        u_charType(static_cast<UChar32>(ch.original)) == U_NON_SPACING_MARK) {
      continue;  // Hebrew points, Arabic harakat: inside a word
    }
    const int before = prev_script;
    prev_script = ch.script;
    if (ch.script < 0 || ch.ascii) continue;
    ++s.letters[ch.script];
    if (before == ch.script) s.word[ch.script] = true;
    if (ix.modelled[ch.script]) {
      present[ch.script] = true;
      s.generic[ch.script] += text_model::LogFreq(ch.original);
      s.any = true;
    }
  }
  if (!s.any) return s;
  // The text with each run of non-ASCII characters as a word break scores
  // the same under every single-byte reading of one sample: it is computed
  // once per skeleton, and each candidate adds what its runs change.
  uint64_t hash = 1469598103934665603ull;
  runs.clear();
  for (size_t i = 0; i < chars.size(); ++i) {
    if (chars[i].ascii) {
      hash = (hash ^ chars[i].c) * 1099511628211ull;
    } else if (i == 0 || chars[i - 1].ascii) {
      hash = (hash ^ 0x100) * 1099511628211ull;
      runs.push_back({i, i});
    }
    if (!chars[i].ascii) runs.back().second = i + 1;
  }
  // The base of each language is computed when a text needs it (its
  // script present), and kept for the last few skeletons: the readings of
  // one sample alternate between a handful of them (the single-byte ones
  // share one; each double-byte reading has its own).
  constexpr int kUnknown = std::numeric_limits<int>::min();
  struct Skeleton {
    uint64_t hash = 0;
    std::vector<int> base;
    // How often each pair of neighbours occurs in it, each an ASCII letter
    // (1..26) or anything else (0, a word break), and the last one: every
    // Latin language's base is a sum over these, non-Latin ones' is 0.
    bool counted = false;
    std::array<uint32_t, 27 * 27> pairs{};
    // The pairs that occur (a * 27 + b, count), break-break left out: a
    // sample holds a few dozen of the 729, and every Latin language's base
    // walks them (integer sums: the order does not matter).
    std::vector<std::pair<uint16_t, uint32_t>> present;
    int last = 0;
  };
  thread_local std::array<Skeleton, 4> skeletons;
  thread_local size_t next_skeleton = 0;
  Skeleton* sk = nullptr;
  for (Skeleton& k : skeletons) {
    if (k.hash == hash && k.base.size() == kLangModelCount) sk = &k;
  }
  if (sk == nullptr) {
    sk = &skeletons[next_skeleton];
    next_skeleton = (next_skeleton + 1) % skeletons.size();
    sk->hash = hash;
    sk->base.assign(kLangModelCount, kUnknown);
    sk->counted = false;
  }
  std::vector<int>& cached_base = sk->base;
  auto base_of = [&](size_t l) {
    int& base = cached_base[l];
    if (base != kUnknown) return base;
    const data::LangModel& m = kLangModels[l];
    if (m.script != 0) return base = 0;  // it reads every ASCII character as a break
    if (!sk->counted) {
      sk->pairs.fill(0);
      int prev = 0;
      for (const Char& ch : chars) {
        const int cur = ch.ascii && ch.script == 0 ? static_cast<int>(ch.c - 'a') + 1 : 0;
        ++sk->pairs[prev * 27 + cur];
        prev = cur;
      }
      sk->last = prev;
      sk->present.clear();
      for (int ab = 1; ab < 27 * 27; ++ab) {
        if (sk->pairs[ab]) sk->present.push_back({static_cast<uint16_t>(ab), sk->pairs[ab]});
      }
      sk->counted = true;
    }
    const auto& sym = ix.symbol[l];
    auto symbol = [&](int x) { return x == 0 ? 0 : sym['a' + x - 1] ? sym['a' + x - 1] : kOther; };
    int sum = 0;
    for (const auto& [ab, n] : sk->present) {
      sum += static_cast<int>(n) * m.log_next[symbol(ab / 27) * 64 + symbol(ab % 27)];
    }
    if (sk->last) sum += m.log_next[symbol(sk->last) * 64];
    base = sum;
    return base;
  };
  for (size_t l = 0; l < kLangModelCount; ++l) {
    const data::LangModel& m = kLangModels[l];
    if (m.lang == nullptr || !present[m.script]) continue;
    const auto& sym = ix.symbol[l];
    const int8_t* next = m.log_next;
    int delta = 0;
    for (const auto& [i, j] : runs) {
      const int p = i > 0 ? Symbol(chars[i - 1], m, sym) : 0;
      const int q = j < chars.size() ? Symbol(chars[j], m, sym) : 0;
      int prev = p;
      for (size_t k = i; k < j; ++k) {
        const int cur = Symbol(chars[k], m, sym);
        if (prev | cur) delta += next[prev * 64 + cur];
        prev = cur;
      }
      if (prev | q) delta += next[prev * 64 + q];
      // What the base had there: a word break between p and q.
      if (p) delta -= next[p * 64];
      if (q) delta -= next[q];
    }
    const int base = base_of(l);
    const double f = (base + delta) * kScale, b = base * kScale;
    if (f > s.best_full[m.script]) {
      s.best_full[m.script] = f;
      s.best_lang[m.script] = static_cast<int>(l);
    }
    if (b > s.best_base[m.script]) s.best_base[m.script] = b;
  }
  return s;
}

}  // namespace

double LetterGain(std::string_view utf8) {
  const Scores s = Score(utf8);
  double gain = 0.0;
  for (int k = 1; k < kScripts; ++k) {
    // Letters of a non-Latin script that never stand two together ("Ј825"
    // for "£825", "Az תj" for "Az új") spell no word of any language: a
    // misreading's tell. They may lose by the letter model, never gain, and
    // each costs kLoneLetter.
    if (s.letters[k] > 0 && !s.word[k]) gain += kLoneLetter * s.letters[k];
  }
  if (!s.any) return gain;
  for (int k = 0; k < kScripts; ++k) {
    if (s.best_lang[k] < 0) continue;
    const double g = s.best_full[k] - s.best_base[k] - s.generic[k];
    gain += k != 0 && !s.word[k] ? std::min(g, 0.0) : g;
  }
  return gain;
}

size_t UncheckedLetters(std::string_view utf8) {
  thread_local std::vector<Char> chars;
  chars.clear();
  Chars(utf8, chars);
  const Index& ix = GetIndex();
  size_t n = 0;
  for (const Char& ch : chars) n += ch.script > 0 && !ix.modelled[ch.script];
  return n;
}

std::string_view BestLanguage(std::string_view utf8) {
  const Scores s = Score(utf8);
  int best = -1;
  double best_gain = -1e300;
  for (int k = 0; k < kScripts; ++k) {
    if (s.best_lang[k] >= 0 && s.best_full[k] - s.best_base[k] > best_gain) {
      best_gain = s.best_full[k] - s.best_base[k];
      best = s.best_lang[k];
    }
  }
  return best < 0 ? std::string_view() : kLangModels[best].lang;
}

}  // namespace norm::lang_model
