// Which name the detector reports for the encoding it decodes with. The
// table merges names into browser-style supersets for decoding (GB2312 and
// GBK decode as GB18030, Shift_JIS as windows-31j, ISO-8859-1 as
// windows-1252); the report keeps the narrowest standard name that decodes
// these bytes to the same text, so that a GB2312 document is called GB2312
// and a Shift_JIS one using NEC or IBM extensions CP932. Internal.
#pragma once

#include <string>
#include <string_view>

#include "charset.h"

namespace norm::charset {

// The standard spelling of `name` without merging it into a superset:
// "gb2312" -> "GB2312", "cp936" -> "GBK", "latin1" -> "ISO-8859-1",
// "windows-31j" -> "CP932", "UHC" -> "CP949", "WINDOWS-1252" ->
// "windows-1252"; an unknown name gives "".
std::string SpecificName(std::string_view name);

// The name to report for `decoder` (the encoding that decodes the bytes) on
// `bytes`: `preferred` (a declaration's, the user's or uchardet's name, when
// it resolves to `decoder`; else decoder.name), widened when the bytes use
// a superset's characters (GB2312 -> GBK -> GB18030, Shift_JIS -> CP932,
// EUC-KR -> CP949, Big5 -> Big5-HKSCS, ISO-8859-1 -> windows-1252,
// ISO-8859-9 -> windows-1254, TIS-620 -> windows-874) and narrowed when they
// do not (windows-1252 without C1 bytes -> ISO-8859-1, and so on), unless
// keep_preferred (a name the user or the document gave is only widened).
std::string ReportedName(const Encoding& decoder, std::string_view preferred,
                         std::string_view bytes, bool keep_preferred);

}  // namespace norm::charset
