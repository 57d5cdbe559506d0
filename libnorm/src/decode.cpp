#include "norm/decode.h"

#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/utf16.h>

#include <cstring>
#include <memory>

namespace norm {
namespace {

struct BomInfo {
  const char* bytes;
  size_t length;
  const char* encoding;
};

// Longest first: the UTF-32LE BOM starts with the UTF-16LE one.
constexpr BomInfo kBoms[] = {
    {"\x00\x00\xFE\xFF", 4, "UTF-32BE"}, {"\xFF\xFE\x00\x00", 4, "UTF-32LE"},
    {"\xEF\xBB\xBF", 3, "UTF-8"},        {"\xFE\xFF", 2, "UTF-16BE"},
    {"\xFF\xFE", 2, "UTF-16LE"},
};

const BomInfo* FindBom(std::string_view bytes) {
  for (const BomInfo& bom : kBoms) {
    if (bytes.size() >= bom.length && std::memcmp(bytes.data(), bom.bytes, bom.length) == 0)
      return &bom;
  }
  return nullptr;
}

// Browser-style supersets: what a page labelled with the first name really
// contains (WHATWG Encoding Standard).
std::string Superset(std::string name) {
  std::string upper;
  for (char c : name) upper.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c));
  if (upper == "GB2312" || upper == "GBK" || upper == "GB18030" || upper == "HZ-GB-2312")
    return upper == "HZ-GB-2312" ? name : "GB18030";
  if (upper == "SHIFT_JIS" || upper == "SJIS" || upper == "CP932") return "windows-31j";
  if (upper == "EUC-KR" || upper == "UHC" || upper == "CP949") return "windows-949";
  if (upper == "BIG5") return "Big5-HKSCS";
  if (upper == "ISO-8859-1" || upper == "ASCII" || upper == "US-ASCII") return "windows-1252";
  if (upper.rfind("WINDOWS-", 0) == 0) return "windows-" + upper.substr(8);
  return name;
}

struct Uchardet {
  uchardet_t handle = uchardet_new();
  ~Uchardet() { uchardet_delete(handle); }
};

struct CallbackContext {
  const char* base = nullptr;
  OnInvalid mode = OnInvalid::kReplace;
  int64_t count = 0;
  int64_t first_offset = -1;
};

void CountingCallback(const void* context, UConverterToUnicodeArgs* args, const char* code_units,
                      int32_t length, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset/close/clone: nothing to do
  auto* ctx = static_cast<CallbackContext*>(const_cast<void*>(context));
  (void)code_units;
  ++ctx->count;
  if (ctx->first_offset < 0) ctx->first_offset = (args->source - ctx->base) - length;
  switch (ctx->mode) {
    case OnInvalid::kStrict:
      return;  // leave *err set: conversion stops here
    case OnInvalid::kSkip:
      *err = U_ZERO_ERROR;
      return;
    case OnInvalid::kReplace: {
      *err = U_ZERO_ERROR;
      static const UChar kReplacement[] = {0xFFFD};
      ucnv_cbToUWriteUChars(args, kReplacement, 1, 0, err);
      return;
    }
  }
}

void AppendUtf16AsUtf8(const UChar* s, size_t n, std::string& out) {
  for (size_t i = 0; i < n;) {
    UChar32 c;
    U16_NEXT(s, i, n, c);
    if (U_IS_SURROGATE(c)) c = 0xFFFD;
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
}

}  // namespace

size_t FirstInvalidUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t min;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, min = 0x10000;
    } else {
      return i;
    }
    if (i + len > n) return i;
    uint32_t cp = c & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return n;
}

bool IsValidUtf8(std::string_view bytes) { return FirstInvalidUtf8(bytes) == bytes.size(); }

