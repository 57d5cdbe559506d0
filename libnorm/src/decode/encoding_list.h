// The encoding table: the encodings the detector weighs, their converters
// and families. In a header so that gen_byte_tables (libnorm/data) compiles
// the single-byte ones' tables from the same entries. Internal.
#pragma once

#include <cstddef>

#include "charset.h"

namespace norm::charset {

// Canonical encodings. `icu` is the converter that decodes the browser-style
// superset (WHATWG Encoding Standard): GB2312/GBK as GB18030, Shift_JIS as
// windows-31j, EUC-KR as windows-949, ISO-8859-1 as windows-1252, TIS-620 as
// windows-874, ISO-8859-9 as windows-1254.
inline constexpr Encoding kEncodings[] = {
    {"UTF-8", "UTF-8", nullptr, Family::kUnicode, false},
    {"UTF-16LE", "UTF-16LE", nullptr, Family::kUnicode, false},
    {"UTF-16BE", "UTF-16BE", nullptr, Family::kUnicode, false},
    {"UTF-32LE", "UTF-32LE", nullptr, Family::kUnicode, false},
    {"UTF-32BE", "UTF-32BE", nullptr, Family::kUnicode, false},
    {"GB18030", "gb18030", nullptr, Family::kChinese, false},
    {"Big5", "windows-950-2000", "ibm-1375_P100-2008", Family::kChinese, false},
    {"Shift_JIS", "ibm-943_P15A-2003", nullptr, Family::kJapanese, false},
    {"EUC-JP", "euc-jp-2007", nullptr, Family::kJapanese, false},
    {"ISO-2022-JP", "ISO_2022,locale=ja,version=0", nullptr, Family::kJapanese, false},
    {"EUC-KR", "windows-949-2000", nullptr, Family::kKorean, false},
    {"ISO-2022-KR", "ISO_2022,locale=ko,version=0", nullptr, Family::kKorean, false},
    {"HZ-GB-2312", "HZ", nullptr, Family::kChinese, false},
    {"windows-1250", "windows-1250", nullptr, Family::kCentralEuropean, true},
    {"windows-1251", "windows-1251", nullptr, Family::kCyrillic, true},
    {"windows-1252", "windows-1252", nullptr, Family::kWestern, true},
    {"windows-1253", "windows-1253", nullptr, Family::kGreek, true},
    {"windows-1254", "windows-1254", nullptr, Family::kTurkish, true},
    {"windows-1255", "windows-1255", nullptr, Family::kHebrew, true},
    {"windows-1256", "windows-1256", nullptr, Family::kArabic, true},
    {"windows-1257", "windows-1257", nullptr, Family::kBaltic, true},
    {"windows-1258", "windows-1258", nullptr, Family::kVietnamese, true},
    {"KOI8-R", "KOI8-R", nullptr, Family::kCyrillic, true},
    {"KOI8-U", "KOI8-U", nullptr, Family::kCyrillic, true},
    {"IBM866", "IBM866", nullptr, Family::kCyrillic, true},
    {"ISO-8859-2", "ISO-8859-2", nullptr, Family::kCentralEuropean, true},
    {"ISO-8859-5", "ISO-8859-5", nullptr, Family::kCyrillic, true},
    {"ISO-8859-6", "ISO-8859-6", nullptr, Family::kArabic, true},
    {"ISO-8859-7", "ISO-8859-7", nullptr, Family::kGreek, true},
    {"ISO-8859-8", "ISO-8859-8", nullptr, Family::kHebrew, true},
    {"ISO-8859-13", "ISO-8859-13", nullptr, Family::kBaltic, true},
    {"ISO-8859-15", "ISO-8859-15", nullptr, Family::kWestern, true},
    {"windows-874", "windows-874-2000", nullptr, Family::kThai, true},
    {"macintosh", "macintosh", nullptr, Family::kWestern, true},
    {"x-mac-cyrillic", "x-mac-cyrillic", nullptr, Family::kCyrillic, true},
    // Named as uchardet names them.
    {"IBM855", "ibm-855_P100-1995", nullptr, Family::kCyrillic, true},
    {"IBM852", "ibm-852_P100-1995", nullptr, Family::kCentralEuropean, true},
    {"MAC-CENTRALEUROPE", "macos-29-10.2", nullptr, Family::kCentralEuropean, true},
    {"ISO-8859-16", nullptr, nullptr, Family::kCentralEuropean, true, "ISO-8859-16"},
    {"ISO-8859-3", "ISO-8859-3", nullptr, Family::kWestern, true},
    {"ISO-8859-4", "ISO-8859-4", nullptr, Family::kBaltic, true},
    {"ISO-8859-10", "ISO-8859-10", nullptr, Family::kWestern, true},
    {"IBM437", "ibm-437_P100-1995", nullptr, Family::kWestern, true},
    {"IBM850", "ibm-850_P100-1995", nullptr, Family::kWestern, true},
    {"IBM865", "ibm-865_P100-1995", nullptr, Family::kWestern, true},
    // DOS code pages of one language each: Icelandic (IBM437 with its
    // letters in place of some accented ones), Ukrainian (IBM866 with
    // Ґ ґ Є є І і Ї ї at 0xF2-0xF9; ICU lacks it).
    {"IBM861", "ibm-861_P100-1995", nullptr, Family::kWestern, true},
    {"CP1125", nullptr, nullptr, Family::kCyrillic, true, "CP1125"},
    {"VISCII", nullptr, nullptr, Family::kVietnamese, true, "VISCII"},
    // Weighed only when named: on their own they steal short CJK samples.
    {"EUC-TW", "euc-tw-2014", nullptr, Family::kChinese, false},
    {"Big5-HKSCS", "ibm-1375_P100-2008", nullptr, Family::kChinese, false},
    {"JOHAB", nullptr, nullptr, Family::kKorean, false, "JOHAB"},
};
inline constexpr size_t kNumEncodings = sizeof(kEncodings) / sizeof(kEncodings[0]);

}  // namespace norm::charset
