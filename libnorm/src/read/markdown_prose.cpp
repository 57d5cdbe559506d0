#include "reader.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cctype>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

#include "ascii.h"

namespace norm {

namespace {

constexpr const char* kExtensions[] = {"table", "strikethrough"};

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

// The non-ASCII bytes of s: what cmark never rewrites (escapes and entities
// are ASCII in the source).
std::string NonAscii(std::string_view s) {
  std::string out;
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) out.push_back(c);
  return out;
}

// The lowercased name of an HTML tag literal ("<code class=x>" -> "code"),
// with *closing set for "</...>".
std::string TagName(std::string_view tag, bool* closing) {
  size_t i = 1;
  *closing = i < tag.size() && tag[i] == '/';
  if (*closing) ++i;
  std::string name;
  while (i < tag.size() && std::isalnum(static_cast<unsigned char>(tag[i])))
    name.push_back(text::AsciiLower(tag[i++]));
  return name;
}

bool CodeLike(const std::string& name) {
  return name == "code" || name == "kbd" || name == "samp" || name == "tt" || name == "pre" ||
         name == "script" || name == "style";
}

}  // namespace

std::vector<ProseRange> MarkdownProseRanges(std::string_view body, size_t* unmapped) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  std::unique_ptr<cmark_parser, ParserDeleter> parser(
      cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS));
  for (const char* name : kExtensions) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  cmark_parser_feed(parser.get(), body.data(), body.size());
  std::unique_ptr<cmark_node, NodeDeleter> root(cmark_parser_finish(parser.get()));

  std::vector<size_t> line_start = {0};
  for (size_t i = 0; i < body.size(); ++i)
    if (body[i] == '\n') line_start.push_back(i + 1);
  // Byte offset of a 1-based (line, column), or npos.
  auto offset = [&](int line, int column) -> size_t {
    if (line < 1 || column < 1 || static_cast<size_t>(line) > line_start.size())
      return std::string_view::npos;
    size_t at = line_start[line - 1] + static_cast<size_t>(column) - 1;
    return at <= body.size() ? at : std::string_view::npos;
  };

  std::vector<ProseRange> ranges;
  std::string open_code;  // inline code-like element open in this paragraph
  cmark_iter* it = cmark_iter_new(root.get());
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(it);
    cmark_node_type type = cmark_node_get_type(n);
    if (ev == CMARK_EVENT_EXIT) {
      if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) open_code.clear();
      if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
        // A title is prose too: found as written at the end of the link.
        const char* title = cmark_node_get_title(n);
        size_t a = offset(cmark_node_get_start_line(n), cmark_node_get_start_column(n));
        size_t b = offset(cmark_node_get_end_line(n), cmark_node_get_end_column(n));
        if (title != nullptr && *title != '\0' && a != std::string_view::npos &&
            b != std::string_view::npos && b >= a) {
          size_t at = body.substr(a, b + 1 - a).rfind(title);
          if (at != std::string_view::npos && (ranges.empty() || ranges.back().end <= a + at))
            ranges.push_back({a + at, a + at + std::strlen(title), ProseRange::kProse});
        }
      }
      continue;
    }
    if (type == CMARK_NODE_HTML_INLINE) {
      const char* lit = cmark_node_get_literal(n);
      bool closing = false;
      std::string name = TagName(lit == nullptr ? "" : lit, &closing);
      if (open_code.empty() && !closing && CodeLike(name))
        open_code = name;
      else if (closing && name == open_code)
        open_code.clear();
      continue;
    }
    if (type != CMARK_NODE_TEXT && type != CMARK_NODE_HTML_BLOCK) continue;
    size_t a = offset(cmark_node_get_start_line(n), cmark_node_get_start_column(n));
    size_t b = offset(cmark_node_get_end_line(n), cmark_node_get_end_column(n));
    if (a == std::string_view::npos || b == std::string_view::npos || b < a) {
      ++*unmapped;
      continue;
    }
    ++b;  // the end column is inclusive
    if (type == CMARK_NODE_HTML_BLOCK) {
      // An HTML block's end is the end of its last line.
      while (b < body.size() && body[b - 1] != '\n') ++b;
      ranges.push_back({a, b, ProseRange::kHtml});
      continue;
    }
    if (!open_code.empty()) continue;
    const char* lit = cmark_node_get_literal(n);
    if (NonAscii(body.substr(a, b - a)) != NonAscii(lit == nullptr ? "" : lit)) {
      ++*unmapped;
      continue;
    }
    if (!ranges.empty() && ranges.back().end > a) continue;  // never overlap
    ranges.push_back({a, b, ProseRange::kProse});
  }
  cmark_iter_free(it);
  return ranges;
}

}  // namespace norm
