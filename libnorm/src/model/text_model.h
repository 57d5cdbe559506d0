// Character-level plausibility model of text: how likely is this string of
// characters to be real human text rather than bytes decoded with the wrong
// encoding? Used by the encoding detector (decode.cpp) and by the repair
// filters that choose between candidate decodings (CJK mojibake, GBK/Big5
// streams read one byte out of step).
//
// What it knows (tables generated at build time by libnorm/data/
// gen_text_model.py, embedded in the library, read with zero parsing):
//   - Han characters: unigram log-frequencies from the word frequencies of
//     python3-jieba's dictionary, counted once as Simplified and once as
//     Traditional (OpenCC s2t and s2tw at build time), floored by Unihan
//     frequency tiers (GB2312 level 1/2, Big5 common/less common, JIS X 0208
//     level 1/2, Joyo/Jinmeiyo kanji, kFrequency, kGradeLevel, KS X 1001
//     hanja), so Japanese and Korean Han also score reasonably.
//   - Han bigrams: log P(b | a) from word-internal character pairs of the
//     same dictionary (both scripts), with a per-character backoff weight
//     (the share of a's occurrences that end a word).
//   - Han script: Simplified-only or Traditional-only characters (OpenCC's
//     single-character conversions, confirmed by the two dictionary counts).
//   - Hangul: the 2,350 KS X 1001 syllables (those in common use) score far
//     above the other 8,822 syllables.
//   - Everything else: a class prior per character (Unicode category and
//     script from unicode-data: ASCII letters, accented Latin, basic
//     Cyrillic/Greek/Hebrew/Arabic/Thai letters, punctuation, symbols, kana,
//     half-width kana, box drawing, C0/C1 controls, private use, unassigned,
//     U+FFFD), plus a transition score between classes of adjacent
//     characters: lower-to-upper case inside a word, two scripts glued
//     together inside a word, a combining mark without a base, half-width
//     kana next to kanji.
//
// Scores are natural-log likelihoods (nats). Higher (closer to 0) is more
// plausible. Typical values per character: clean Chinese about -5.5, clean
// Japanese about -5, clean English about -3.5, GBK bytes read as Big5 or
// UTF-8 read as GBK below -9, Latin-1 mojibake of CJK below -8.
//
// Comparing candidate decodings of the same bytes: compare the SUM
// (TextScore::sum, or the sum divided by the number of input bytes), not the
// per-character mean: a decoding that splits the bytes into more characters
// pays for each of them. Comparing texts of different origin (is this span
// plausible at all?): use the per-character mean, Score().
//
// Thread safety: everything here is a pure function of immutable tables.
// Speed: LogFreq and ClassOf are one array load for the BMP; BigramLogFreq is
// one multiplicative hash probe (load factor 0.5). Scorer::Add costs a few
// nanoseconds and never allocates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace norm::text_model {

// Coarse character classes (script and category). Stable numbering: the
// generator writes these numbers into the tables.
enum class TextClass : uint8_t {
  kOther = 0,
  kSpace,    // space, tab, NBSP, ideographic space
  kNewline,  // LF, CR
  kDigit,    // Nd
  kPunct,    // P*
  kSymbol,   // S*, N* other than digits
  kLatinLower,
  kLatinUpper,
  kCyrillicLower,
  kCyrillicUpper,
  kGreekLower,
  kGreekUpper,
  kHebrew,
  kArabic,
  kThai,
  kHan,
  kHiragana,  // and the prolonged sound mark U+30FC
  kKatakana,
  kHalfwidthKana,  // U+FF61..U+FF9F
  kHangul,
  kMark,     // combining marks of other scripts
  kControl,  // C0/C1 controls (not whitespace), format characters
  kPrivateUse,
  kOtherLetter,  // letters of scripts not listed above
  kCjkPunct,     // 、。「」… and full-width ！（），：；？
  kFullwidth,    // other full-width ASCII forms
  kInvalid,      // U+FFFD, unassigned, noncharacters, surrogates
  kBoxDrawing,   // U+2500..U+259F
};

// Class of a code point.
TextClass ClassOf(char32_t c);

