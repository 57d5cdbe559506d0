// The whole pipeline as the CLI runs it (decode, sniff, read, every default
// filter, write), with a few option bits taken from the input. Properties:
// no crash or hang; a success yields valid UTF-8 Markdown; a rejection
// carries one of the documented status codes.
#include <memory>

#include "fuzz_util.h"
#include "norm/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace norm;
  // Normalizers are built once per option set, as real callers do.
  static std::unique_ptr<Normalizer> normalizers[8];
  fuzz::Bytes in(data, size);
  uint8_t b = in.Take() % 8;
  if (!normalizers[b]) {
    Options o = fuzz::OptionsFrom(b);
    if (b & 4) o.decode.on_invalid = OnInvalid::kStrict;
    o.allow_binary = (b & 1) != 0;
    normalizers[b] = std::make_unique<Normalizer>(o);
    if (!normalizers[b]->status().ok())
      fuzz::Fail("default pipeline does not build", normalizers[b]->status().ToString());
  }
  Result r = normalizers[b]->Normalize(in.rest());
  if (r.status.ok()) {
    if (!IsValidUtf8(r.markdown)) fuzz::Fail("pipeline output is not UTF-8", r.markdown);
    if (!r.markdown.empty() && r.markdown.back() != '\n') fuzz::Fail("no final newline");
  } else {
    switch (r.status.code()) {
      case StatusCode::kInvalidInput:
      case StatusCode::kBinaryInput:
      case StatusCode::kTooLarge:
      case StatusCode::kConfig:  // an encoding name ICU does not know
        break;
      default:
        fuzz::Fail("unexpected status", r.status.ToString());
    }
  }
  (void)r.report.ToJson();
  return 0;
}
