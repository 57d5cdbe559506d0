// Word evidence for Chinese characters whose script shows only in context
// (text_model::HanClass's -mostly and -shared classes: 准 in 批准 is
// Traditional, in 標准 a Simplified leftover of 標準). Built at build time by
// libnorm/data/gen_text_model.py:
//   - Traditional usage: libchewing's phrase frequencies (Taiwan);
//   - Simplified usage: python3-jieba's word frequencies;
// only the words (2 to 6 characters) that hold an ambiguous character or one
// of its other forms, and each ambiguous character's other forms from OpenCC's
// STCharacters and TSCharacters.
#pragma once

#include <cstdint>
#include <string_view>

#include "text_model.h"

namespace norm::text_model {

inline constexpr size_t kHanWordMax = 6;

// Frequency of the word made of cps[0..n) with cps[k] replaced by `at_k` (k
// >= n: nothing replaced) in `script`'s usage (kSimplified or kTraditional);
// 0 when the word is not listed. n in [2, kHanWordMax].
uint32_t HanWordFreq(const char32_t* cps, size_t n, size_t k, char32_t at_k, HanScript script);

// The other forms of an ambiguous character (准 -> 準; 於 -> 于), as code
// points; empty for any other character.
std::u32string_view HanAlternatives(char32_t c);

// Of the places where the other script writes an ambiguous character, the
// percentage where its own script's usage keeps it (只: 90, 准: 10; from
// libchewing for Simplified characters, jieba for Traditional ones); 100 for
// any other character.
int HanKeptPercent(char32_t c);

}  // namespace norm::text_model