// log P(c) of c as one character of running text, in nats (<= 0). Han
// characters follow the jieba/Unihan frequencies; others their class prior.
double LogFreq(char32_t c);

// Which Chinese script a Han character belongs to, from OpenCC's character,
// phrase and variant dictionaries cross-checked against real usage (the
// generator libnorm/data/gen_text_model.py says how):
//   kSimplifiedOnly    no Traditional standard (OpenCC s2t, s2tw, s2hk)
//                      writes it: 们, 这, 发
//   kSimplifiedMostly  some standard keeps it in a few phrases, but
//                      Traditional writing uses the other form at least four
//                      times as often: 后 (皇后), 于 (淳于), 么
//   kSimplifiedShared  both forms are common in Traditional writing; only
//                      the context tells (准/準, 里/裡, 台/臺, 制/製)
// and the same three for Traditional (t2s): 們, 於 (瞭), 乾 (覆). kEither:
// every other character, and everything that is not Han.
enum class HanClass : uint8_t {
  kEither = 0,
  kSimplifiedOnly = 1,
  kTraditionalOnly = 2,
  kSimplifiedMostly = 3,
  kTraditionalMostly = 4,
  kSimplifiedShared = 5,
  kTraditionalShared = 6,
};
namespace internal {
// The class of every BMP code point (the generated model's table): read
// inline, since the consistency step and CountHanScript ask once per
// character.
extern const uint8_t* const kHanClasses;
}  // namespace internal
inline HanClass HanClassOf(char32_t c) {
  return c >= 0x10000 ? HanClass::kEither : static_cast<HanClass>(internal::kHanClasses[c]);
}

// The script a character is evidence of: Simplified for the Simplified-only
// and -mostly classes, Traditional likewise, else either (shared characters
// are no evidence).
enum class HanScript : uint8_t { kEither = 0, kSimplified = 1, kTraditional = 2 };
inline HanScript ScriptOf(char32_t c) {
  switch (HanClassOf(c)) {
    case HanClass::kSimplifiedOnly:
    case HanClass::kSimplifiedMostly:
      return HanScript::kSimplified;
    case HanClass::kTraditionalOnly:
    case HanClass::kTraditionalMostly:
      return HanScript::kTraditional;
    default:
      return HanScript::kEither;
  }
}

// Returned by BigramLogFreq when the pair is not in the table.
inline constexpr double kNoBigram = -1e9;

// log P(b | a) for two Han characters that occur adjacent inside words of the
// dictionary (either script), or kNoBigram.
double BigramLogFreq(char32_t a, char32_t b);

// log of the probability mass that a Han character `a` gives to followers
// outside its bigram list (0 for non-Han characters).
double BackoffLogFreq(char32_t a);

// Score of one character given the previous one (prev = 0 at the start of a
// text): the Han bigram when known (or the backoff plus the unigram), else the
// unigram plus the class transition score.
double ConditionalLogFreq(char32_t prev, char32_t c);

struct TextScore {
  double sum = 0.0;  // total log-likelihood, nats
  size_t chars = 0;  // characters scored
  // Mean log-likelihood per character (0 for empty text).
  double PerChar() const { return chars ? sum / static_cast<double>(chars) : 0.0; }
};

// Incremental scorer, for decoder search loops: feed code points one by one.
class Scorer {
 public:
  void Add(char32_t c) {
    sum_ += ConditionalLogFreq(prev_, c);
    ++chars_;
    prev_ = c;
  }
  // Adds the score of every code point of valid or invalid UTF-8 (an invalid
  // byte counts as U+FFFD).
  void AddUtf8(std::string_view utf8);
  TextScore score() const { return {sum_, chars_}; }
  char32_t prev() const { return prev_; }

 private:
  double sum_ = 0.0;
  size_t chars_ = 0;
  char32_t prev_ = 0;
};

// Whole-text scores. Invalid UTF-8 bytes count as U+FFFD.
TextScore ScoreText(std::string_view utf8);
TextScore ScoreText(std::u32string_view text);

// Mean log-likelihood per character (TextScore::PerChar), 0 for empty text.
double Score(std::string_view utf8);
double Score(std::u32string_view text);

}  // namespace norm::text_model
