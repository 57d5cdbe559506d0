// Bytes to UTF-8: DetectEncoding (the evidence chain in detect.h), DecodeBytes
// and StreamDecoder (the engine in charset.h).
#include "norm/decode.h"

#include <algorithm>
#include <cstdio>

#include "charset.h"
#include "decoded.h"
#include "detect.h"

namespace norm {

size_t FirstInvalidUtf8(std::string_view bytes) { return charset::FirstInvalidUtf8(bytes); }

std::vector<EncodingInfo> ListEncodings() {
  std::vector<EncodingInfo> out;
  for (charset::Listed& l : charset::ListAll()) {
    out.push_back({std::move(l.name), std::move(l.source), std::move(l.aliases)});
  }
  return out;
}

bool IsValidUtf8(std::string_view bytes) { return FirstInvalidUtf8(bytes) == bytes.size(); }

Detection DetectEncoding(std::string_view bytes, const DecodeOptions& options) {
  return detect::Detect(bytes, options);
}

size_t DetectionWindow(const DecodeOptions& options) {
  return std::max<size_t>(options.detect_window, 64);
}

Decoded DecodeBytes(std::string_view bytes, const DecodeOptions& options) {
  Decoded out;
  const std::string_view text = DecodeInto(bytes, options, &out);
  if (out.text.empty()) out.text.assign(text);
  return out;
}

std::string_view DecodeInto(std::string_view bytes, const DecodeOptions& options,
                            Decoded* decoded) {
  Decoded& out = *decoded;
  out.detection = DetectEncoding(bytes, options);
  const charset::Encoding* enc =
      out.detection.encoding.empty() ? nullptr : charset::Lookup(out.detection.encoding);
  if (enc == nullptr) {
    out.status = Status(StatusCode::kConfig, "unknown encoding " + options.from_code);
    return {};
  }
  const std::string_view body = bytes.substr(out.detection.bom_length);
  // Fast path: valid UTF-8 is the text as it is.
  if (out.detection.encoding == "UTF-8" && IsValidUtf8(body)) return body;
  out.text.reserve(body.size() + body.size() / 2);
  const charset::WholeResult r = charset::DecodeWhole(body, *enc, options.on_invalid, out.text);
  if (options.on_invalid == OnInvalid::kStrict && r.errors > 0) {
    out.status =
        Status(StatusCode::kInvalidInput, std::string("invalid ") + enc->name + " sequence",
               r.error_offset + static_cast<int64_t>(out.detection.bom_length));
    out.text.clear();
    return {};
  }
  out.replaced = r.replaced;
  out.skipped = r.skipped;
  return out.text;
}

void ReportDecoded(const Decoded& decoded, Report& report) {
  report.Set("decode", "encoding", decoded.detection.encoding);
  char confidence[16];
  std::snprintf(confidence, sizeof confidence, "%.2f", decoded.detection.confidence);
  report.Set("decode", "confidence", confidence);
  report.Set("decode", "source", decoded.detection.source);
  if (decoded.replaced > 0) report.Count("decode", "replaced", decoded.replaced);
  if (decoded.skipped > 0) report.Count("decode", "skipped", decoded.skipped);
  if (decoded.nul_replaced > 0) report.Count("decode", "nul-replaced", decoded.nul_replaced);
}

struct StreamDecoder::State {
  State(const charset::Encoding& e, OnInvalid mode) : engine(e, mode) {}
  charset::Engine engine;
  bool failed = false;
};

StreamDecoder::StreamDecoder(std::string_view encoding, OnInvalid on_invalid) {
  if (const charset::Encoding* e = charset::Lookup(encoding)) {
    state_ = std::make_unique<State>(*e, on_invalid);
    if (!state_->engine.ok()) state_.reset();
  }
}

StreamDecoder::~StreamDecoder() = default;
StreamDecoder::StreamDecoder(StreamDecoder&&) noexcept = default;
StreamDecoder& StreamDecoder::operator=(StreamDecoder&&) noexcept = default;

bool StreamDecoder::ok() const { return state_ != nullptr; }

std::string StreamDecoder::encoding() const {
  return state_ ? state_->engine.encoding().name : std::string();
}

Status StreamDecoder::Decode(std::string_view chunk, bool last, std::string& out) {
  if (!state_) return Status(StatusCode::kConfig, "unknown encoding");
  if (state_->failed || !state_->engine.Decode(chunk, last, out)) {
    state_->failed = true;
    return Status(StatusCode::kInvalidInput,
                  std::string("invalid ") + state_->engine.encoding().name + " sequence",
                  state_->engine.error_offset());
  }
  return Status::Ok();
}

int64_t StreamDecoder::replaced() const { return state_ ? state_->engine.replaced() : 0; }
int64_t StreamDecoder::skipped() const { return state_ ? state_->engine.skipped() : 0; }

bool StreamDecoder::same_as_whole() const {
  return state_ && state_->engine.encoding().icu_alt == nullptr;
}

}  // namespace norm
