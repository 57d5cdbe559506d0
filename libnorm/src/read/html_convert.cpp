#include "html_convert.h"

#include <libxml/uri.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "html_dom.h"
#include "html_util.h"
#include "html_visible.h"
#include "utf8.h"
#include "word_list.h"

namespace norm::html {
namespace {

// Sorted, for binary search: the converter and the cleaner ask for every
// element, several times.
constexpr std::array<std::string_view, 49> kBlockElements = {
    "address",  "article",    "aside",  "blockquote", "body",    "caption", "center",
    "dd",       "details",    "dialog", "dir",        "div",     "dl",      "dt",
    "fieldset", "figcaption", "figure", "footer",     "form",    "h1",      "h2",
    "h3",       "h4",         "h5",     "h6",         "header",  "hgroup",  "hr",
    "html",     "legend",     "li",     "main",       "menu",    "nav",     "noscript",
    "ol",       "p",          "pre",    "search",     "section", "summary", "table",
    "tbody",    "td",         "tfoot",  "th",         "thead",   "tr",      "ul"};
static_assert(std::is_sorted(kBlockElements.begin(), kBlockElements.end()));

// _private marks: bit 0 = some descendant is a block element.
void MarkBlockDescendants(xmlNode* node, int depth) {
  node->_private = nullptr;
  for (xmlNode* c = node->children; c; c = c->next) {
    if (!IsElement(c)) continue;
    if (depth < kMaxDepth)
      MarkBlockDescendants(c, depth + 1);
    else
      c->_private = nullptr;
    if (IsBlockElement(Name(c)) || c->_private) node->_private = reinterpret_cast<void*>(1);
  }
}

bool HasBlockDescendant(const xmlNode* node) { return node->_private != nullptr; }

// Whitespace state of one paragraph under construction.
struct Ws {
  bool pending_space = false;
  bool pending_newline = false;
  char32_t last = 0;  // last code point emitted, 0 at paragraph start
};

class Converter {
 public:
  Converter(const ConvertOptions& options, Report& report) : options_(options), report_(report) {}

  void Blocks(const xmlNode* first, std::vector<Block>* out, int depth);
  void Element(const xmlNode* node, std::vector<Block>* out, int depth);
  void Single(const xmlNode* node, std::vector<Block>* out) {
    Inlines pending;
    Ws ws;
    InlineNode(node, &pending, &ws, 0, false);
    Flush(&pending, &ws, out);
  }

 private:
  void Flush(Inlines* pending, Ws* ws, std::vector<Block>* out);
  void InlineNode(const xmlNode* node, Inlines* out, Ws* ws, int depth, bool in_table);
  void InlineChildren(const xmlNode* node, Inlines* out, Ws* ws, int depth, bool in_table);
  void AppendText(std::string_view text, Inlines* out, Ws* ws);
  void EmitPendingBefore(const xmlNode* container, Inlines* out, Ws* ws);
  void Image(const xmlNode* node, Inlines* out, Ws* ws);
  void Link(const xmlNode* node, Inlines* out, Ws* ws, int depth, bool in_table);
  void Code(const xmlNode* node, Inlines* out, Ws* ws);
  void RubyAnnotation(const xmlNode* node, Inlines* out, Ws* ws);
  void List(const xmlNode* node, std::vector<Block>* out, int depth);
  void Table(const xmlNode* node, std::vector<Block>* out, int depth);
  void Pre(const xmlNode* node, std::vector<Block>* out);
  std::string ResolveUrl(std::string_view url) const;

