#include "realign_scorer.h"

#include <opencc/opencc.h>

#include <cmath>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "cjk_util.h"

namespace norm {

void RealignScorer::AddWord(std::string_view word, double freq) {
  char32_t prev = 0;
  for (size_t i = 0; i < word.size();) {
    char32_t c = cjk::NextCodePoint(word, i);
    uni_[c] += freq;
    total_ += freq;
    if (prev) bi_[(static_cast<uint64_t>(prev) << 32) | c] += freq;
    prev = c;
  }
}

const RealignScorer* RealignScorer::Get(std::string* error) {
  static std::once_flag once;
  static RealignScorer* model = nullptr;
  static std::string load_error;
  std::call_once(once, [] {
    std::ifstream in(NORM_JIEBA_DICT);
    if (!in) {
      load_error = std::string("cannot read ") + NORM_JIEBA_DICT +
                   " (install the Debian package python3-jieba)";
      return;
    }
    auto* m = new RealignScorer();
    std::string words;
    std::vector<double> freqs;
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream ls(line);
      std::string w;
      double f = 0;
      if (!(ls >> w >> f)) continue;
      m->AddWord(w, f);
      words += w;
      words += '\n';
      freqs.push_back(f);
    }
    opencc_t cc = opencc_open((std::string(NORM_OPENCC_DIR) + "/s2t.json").c_str());
    if (cc != reinterpret_cast<opencc_t>(-1)) {
      char* t = opencc_convert_utf8(cc, words.data(), words.size());
      if (t) {
        std::string_view tv(t);
        size_t k = 0, pos = 0;
        while (pos < tv.size() && k < freqs.size()) {
          size_t nl = tv.find('\n', pos);
          if (nl == std::string_view::npos) nl = tv.size();
          std::string_view w = tv.substr(pos, nl - pos);
          // Simplified and Traditional forms both count (identical ones twice,
          // which only rescales them).
          m->AddWord(w, freqs[k]);
          ++k;
          pos = nl + 1;
        }
        opencc_convert_utf8_free(t);
      }
      opencc_close(cc);
    }
    model = m;
  });
  if (!model && error) *error = load_error;
  return model;
}

double RealignScorer::Unigram(char32_t c) const {
  auto it = uni_.find(c);
  double n = it == uni_.end() ? 0.0 : it->second;
  return std::log((n + 0.1) / (total_ + 1.0));
}

double RealignScorer::LogProb(char32_t prev, char32_t c) const {
  double pu = std::exp(Unigram(c));
  if (prev == 0) return std::log(pu);
  auto ip = uni_.find(prev);
  double p = 0.2 * pu;
  if (ip != uni_.end()) {
    auto ib = bi_.find((static_cast<uint64_t>(prev) << 32) | c);
    if (ib != bi_.end()) p += 0.8 * ib->second / ip->second;
  }
  return std::log(p);
}

}  // namespace norm
