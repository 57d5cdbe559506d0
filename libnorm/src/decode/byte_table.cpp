// The characters of a single-byte encoding's bytes, from ICU or iconv. Also
// compiled into gen_byte_tables (libnorm/data), so the tables compiled in
// are the ones this code builds.
#include "byte_table.h"

#include <iconv.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>

#include <cstdint>
#include <string_view>

namespace norm::charset {
namespace {

// The character byte b decodes to in a single-byte encoding, or 0xFFFD.
char32_t ByteToChar(UConverter* cnv, iconv_t cd, int b) {
  char in = static_cast<char>(b);
  if (cnv == nullptr) {
    char out[8];
    const size_t n = IconvOnce(cd, std::string_view(&in, 1), out, sizeof out);
    if (n == 0 || n == static_cast<size_t>(-1)) return 0xFFFD;
    char32_t c = static_cast<unsigned char>(out[0]);
    if (c >= 0x80) {
      const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (static_cast<int>(n) != len) return 0xFFFD;
      c &= len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07;
      for (int i = 1; i < len; ++i) c = (c << 6) | (static_cast<unsigned char>(out[i]) & 0x3F);
    } else if (n != 1) {
      return 0xFFFD;
    }
    return c;
  }
  UChar u[4];
  UErrorCode status = U_ZERO_ERROR;
  ucnv_reset(cnv);
  int32_t n = ucnv_toUChars(cnv, u, 4, &in, 1, &status);
  if (U_FAILURE(status) || n != 1 || u[0] == 0xFFFD || (u[0] == 0x1A && b != 0x1A)) return 0xFFFD;
  return u[0];
}

// All 256 bytes through ICU in one call (one call per byte cost more than
// the rest of a small file's detection). False when some byte does not give
// exactly one UTF-16 unit: then ByteToChar goes byte by byte.
bool BulkIcu(UConverter* cnv, std::array<char32_t, 256>& out) {
  char in[256];
  for (int b = 0; b < 256; ++b) in[b] = static_cast<char>(b);
  UChar u[512];
  int32_t offsets[512];
  UErrorCode status = U_ZERO_ERROR;
  ucnv_reset(cnv);
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_SUBSTITUTE, nullptr, nullptr, nullptr, &status);
  const char* src = in;
  UChar* target = u;
  ucnv_toUnicode(cnv, &target, u + 512, &src, in + 256, offsets, true, &status);
  ucnv_reset(cnv);
  UErrorCode status2 = U_ZERO_ERROR;
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status2);
  if (U_FAILURE(status) || target - u != 256) return false;
  for (int b = 0; b < 256; ++b) {
    if (offsets[b] != b) return false;
    char32_t c = u[b];
    if ((c >= 0xD800 && c <= 0xDFFF) || (c == 0x1A && b != 0x1A)) c = 0xFFFD;
    out[b] = c;
  }
  return true;
}

}  // namespace

size_t IconvOnce(void* converter, std::string_view in, char* out, size_t cap) {
  auto cd = static_cast<iconv_t>(converter);
  iconv(cd, nullptr, nullptr, nullptr, nullptr);
  char* ip = const_cast<char*>(in.data());
  size_t il = in.size();
  char* op = out;
  size_t ol = cap;
  const size_t r = iconv(cd, &ip, &il, &op, &ol);
  if (r == static_cast<size_t>(-1) || il != 0) return SIZE_MAX;
  return static_cast<size_t>(op - out);
}

bool ConvertEachByte(const Encoding& enc, std::array<char32_t, 256>* chars) {
  UConverter* cnv = nullptr;
  auto cd = reinterpret_cast<iconv_t>(-1);
  if (enc.icu == nullptr && enc.iconv != nullptr) cd = iconv_open("UTF-8", enc.iconv);
  bool usable = enc.icu == nullptr ? cd != reinterpret_cast<iconv_t>(-1) : true;
  if (enc.icu != nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    cnv = ucnv_open(enc.icu, &status);
    if (U_FAILURE(status)) usable = false;
    if (usable) {
      ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    }
  }
  if (usable) {
    const bool have_bulk = cnv != nullptr && BulkIcu(cnv, *chars);
    if (!have_bulk) {
      for (int b = 0; b < 256; ++b) (*chars)[b] = ByteToChar(cnv, cd, b);
    }
  }
  if (cnv) ucnv_close(cnv);
  if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
  return usable;
}

}  // namespace norm::charset
