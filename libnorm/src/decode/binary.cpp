// Binary files versus text (see RefuseBinary in decode.h).
#include <cstring>

#include "decoded.h"

namespace norm {

Status RefuseBinary(std::string_view bytes, const Decoded& decoded) {
  const void* nul = std::memchr(bytes.data(), 0, bytes.size());
  if (nul == nullptr) return Status::Ok();
  const Detection& d = decoded.detection;
  bool wide = d.encoding.rfind("UTF-16", 0) == 0 || d.encoding.rfind("UTF-32", 0) == 0;
  bool wide_text = wide && (decoded.replaced == 0 || d.source == "bom" || d.source == "user");
  if (wide_text && decoded.text.find('\0') == std::string::npos) return Status::Ok();
  return Status(StatusCode::kBinaryInput,
                "binary input (NUL byte); use --binary to process it anyway",
                static_cast<const char*>(nul) - bytes.data());
}

}  // namespace norm
