// HTML to Document: norm::ReadHtml and the bridge the Markdown reader uses
// for raw HTML blocks. The work happens in html_page.cpp (parse, hints,
// cleaning, main content, conversion); this file keeps the public entry
// points and the plain-text fallback for nesting beyond libxml2's limit.

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "entity.h"
#include "html_fragment.h"
#include "html_page.h"
#include "reader.h"
#include "utf8.h"

namespace norm {
namespace html {

// Text of markup without a parser: tags and comments dropped, script and
// style bodies skipped, entities decoded, block-level tags as line breaks.
std::string StripTags(std::string_view html) {
  auto starts_with = [&](size_t at, std::string_view what) {
    if (at + what.size() > html.size()) return false;
    for (size_t k = 0; k < what.size(); ++k)
      if (std::tolower(static_cast<unsigned char>(html[at + k])) != what[k]) return false;
    return true;
  };
  auto skip_past = [&](size_t from, std::string_view what) {
    size_t at = from;
    while (at < html.size() && !starts_with(at, what)) ++at;
    return std::min(html.size(), at + what.size());
  };
  std::string out;
  size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      size_t start = i;
      if (starts_with(start, "<!--")) {
        i = skip_past(start + 4, "-->");
        continue;
      }
      size_t end = html.find('>', start);
      if (end == std::string_view::npos) break;
      i = end + 1;
      if (starts_with(start, "<script")) {
        i = skip_past(i, "</script>");
      } else if (starts_with(start, "<style")) {
        i = skip_past(i, "</style>");
      } else if (starts_with(start, "<p") || starts_with(start, "</p") ||
                 starts_with(start, "<br") || starts_with(start, "<div") ||
                 starts_with(start, "</div") || starts_with(start, "<li")) {
        out += '\n';
      }
      continue;
    }
    if (c == '&') {
      uint32_t cp = 0;
      if (size_t len = text::ParseEntity(html.substr(i), &cp); len != 0) {
        utf8::Append(out, cp);
        i += len;
        continue;
      }
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

}  // namespace html

void HtmlToBlocks(std::string_view html, const Options& options, Document* doc,
                  std::vector<Block>* blocks, Report& report) {
  if (html.empty()) return;
  Status st = html::ReadHtmlInto(html, options, doc, blocks, report);
  if (!st.ok()) {
    // A fragment libxml2 cannot take (too large, out of memory) stays as
    // the text it is, counted: never dropped.
    blocks->push_back(Block::Paragraph({Inline::Text(std::string(html))}));
    report.Count("read", "html-kept-as-text");
  }
}

Status ReadHtml(std::string_view text, const Options& options, Document* doc, Report& report,
                std::string* owned) {
  Status s =
      html::ReadHtmlInto(text, options, doc, &doc->blocks, report, /*standalone=*/true, owned);
  doc->read_as = InputFormat::kHtml;
  report.Set("read", "format", "html");
  return s;
}

}  // namespace norm
