// Shared helpers for the libFuzzer harnesses in fuzz/. Every harness checks
// properties, not just crashes: a violated property calls Fail(), which
// aborts so that libFuzzer saves the input as a crash.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "norm/decode.h"
#include "norm/norm.h"

namespace norm::fuzz {

[[noreturn]] inline void Fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz property violated: %s\n", what);
  if (!detail.empty()) {
    // fwrite, not %s: the detail may hold NUL bytes.
    std::fputs("---\n", stderr);
    std::fwrite(detail.data(), 1, std::min<size_t>(detail.size(), 8000), stderr);
    std::fputs("\n---\n", stderr);
  }
  std::abort();
}

// Reads option bytes off the front of the input.
class Bytes {
 public:
  Bytes(const uint8_t* data, size_t size) : rest_(reinterpret_cast<const char*>(data), size) {}
  uint8_t Take() {
    if (rest_.empty()) return 0;
    auto b = static_cast<uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    return b;
  }
  std::string_view rest() const { return rest_; }

 private:
  std::string_view rest_;
};

// Readers take valid UTF-8 (the decoder guarantees it): make it so.
inline std::string AsUtf8(std::string_view bytes) {
  if (IsValidUtf8(bytes)) return std::string(bytes);
  DecodeOptions d;
  d.from_code = "UTF-8";
  return DecodeBytes(bytes, d).text;
}

inline Options OptionsFrom(uint8_t b) {
  Options o;
  o.html.images = (b & 1) == 0;
  o.html.boilerplate = (b & 2) == 0;
  o.explain = (b & 4) != 0;
  return o;
}

}  // namespace norm::fuzz
