// Per-language letter model for telling single-byte code pages apart: which
// letters each language writes, and which follow which. Learned at build
// time (libnorm/data/gen_lang_model.py) from the translated message
// catalogues of Debian's Essential packages (Icelandic, Latvian, Albanian and
// Dutch, which they miss, from Debian's hunspell word lists), one table of
// log P(next | letter) per language over its alphabet, a word boundary and
// "another letter of the script" (38 languages, 4 KB each). Romanian's ș ț
// are read as ş ţ, the spelling of the code pages that lacked the comma.
//
// The encoding detector (detect.cpp) adds LetterGain to the generic
// plausibility score (text_model.h) of each candidate decoding: "lì" reads
// as Italian, "lý" (the same byte in IBM852) does not; KOI8-R read as
// windows-1251 is Cyrillic letters in an order no language writes.
//
// Thread safety: pure functions of immutable tables (an index built once).
#pragma once

#include <cstddef>
#include <string_view>

namespace norm::lang_model {

// How much better (nats; > 0 is better) the text's non-ASCII letters fit the
// language that explains the text best, per script, than word breaks in
// their place would, minus the generic model's unigram scores for those
// letters (text_model::LogFreq), which this replaces. 0 when the text has no
// non-ASCII letter of a script some language models (Latin, Cyrillic,
// Greek, Thai, Georgian). Letters of a non-Latin script (modelled or not)
// that never stand two together anywhere in the text ("Ј825" for "£825")
// cost 3 nats each, and such a script gains nothing from its language.
double LetterGain(std::string_view utf8);

// How many of the text's letters belong to a script with a letter model
// for no language (Hebrew and Arabic: no Essential package translates
// into them): a reading into those was never checked by LetterGain.
size_t UncheckedLetters(std::string_view utf8);

// Romanian's s and t with comma below (U+0218..U+021B) as the same letters
// with cedilla (U+015E, U+015F, U+0162, U+0163), the spelling of the code
// pages that lacked the comma: one letter, two spellings, which the models
// read alike (gen_lang_model.py's SAME_LETTER). Any other c as it is.
constexpr char32_t CedillaLetter(char32_t c) {
  switch (c) {
    case 0x0218:
      return 0x015E;
    case 0x0219:
      return 0x015F;
    case 0x021A:
      return 0x0162;
    case 0x021B:
      return 0x0163;
    default:
      return c;
  }
}

// The language whose letters fit the text best, or "" (for tests).
std::string_view BestLanguage(std::string_view utf8);

}  // namespace norm::lang_model
