#include "run.h"

namespace norm::cli {

Result RunCommand(const Config& config, const Normalizer& normalizer, std::string_view bytes) {
  const std::string& cmd = config.command;
  if (cmd.empty() || cmd == "check") return normalizer.Normalize(bytes);
  Result r;
  Decoded decoded = DecodeBytes(bytes, config.options.decode);
  if (!decoded.status.ok()) {
    r.status = decoded.status;
    return r;
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
    r.markdown = WriteMarkdown(doc);
    return r;
  }
  // Text stages see the whole text as one prose span: no markup parsing.
  doc.blocks.push_back(Block::Paragraph({Inline::Text(std::move(decoded.text))}));
  pipeline->Apply(doc, r.report);
  r.markdown = PlainText(doc.blocks.front().inlines);
  return r;
}

}  // namespace norm::cli
