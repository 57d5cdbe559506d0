#include "reader.h"

#include "ascii.h"
#include "front_matter.h"
#include "lines.h"
#include "utf8.h"
#include "whitespace.h"

namespace norm {

std::string_view SplitFrontMatter(std::string_view text, FrontMatter* fm) {
  const text::FrontMatterBlock block = text::FindFrontMatter(text);
  if (!block.found) return text;
  fm->present = true;
  fm->entries.clear();
  for (const text::FrontMatterSpan& e : block.entries)
    fm->entries.push_back({std::string(e.key), text::FrontMatterValue(text, e)});
  return text.substr(block.body);
}

Status ReadText(std::string_view text, const Options& /*options*/, Document* doc, Report& report) {
  // Blank lines separate paragraphs when the text has any; otherwise every
  // line is a paragraph (typical of scraped CJK text).
  bool has_blank_lines = false;
  {
    size_t pos = 0;
    bool seen_text = false;
    while (pos < text.size()) {
      std::string_view line = text::TrimAscii(text::NextLine(text, pos));
      if (line.empty() && seen_text && pos < text.size()) {
        has_blank_lines = true;
        break;
      }
      seen_text |= !line.empty();
    }
  }
  std::string paragraph;
  auto flush = [&] {
    std::string collapsed = std::string(text::TrimAscii(text::CollapseWhitespace(paragraph)));
    if (!collapsed.empty()) doc->blocks.push_back(Block::Paragraph({Inline::Text(collapsed)}));
    paragraph.clear();
  };
  size_t pos = 0;
  while (pos < text.size()) {
    std::string_view line = text::TrimAscii(text::NextLine(text, pos));
    if (line.empty() || !has_blank_lines) {
      if (!has_blank_lines) paragraph.assign(line);
      flush();
      continue;
    }
    if (!paragraph.empty()) paragraph += '\n';
    paragraph += line;
  }
  flush();
  doc->read_as = InputFormat::kText;
  report.Set("read", "format", "text");
  return Status::Ok();
}

Status ReadDocument(std::string_view text, InputFormat format, const Options& options,
                    Document* doc, Report& report, std::string* owned) {
  if (format == InputFormat::kAuto) format = SniffFormat(text);
  // CommonMark replaces U+0000 with U+FFFD (cmark does it silently) and an
  // HTML parser drops it; both readers get the replacement up front, counted
  // as read.nul-replaced, so that no NUL (only reachable with --binary) is
  // lost unseen.
  std::string storage;
  if (format == InputFormat::kHtml || format == InputFormat::kMarkdown) {
    if (int64_t n = utf8::ReplaceNul(text, &storage); n > 0) {
      report.Count("read", "nul-replaced", n);
      text = storage;
      owned = nullptr;
    }
  }
  switch (format) {
    case InputFormat::kHtml:
      return ReadHtml(text, options, doc, report, owned);
    case InputFormat::kMarkdown:
      return ReadMarkdown(text, options, doc, report);
    default:
      return ReadText(text, options, doc, report);
  }
}

}  // namespace norm
