// Markdown reader on cmark-gfm (tables and strikethrough extensions). Raw HTML
// blocks and paragraphs holding inline HTML go through the HTML reader.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

#include "html_fragment.h"
#include "inline_util.h"
#include "markdown_limits.h"
#include "norm/reader.h"
#include "utf8.h"

namespace norm {
namespace {

constexpr const char* kExtensions[] = {"table", "strikethrough"};

// Quotes and lists nested deeper than kMarkdownMaxNesting are read flat
// (their blocks go to the enclosing container); inlines likewise. The text
// is kept; the count of flattened containers is reported as
// markdown.depth-limit-flattened.
constexpr int kMaxDepth = kMarkdownMaxNesting;

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

std::string_view TypeName(cmark_node* node) {
  const char* s = cmark_node_get_type_string(node);
  return s == nullptr ? std::string_view() : std::string_view(s);
}

const char* Literal(cmark_node* node) {
  const char* s = cmark_node_get_literal(node);
  return s == nullptr ? "" : s;
}

// Walks a subtree with cmark's iterator (no recursion: inline nesting can
// be as deep as the input is long) and calls fn on each node entered.
template <typename Fn>
void WalkInlines(cmark_node* node, Fn fn) {
  cmark_iter* it = cmark_iter_new(node);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* c = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER && c != node) fn(c);
  }
  cmark_iter_free(it);
}

bool HasInlineHtml(cmark_node* node) {
  bool found = false;
  WalkInlines(node,
              [&](cmark_node* c) { found |= cmark_node_get_type(c) == CMARK_NODE_HTML_INLINE; });
  return found;
}

// The text of an inline subtree, styles and links dropped.
std::string FlatText(cmark_node* node) {
  std::string out;
  WalkInlines(node, [&](cmark_node* c) {
    switch (cmark_node_get_type(c)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        out += Literal(c);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += '\n';
        break;
      default:
        break;
    }
  });
  return out;
}

class MarkdownConverter {
 public:
  MarkdownConverter(const Options& options, Document* doc, Report& report, cmark_parser* parser)
      : options_(options), doc_(doc), report_(report), parser_(parser) {}

  void Blocks(cmark_node* parent, std::vector<Block>* out) {
    for (cmark_node* n = cmark_node_first_child(parent); n != nullptr; n = cmark_node_next(n))
      Block1(n, out);
  }

