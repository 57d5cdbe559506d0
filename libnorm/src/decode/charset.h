// Encodings known to the decoder: names, aliases, browser-style supersets,
// and the byte-to-UTF-8 conversion engine behind DecodeBytes and
// StreamDecoder (decode.h). Internal.
//
// Names come from the libraries: a small table holds the encodings the
// detector weighs (with their language family and the browser-style superset
// each decodes as); any other name ICU's converter aliases or glibc's iconv
// accept resolves to an encoding made on first use.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "norm/options.h"

namespace norm::charset {

enum class Family : uint8_t {
  kUnicode,   // UTF-8/16/32
  kChinese,   // GB18030, Big5
  kJapanese,  // Shift_JIS, EUC-JP, ISO-2022-JP
  kKorean,    // EUC-KR, ISO-2022-KR
  kCyrillic,
  kGreek,
  kHebrew,
  kArabic,
  kThai,
  kVietnamese,
  kTurkish,
  kCentralEuropean,
  kBaltic,
  kWestern,
  kOther,  // named by the user, a declaration or uchardet; no model family
};

struct Encoding {
  const char* name;     // canonical name reported in Detection::encoding
  const char* icu;      // ICU converter used to decode (the superset)
  const char* icu_alt;  // second converter tried when icu reports errors, or nullptr
  Family family;
  bool single_byte;
  const char* iconv = nullptr;  // glibc iconv name, for encodings ICU lacks (icu == nullptr)
};

// Resolves any encoding name (case, '-', '_' and ' ' ignored). The table's
// aliases first, with their browser-style supersets: "gb2312", "GBK",
// "cp936" -> GB18030; "Shift_JIS", "sjis" -> Shift_JIS (decoded as
// windows-31j); "latin1" -> windows-1252; then every converter name and alias
// ICU knows ("IBM437", "x-mac-greek", "ibm-1047"), then every name glibc's
// iconv opens ("ISO-8859-16", "JOHAB", "ARMSCII-8"). Returns nullptr for a
// name no library knows. Thread-safe; the result lives as long as the
// process.
const Encoding* Lookup(std::string_view name);

// The key names are compared by: lower case, letters and digits only
// ("ISO_8859-1" and "iso88591" are one name).
std::string NameKey(std::string_view name);

// The table: the encodings the detector weighs, in a stable order; *count
// receives the size.
const Encoding* All(size_t* count);

// True for the table entries the detector weighs on its own; the others
// (EUC-TW, Big5-HKSCS, JOHAB) are weighed when uchardet or a declaration
// names them.
bool Weighed(const Encoding& e);

// The code point of each byte value of a single-byte encoding whose bytes
// 0x00-0x7F are ASCII (U+FFFD where a byte is unassigned), or nullptr for
// any other encoding. Lives as long as the process.
const char32_t* AsciiCompatibleTable(const Encoding& e);

// The same for every single-byte encoding with a table, ASCII-compatible or
// not (IBM437 reads 0x1A and 0x7F as symbols), or nullptr.
const char32_t* SingleByteTable(const Encoding& e);

// One encoding the libraries offer, for `norm --list-encodings`.
struct Listed {
  std::string name;     // the name norm reports (IANA or MIME name where there is one)
  std::string source;   // "icu" or "iconv"
  std::string aliases;  // other accepted names, space-separated
};
// Every ICU converter (with its aliases), then every glibc iconv encoding
// ICU lacks (from the gconv module configuration), sorted by name.
std::vector<Listed> ListAll();

// The library half of Lookup: an ICU converter name or alias, else a name
// glibc's iconv opens; nullptr when neither knows it.
const Encoding* LookupLibrary(std::string_view name);

// Decodes `in` with an iconv_t opened to UTF-8 (its shift state reset
// first) into at most `cap` bytes at out; returns the bytes written, or
// SIZE_MAX when the input is invalid or incomplete.
size_t IconvOnce(void* converter, std::string_view in, char* out, size_t cap);

// Byte-to-UTF-8 decoder for one encoding, usable on one buffer or on a
// stream of chunks: a character split across chunks is completed with the
// next chunk. Invalid sequences follow OnInvalid; byte offsets count from
// the first byte ever fed.
// GB18030 (GBK and GB2312 are read as it) maps 0xA3 0xA0 to U+3000, as the
// WHATWG Encoding Standard and browsers do, not to ICU's private-use U+E5E5:
// pages indent paragraphs with it. Both decoding paths (the engine's ICU
// loop and the table of mbcs_table.h) pass ICU's characters through here.
inline bool IsGb18030(const char* icu) {
  return icu != nullptr && std::string_view(icu) == "gb18030";
}
inline char32_t AsBrowsersRead(char32_t c, bool gb18030) {
  return gb18030 && c == 0xE5E5 ? char32_t{0x3000} : c;
}

class Engine {
 public:
  Engine(const Encoding& encoding, OnInvalid on_invalid);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Appends the UTF-8 of `bytes` to out. `last` flushes: an incomplete
  // sequence at the end becomes an error. Returns false in strict mode at the
  // first invalid sequence (see error_offset()); out then holds the text
  // decoded before it.
  bool Decode(std::string_view bytes, bool last, std::string& out);

