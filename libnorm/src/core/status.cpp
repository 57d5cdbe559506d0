#include "norm/status.h"

namespace norm {

std::string Status::ToString() const {
  if (byte_offset_ < 0) return message_;
  return message_ + " at byte " + std::to_string(byte_offset_);
}

}  // namespace norm
