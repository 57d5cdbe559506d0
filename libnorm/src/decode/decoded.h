// What the pipeline does with a decode result: decoding without a copy,
// the binary-input check and the Report's decode facts.
#pragma once

#include <string_view>

#include "norm/decode.h"
#include "norm/report.h"
#include "norm/status.h"

namespace norm {

// DecodeBytes without the copy of input that is valid UTF-8 already: fills
// *out (whose text then stays empty) and returns the text, a view into
// bytes or into out->text. For large pages, where a copy is 1x the input
// in memory.
std::string_view DecodeInto(std::string_view bytes, const DecodeOptions& options, Decoded* out);

// Text with a stray NUL byte, or binary data? As a browser reads a page, a
// few NULs in text are replaced with U+FFFD (each counted in
// decoded->nul_replaced); a binary file is refused with kBinaryInput at the
// offset of its first NUL byte ("use --binary"). Binary means: NUL bytes
// that are not UTF-16/32 code units of cleanly decoded text, and binary
// control bytes (0x00-0x08, 0x0B, 0x0E-0x1A, 0x1C-0x1F) making up more than
// 1/32 of the input. Decoded UTF-16/32 text is judged by its U+0000s alike.
Status RefuseBinary(std::string_view bytes, Decoded* decoded);

// Records a decode result (encoding, confidence, source, replaced, skipped,
// nul-replaced) in the report under "decode".
void ReportDecoded(const Decoded& decoded, Report& report);

}  // namespace norm
