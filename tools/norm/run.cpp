#include "run.h"

#include <cstring>

#include "norm/reader.h"
#include "norm/zh.h"

namespace norm::cli {

// `norm zh`: the text as it stands, only its prose converted (see
// ZhFilter::TransformRaw). Valid UTF-8 is used without a decoded copy.
Result RunZh(const Config& config, std::string_view bytes) {
  Result r;
  Status s;
  std::unique_ptr<ZhFilter> filter = ZhFilter::Make(config.options, &s);
  if (filter != nullptr && !filter->active()) {
    s = Status(StatusCode::kConfig,
               "norm zh needs --zh=CONFIG or --zh-target=TARGET (or script consistency, which "
               "--no-zh-consistency turned off)");
  }
  if (!s.ok()) {
    r.status = s;
    return r;
  }
  const std::string& from = config.options.decode.from_code;
  std::string_view text = bytes;
  Decoded decoded;
  if ((from == "auto" || from == "UTF-8" || from == "utf-8") && IsValidUtf8(bytes)) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    decoded.detection.encoding = "UTF-8";
    decoded.detection.confidence = 1.0;
    decoded.detection.source = "utf8";
  } else {
    decoded = DecodeBytes(bytes, config.options.decode);
    if (!decoded.status.ok()) {
      r.status = decoded.status;
      return r;
    }
    text = decoded.text;
  }
  if (!config.options.allow_binary && std::memchr(text.data(), 0, text.size()) != nullptr) {
    // Binary input, refused as by every other command.
    const char* nul = static_cast<const char*>(std::memchr(bytes.data(), 0, bytes.size()));
    r.status = Status(StatusCode::kBinaryInput,
                      "binary input (NUL byte); use --binary to process it anyway",
                      nul == nullptr ? -1 : nul - bytes.data());
    return r;
  }
  ReportDecoded(decoded, r.report);
  // What is prose comes from the reader of the input's format.
  InputFormat format = config.options.format;
  if (format == InputFormat::kAuto) format = SniffFormat(text);
  filter->set_markdown_prose(MarkdownProseRanges);
  r.markdown = filter->TransformRaw(text, format, r.report);
  return r;
}

Result RunCommand(const Config& config, const Normalizer& normalizer, std::string_view bytes) {
  const std::string& cmd = config.command;
  if (cmd.empty() || cmd == "check") return normalizer.Normalize(bytes);
  if (cmd == "zh") return RunZh(config, bytes);
  Result r;
  Decoded decoded = DecodeBytes(bytes, config.options.decode);
  if (!decoded.status.ok()) {
    r.status = decoded.status;
    return r;
  }
  if (!config.options.allow_binary) {
    // Single stages refuse binary input as the whole pipeline does (see
    // Normalizer::Normalize): NUL bytes are text only as UTF-16/32 code
    // units that decode cleanly to no U+0000.
    const void* nul = std::memchr(bytes.data(), 0, bytes.size());
    const std::string& enc = decoded.detection.encoding;
    bool wide = enc.rfind("UTF-16", 0) == 0 || enc.rfind("UTF-32", 0) == 0;
    bool wide_text = wide && (decoded.replaced == 0 || decoded.detection.source == "bom" ||
                              decoded.detection.source == "user");
    if (nul != nullptr &&
        (!wide_text || std::memchr(decoded.text.data(), 0, decoded.text.size()) != nullptr)) {
      r.status = Status(StatusCode::kBinaryInput,
                        "binary input (NUL byte); use --binary to process it anyway",
                        static_cast<const char*>(nul) - bytes.data());
      return r;
    }
  }
  ReportDecoded(decoded, r.report);
  if (cmd == "decode") {
    r.markdown = std::move(decoded.text);
    return r;
  }
  Stage stage;
  if (cmd == "html2md") {
    stage = Stage::kMarkup;
  } else if (cmd == "fix") {
    stage = Stage::kRepair;
  } else if (cmd == "zh") {
    stage = Stage::kScript;
  } else {
    r.status = Status(StatusCode::kConfig, "unknown command " + cmd);
    return r;
  }
  Status s;
  std::unique_ptr<Pipeline> pipeline = BuildPipeline(config.options, &s, {&stage, 1});
  if (!s.ok()) {
    r.status = s;
    return r;
  }
  Document doc;
  if (cmd == "html2md") {
    r.status = ReadDocument(decoded.text, config.options.format, config.options, &doc, r.report);
    if (!r.status.ok()) return r;
    pipeline->Apply(doc, r.report);
    r.markdown = WriteMarkdown(doc, &r.report);
    return r;
  }
  // Text stages see the whole text as one prose span: no markup parsing.
  doc.blocks.push_back(Block::Paragraph({Inline::Text(std::move(decoded.text))}));
  pipeline->Apply(doc, r.report);
  r.markdown = PlainText(doc.blocks.front().inlines);
  return r;
}

}  // namespace norm::cli