  int64_t replaced() const { return replaced_; }
  int64_t skipped() const { return skipped_; }
  // Offset of the first invalid sequence seen, or -1.
  int64_t error_offset() const { return error_offset_; }
  int64_t errors() const { return errors_; }
  // Private-use characters produced by ICU converters (a Big5 table that
  // lacks a character HKSCS has maps it there).
  int64_t private_use() const { return private_use_; }
  const Encoding& encoding() const { return *encoding_; }
  // False when ICU could not open the converter (should not happen for
  // table entries).
  bool ok() const { return ok_; }

  // For the ICU callback: counts an invalid sequence of `length` bytes at
  // `chunk_offset` in the current chunk; returns what to do with it.
  OnInvalid RecordError(int64_t chunk_offset, int32_t length);
  struct Impl;

 private:
  bool DecodeUtf8(std::string_view bytes, bool last, std::string& out);
  bool DecodeSingleByte(std::string_view bytes, std::string& out);
  bool DecodeIcu(std::string_view bytes, bool last, std::string& out);
  // The table fast path of DecodeIcu (mbcs_table.h), ICU for the rest.
  bool DecodeMbcs(std::string_view bytes, bool last, std::string& out);
  // ICU on bytes[from, to); `last` flushes the converter.
  bool DecodeIcuRange(std::string_view bytes, size_t from, size_t to, bool last, std::string& out);
  bool DecodeIconv(std::string_view bytes, bool last, std::string& out);
  void Error(int64_t offset, std::string& out, size_t invalid_len);

  const Encoding* encoding_;
  OnInvalid on_invalid_;
  bool ok_ = true;
  int64_t consumed_ = 0;  // bytes fed before the current call
  int64_t replaced_ = 0;
  int64_t skipped_ = 0;
  int64_t errors_ = 0;
  int64_t error_offset_ = -1;
  int64_t private_use_ = 0;
  bool gb18030_ = false;   // IsGb18030(encoding_->icu)
  std::string carry_;      // UTF-8, iconv: incomplete sequence from the previous chunk
  void* iconv_ = nullptr;  // iconv_t of a multi-byte iconv encoding
  std::unique_ptr<Impl> impl_;
};

// Decodes `bytes` completely with a fresh Engine (retrying with icu_alt when
// the main converter reports errors and the alternative reports fewer).
struct WholeResult {
  int64_t replaced = 0;
  int64_t skipped = 0;
  int64_t errors = 0;
  int64_t error_offset = -1;
  const Encoding* used = nullptr;
  int64_t private_use = 0;
};
WholeResult DecodeWhole(std::string_view bytes, const Encoding& encoding, OnInvalid on_invalid,
                        std::string& out);

// UTF-8 validation with an 8-bytes-at-a-time ASCII fast path.
size_t FirstInvalidUtf8(std::string_view bytes);
// Like FirstInvalidUtf8, but an incomplete (valid so far) sequence at the
// very end counts as valid: for windows cut out of a longer input.
size_t FirstInvalidUtf8Prefix(std::string_view bytes);
// True when every byte is < 0x80.
bool IsAscii(std::string_view bytes);

}  // namespace norm::charset
