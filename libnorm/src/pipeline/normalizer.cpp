// The runner: what Options::command does to one input, for the library, the
// `norm` CLI and the Python binding alike.
#include <cmark-gfm_version.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>
#include <unicode/uversion.h>

#include "build_pipeline.h"
#include "decoded.h"
#include "json_writer.h"
#include "loss_account.h"
#include "norm/norm.h"
#include "parallel.h"
#include "reader.h"
#include "text_writer.h"
#include "write_markdown.h"
#include "zh.h"

namespace norm {

Normalizer::Normalizer(const Options& options) : Normalizer(options, {}) {}

Normalizer::Normalizer(const Options& options, std::vector<std::unique_ptr<Filter>> filters)
    : options_(options) {
  pipeline_ = BuildCommandPipeline(options_, std::move(filters), &status_);
  if (!pipeline_) pipeline_ = std::make_unique<Pipeline>();
  // Only the commands that build a Document can write it as text or JSON.
  bool writes_document =
      options_.command == Command::kNormalize || options_.command == Command::kHtmlToMarkdown;
  if (status_.ok() && options_.to != OutputFormat::kMarkdown && !writes_document)
    status_ = Status(StatusCode::kConfig,
                     "--to=text and --to=json apply to the whole pipeline and html2md only");
}

Normalizer::~Normalizer() = default;

Result Normalizer::Normalize(std::string_view bytes, std::string_view name) const {
  return NormalizeImpl(bytes, nullptr, name);
}

Result Normalizer::NormalizeConsuming(std::string&& bytes, std::string_view name) const {
  return NormalizeImpl(bytes, &bytes, name);
}

Result Normalizer::NormalizeImpl(std::string_view bytes, std::string* consumable,
                                 std::string_view name) const {
  Result result;
  if (!status_.ok()) {
    result.status = status_;
    return result;
  }
  if (options_.explain) result.report.set_max_events(100000);
  Decoded decoded;
  if (options_.command == Command::kDetect) {
    // Only the encoding: the caller may pass a prefix (DetectionWindow).
    decoded.detection = DetectEncoding(bytes, options_.decode);
    if (decoded.detection.encoding.empty())
      result.status = Status(StatusCode::kConfig, "unknown encoding " + options_.decode.from_code);
    else
      ReportDecoded(decoded, result.report);
    return result;
  }
  if (bytes.size() > options_.max_size) {
    result.status =
        Status(StatusCode::kTooLarge,
               "input larger than --max-size (" + std::to_string(options_.max_size) + " bytes)");
    return result;
  }
  // Valid UTF-8 is read in place, not copied (a 100 MB page is 100 MB less).
  std::string_view text = DecodeInto(bytes, options_.decode, &decoded);
  if (!decoded.status.ok()) {
    result.status = decoded.status;
    return result;
  }
  if (!options_.allow_binary) {
    // RefuseBinary replaces a stray NUL in decoded.text: text read in place
    // is copied first, only then.
    if (text.data() != decoded.text.data() && text.find('\0') != std::string_view::npos) {
      decoded.text.assign(text);
    }
    result.status = RefuseBinary(bytes, &decoded);
    if (!result.status.ok()) return result;
    if (!decoded.text.empty() || text.empty()) text = decoded.text;
  }
  ReportDecoded(decoded, result.report);
  std::string* owned = nullptr;
  if (text.data() == decoded.text.data()) {
    owned = &decoded.text;
  } else if (consumable != nullptr && text.data() == consumable->data() &&
             text.size() == consumable->size()) {
    owned = consumable;  // valid UTF-8 read in place
  }
  Run(text, owned, name, result);
  return result;
}

Result Normalizer::NormalizeText(std::string_view utf8, std::string_view name) const {
  Result result;
  if (!status_.ok()) {
    result.status = status_;
    return result;
  }
  if (options_.command == Command::kDetect) return Normalize(utf8, name);
  if (options_.explain) result.report.set_max_events(100000);
  Run(utf8, nullptr, name, result);
  return result;
}

void Normalizer::Run(std::string_view text, std::string* owned, std::string_view name,
                     Result& result) const {
  switch (options_.command) {
    case Command::kDetect:
      return;  // Normalize's job
    case Command::kDecode:
      result.markdown = owned != nullptr ? std::move(*owned) : std::string(text);
      return;
    case Command::kFix: {
      // Text stages see the whole text as one prose span: no markup parsing.
      Document doc;
      doc.blocks.push_back(Block::Paragraph(
          {Inline::Text(owned != nullptr ? std::move(*owned) : std::string(text))}));
      pipeline_->Apply(doc, result.report);
      result.markdown = PlainText(doc.blocks.front().inlines);
      return;
    }
    case Command::kZh: {
      // The text as it stands, only its prose converted (see
      // ZhFilter::TransformRaw); what is prose comes from the reader of the
      // input's format.
      InputFormat format = options_.format;
      if (format == InputFormat::kAuto) format = SniffFormat(text);
      result.markdown = text;
      for (const auto& step : pipeline_->steps())
        if (const auto* zh = dynamic_cast<const ZhFilter*>(step.get()))
          result.markdown =
              zh->TransformRaw(result.markdown, format, result.report, MarkdownProseRanges);
      return;
    }
    case Command::kNormalize:
    case Command::kHtmlToMarkdown: {
      Document doc;
      InputFormat format = options_.format;
      if (format == InputFormat::kAuto) format = FormatFromName(name);
      // The reader may free *owned once parsed: what the warning needs of
      // the input is known first.
      const bool input_blank = text.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos;
      result.status = ReadDocument(text, format, options_, &doc, result.report, owned);
      if (!result.status.ok()) return;
      // Nothing lost silently: visible characters per stage, and the
      // warning when rules removed most of the text (loss_account.h).
      ApplyCounted(*pipeline_, doc, result.report);
      switch (options_.to) {
        case OutputFormat::kMarkdown:
          result.markdown = WriteMarkdown(doc, &result.report, &result.body_offset);
          break;
        case OutputFormat::kText:
          result.markdown = WriteText(doc, &result.report);
          break;
        case OutputFormat::kJson:
          result.markdown = WriteJson(doc, &result.report);
          break;
      }
      result.warning = LossWarning(input_blank, result.report);
      return;
    }
  }
}

std::vector<Result> Normalizer::NormalizeBatch(std::span<const std::string> inputs,
                                               int threads) const {
  std::vector<Result> results(inputs.size());
  ParallelFor(inputs.size(), threads, [&](size_t i) { results[i] = Normalize(inputs[i]); });
  return results;
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