  const ConvertOptions& options_;
  Report& report_;
};

bool IsWs(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

void AppendToText(Inlines* out, std::string_view s) {
  if (out->empty() || out->back().kind != InlineKind::kText) out->push_back(Inline::Text(""));
  out->back().text.append(s);
}

void Ws_EmitPending(Inlines* out, Ws* ws, char32_t next) {
  if (ws->pending_space && ws->last != 0) {
    bool join = ws->pending_newline && IsCjkNoSpace(ws->last) && IsCjkNoSpace(next);
    if (!join) AppendToText(out, " ");
  }
  ws->pending_space = false;
  ws->pending_newline = false;
}

// First non-space code point of the text under node (0 if none).
char32_t FirstTextChar(const xmlNode* node, int depth) {
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      std::string_view s = Content(c);
      size_t i = 0;
      while (i < s.size() && IsWs(s[i])) ++i;
      if (i < s.size()) return utf8::Next(s, i);
    } else if (IsElement(c) && depth < kMaxDepth) {
      if (Name(c) == "img") return U'\uFFFC';
      char32_t r = FirstTextChar(c, depth + 1);
      if (r) return r;
    }
  }
  return 0;
}

void TextContent(const xmlNode* node, std::string* out, bool br_newline, int depth) {
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      out->append(Content(c));
    } else if (IsElement(c)) {
      if (br_newline && Name(c) == "br") {
        *out += '\n';
      } else if (depth < kMaxDepth) {
        TextContent(c, out, br_newline, depth + 1);
      }
    }
  }
}

bool IsEmptyInlines(const Inlines& in) {
  for (const Inline& i : in) {
    switch (i.kind) {
      case InlineKind::kText:
        if (!TrimAscii(i.text).empty()) return false;
        break;
      case InlineKind::kBreak:
        break;
      case InlineKind::kImage:
      case InlineKind::kCode:
        return false;
      default:
        if (!IsEmptyInlines(i.children)) return false;
    }
  }
  return true;
}

bool IsImageOnly(const Block& b) {
  if (b.kind != BlockKind::kParagraph) return false;
  bool image = false;
  for (const Inline& i : b.inlines) {
    if (i.kind == InlineKind::kImage) {
      image = true;
    } else if (i.kind == InlineKind::kLink && i.children.size() == 1 &&
               i.children[0].kind == InlineKind::kImage) {
      image = true;
    } else if (!(i.kind == InlineKind::kText && TrimAscii(i.text).empty()) &&
               i.kind != InlineKind::kBreak) {
      return false;
    }
  }
  return image;
}

// A caption-like element: its only content is one <small> or <figcaption>
// (seed 003: <div><small>caption</small></div> after an <img>).
bool IsCaptionLike(const xmlNode* node) {
  const xmlNode* only = nullptr;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE) {
      if (!TrimAscii(Content(c)).empty()) return false;
    } else if (IsElement(c)) {
      if (only) return false;
      only = c;
    }
  }
  return only && (Name(only) == "small" || Name(only) == "figcaption");
}

// Joins adjacent text spans and adjacent spans of the same formatting
// (<em>a</em><em>b</em> reads as one emphasis).
void MergeAdjacent(Inlines* in) {
  Inlines out;
  for (Inline& i : *in) {
    if (!out.empty() && out.back().kind == i.kind) {
      Inline& prev = out.back();
      if (i.kind == InlineKind::kText) {
        prev.text += i.text;
        continue;
      }
      if (i.kind == InlineKind::kEmphasis || i.kind == InlineKind::kStrong ||
          i.kind == InlineKind::kStrike) {
        for (Inline& c : i.children) prev.children.push_back(std::move(c));
        continue;
      }
    }
    out.push_back(std::move(i));
  }
  for (Inline& i : out)
    if (!i.children.empty()) MergeAdjacent(&i.children);
  *in = std::move(out);
}

}  // namespace

bool IsBlockElement(std::string_view name) {
  // Asked for every element by several walks of the extractor: a bucketed
  // lookup instead of a binary search's six string comparisons.
  static const WordList blocks(kBlockElements);
  return blocks.Contains(name);
}

std::string Converter::ResolveUrl(std::string_view url) const {
  std::string u(TrimAscii(url));
  if (options_.base_url.empty() || u.empty()) return u;
  xmlChar* r = xmlBuildURI(reinterpret_cast<const xmlChar*>(u.c_str()),
                           reinterpret_cast<const xmlChar*>(options_.base_url.c_str()));
  if (!r) return u;
  std::string out(reinterpret_cast<const char*>(r));
  xmlFree(r);
  return out;
}

