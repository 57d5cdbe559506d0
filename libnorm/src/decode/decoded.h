// What the pipeline does with a decode result: the binary-input check and
// the Report's decode facts.
#pragma once

#include <string_view>

#include "norm/decode.h"
#include "norm/report.h"
#include "norm/status.h"

namespace norm {

// Binary input is refused (unless Options::allow_binary): kBinaryInput at
// the offset of the first NUL byte ("use --binary"), or OK for text. NUL
// bytes are text only as UTF-16/32 code units of text that decodes cleanly
// (or whose encoding a BOM or --from-code states) and holds no U+0000.
Status RefuseBinary(std::string_view bytes, const Decoded& decoded);

// Records a decode result (encoding, confidence, source, replaced, skipped)
// in the report under "decode".
void ReportDecoded(const Decoded& decoded, Report& report);

}  // namespace norm
