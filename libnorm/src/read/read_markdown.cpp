// Markdown reader on cmark-gfm: the GFM constructs it knows (tables,
// strikethrough, task lists, footnotes; autolinks and reference links
// resolve to links). Raw HTML blocks and paragraphs holding inline HTML go
// through the HTML reader; an inline "tag" that is no HTML element
// (List<String>, Option<T>) is text.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

#include "ascii.h"
#include "html_fragment.h"
#include "inline_html.h"
#include "inline_util.h"
#include "markdown_limits.h"
#include "reader.h"

namespace norm {
namespace {

constexpr const char* kExtensions[] = {"table", "strikethrough", "tasklist"};

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

// Inline HTML that is no HTML (see inline_html.h) becomes a text node.
// Returns whether HTML is left.
bool KeepsHtmlAfterUnknownTagsToText(cmark_node* paragraph) {
  std::vector<cmark_node*> tags;
  std::vector<std::string_view> literals;
  WalkInlines(paragraph, [&](cmark_node* c) {
    if (cmark_node_get_type(c) == CMARK_NODE_HTML_INLINE) tags.push_back(c);
  });
  for (cmark_node* t : tags) literals.push_back(Literal(t));
  bool html_left = false;
  for (size_t i = 0; i < tags.size(); ++i) {
    cmark_node* prev = cmark_node_previous(tags[i]);
    char before = 0;
    if (prev != nullptr && cmark_node_get_type(prev) == CMARK_NODE_TEXT) {
      std::string_view t = Literal(prev);
      if (!t.empty()) before = t.back();
    }
    if (IsHtmlTag(literals, i, before)) {
      html_left = true;
      continue;
    }
    cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(text, std::string(literals[i]).c_str());
    cmark_node_insert_before(tags[i], text);
    cmark_node_unlink(tags[i]);
    cmark_node_free(tags[i]);
    tags[i] = text;
    literals[i] = Literal(text);
  }
  return html_left;
}

// A footnote definition's label, as cmark-gfm writes it back
// ("[^label]:"): its API has no getter for it.
std::string FootnoteLabel(cmark_node* definition) {
  char* md = cmark_render_commonmark(definition, CMARK_OPT_DEFAULT, 0);
  std::string_view s = md;
  std::string label;
  if (s.starts_with("[^")) {
    size_t end = s.find("]:");
    if (end != std::string_view::npos) label = s.substr(2, end - 2);
  }
  std::free(md);
  return label;
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

// A page saved as Markdown: its front matter names the source URL, its
// first block is a title that is one link to it, or it holds a saved-at
// timestamp comment (<!--1666342980000-->). Only then is raw HTML in it
// cleaned of page furniture; in a document of its own it is content.
bool IsPageDump(const FrontMatter& fm, cmark_node* root) {
  if (!fm.SourceUrl().empty() || fm.Find("fetch_date") != nullptr) return true;
  cmark_node* first = cmark_node_first_child(root);
  for (cmark_node* n = first; n != nullptr; n = cmark_node_next(n)) {
    if (cmark_node_get_type(n) != CMARK_NODE_HTML_BLOCK) continue;
    std::string_view html = text::TrimAscii(Literal(n));
    if (!html.starts_with("<!--") || !html.ends_with("-->")) continue;
    std::string_view digits = text::TrimAscii(html.substr(4, html.size() - 7));
    if ((digits.size() == 10 || digits.size() == 13) &&
        digits.find_first_not_of("0123456789") == std::string_view::npos)
      return true;
  }
  while (first != nullptr && cmark_node_get_type(first) == CMARK_NODE_HTML_BLOCK)
    first = cmark_node_next(first);
  if (first == nullptr || cmark_node_get_type(first) != CMARK_NODE_HEADING) return false;
  cmark_node* link = cmark_node_first_child(first);
  if (link == nullptr || cmark_node_next(link) != nullptr ||
      cmark_node_get_type(link) != CMARK_NODE_LINK)
    return false;
  std::string_view url = cmark_node_get_url(link) ? cmark_node_get_url(link) : "";
  return url.starts_with("http://") || url.starts_with("https://");
}

class MarkdownConverter {
 public:
  MarkdownConverter(const Options& options, Document* doc, Report& report, cmark_parser* parser,
                    cmark_node* root)
      : options_(options), doc_(doc), report_(report), parser_(parser) {
    if (options_.html.boilerplate && !IsPageDump(doc->front_matter, root))
      options_.html.boilerplate = false;
    // cmark-gfm numbers footnote references and appends the definitions in
    // that order: reference n is the n-th definition's label.
    for (cmark_node* c = cmark_node_first_child(root); c != nullptr; c = cmark_node_next(c))
      if (cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_DEFINITION)
        footnote_labels_.push_back(FootnoteLabel(c));
  }

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
        if (HasInlineHtml(n) && KeepsHtmlAfterUnknownTagsToText(n)) {
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
        b.info = info == nullptr ? "" : std::string(text::TrimAscii(info));
        out->push_back(std::move(b));
        return;
      }
      case CMARK_NODE_HTML_BLOCK:
        HtmlToBlocks(Literal(n), options_, doc_, out, report_);
        return;
      case CMARK_NODE_FOOTNOTE_DEFINITION: {
        Block b;
        b.kind = BlockKind::kFootnote;
        b.info = FootnoteLabel(n);
        Blocks(n, &b.children);
        out->push_back(std::move(b));
        return;
      }
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
          if (TypeName(item) == "tasklist")
            li.task =
                cmark_gfm_extensions_get_tasklist_item_checked(item) ? Task::kDone : Task::kOpen;
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
        case CMARK_NODE_FOOTNOTE_REFERENCE:
          out->push_back({InlineKind::kFootnoteRef, FootnoteRefLabel(n), {}, {}, {}});
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

  // A referenced footnote's label (see the constructor).
  std::string FootnoteRefLabel(cmark_node* ref) const {
    std::string_view n = Literal(ref);
    size_t k = 0;
    for (char c : n) k = c >= '0' && c <= '9' && k < 1000000 ? k * 10 + (c - '0') : SIZE_MAX;
    return k >= 1 && k <= footnote_labels_.size() ? footnote_labels_[k - 1] : std::string(n);
  }

  Options options_;  // html.boilerplate off unless the document is a page dump
  Document* doc_;
  std::vector<std::string> footnote_labels_;
  Report& report_;
  cmark_parser* parser_;
  int depth_ = 0;
  int inline_depth_ = 0;
};

struct Parsed {
  std::unique_ptr<cmark_parser, ParserDeleter> parser;
  std::unique_ptr<cmark_node, NodeDeleter> root;
};

// cmark-gfm 0.29 (github/cmark-gfm#282) takes a "[^" whose "]" is on a
// later line for a footnote reference when it is no inline link, computes
// the label's length from the columns of two different lines, and so drops
// the label ("x[^a\nb]" reads "x[^]") or copies bytes past it, cutting a
// character in two; escaping the caret does not help (the parser looks at
// the text after the bracket). A footnote label cannot span lines, so such
// a bracket is escaped and read as text: the rare link whose text starts
// with a caret and spans lines becomes its text and address, never lost.
// Inside a code span or fence (an odd count of backticks before it in its
// paragraph, or one between the brackets) it stays as written. Returns the
// escaped text, or "" when nothing needed escaping (the source is parsed
// as it is, not copied).
std::string EscapeMultilineCaretBrackets(std::string_view md) {
  std::string out;
  size_t copied = 0;
  for (size_t pos = md.find("[^"); pos != std::string_view::npos; pos = md.find("[^", pos + 2)) {
    size_t backslashes = 0;
    while (backslashes < pos && md[pos - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 1) continue;  // "\[" is no bracket
    bool line_end = false;
    size_t end = pos + 2;
    for (; end < md.size(); ++end) {
      char c = md[end];
      bool escapes_next =
          c == '\\' && end + 1 < md.size() && md[end + 1] != '\n' && md[end + 1] != '\r';
      if (escapes_next) {
        ++end;
        continue;
      }
      if (c == '[' || c == ']' || c == '`') break;
      if (c == '\n' || c == '\r') line_end = true;
    }
    if (!line_end || end >= md.size() || md[end] != ']') continue;
    size_t paragraph = md.rfind("\n\n", pos);
    paragraph = paragraph == std::string_view::npos ? 0 : paragraph;
    if (std::count(md.begin() + paragraph, md.begin() + pos, '`') % 2 == 1) continue;
    out.append(md.substr(copied, pos - copied));
    out += '\\';
    copied = pos;
  }
  if (out.empty()) return out;  // nothing escaped
  out.append(md.substr(copied));
  return out;
}

Parsed Parse(std::string_view source) {
  const std::string escaped = EscapeMultilineCaretBrackets(source);
  const std::string_view markdown = escaped.empty() ? source : escaped;
  Parsed p;
  p.parser.reset(cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES));
  for (const char* name : kExtensions) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(p.parser.get(), ext);
  }
  cmark_parser_feed(p.parser.get(), markdown.data(), markdown.size());
  p.root.reset(cmark_parser_finish(p.parser.get()));
  return p;
}

// Labels of lines that look like footnote definitions ("[^label]: "),
// each once, in order (a line inside code counts too: then the second
// parse finds no more footnotes and is not used).
std::vector<std::string> FootnoteLabelsIn(std::string_view md) {
  std::vector<std::string> labels;
  for (size_t pos = md.find("[^"); pos != std::string_view::npos; pos = md.find("[^", pos + 2)) {
    size_t line = md.rfind('\n', pos);
    line = line == std::string_view::npos ? 0 : line + 1;
    if (pos - line > 3 ||
        md.substr(line, pos - line).find_first_not_of(' ') != std::string_view::npos)
      continue;
    size_t end = md.find(']', pos + 2);
    if (end == std::string_view::npos || end == pos + 2 || end + 1 >= md.size() ||
        md[end + 1] != ':')
      continue;
    std::string_view label = md.substr(pos + 2, end - pos - 2);
    if (label.find_first_of(" \t\n[") != std::string_view::npos || label.size() > 100) continue;
    if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.emplace_back(label);
  }
  return labels;
}

size_t CountFootnotes(cmark_node* root) {
  size_t n = 0;
  for (cmark_node* c = cmark_node_first_child(root); c != nullptr; c = cmark_node_next(c))
    n += cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_DEFINITION;
  return n;
}

// The paragraph of footnote references ReadMarkdown appended: the last
// block before the footnotes (cmark-gfm moves them to the end). False when
// it is not there as written (an unclosed code fence took it in).
bool RemoveFootnoteRefParagraph(cmark_node* root, std::string_view refs) {
  cmark_node* last = cmark_node_last_child(root);
  while (last != nullptr && cmark_node_get_type(last) == CMARK_NODE_FOOTNOTE_DEFINITION)
    last = cmark_node_previous(last);
  if (last == nullptr || cmark_node_get_type(last) != CMARK_NODE_PARAGRAPH) return false;
  for (cmark_node* c = cmark_node_first_child(last); c != nullptr; c = cmark_node_next(c)) {
    cmark_node_type t = cmark_node_get_type(c);
    bool label_text = t == CMARK_NODE_TEXT && refs.find(Literal(c)) != std::string_view::npos;
    if (t != CMARK_NODE_FOOTNOTE_REFERENCE && !label_text) return false;
  }
  cmark_node_unlink(last);
  cmark_node_free(last);
  return true;
}

}  // namespace

Status ReadMarkdown(std::string_view text, const Options& options, Document* doc, Report& report) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

  std::string_view body = SplitFrontMatter(text, &doc->front_matter);
  Parsed parsed = Parse(body);
  // cmark-gfm drops a footnote that nothing refers to; a second parse with
  // a paragraph referring to every label keeps it (that paragraph is
  // removed again).
  std::vector<std::string> labels = FootnoteLabelsIn(body);
  if (size_t found = CountFootnotes(parsed.root.get()); labels.size() > found) {
    std::string refs;
    for (const std::string& l : labels) refs += "[^" + l + "]";
    Parsed again = Parse(std::string(body) + "\n\n" + refs + "\n");
    if (size_t all = CountFootnotes(again.root.get()); all > found) {
      if (RemoveFootnoteRefParagraph(again.root.get(), refs)) {
        parsed = std::move(again);
      } else {
        report.Count("markdown", "footnotes-unreferenced-dropped",
                     static_cast<int64_t>(all - found));
      }
    }
  }
  MarkdownConverter converter(options, doc, report, parsed.parser.get(), parsed.root.get());
  converter.Blocks(parsed.root.get(), &doc->blocks);
  doc->read_as = InputFormat::kMarkdown;
  report.Set("read", "format", "markdown");
  return Status::Ok();
}

}  // namespace norm