void Converter::AppendText(std::string_view s, Inlines* out, Ws* ws) {
  size_t i = 0;
  while (i < s.size()) {
    if (IsWs(s[i])) {
      ws->pending_space = true;
      if (s[i] == '\n' || s[i] == '\r') ws->pending_newline = true;
      ++i;
      continue;
    }
    size_t start = i;
    // A run of non-space characters.
    while (i < s.size() && !IsWs(s[i])) ++i;
    std::string_view run = s.substr(start, i - start);
    // A soft hyphen (U+00AD) is a line-break hint a browser does not show;
    // kept, it splits every word it sits in for search and for readers.
    std::string without_shy;
    if (run.find("\xC2\xAD") != std::string_view::npos) {
      size_t removed = 0;
      for (size_t k = 0; k < run.size(); ++k) {
        if (run[k] == '\xC2' && k + 1 < run.size() && run[k + 1] == '\xAD') {
          ++k;
          ++removed;
          continue;
        }
        without_shy += run[k];
      }
      report_.Count("html", "soft-hyphens-removed", static_cast<int64_t>(removed));
      if (without_shy.empty()) continue;
      run = without_shy;
    }
    Ws_EmitPending(out, ws, utf8::First(run));
    AppendToText(out, run);
    ws->last = utf8::Last(run);
  }
}

void Converter::EmitPendingBefore(const xmlNode* container, Inlines* out, Ws* ws) {
  if (!ws->pending_space) return;
  char32_t next = FirstTextChar(container, 0);
  if (next == 0) return;  // empty container: decide at the next text
  Ws_EmitPending(out, ws, next);
}

void Converter::Image(const xmlNode* node, Inlines* out, Ws* ws) {
  std::string_view src = TrimAscii(Attr(node, "src"));
  if (src.empty() || src.starts_with("data:")) {
    for (std::string_view lazy : {"data-src", "data-original", "data-lazy-src", "data-url"}) {
      std::string_view v = TrimAscii(Attr(node, lazy));
      if (!v.empty()) {
        src = v;
        break;
      }
    }
  }
  if (src.empty() || src.starts_with("data:")) {
    for (std::string_view set : {"data-srcset", "srcset"}) {
      std::string_view v = TrimAscii(Attr(node, set));
      if (v.empty()) continue;
      size_t e = 0;
      while (e < v.size() && !IsWs(v[e]) && v[e] != ',') ++e;
      src = v.substr(0, e);
      break;
    }
  }
  if (src.empty()) return;
  if (!options_.images) {
    report_.Count("html", "images-dropped");
    return;
  }
  Inline img;
  img.kind = InlineKind::kImage;
  // Alt text: whitespace collapsed on its own.
  {
    Inlines tmp;
    Ws w;
    AppendText(Attr(node, "alt"), &tmp, &w);
    img.text = tmp.empty() ? std::string() : tmp.front().text;
    img.children.clear();
  }
  img.url = ResolveUrl(src);
  img.title = std::string(Attr(node, "title"));
  Ws_EmitPending(out, ws, U'\uFFFC');
  out->push_back(std::move(img));
  ws->last = U'\uFFFC';
}

// <rt> reading (or <rp> fallback parenthesis) of a <ruby>: the base text
// reads on without it (東京<rt>とうきょう</rt> ran into 東京とうきょう).
void Converter::RubyAnnotation(const xmlNode* node, Inlines* out, Ws* ws) {
  if (Name(node) == "rp") return;
  std::string reading;
  TextContent(node, &reading, false, 0);
  if (TrimAscii(reading).empty()) return;
  if (!options_.keep_ruby_readings) {
    report_.Count("html", "ruby-readings-dropped");
    return;
  }
  AppendText("(" + std::string(TrimAscii(reading)) + ")", out, ws);
}

