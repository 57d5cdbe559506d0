#include "mojibake_util.h"

#include <unicode/ucnv.h>

#include <algorithm>

namespace norm::mojibake_internal {

int SingleByteCodec::EncodeSlow(int32_t c) const {
  auto it =
      std::lower_bound(from_unicode.begin(), from_unicode.end(), std::pair<int32_t, uint8_t>{c, 0});
  if (it == from_unicode.end() || it->first != c) return -1;
  return it->second;
}

namespace {

struct CodecSpec {
  const char* name;
  const char* icu_name;
  bool latin1_c1;  // also accept U+0080..U+009F for bytes 0x80..0x9F
};

constexpr CodecSpec kSpecs[] = {
    {"windows-1252", "windows-1252", true},
    {"windows-1250", "windows-1250", false},
    {"iso-8859-2", "ISO-8859-2", false},
    {"windows-1251", "windows-1251", false},
    {"windows-1253", "windows-1253", false},
    {"windows-1254", "windows-1254", false},
    {"windows-1257", "windows-1257", false},
    {"macintosh", "macintosh", false},
    {"cp437", "IBM437", false},
};

SingleByteCodec Build(const CodecSpec& spec) {
  SingleByteCodec codec;
  codec.name = spec.name;
  codec.icu_name = spec.icu_name;
  UErrorCode err = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(spec.icu_name, &err);
  for (int b = 0; b < 256; ++b) {
    int32_t cp = b;
    if (b >= 0x80 && cnv != nullptr) {
      char in[1] = {static_cast<char>(b)};
      UChar out[4];
      UErrorCode e = U_ZERO_ERROR;
      ucnv_reset(cnv);
      int32_t n = ucnv_toUChars(cnv, out, 4, in, 1, &e);
      if (U_SUCCESS(e) && n == 1 && out[0] != 0xFFFD && out[0] != 0x1A) cp = out[0];
    }
    codec.to_unicode[b] = cp;
  }
  if (cnv != nullptr) ucnv_close(cnv);
  for (int b = 0x80; b < 256; ++b) codec.from_unicode.emplace_back(codec.to_unicode[b], b);
  if (spec.latin1_c1) {
    for (int b = 0x80; b < 0xA0; ++b) {
      if (codec.to_unicode[b] != b) codec.from_unicode.emplace_back(b, b);
    }
  }
  // Decoders disagree on a byte: ICU's IBM437 reads 0xE6 as Greek mu U+03BC
  // where Microsoft's cp437 (and Python's) gives the micro sign U+00B5, so
  // a code page that reads a byte as mu also encodes the micro sign back to
  // it. (Only that way round: windows-1252 does not hold Greek mu.)
  const size_t mapped = codec.from_unicode.size();
  for (size_t i = 0; i < mapped; ++i) {
    if (codec.from_unicode[i].first == 0x03BC)
      codec.from_unicode.emplace_back(0x00B5, codec.from_unicode[i].second);
  }
  std::sort(codec.from_unicode.begin(), codec.from_unicode.end());
  // Keep the first byte for a code point mapped twice.
  codec.from_unicode.erase(
      std::unique(codec.from_unicode.begin(), codec.from_unicode.end(),
                  [](const auto& a, const auto& b) { return a.first == b.first; }),
      codec.from_unicode.end());
  codec.direct.assign(SingleByteCodec::kDirect, -1);
  for (int32_t c = 0; c < 0x80; ++c) codec.direct[c] = static_cast<int16_t>(c);
  for (const auto& [cp, byte] : codec.from_unicode) {
    if (cp < SingleByteCodec::kDirect) codec.direct[cp] = byte;
  }
  return codec;
}

}  // namespace

std::span<const SingleByteCodec> WesternCodecs() {
  static const std::vector<SingleByteCodec> codecs = [] {
    std::vector<SingleByteCodec> v;
    for (const auto& spec : kSpecs) v.push_back(Build(spec));
    return v;
  }();
  return codecs;
}

const SingleByteCodec* FindWesternCodec(std::string_view name) {
  for (const auto& c : WesternCodecs()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace norm::mojibake_internal
