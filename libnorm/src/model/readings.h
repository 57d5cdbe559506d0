// Readings of Han characters from Unihan (Debian package unicode-data),
// compiled into the library at build time by data/gen_unihan_readings.py.
// Internal helper of the ruby filter; usable by any filter that needs to
// know how a character is read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace norm::readings {

// Every tone-marked pinyin reading of cp (kMandarin, kHanyuPinyin,
// kXHC1983, kTGHZ2013, kHanyuPinlu merged), space-separated; empty if none.
std::string_view Mandarin(char32_t cp);
// kJapaneseOn and kJapaneseKun readings as upper-case romaji, space-separated.
std::string_view Japanese(char32_t cp);

// Tone-marked pinyin ("lǚ") to zhuyin ("ㄌㄩˇ"); empty when the syllable is
// not standard pinyin.
std::string PinyinToZhuyin(std::string_view syllable);
// Tone-marked pinyin to tone-numbered form ("dǎo" -> "dao3", "lǚ" -> "lv3").
std::string PinyinToNumbered(std::string_view syllable);
// Unihan romaji ("MICHIBIKU") to hiragana ("みちびく") with ICU's
// Latin-Hiragana transform; empty on failure.
std::string RomajiToHiragana(std::string_view romaji);

}  // namespace norm::readings
