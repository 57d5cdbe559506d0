// Vietnamese written with windows-1258's combining tone marks, for the
// encoding detector (detect.cpp).
//
// windows-1258 writes Vietnamese tones as combining marks (U+0300 U+0301
// U+0303 U+0309 U+0323) after the vowel; the generic model, learned from
// composed text, scores each mark as a rare character after a letter, where
// the text it stands for holds one composed letter ("số" is s, ô, U+0301).
// A reading whose every mark stands on the vowel of a Vietnamese syllable
// (SyllableStart, SyllableEnd: a syllable is a word of its own) is scored
// as its composed text. Other languages' letters that windows-1258 reads as
// marks stand after consonants (windows-1252's "memòria" as "meṃria") or
// in words no syllable spells (windows-1257's Latvian "saņemtu" as
// "sạemtu", "ziņa" as "zịa") and keep the marks' cost.
//
// Thread safety: pure functions.
#pragma once

#include <string_view>

namespace norm::detect {

// What scoring the UTF-8 reading as its composed (NFC) text adds to its
// generic score: 0 unless the reading holds a combining mark and each
// stands on the vowel of a Vietnamese syllable.
double ComposedGain(std::string_view utf8);

}  // namespace norm::detect