void Converter::Code(const xmlNode* node, Inlines* out, Ws* ws) {
  std::string raw;
  TextContent(node, &raw, false, 0);
  std::string text;
  bool space = false;
  for (char c : raw) {
    if (IsWs(c)) {
      space = true;
      continue;
    }
    if (space && !text.empty()) text += ' ';
    space = false;
    text += c;
  }
  if (text.empty()) return;
  EmitPendingBefore(node, out, ws);
  Inline code;
  code.kind = InlineKind::kCode;
  code.text = std::move(text);
  ws->last = utf8::Last(code.text);
  out->push_back(std::move(code));
  if (space) ws->pending_space = true;
}

void Converter::Link(const xmlNode* node, Inlines* out, Ws* ws, int depth, bool in_table) {
  std::string_view href = TrimAscii(Attr(node, "href"));
  if (options_.drop_share_links && IsShareUrl(href)) {
    report_.Count("html", "share-links-removed");
    CountRemovedNode(report_, node, "share-link", "");
    if (options_.explain)
      report_.AddEvent({"html", "removed share link (heuristic: share URL)", -1,
                        std::string(Excerpt(href)), ""});
    return;
  }
  bool unwrap = href.empty() || StartsWithNoCase(href, "javascript:") || href == "#";
  EmitPendingBefore(node, out, ws);
  Inline link;
  link.kind = InlineKind::kLink;
  InlineChildren(node, &link.children, ws, depth + 1, in_table);
  // Trailing break inside a link: move it out.
  while (!link.children.empty() && link.children.back().kind == InlineKind::kBreak)
    link.children.pop_back();
  if (IsEmptyInlines(link.children)) {
    if (!unwrap) report_.Count("html", "empty-links-removed");
    return;
  }
  if (unwrap) {
    for (Inline& c : link.children) out->push_back(std::move(c));
    return;
  }
  link.url = ResolveUrl(href);
  link.title = std::string(Attr(node, "title"));
  out->push_back(std::move(link));
}

void Converter::InlineChildren(const xmlNode* node, Inlines* out, Ws* ws, int depth,
                               bool in_table) {
  for (const xmlNode* c = node->children; c; c = c->next) InlineNode(c, out, ws, depth, in_table);
}

void Converter::InlineNode(const xmlNode* c, Inlines* out, Ws* ws, int depth, bool in_table) {
  if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
    AppendText(Content(c), out, ws);
    return;
  }
  if (!IsElement(c)) return;
  std::string_view name = Name(c);
  if (depth >= kMaxDepth) {
    std::string text;
    TextContent(c, &text, false, 0);
    AppendText(text, out, ws);
    return;
  }
  if (name == "br") {
    if (in_table) {
      ws->pending_space = true;
    } else if (ws->last != 0 || !out->empty()) {
      out->push_back({InlineKind::kBreak, {}, {}, {}, {}});
      ws->pending_space = false;
      ws->pending_newline = false;
      ws->last = '\n';
    }
    return;
  }
  if (name == "img") {
    Image(c, out, ws);
    return;
  }
  if (name == "a") {
    Link(c, out, ws, depth, in_table);
    return;
  }
  if (name == "rt" || name == "rp") {
    RubyAnnotation(c, out, ws);
    return;
  }
  if (IsOneOf(name, {"code", "kbd", "samp", "tt"})) {
    Code(c, out, ws);
    return;
  }
  if (IsOneOf(name, {"script", "style", "template", "head", "title", "meta", "link"})) return;
  InlineKind kind = InlineKind::kText;
  if (IsOneOf(name, {"em", "i", "cite", "dfn", "var"})) kind = InlineKind::kEmphasis;
  if (IsOneOf(name, {"strong", "b"})) kind = InlineKind::kStrong;
  if (IsOneOf(name, {"del", "s", "strike"})) kind = InlineKind::kStrike;
  if (kind == InlineKind::kText) {
    // Transparent inline (span, font, small, sup...) or a block element
    // flattened into inline context (a heading's <div>, a table cell's <p>).
    bool block = IsBlockElement(name);
    if (block) ws->pending_space = true;
    InlineChildren(c, out, ws, depth + 1, in_table);
    if (block) ws->pending_space = true;
    return;
  }
  EmitPendingBefore(c, out, ws);
  Inline span;
  span.kind = kind;
  InlineChildren(c, &span.children, ws, depth + 1, in_table);
  if (IsEmptyInlines(span.children)) {
    // Keep images or breaks of an empty-text span; drop the formatting.
    for (Inline& i : span.children)
      if (i.kind != InlineKind::kText) out->push_back(std::move(i));
    return;
  }
  out->push_back(std::move(span));
}

