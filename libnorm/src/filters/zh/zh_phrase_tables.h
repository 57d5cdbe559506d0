// Internal: the tables libnorm/data/gen_zh_phrases.py compiles at build time
// from the opencc package's dictionaries (the generated file includes this
// header only). zh_phrases.h converts with them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace norm::zh_internal {

// One dictionary: its keys in UTF-8 byte order, each followed by its value,
// in one pool; offsets[2i] is key i's start, offsets[2i+1] its value's,
// offsets[2i+2] the next key's.
struct PhraseDict {
  const char* name;
  const char* pool;
  const uint32_t* offsets;
  size_t size;

  // Byte length of the longest key that prefixes [p, end), 0 when none;
  // *value receives its value.
  size_t Match(const char* p, const char* end, std::string_view* value) const;
};

// A configuration: indexes into kPhraseDicts of its segmentation group and
// of each group of its conversion chain.
struct PhraseConfig {
  const char* name;
  int segmentation[4];
  int segmentation_size;
  int chain[4][4];
  int group_size[4];
  int chain_size;
};

extern const PhraseDict kPhraseDicts[];
extern const PhraseConfig kPhraseConfigs[];
extern const size_t kPhraseConfigCount;
// The Japanese kanji forms no Chinese standard writes (壱, 弐, 広, 駅),
// from OpenCC's JPVariants; UTF-8.
extern const char kJapaneseKanji[];

}  // namespace norm::zh_internal
