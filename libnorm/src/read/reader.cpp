#include "norm/reader.h"

#include "utf8.h"

namespace norm {
namespace {

std::string_view NextLine(std::string_view text, size_t& pos) {
  size_t end = text.find('\n', pos);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(pos, end - pos);
  pos = end < text.size() ? end + 1 : end;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool IsFence(std::string_view line, bool closing) {
  std::string_view t = utf8::TrimAscii(line);
  return t == "---" || (closing && t == "...");
}

}  // namespace

std::string_view SplitFrontMatter(std::string_view text, FrontMatter* fm) {
  size_t pos = 0;
  if (!IsFence(NextLine(text, pos), false) || utf8::TrimAscii(text.substr(0, pos)) != "---")
    return text;
  std::vector<FrontMatterEntry> entries;
  size_t body = std::string_view::npos;
  while (pos < text.size()) {
    std::string_view line = NextLine(text, pos);
    if (IsFence(line, true) && line.front() != ' ') {
      body = pos;
      break;
    }
    size_t colon = line.find(':');
    bool top_level = !line.empty() && line.front() != ' ' && line.front() != '\t' &&
                     line.front() != '-' && line.front() != '#' &&
                     colon != std::string_view::npos &&
                     (colon + 1 == line.size() || line[colon + 1] == ' ');
    if (top_level) {
      entries.push_back({std::string(line.substr(0, colon)), std::string(line.substr(colon + 1))});
    } else if (!entries.empty()) {
      entries.back().value += '\n';
      entries.back().value += line;
    } else if (!utf8::TrimAscii(line).empty()) {
      return text;  // not a key/value mapping: not front matter
    }
  }
  if (body == std::string_view::npos) return text;
  fm->present = true;
  fm->entries = std::move(entries);
  return text.substr(body);
}

Status ReadText(std::string_view text, const Options& /*options*/, Document* doc, Report& report) {
  // Blank lines separate paragraphs when the text has any; otherwise every
  // line is a paragraph (typical of scraped CJK text).
  bool has_blank_lines = false;
  {
    size_t pos = 0;
    bool seen_text = false;
    while (pos < text.size()) {
      std::string_view line = utf8::TrimAscii(NextLine(text, pos));
      if (line.empty() && seen_text && pos < text.size()) {
        has_blank_lines = true;
        break;
      }
      seen_text |= !line.empty();
    }
  }
  std::string paragraph;
  auto flush = [&] {
    std::string collapsed = std::string(utf8::TrimAscii(utf8::CollapseWhitespace(paragraph)));
    if (!collapsed.empty()) doc->blocks.push_back(Block::Paragraph({Inline::Text(collapsed)}));
    paragraph.clear();
  };
  size_t pos = 0;
  while (pos < text.size()) {
    std::string_view line = utf8::TrimAscii(NextLine(text, pos));
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
                    Document* doc, Report& report) {
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
    }
  }
  switch (format) {
    case InputFormat::kHtml:
      return ReadHtml(text, options, doc, report);
    case InputFormat::kMarkdown:
      return ReadMarkdown(text, options, doc, report);
    default:
      return ReadText(text, options, doc, report);
  }
}

}  // namespace norm