void Converter::Flush(Inlines* pending, Ws* ws, std::vector<Block>* out) {
  *ws = Ws{};
  if (pending->empty()) return;
  // Split at double breaks (<br><br> separates paragraphs on many sites);
  // drop breaks at the edges of each paragraph.
  Inlines current;
  auto emit = [&]() {
    while (!current.empty() && current.back().kind == InlineKind::kBreak) current.pop_back();
    size_t lead = 0;
    while (lead < current.size() && current[lead].kind == InlineKind::kBreak) ++lead;
    current.erase(current.begin(), current.begin() + static_cast<std::ptrdiff_t>(lead));
    // Trim spaces around the paragraph and around breaks.
    if (!current.empty() && current.front().kind == InlineKind::kText) {
      std::string& t = current.front().text;
      t.erase(0, t.find_first_not_of(' '));
    }
    for (size_t i = 0; i < current.size(); ++i) {
      if (current[i].kind != InlineKind::kBreak) continue;
      if (i > 0 && current[i - 1].kind == InlineKind::kText) {
        std::string& t = current[i - 1].text;
        while (!t.empty() && t.back() == ' ') t.pop_back();
      }
      if (i + 1 < current.size() && current[i + 1].kind == InlineKind::kText) {
        std::string& t = current[i + 1].text;
        t.erase(
            0, t.find_first_not_of(' ') == std::string::npos ? t.size() : t.find_first_not_of(' '));
      }
    }
    std::erase_if(current,
                  [](const Inline& i) { return i.kind == InlineKind::kText && i.text.empty(); });
    MergeAdjacent(&current);
    if (!IsEmptyInlines(current)) out->push_back(Block::Paragraph(std::move(current)));
    current.clear();
  };
  for (size_t i = 0; i < pending->size(); ++i) {
    Inline& in = (*pending)[i];
    if (in.kind == InlineKind::kBreak && i + 1 < pending->size() &&
        (*pending)[i + 1].kind == InlineKind::kBreak) {
      emit();
      while (i + 1 < pending->size() && (*pending)[i + 1].kind == InlineKind::kBreak) ++i;
      continue;
    }
    current.push_back(std::move(in));
  }
  emit();
  pending->clear();
}

void Converter::Blocks(const xmlNode* first, std::vector<Block>* out, int depth) {
  Inlines pending;
  Ws ws;
  for (const xmlNode* c = first; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      AppendText(Content(c), &pending, &ws);
      continue;
    }
    if (!IsElement(c)) continue;
    std::string_view name = Name(c);
    bool block = IsBlockElement(name) || HasBlockDescendant(c);
    if (!block || depth >= kMaxDepth) {
      InlineNode(c, &pending, &ws, depth, false);
      continue;
    }
    Flush(&pending, &ws, out);
    Element(c, out, depth + 1);
  }
  Flush(&pending, &ws, out);
}

