#include <cmark-gfm_version.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>
#include <unicode/uversion.h>

#include "loss_account.h"
#include "norm/norm.h"

namespace norm {

Normalizer::Normalizer(const Options& options) : options_(options) {
  pipeline_ = BuildPipeline(options_, &status_);
  if (!pipeline_) pipeline_ = std::make_unique<Pipeline>();
}

Normalizer::~Normalizer() = default;

Result Normalizer::Normalize(std::string_view bytes, std::string_view name) const {
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
    result.status = RefuseBinary(bytes, &decoded);
    if (!result.status.ok()) return result;
  }
  ReportDecoded(decoded, result.report);
  Result text = NormalizeText(decoded.text, name);
  // Decode facts first, in data-flow order.
  result.report.Merge(text.report);
  text.report = std::move(result.report);
  return text;
}

Result Normalizer::NormalizeText(std::string_view utf8, std::string_view name) const {
  Result result;
  if (!status_.ok()) {
    result.status = status_;
    return result;
  }
  if (options_.explain) result.report.set_max_events(100000);
  Document doc;
  InputFormat format = options_.format;
  if (format == InputFormat::kAuto) format = FormatFromName(name);
  result.status = ReadDocument(utf8, format, options_, &doc, result.report);
  if (!result.status.ok()) return result;
  ApplyCounted(*pipeline_, doc, result.report);
  result.markdown = WriteMarkdown(doc, &result.report, &result.body_offset);
  result.warning = LossWarning(utf8, result.report);
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
