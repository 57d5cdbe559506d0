// Bytes in any encoding to UTF-8 text.
#pragma once

#include <string>
#include <string_view>

#include "norm/options.h"
#include "norm/report.h"
#include "norm/status.h"

namespace norm {

struct Detection {
  std::string encoding;     // canonical name: UTF-8, GB18030, Shift_JIS, windows-1252...
  double confidence = 0.0;  // 0..1
  std::string source;       // bom|user|declared|utf8|detector|model
  size_t bom_length = 0;    // bytes of BOM to skip
};

// Decides the encoding of bytes (looking at most at options.detect_window
// bytes) without decoding all of them.
Detection DetectEncoding(std::string_view bytes, const DecodeOptions& options);

struct Decoded {
  std::string text;  // valid UTF-8, BOM removed
  Detection detection;
  int64_t replaced = 0;  // undecodable sequences turned into U+FFFD
  int64_t skipped = 0;   // undecodable bytes dropped (OnInvalid::kSkip)
  Status status;         // kInvalidInput with the byte offset in strict mode
};

// Detects (unless options.from_code names an encoding) and decodes.
Decoded DecodeBytes(std::string_view bytes, const DecodeOptions& options);

// Records a decode result (encoding, confidence, source, replaced, skipped)
// in the report under "decode".
void ReportDecoded(const Decoded& decoded, Report& report);

// True when bytes are entirely valid UTF-8.
bool IsValidUtf8(std::string_view bytes);
// Byte offset of the first invalid UTF-8 sequence, or bytes.size().
size_t FirstInvalidUtf8(std::string_view bytes);

}  // namespace norm