void Converter::List(const xmlNode* node, std::vector<Block>* out, int depth) {
  Block list;
  list.kind = BlockKind::kList;
  list.ordered = Name(node) == "ol";
  if (list.ordered) {
    std::string_view start = Attr(node, "start");
    int v = 0;
    // At most 8 digits (Markdown allows 9): a longer value is ignored before
    // it can overflow (fuzz_html: <ol start="20250602021...">).
    bool digits = !start.empty() && start.size() < 9;
    for (size_t i = 0; digits && i < start.size(); ++i) {
      if (start[i] < '0' || start[i] > '9')
        digits = false;
      else
        v = v * 10 + (start[i] - '0');
    }
    if (digits) list.start = v;
  }
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (!IsElement(c)) continue;
    Block item;
    item.kind = BlockKind::kListItem;
    if (Name(c) == "li") {
      Blocks(c->children, &item.children, depth + 1);
    } else if (Name(c) == "ul" || Name(c) == "ol") {
      // A list directly inside a list: nest it in the previous item.
      if (!list.children.empty()) {
        List(c, &list.children.back().children, depth + 1);
        continue;
      }
      List(c, &item.children, depth + 1);
    } else {
      Element(c, &item.children, depth + 1);
    }
    if (!item.children.empty()) list.children.push_back(std::move(item));
  }
  if (!list.children.empty()) out->push_back(std::move(list));
}

void Converter::Pre(const xmlNode* node, std::vector<Block>* out) {
  Block code;
  code.kind = BlockKind::kCode;
  TextContent(node, &code.literal, true, 0);
  if (code.literal.starts_with("\r\n"))
    code.literal.erase(0, 2);
  else if (code.literal.starts_with('\n'))
    code.literal.erase(0, 1);
  std::erase(code.literal, '\r');
  while (!code.literal.empty() && (code.literal.back() == '\n' || code.literal.back() == ' '))
    code.literal.pop_back();
  if (code.literal.empty()) return;
  code.literal += '\n';
  auto lang = [](std::string_view cls) {
    std::string info;
    ForEachToken(cls, [&](std::string_view t) {
      if (!info.empty()) return;
      for (std::string_view p : {"language-", "lang-"})
        if (t.starts_with(p)) info = std::string(t.substr(p.size()));
    });
    return info;
  };
  code.info = lang(Attr(node, "class"));
  for (const xmlNode* c = node->children; c && code.info.empty(); c = c->next)
    if (IsElement(c) && Name(c) == "code") code.info = lang(Attr(c, "class"));
  out->push_back(std::move(code));
}

namespace {

void CollectRows(const xmlNode* node, std::vector<const xmlNode*>* rows, int depth) {
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (!IsElement(c)) continue;
    std::string_view n = Name(c);
    if (n == "tr")
      rows->push_back(c);
    else if ((n == "thead" || n == "tbody" || n == "tfoot") && depth < 2)
      CollectRows(c, rows, depth + 1);
  }
}

}  // namespace

void Converter::Table(const xmlNode* node, std::vector<Block>* out, int depth) {
  std::vector<const xmlNode*> rows;
  CollectRows(node, &rows, 0);
  size_t max_cols = 0;
  bool has_th = false;
  bool block_cells = false;
  for (const xmlNode* r : rows) {
    size_t cols = 0;
    for (const xmlNode* c = r->children; c; c = c->next) {
      if (!IsElement(c) || (Name(c) != "td" && Name(c) != "th")) continue;
      ++cols;
      if (Name(c) == "th") has_th = true;
      if (HasDescendant(c,
                        {"table", "p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                         "blockquote", "pre", "section", "article"},
                        0))
        block_cells = true;
    }
    max_cols = std::max(max_cols, cols);
  }
  std::string_view role = Attr(node, "role");
  bool layout = role == "presentation" || role == "none" || rows.size() < 2 || max_cols < 2 ||
                (block_cells && !has_th);
  if (layout) {
    report_.Count("html", "layout-tables-unwrapped");
    for (const xmlNode* r : rows)
      for (const xmlNode* c = r->children; c; c = c->next)
        if (IsElement(c)) Blocks(c->children, out, depth + 1);
    return;
  }
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (IsElement(c) && Name(c) == "caption") {
      Inlines cap;
      Ws w;
      InlineChildren(c, &cap, &w, depth + 1, true);
      Flush(&cap, &w, out);
    }
  }
  Block table;
  table.kind = BlockKind::kTable;
  for (const xmlNode* r : rows) {
    std::vector<Inlines> row;
    for (const xmlNode* c = r->children; c; c = c->next) {
      if (!IsElement(c) || (Name(c) != "td" && Name(c) != "th")) continue;
      Inlines cell;
      Ws w;
      InlineChildren(c, &cell, &w, depth + 1, true);
      if (!cell.empty() && cell.front().kind == InlineKind::kText) {
        std::string& t = cell.front().text;
        t.erase(0, std::min(t.size(), t.find_first_not_of(' ')));
      }
      std::erase_if(cell, [](const Inline& i) { return i.kind == InlineKind::kBreak; });
      row.push_back(std::move(cell));
      std::string_view span = Attr(c, "colspan");
      int n = 0;
      for (char ch : span) {
        if (ch < '0' || ch > '9' || n > 100) break;
        n = n * 10 + (ch - '0');
      }
      for (int k = 1; k < std::min(n, 64); ++k) row.emplace_back();
    }
    table.rows.push_back(std::move(row));
  }
  size_t cols = 0;
  for (const auto& r : table.rows) cols = std::max(cols, r.size());
  for (auto& r : table.rows) r.resize(cols);
  table.align.assign(cols, Align::kNone);
  out->push_back(std::move(table));
}

