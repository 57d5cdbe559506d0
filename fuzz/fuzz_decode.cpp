// DecodeBytes and DetectEncoding with random options. Properties: decoded
// text is valid UTF-8; strict mode either succeeds with nothing replaced or
// fails with an offset inside the input; replace and skip never fail on a
// known encoding; FirstInvalidUtf8 agrees with a slow reference.
#include <cstring>
#include <iterator>

#include "fuzz_util.h"
#include "norm/decode.h"

namespace {

constexpr const char* kEncodings[] = {
    "auto",       "UTF-8",        "GB18030",     "GBK",         "Big5",       "Big5-HKSCS",
    "Shift_JIS",  "EUC-JP",       "ISO-2022-JP", "EUC-KR",      "HZ-GB-2312", "windows-1252",
    "ISO-8859-1", "windows-1251", "KOI8-R",      "UTF-16LE",    "UTF-16BE",   "UTF-32LE",
    "UTF-7",      "x-mac-roman",  "IBM037",      "windows-874", "UTF-16",     "ISO-8859-8"};

// Obviously correct: decode each sequence by the table in RFC 3629.
size_t ReferenceFirstInvalid(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return i;
    uint32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (size_t k = 1; k < len; ++k) {
      auto t = static_cast<unsigned char>(s[i + k]);
      if ((t & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (t & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return s.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace norm;
  std::string_view whole(reinterpret_cast<const char*>(data), size);
  if (FirstInvalidUtf8(whole) != ReferenceFirstInvalid(whole))
    fuzz::Fail("FirstInvalidUtf8 disagrees with the reference", whole);

  fuzz::Bytes in(data, size);
  DecodeOptions options;
  options.from_code = kEncodings[in.Take() % std::size(kEncodings)];
  uint8_t mode = in.Take();
  options.on_invalid = mode % 3 == 0   ? OnInvalid::kReplace
                       : mode % 3 == 1 ? OnInvalid::kStrict
                                       : OnInvalid::kSkip;
  uint8_t window = in.Take();
  if (window & 0x80) options.detect_window = 1 + (window & 0x7F);
  std::string_view bytes = in.rest();

  Detection d = DetectEncoding(bytes, options);
  if (d.encoding.empty()) {
    // Only an encoding the user named and the converter does not know
    // (UTF-7, IBM037) leaves detection empty; decoding then says so.
    if (options.from_code == "auto") fuzz::Fail("no encoding detected");
    if (DecodeBytes(bytes, options).status.code() != StatusCode::kConfig)
      fuzz::Fail("unknown encoding not reported as a configuration error");
    return 0;
  }
  if (d.bom_length > bytes.size()) fuzz::Fail("BOM longer than input");

  Decoded out = DecodeBytes(bytes, options);
  if (out.detection.encoding != d.encoding) fuzz::Fail("DecodeBytes detected differently");
  if (out.status.ok()) {
    if (!IsValidUtf8(out.text)) fuzz::Fail("decoded text is not UTF-8", out.text);
    if (options.on_invalid == OnInvalid::kStrict && (out.replaced != 0 || out.skipped != 0))
      fuzz::Fail("strict mode replaced bytes");
    if (out.replaced < 0 || out.skipped < 0) fuzz::Fail("negative counts");
  } else {
    if (out.status.code() == StatusCode::kInvalidInput) {
      int64_t at = out.status.byte_offset();
      if (at < 0 || static_cast<uint64_t>(at) > bytes.size())
        fuzz::Fail("rejection offset outside the input");
      if (options.on_invalid != OnInvalid::kStrict) {
        // Replace and skip must always produce text.
        fuzz::Fail("replace/skip mode rejected the input", out.status.ToString());
      }
    } else if (out.status.code() != StatusCode::kConfig || options.from_code == "auto") {
      // Detection must only ever name encodings the converter knows.
      fuzz::Fail("unexpected status", out.status.ToString());
    }
  }
  // Strict success must equal replace mode's output with nothing replaced.
  if (options.on_invalid == OnInvalid::kStrict && out.status.ok()) {
    DecodeOptions replace = options;
    replace.on_invalid = OnInvalid::kReplace;
    Decoded r = DecodeBytes(bytes, replace);
    if (r.text != out.text || r.replaced != 0)
      fuzz::Fail("strict success differs from replace mode");
  }
  return 0;
}
