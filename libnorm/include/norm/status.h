// Errors as values: no exception crosses the libnorm API.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace norm {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,  // bytes rejected by strict mode; byte_offset says where
  kBinaryInput,   // NUL bytes or other binary content, without --binary
  kTooLarge,      // input above Options::max_size
  kIoError,       // a read or write failed
  kConfig,        // a bad option, unknown filter, missing data package
};

// "ok", "invalid-input", "binary-input", "too-large", "io-error", "config":
// the names bindings and JSON output use.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, int64_t byte_offset = -1)
      : code_(code), message_(std::move(message)), byte_offset_(byte_offset) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // Offset of the first offending input byte, or -1 when it has none.
  int64_t byte_offset() const { return byte_offset_; }

  // "message at byte N", or "message" without an offset: the tail of
  // `norm: FILE: ...` error lines.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  int64_t byte_offset_ = -1;
};

}  // namespace norm
