// Binary files versus text holding a stray NUL (see RefuseBinary in decode.h).
#include <cstring>

#include "decoded.h"
#include "utf8.h"

namespace norm {
namespace {

// Bytes that do not occur in text (WHATWG MIME sniffing's "binary data
// bytes"): C0 controls other than tab, line feed, form feed, carriage return
// and escape.
bool IsBinaryByte(unsigned char c) {
  return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1A) || (c >= 0x1C && c <= 0x1F);
}

// Binary bytes make up more than 1/32 of it: a binary file. (Compressed
// data holds about 1/10; a page with a stray run of NULs far less.)
bool LooksBinary(std::string_view s) {
  size_t binary = 0;
  for (char c : s) binary += IsBinaryByte(static_cast<unsigned char>(c));
  return binary * 32 > s.size();
}

}  // namespace

Status RefuseBinary(std::string_view bytes, Decoded* decoded) {
  const void* nul = std::memchr(bytes.data(), 0, bytes.size());
  if (nul == nullptr) return Status::Ok();
  // NUL bytes are code units of UTF-16/32 text that decodes cleanly (or
  // whose encoding a BOM or --from-code states): then its U+0000s decide.
  const Detection& d = decoded->detection;
  bool wide = d.encoding.rfind("UTF-16", 0) == 0 || d.encoding.rfind("UTF-32", 0) == 0;
  bool wide_text = wide && (decoded->replaced == 0 || d.source == "bom" || d.source == "user");
  std::string_view judged = wide_text ? std::string_view(decoded->text) : bytes;
  if (wide_text && judged.find('\0') == std::string_view::npos) return Status::Ok();
  if (LooksBinary(judged))
    return Status(StatusCode::kBinaryInput,
                  "binary input (NUL byte); use --binary to process it anyway",
                  static_cast<const char*>(nul) - bytes.data());
  std::string replaced;
  decoded->nul_replaced = utf8::ReplaceNul(decoded->text, &replaced);
  if (decoded->nul_replaced > 0) decoded->text = std::move(replaced);
  return Status::Ok();
}

}  // namespace norm
