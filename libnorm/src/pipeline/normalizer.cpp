#include <cmark-gfm_version.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>
#include <unicode/uversion.h>

#include <cstring>

#include "norm/norm.h"

namespace norm {

Normalizer::Normalizer(const Options& options) : options_(options) {
  pipeline_ = BuildPipeline(options_, &status_);
  if (!pipeline_) pipeline_ = std::make_unique<Pipeline>();
}

Normalizer::~Normalizer() = default;

Result Normalizer::Normalize(std::string_view bytes) const {
  Result result;
  if (!status_.ok()) {
    result.status = status_;
    return result;
  }
  if (bytes.size() > options_.max_size) {
    result.status =
        Status(StatusCode::kTooLarge,
               "input larger than --max-size (" + std::to_string(options_.max_size) + " bytes)");
    return result;
  }
  Decoded decoded = DecodeBytes(bytes, options_.decode);
  if (!decoded.status.ok()) {
    result.status = decoded.status;
    return result;
  }
  if (!options_.allow_binary) {
    // NUL bytes mean binary unless they are UTF-16/32 code units of text
    // that decodes cleanly (a BOM or --from-code says so, or nothing needed
    // replacing) and holds no U+0000.
    const void* nul = std::memchr(bytes.data(), 0, bytes.size());
    const std::string& enc = decoded.detection.encoding;
    bool wide = enc.rfind("UTF-16", 0) == 0 || enc.rfind("UTF-32", 0) == 0;
    bool wide_text = wide && (decoded.replaced == 0 || decoded.detection.source == "bom" ||
                              decoded.detection.source == "user");
    if (nul != nullptr &&
        (!wide_text || std::memchr(decoded.text.data(), 0, decoded.text.size()) != nullptr)) {
      result.status = Status(StatusCode::kBinaryInput,
                             "binary input (NUL byte); use --binary to process it anyway",
                             static_cast<const char*>(nul) - bytes.data());
      return result;
    }
  }
  ReportDecoded(decoded, result.report);
  Result text = NormalizeText(decoded.text);
  // Decode facts first, in data-flow order.
  result.report.Merge(text.report);
  text.report = std::move(result.report);
  return text;
}

Result Normalizer::NormalizeText(std::string_view utf8) const {
  Result result;
  if (!status_.ok()) {
    result.status = status_;
    return result;
  }
  if (options_.explain) result.report.set_max_events(100000);
  Document doc;
  result.status = ReadDocument(utf8, options_.format, options_, &doc, result.report);
  if (!result.status.ok()) return result;
  pipeline_->Apply(doc, result.report);
  result.markdown = WriteMarkdown(doc, &result.report);
  return result;
}

Result Normalize(std::string_view bytes, const Options& options) {
  return Normalizer(options).Normalize(bytes);
}

std::string VersionInfo() {
  std::string out = "libnorm " NORM_VERSION "\n";
  UVersionInfo icu;
  u_getVersion(icu);
  char icu_version[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(icu, icu_version);
  out += std::string("ICU ") + icu_version + "\n";
  out += "OpenCC " NORM_OPENCC_VERSION "\n";
  out += std::string("libxml2 ") + xmlParserVersion + "\n";
  out += "uchardet " NORM_UCHARDET_VERSION "\n";
  out += "cmark-gfm " CMARK_GFM_VERSION_STRING "\n";
  return out;
}

}  // namespace norm
