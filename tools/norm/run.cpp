#include "run.h"

#include <cstring>

#include "norm/zh.h"

namespace norm::cli {

// `norm zh`: the text as it stands, only its prose converted (see
// ZhFilter::TransformMarkdown). Valid UTF-8 is used without a decoded copy.
Result RunZh(const Config& config, std::string_view bytes) {
  Result r;
  Status s;
  std::unique_ptr<ZhFilter> filter = ZhFilter::Make(config.options, &s);
  if (filter != nullptr && !filter->active()) {
    s = Status(StatusCode::kConfig, "norm zh needs --zh=CONFIG or --zh-target=TARGET");
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
  if (!config.options.allow_binary && std::memchr(bytes.data(), 0, bytes.size()) != nullptr) {
    // Binary input, refused as by every other command; stray NULs replaced.
    if (text.data() != decoded.text.data()) decoded.text.assign(text);
    r.status = RefuseBinary(bytes, &decoded);
    if (!r.status.ok()) return r;
    text = decoded.text;
  }
  ReportDecoded(decoded, r.report);
  r.markdown = filter->TransformMarkdown(text, r.report);
  return r;
}

Result RunCommand(const Config& config, const Normalizer& normalizer, std::string_view bytes,
                  std::string_view name) {
  const std::string& cmd = config.command;
  if (cmd.empty() || cmd == "check") return normalizer.Normalize(bytes, name);
  if (cmd == "zh") return RunZh(config, bytes);
  Result r;
  Decoded decoded = DecodeBytes(bytes, config.options.decode);
  if (!decoded.status.ok()) {
    r.status = decoded.status;
    return r;
  }
  if (!config.options.allow_binary) {
    // Single stages refuse binary input as the whole pipeline does.
    r.status = RefuseBinary(bytes, &decoded);
    if (!r.status.ok()) return r;
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
    InputFormat format = config.options.format;
    if (format == InputFormat::kAuto) format = FormatFromName(name);
    r.status = ReadDocument(decoded.text, format, config.options, &doc, r.report);
    if (!r.status.ok()) return r;
    pipeline->Apply(doc, r.report);
    r.markdown = WriteMarkdown(doc, &r.report, &r.body_offset);
    return r;
  }
  // Text stages see the whole text as one prose span: no markup parsing.
  doc.blocks.push_back(Block::Paragraph({Inline::Text(std::move(decoded.text))}));
  pipeline->Apply(doc, r.report);
  r.markdown = PlainText(doc.blocks.front().inlines);
  return r;
}

}  // namespace norm::cli
