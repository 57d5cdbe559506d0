// Word-level language model of Chinese, both scripts: how likely is a run of
// Han characters as the best segmentation into dictionary words? Used by the
// realign filter to choose between the texts a misaligned double-byte stream
// may have held (有所下降 over 有效下降, 科創 over 制創, 河水上涨 over 河上涨).
//
// What it knows (tables generated at build time by libnorm/data/
// gen_word_model.py, embedded in the library, read with zero parsing):
//   - words of 2 to 4 Han characters with unigram log-probabilities:
//     Simplified from python3-jieba's dictionary, Traditional from
//     rime-essay's (with OpenCC's Taiwan forms), each bridged to the other
//     script by OpenCC where that side lacks the word; ~590,000 strings;
//   - one-character words with their own log-probabilities (a character that
//     occurs only inside words, like 蝴 of 蝴蝶, is unlikely alone).
//   - a word-pair gain between adjacent words (PairGain), from the open-gram
//     bigram model of sunpinyin-data, Traditional through OpenCC;
// A character no word covers is scored by the character bigram model
// (text_model.h) less kBigramBackoffCost, so names and rare words still
// score as text, below any dictionary reading.
//
// Scores are natural-log likelihoods (nats, <= 0).
// Thread safety: pure functions of immutable tables; a Lattice is a value.
// Speed: one multiplicative hash and a few probes of a 4 MB table per lookup;
// Lattice::PushHan costs one lookup, more only after the first characters of
// a longer word, and never allocates.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace norm::word_model {

// Longest word the tables hold, in characters.
inline constexpr int kMaxWordLength = 4;
// Returned when a string is not in the tables.
inline constexpr double kNoWord = -1e9;
// Below the character bigram score, for characters no word covers.
inline constexpr double kBigramBackoffCost = 3.0;

// log P(word) of a dictionary word of 2..kMaxWordLength Han characters, else
// kNoWord.
double WordLogFreq(std::u32string_view word);

// log P(c) as a one-character word, else kNoWord.
double SingleLogFreq(char32_t c);

// log P(c) as a one-character token after the Han character prev (0 when
// none): the better of SingleLogFreq and the character bigram model less
// kBigramBackoffCost.
double OneCharLogFreq(char32_t prev, char32_t c);

// One-character words at least this likely skip the bigram back-off.
inline constexpr double kCommonSingle = -9.0;

// OneCharLogFreq(prev, c) for a caller that may have the bigram at hand:
// `conditional()` returns text_model::ConditionalLogFreq(prev, c) and is
// called only when the back-off can matter.
template <class Conditional>
double OneCharLogFreqWith(char32_t c, Conditional conditional) {
  const double single = SingleLogFreq(c);
  // A common one-character word needs no back-off: the bigram model, less
  // kBigramBackoffCost, seldom beats it.
  if (single >= kCommonSingle) return single;
  return std::max(single, conditional() - kBigramBackoffCost);
}

// log P(word | prev) - log P(word) in sunpinyin-data's back-off bigram model
// (gen_word_bigrams.py), weighted and capped as the lattice adds it between
// adjacent words: > 0 where the pair is likelier than its words apart, the
// back-off weight of prev where the model keeps no such pair, 0 where prev
// is outside the model's vocabulary (or the package was missing).
double PairGain(std::u32string_view prev, std::u32string_view word);

// Incremental Viterbi segmentation of a text into words, one character at a
// time: score() is the log-likelihood of the best segmentation of the Han
// characters pushed so far plus every cost pushed with PushOther. The pair
// gain conditions each word on the last word of the best path before it only
// (not on every path's): the lattice stays a handful of numbers.
class Lattice {
 public:
  // Appends a Han character.
  void PushHan(char32_t c) { PushHan(c, OneCharLogFreq(PrevHan(), c)); }
  // The same, for a caller that has OneCharLogFreq(PrevHan(), c) at hand
  // (the realign search computes the same bigram for its own costs).
  void PushHan(char32_t c, double one_char);
  // The Han character before the next one pushed, or 0 after any other.
  char32_t PrevHan() const { return run_ > 0 ? tail_[kMaxWordLength - 2] : 0; }
  // Appends a character that ends any word (punctuation, ASCII, ...) with
  // its cost (<= 0).
  void PushOther(double cost) {
    best_[0] += cost;
    last_[0] = 0;
    run_ = 0;
    prefix_ = 0;
  }
  double score() const { return best_[0]; }
  // The last Han characters that can still start a word with what follows
  // (for recombining hypotheses that continue identically), or 0.
  uint64_t TailKey() const;

 private:
  char32_t tail_[kMaxWordLength - 1] = {};  // last Han characters, newest last
  double best_[kMaxWordLength] = {};        // best_[i]: score i characters back
  // last_[i]: hash of the last word of the path best_[i] scores, 0 after a
  // character that ends any word or a word outside the pair model; and that
  // word's weighted back-off gain.
  uint64_t last_[kMaxWordLength] = {};
  float backoff_[kMaxWordLength] = {};
  int run_ = 0;  // Han characters since the last other one
  // Bit k: the last k characters begin a longer word.
  uint8_t prefix_ = 0;
};

}  // namespace norm::word_model
