#include "reader.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "ascii.h"
#include "front_matter.h"
#include "lines.h"
#include "utf8.h"
#include "whitespace.h"

namespace norm {
namespace {

// Block-level HTML tags that mark a document (or Markdown raw block) as HTML.
bool HasBlockTag(std::string_view s) {
  static constexpr std::string_view kTags[] = {"<p>",  "<p ",  "<div",     "<br",     "<table",
                                               "<li>", "<ul",  "<ol",      "<h1",     "<h2",
                                               "<h3",  "<img", "<section", "<article"};
  for (auto tag : kTags)
    if (s.find(tag) != std::string_view::npos) return true;
  return false;
}

}  // namespace

std::string_view SplitFrontMatter(std::string_view text, FrontMatter* fm) {
  const text::FrontMatterBlock block = text::FindFrontMatter(text);
  if (!block.found) return text;
  fm->present = true;
  fm->entries.clear();
  for (const text::FrontMatterSpan& e : block.entries)
    fm->entries.push_back({std::string(e.key), text::FrontMatterValue(text, e)});
  return text.substr(block.body);
}

InputFormat SniffFormat(std::string_view text) {
  std::string_view t = text::TrimAscii(text);
  if (text::StartsWithNoCase(t, "<!doctype html") || text::StartsWithNoCase(t, "<html") ||
      text::StartsWithNoCase(t, "<?xml") || text::StartsWithNoCase(t, "<head") ||
      text::StartsWithNoCase(t, "<body"))
    return InputFormat::kHtml;
  if (t.rfind("---", 0) == 0) return InputFormat::kMarkdown;
  // Mostly markup from the first byte: an HTML fragment.
  if (!t.empty() && t.front() == '<' && HasBlockTag(t.substr(0, 4096)) &&
      t.find("\n#") == std::string_view::npos && t.find("](") == std::string_view::npos)
    return InputFormat::kHtml;
  // Any Markdown construct or escape makes it Markdown.
  size_t pos = 0;
  int lines = 0;
  while (pos < text.size() && lines < 2000) {
    std::string_view line = text::NextLine(text, pos);
    ++lines;
    std::string_view s = line;
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    if (s.empty()) continue;
    if (s.front() == '#' || s.front() == '>' || s.rfind("```", 0) == 0 || s.rfind("- ", 0) == 0 ||
        s.rfind("* ", 0) == 0 || s.rfind("===", 0) == 0 || s.rfind("---", 0) == 0 ||
        s.rfind("***", 0) == 0 || s.rfind("|", 0) == 0)
      return InputFormat::kMarkdown;
    if (s.front() == '<' && HasBlockTag(s)) return InputFormat::kMarkdown;
    if (line.find("](") != std::string_view::npos ||
        std::count(line.begin(), line.end(), '*') >= 2 ||
        std::count(line.begin(), line.end(), '`') >= 2)
      return InputFormat::kMarkdown;
    for (size_t i = 0; i + 1 < line.size(); ++i) {
      if (line[i] == '\\' && std::ispunct(static_cast<unsigned char>(line[i + 1])))
        return InputFormat::kMarkdown;
    }
  }
  return InputFormat::kText;
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
