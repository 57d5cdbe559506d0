// Encodings known to the decoder: names, aliases, browser-style supersets,
// and the byte-to-UTF-8 conversion engine behind DecodeBytes and
// StreamDecoder (decode.h). Internal.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

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
};

struct Encoding {
  const char* name;     // canonical name reported in Detection::encoding
  const char* icu;      // ICU converter used to decode (the superset)
  const char* icu_alt;  // second converter tried when icu reports errors, or nullptr
  Family family;
  bool single_byte;
};

// Resolves any common name or alias (case, '-', '_' and ' ' ignored):
// "gb2312", "GBK", "cp936" -> GB18030; "Shift_JIS", "sjis", "cp932" ->
// Shift_JIS (decoded as windows-31j); "latin1" -> windows-1252; ... Returns
// nullptr for an unknown or unsupported name.
const Encoding* Lookup(std::string_view name);

// Every encoding in the table, in a stable order; *count receives the size.
const Encoding* All(size_t* count);

// Byte-to-UTF-8 decoder for one encoding, usable on one buffer or on a
// stream of chunks: a character split across chunks is completed with the
// next chunk. Invalid sequences follow OnInvalid; byte offsets count from
// the first byte ever fed.
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
  std::string carry_;  // UTF-8: incomplete sequence from the previous chunk
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