Detection DetectEncoding(std::string_view bytes, const DecodeOptions& options) {
  Detection d;
  if (const BomInfo* bom = FindBom(bytes)) {
    d.encoding = bom->encoding;
    d.confidence = 1.0;
    d.source = "bom";
    d.bom_length = bom->length;
    return d;
  }
  if (!options.from_code.empty() && options.from_code != "auto") {
    d.encoding = Superset(options.from_code);
    d.confidence = 1.0;
    d.source = "user";
    return d;
  }
  std::string_view window = bytes.substr(0, std::min(bytes.size(), options.detect_window));
  size_t bad = FirstInvalidUtf8(window);
  // A multibyte character cut by the window end is not evidence against UTF-8.
  if (bad == window.size() || (window.size() < bytes.size() && bad + 4 > window.size())) {
    d.encoding = "UTF-8";
    d.confidence = 1.0;
    d.source = "utf8";
    return d;
  }
  Uchardet detector;
  uchardet_handle_data(detector.handle, window.data(), window.size());
  uchardet_data_end(detector.handle);
  std::string guess = uchardet_get_charset(detector.handle);
  d.source = "detector";
  if (guess.empty()) {
    d.encoding = "windows-1252";
    d.confidence = 0.1;
  } else {
    d.encoding = Superset(guess);
    d.confidence = 0.5;
  }
  return d;
}

Decoded DecodeBytes(std::string_view bytes, const DecodeOptions& options) {
  Decoded out;
  out.detection = DetectEncoding(bytes, options);
  std::string_view body = bytes.substr(out.detection.bom_length);

  if (out.detection.encoding == "UTF-8") {
    size_t bad = FirstInvalidUtf8(body);
    if (bad == body.size()) {
      out.text.assign(body);
      return out;
    }
    // Fall through to ICU, which handles replacement and offsets uniformly.
  }

  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(
      ucnv_open(out.detection.encoding.c_str(), &err), &ucnv_close);
  if (U_FAILURE(err)) {
    out.status = Status(StatusCode::kConfig, "unknown encoding " + out.detection.encoding);
    return out;
  }
  CallbackContext ctx;
  ctx.base = body.data();
  ctx.mode = options.on_invalid;
  ucnv_setToUCallBack(conv.get(), CountingCallback, &ctx, nullptr, nullptr, &err);

  out.text.reserve(body.size() + body.size() / 2);
  const char* src = body.data();
  const char* src_end = body.data() + body.size();
  UChar buffer[16384];
  for (;;) {
    UChar* dst = buffer;
    err = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &dst, buffer + std::size(buffer), &src, src_end, nullptr, true,
                   &err);
    AppendUtf16AsUtf8(buffer, static_cast<size_t>(dst - buffer), out.text);
    if (err == U_BUFFER_OVERFLOW_ERROR) continue;
    break;
  }
  if (options.on_invalid == OnInvalid::kStrict && ctx.count > 0) {
    out.status =
        Status(StatusCode::kInvalidInput, "invalid " + out.detection.encoding + " sequence",
               static_cast<int64_t>(ctx.first_offset + out.detection.bom_length));
    out.text.clear();
    return out;
  }
  if (U_FAILURE(err)) {
    out.status =
        Status(StatusCode::kInvalidInput,
               std::string("cannot decode ") + out.detection.encoding + ": " + u_errorName(err),
               src - bytes.data());
    return out;
  }
  if (options.on_invalid == OnInvalid::kSkip) {
    out.skipped = ctx.count;
  } else {
    out.replaced = ctx.count;
  }
  return out;
}

void ReportDecoded(const Decoded& decoded, Report& report) {
  report.Set("decode", "encoding", decoded.detection.encoding);
  char confidence[16];
  std::snprintf(confidence, sizeof confidence, "%.2f", decoded.detection.confidence);
  report.Set("decode", "confidence", confidence);
  report.Set("decode", "source", decoded.detection.source);
  if (decoded.replaced > 0) report.Count("decode", "replaced", decoded.replaced);
  if (decoded.skipped > 0) report.Count("decode", "skipped", decoded.skipped);
}

}  // namespace norm
