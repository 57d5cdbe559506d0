#include "norm/status.h"

namespace norm {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidInput:
      return "invalid-input";
    case StatusCode::kBinaryInput:
      return "binary-input";
    case StatusCode::kTooLarge:
      return "too-large";
    case StatusCode::kIoError:
      return "io-error";
    case StatusCode::kConfig:
      return "config";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (byte_offset_ < 0) return message_;
  return message_ + " at byte " + std::to_string(byte_offset_);
}

}  // namespace norm
