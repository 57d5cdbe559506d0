// Bytes in any encoding to UTF-8 text.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "norm/options.h"
#include "norm/report.h"
#include "norm/status.h"

namespace norm {

struct [[nodiscard]] Detection {
  std::string encoding;     // GB18030, Shift_JIS, windows-1251, IBM855, ... (see below)
  double confidence = 0.0;  // 0..1; >= 0.9 only where such answers were right >= 99%
  std::string source;       // bom|user|declared|utf8|detector|model
  size_t bom_length = 0;    // bytes of BOM to skip
};

// Decides the encoding of bytes (looking at most at options.detect_window
// bytes) without decoding all of them. Evidence, strongest first:
//   bom       a byte order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE); FF FE or FE FF
//             before text with no NUL byte that is valid UTF-8 is two stray
//             bytes, not a UTF-16 BOM
//   user      options.from_code when it is not "auto": any name ICU or
//             glibc's iconv knows (encoding is empty when none does)
//   model     UTF-16/UTF-32 without BOM, recognised from NUL patterns
//   detector  ISO-2022-JP/KR escape sequences in 7-bit input
//   declared  <meta charset>, <meta http-equiv>, <?xml encoding?>, front
//             matter `encoding:`/`charset:` naming any known encoding,
//             trusted only when the window decodes with it cleanly (a
//             legacy declaration on valid non-ASCII UTF-8 loses to the bytes)
//   utf8      valid UTF-8, including pure ASCII
//   detector  uchardet's answer (any encoding it names), kept when the
//   / model   plausibility models agree or are unsure; otherwise the
//             candidate whose decoding they find most plausible by a clear
//             margin: the generic character model (text_model.h) plus a
//             per-language letter model learned from Debian's translations
//             (lang_model.h). The model reads the window's first kilobyte,
//             or the lines that hold its non-ASCII bytes when the first
//             kilobyte has few. options.lang ("zh", "ja", "ru"...) narrows
//             the candidates to that language's encodings.
// Confidence: 0.90-0.99 when uchardet and the models agree by a clear margin
// of the models' own in a common encoding (right 100% of the time on the
// development corpora, 99.4-99.6% on the held-out half, docs/accuracy.md
// "Encoding detection"); at most 0.85 otherwise, and for valid UTF-8 with
// fewer than three multi-byte characters.
// Callers that decode still use the best guess.
// Names: the narrowest standard name that decodes the bytes to the same text
// as what is used to decode them (GB2312/GBK from a declaration, GB18030 when
// detected; Shift_JIS, or CP932 when NEC/IBM rows occur; EUC-KR or CP949;
// Big5, CP950 when ETEN's 0xF9D6-0xF9FE occur, or Big5-HKSCS; ISO-8859-1 or
// windows-1252 by the C1 bytes;
// ISO-8859-9/windows-1254; TIS-620/windows-874), or the library's IANA/MIME
// name (IBM855, IBM861, CP1125, MAC-CENTRALEUROPE, ISO-8859-16, JOHAB, VISCII,
// ...). Where code pages read the bytes to the same words up to Romanian's
// ș ț / ş ţ, the most common is named (windows-1250 before ISO-8859-16). Decoding
// uses the browser-style superset: GB2312/GBK as GB18030 (its 0xA3 0xA0 read
// as U+3000, as browsers do, not the private-use U+E5E5), Shift_JIS as
// windows-31j, EUC-KR as windows-949, Big5 as Big5-HKSCS where that decodes
// more, ISO-8859-1 as windows-1252, TIS-620 as windows-874, ISO-8859-9 as
// windows-1254.
Detection DetectEncoding(std::string_view bytes, const DecodeOptions& options);

// How many leading bytes DetectEncoding looks at: a caller that only detects
// may read this many plus one (which tells it the input goes on).
size_t DetectionWindow(const DecodeOptions& options);

struct [[nodiscard]] Decoded {
  std::string text;  // valid UTF-8, BOM removed
  Detection detection;
  int64_t replaced = 0;      // undecodable sequences turned into U+FFFD
  int64_t skipped = 0;       // undecodable bytes dropped (OnInvalid::kSkip)
  int64_t nul_replaced = 0;  // stray U+0000 written as U+FFFD (RefuseBinary)
  Status status;             // kInvalidInput with the byte offset in strict mode
};

// Detects (unless options.from_code names an encoding) and decodes.
Decoded DecodeBytes(std::string_view bytes, const DecodeOptions& options);

// Decodes a stream chunk by chunk (pipes, records): a character split
// between two chunks is completed by the next chunk, never broken, and byte
// offsets count from the first byte fed. Typical use: DetectEncoding on a
// bounded prefix, skip detection.bom_length bytes, then feed chunks.
class StreamDecoder {
 public:
  // `encoding`: any name options.from_code accepts, ICU's or glibc iconv's
  // (aliases resolve to the same supersets as DecodeBytes). ok() is false
  // for an unknown name.
  explicit StreamDecoder(std::string_view encoding, OnInvalid on_invalid = OnInvalid::kReplace);
  ~StreamDecoder();
  StreamDecoder(StreamDecoder&&) noexcept;
  StreamDecoder& operator=(StreamDecoder&&) noexcept;

  bool ok() const;
  std::string encoding() const;  // canonical name, empty when !ok()
  // Appends the UTF-8 of chunk to out. last=true marks the end of input: an
  // incomplete sequence left over then counts as invalid. In strict mode the
  // first invalid sequence returns kInvalidInput with its byte offset (out
  // holds everything before it) and every later call fails too.
  Status Decode(std::string_view chunk, bool last, std::string& out);
  int64_t replaced() const;  // sequences turned into U+FFFD so far
  int64_t skipped() const;   // bytes dropped so far (OnInvalid::kSkip)
  // True when the chunks' text is always DecodeBytes' text for the same
  // bytes: false for an encoding DecodeBytes may re-read with a larger
  // superset when its table lacks characters (Big5, then Big5-HKSCS).
  bool same_as_whole() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// One encoding that DecodeOptions::from_code (and `norm -f`) accepts.
struct EncodingInfo {
  std::string name;     // the name norm reports
  std::string source;   // "icu" (an ICU converter) or "iconv" (glibc iconv, for what ICU lacks)
  std::string aliases;  // other accepted names, space-separated
};
// Every encoding the libraries offer: each ICU converter with its aliases,
// then glibc iconv's encodings that ICU lacks, sorted by name.
std::vector<EncodingInfo> ListEncodings();

// True when bytes are entirely valid UTF-8.
bool IsValidUtf8(std::string_view bytes);
// Byte offset of the first invalid UTF-8 sequence, or bytes.size(). Runs
// near memory speed on ASCII (16 bytes per step).
size_t FirstInvalidUtf8(std::string_view bytes);

}  // namespace norm
