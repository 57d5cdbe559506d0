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

// Binary input is refused (unless Options::allow_binary): kBinaryInput at
// the offset of the first NUL byte ("use --binary"), or OK for text. NUL
// bytes are text only as UTF-16/32 code units of text that decodes cleanly
// (or whose encoding a BOM or --from-code states) and holds no U+0000.
Status RefuseBinary(std::string_view bytes, const Decoded& decoded);

// Records a decode result (encoding, confidence, source, replaced, skipped)
// in the report under "decode".
void ReportDecoded(const Decoded& decoded, Report& report);

}  // namespace norm
