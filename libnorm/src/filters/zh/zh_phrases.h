// Internal: the OpenCC configurations the consistency step runs (t2s, s2t,
// t2tw, t2hk), compiled into static tables at build time from the opencc
// package's dictionaries (libnorm/data/gen_zh_phrases.py). They convert
// exactly as OpenCC does with those dictionaries, and cost nothing to load:
// building the same converters from the dictionaries at run time took
// 0.14 s per process.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "zh_phrase_tables.h"
#include "zh_trie.h"

namespace norm::zh_internal {

// A compiled configuration, built once per process from the tables.
class PhraseConverter {
 public:
  // The compiled configuration `name` (t2s, s2t, t2tw, t2hk); nullptr for
  // any other.
  static const PhraseConverter* Get(std::string_view name);

  // text as OpenCC's configuration converts it.
  std::string Convert(std::string_view text) const;

 private:
  using Group = MatchGroup<PhraseDict>;
  explicit PhraseConverter(const PhraseConfig& config);
  Group segmentation_;
  std::vector<Group> chain_;
};

}  // namespace norm::zh_internal
