// Character plausibility for the realign filter: log P(c | prev).
// TEMPORARY: a character unigram/bigram model counted from the jieba
// dictionary (and its OpenCC s2t conversion, so Traditional text scores
// too). To be replaced by the shared text model (text_model.h).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

namespace norm {

class RealignScorer {
 public:
  // Loaded on first use; null when the jieba dictionary is missing.
  static const RealignScorer* Get(std::string* error);
  // Natural-log probability of c after prev (prev 0: start of text).
  double LogProb(char32_t prev, char32_t c) const;
  // log P(c) alone.
  double Unigram(char32_t c) const;

 private:
  RealignScorer() = default;
  void AddWord(std::string_view word, double freq);
  std::unordered_map<char32_t, double> uni_;
  std::unordered_map<uint64_t, double> bi_;
  double total_ = 0;
};

}  // namespace norm