 private:
  void Block1(cmark_node* n, std::vector<Block>* out) {
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING: {
        bool heading = cmark_node_get_type(n) == CMARK_NODE_HEADING;
        if (HasInlineHtml(n)) {
          ViaHtml(n, out);
          return;
        }
        Block b =
            heading ? Block::Heading(cmark_node_get_heading_level(n), {}) : Block::Paragraph({});
        Inlines(n, &b.inlines);
        TidyInlines(b.inlines);
        if (!IsBlank(b.inlines)) out->push_back(std::move(b));
        return;
      }
      case CMARK_NODE_THEMATIC_BREAK: {
        Block b;
        b.kind = BlockKind::kRule;
        out->push_back(std::move(b));
        return;
      }
      case CMARK_NODE_CODE_BLOCK: {
        Block b;
        b.kind = BlockKind::kCode;
        b.literal = Literal(n);
        const char* info = cmark_node_get_fence_info(n);
        b.info = info == nullptr ? "" : std::string(utf8::TrimAscii(info));
        out->push_back(std::move(b));
        return;
      }
      case CMARK_NODE_HTML_BLOCK:
        HtmlToBlocks(Literal(n), options_, doc_, out, report_);
        return;
      case CMARK_NODE_BLOCK_QUOTE:
      case CMARK_NODE_LIST:
        if (depth_ >= kMaxDepth) {
          Flatten(n, out);
          return;
        }
        break;
      default:
        break;
    }
    ++depth_;
    Nested(n, out);
    --depth_;
  }

  // Containers past kMaxDepth: their leaf blocks in document order, without
  // the containers, walked with an explicit stack (no recursion).
  void Flatten(cmark_node* n, std::vector<Block>* out) {
    std::vector<cmark_node*> stack = {n};
    while (!stack.empty()) {
      cmark_node* c = stack.back();
      stack.pop_back();
      cmark_node_type t = cmark_node_get_type(c);
      if (t == CMARK_NODE_BLOCK_QUOTE || t == CMARK_NODE_LIST || t == CMARK_NODE_ITEM) {
        if (t != CMARK_NODE_ITEM) report_.Count("markdown", "depth-limit-flattened");
        size_t mark = stack.size();
        for (cmark_node* k = cmark_node_first_child(c); k != nullptr; k = cmark_node_next(k))
          stack.push_back(k);
        std::reverse(stack.begin() + static_cast<long>(mark), stack.end());
        continue;
      }
      Block1(c, out);
    }
  }

  void Nested(cmark_node* n, std::vector<Block>* out) {
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_BLOCK_QUOTE: {
        Block b;
        b.kind = BlockKind::kQuote;
        Blocks(n, &b.children);
        if (!b.children.empty()) out->push_back(std::move(b));
        return;
      }
      case CMARK_NODE_LIST: {
        Block b;
        b.kind = BlockKind::kList;
        b.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        b.start = b.ordered ? cmark_node_get_list_start(n) : 1;
        for (cmark_node* item = cmark_node_first_child(n); item != nullptr;
             item = cmark_node_next(item)) {
          Block li;
          li.kind = BlockKind::kListItem;
          Blocks(item, &li.children);
          if (!li.children.empty()) b.children.push_back(std::move(li));
        }
        if (!b.children.empty()) out->push_back(std::move(b));
        return;
      }
      default:
        break;
    }
    if (TypeName(n) == "table") {
      Block b;
      b.kind = BlockKind::kTable;
      uint16_t columns = cmark_gfm_extensions_get_table_columns(n);
      uint8_t* align = cmark_gfm_extensions_get_table_alignments(n);
      for (uint16_t i = 0; i < columns; ++i) {
        char a = align == nullptr ? 0 : static_cast<char>(align[i]);
        b.align.push_back(a == 'l'   ? Align::kLeft
                          : a == 'c' ? Align::kCenter
                          : a == 'r' ? Align::kRight
                                     : Align::kNone);
      }
      for (cmark_node* row = cmark_node_first_child(n); row != nullptr;
           row = cmark_node_next(row)) {
        std::vector<norm::Inlines> cells;
        for (cmark_node* cell = cmark_node_first_child(row); cell != nullptr;
             cell = cmark_node_next(cell)) {
          norm::Inlines in;
          Inlines(cell, &in);
          TidyInlines(in);
          cells.push_back(std::move(in));
        }
        b.rows.push_back(std::move(cells));
      }
      out->push_back(std::move(b));
      return;
    }
    // Unknown block (custom, footnote): keep its children.
    Blocks(n, out);
  }

  // Renders a paragraph or heading that holds inline HTML back to HTML and
  // reads it with the HTML reader, so both kinds of markup mix correctly.
  void ViaHtml(cmark_node* n, std::vector<Block>* out) {
    char* html =
        cmark_render_html(n, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(parser_));
    HtmlToBlocks(html, options_, doc_, out, report_);
    std::free(html);
  }

  void Inlines(cmark_node* parent, norm::Inlines* out) {
    if (inline_depth_ >= kMaxDepth) {
      // Emphasis or links nested past the limit: keep the text, unstyled.
      report_.Count("markdown", "depth-limit-flattened");
      out->push_back(Inline::Text(FlatText(parent)));
      return;
    }
    ++inline_depth_;
    InlinesAt(parent, out);
    --inline_depth_;
  }

  void InlinesAt(cmark_node* parent, norm::Inlines* out) {
    for (cmark_node* n = cmark_node_first_child(parent); n != nullptr; n = cmark_node_next(n)) {
      switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
          out->push_back(Inline::Text(Literal(n)));
          break;
        case CMARK_NODE_SOFTBREAK:
          out->push_back(Inline::Text("\n"));
          break;
        case CMARK_NODE_LINEBREAK:
          out->push_back({InlineKind::kBreak, {}, {}, {}, {}});
          break;
        case CMARK_NODE_CODE:
          out->push_back({InlineKind::kCode, Literal(n), {}, {}, {}});
          break;
        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG: {
          Inline in;
          in.kind = cmark_node_get_type(n) == CMARK_NODE_EMPH ? InlineKind::kEmphasis
                                                              : InlineKind::kStrong;
          Inlines(n, &in.children);
          out->push_back(std::move(in));
          break;
        }
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE: {
          Inline in;
          in.kind =
              cmark_node_get_type(n) == CMARK_NODE_LINK ? InlineKind::kLink : InlineKind::kImage;
          const char* url = cmark_node_get_url(n);
          const char* title = cmark_node_get_title(n);
          in.url = url == nullptr ? "" : url;
          in.title = title == nullptr ? "" : title;
          Inlines(n, &in.children);
          if (in.kind == InlineKind::kImage) {
            TidyInlines(in.children);
            in.text = PlainText(in.children);
            in.children.clear();
            if (!options_.html.images) {
              report_.Count("markdown", "images-dropped");
              break;
            }
          }
          out->push_back(std::move(in));
          break;
        }
        case CMARK_NODE_HTML_INLINE:
          break;  // paragraphs holding inline HTML take the ViaHtml path
        default:
          if (TypeName(n) == "strikethrough") {
            Inline in;
            in.kind = InlineKind::kStrike;
            Inlines(n, &in.children);
            out->push_back(std::move(in));
          } else {
            Inlines(n, out);
          }
      }
    }
  }

  const Options& options_;
  Document* doc_;
  Report& report_;
  cmark_parser* parser_;
  int depth_ = 0;
  int inline_depth_ = 0;
};

}  // namespace

Status ReadMarkdown(std::string_view text, const Options& options, Document* doc, Report& report) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

  std::string_view body = SplitFrontMatter(text, &doc->front_matter);
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_DEFAULT));
  for (const char* name : kExtensions) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  cmark_parser_feed(parser.get(), body.data(), body.size());
  std::unique_ptr<cmark_node, NodeDeleter> root(cmark_parser_finish(parser.get()));
  MarkdownConverter converter(options, doc, report, parser.get());
  converter.Blocks(root.get(), &doc->blocks);
  doc->read_as = InputFormat::kMarkdown;
  report.Set("read", "format", "markdown");
  return Status::Ok();
}

}  // namespace norm