void Converter::Element(const xmlNode* c, std::vector<Block>* out, int depth) {
  std::string_view name = Name(c);
  if (IsOneOf(name, {"script", "style", "template", "head", "title", "meta", "link"})) return;
  if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
    Inlines in;
    Ws ws;
    InlineChildren(c, &in, &ws, depth + 1, true);
    if (!in.empty() && in.front().kind == InlineKind::kText) {
      std::string& t = in.front().text;
      t.erase(0, std::min(t.size(), t.find_first_not_of(' ')));
    }
    if (!IsEmptyInlines(in)) out->push_back(Block::Heading(name[1] - '0', std::move(in)));
    return;
  }
  if (name == "ul" || name == "ol" || name == "menu" || name == "dir") {
    List(c, out, depth);
    return;
  }
  if (name == "blockquote") {
    Block q;
    q.kind = BlockKind::kQuote;
    Blocks(c->children, &q.children, depth + 1);
    if (!q.children.empty()) out->push_back(std::move(q));
    return;
  }
  if (name == "pre") {
    Pre(c, out);
    return;
  }
  if (name == "hr") {
    Block r;
    r.kind = BlockKind::kRule;
    out->push_back(std::move(r));
    return;
  }
  if (name == "table") {
    Table(c, out, depth);
    return;
  }
  if (name == "figcaption" || (IsCaptionLike(c) && !out->empty() && IsImageOnly(out->back()))) {
    std::vector<Block> cap;
    Blocks(c->children, &cap, depth + 1);
    for (Block& b : cap) {
      if (b.kind == BlockKind::kParagraph) {
        Inline em;
        em.kind = InlineKind::kEmphasis;
        em.children = std::move(b.inlines);
        b.inlines.clear();
        b.inlines.push_back(std::move(em));
      }
      out->push_back(std::move(b));
    }
    return;
  }
  // Containers: div, section, article, li outside lists, p holding blocks...
  Blocks(c->children, out, depth);
}

void ConvertChildren(const xmlNode* node, const ConvertOptions& options, std::vector<Block>* out,
                     Report& report) {
  MarkBlockDescendants(const_cast<xmlNode*>(node), 0);
  Converter conv(options, report);
  conv.Blocks(node->children, out, 0);
}

void ConvertDom(const xmlNode* node, const ConvertOptions& options, std::vector<Block>* out,
                Report& report) {
  MarkBlockDescendants(const_cast<xmlNode*>(node), 0);
  Converter conv(options, report);
  if (IsBlockElement(Name(node)) || HasBlockDescendant(node)) {
    conv.Element(node, out, 0);
  } else {
    conv.Single(node, out);
  }
}

}  // namespace norm::html
