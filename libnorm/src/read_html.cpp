// HTML to Document with libxml2's HTML parser in recover mode: no network,
// no external entities. Block elements become blocks, inline elements become
// inline spans; what is never content (scripts, styles, forms, widgets,
// hidden elements) is dropped and counted.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_set>

#include "html_fragment.h"
#include "inline_util.h"
#include "norm/reader.h"
#include "utf8.h"

namespace norm {
namespace {

// Deeper than this, a subtree is read as plain text with an explicit stack,
// so hostile nesting cannot exhaust the call stack.
constexpr int kMaxDepth = 200;

std::string_view Name(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

std::string Attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

bool HasAttr(const xmlNode* n, const char* name) {
  return xmlHasProp(n, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}

std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

bool IsOneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  for (auto n : names)
    if (n == name) return true;
  return false;
}

bool IsNeverContent(std::string_view name) {
  return IsOneOf(name, {"script",   "style",  "noscript", "iframe",   "form",   "button", "svg",
                        "template", "select", "input",    "textarea", "object", "embed",  "canvas",
                        "audio",    "video",  "map",      "dialog",   "link",   "meta"});
}

bool IsHidden(const xmlNode* n) {
  if (HasAttr(n, "hidden")) return true;
  if (Lower(Attr(n, "aria-hidden")) == "true") return true;
  std::string style = Lower(Attr(n, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  return style.find("display:none") != std::string::npos ||
         style.find("visibility:hidden") != std::string::npos;
}

bool IsBlockElement(std::string_view name) {
  return IsOneOf(
      name, {"p",       "div",     "section",    "article", "main",   "header",  "footer", "nav",
             "aside",   "figure",  "figcaption", "address", "center", "dl",      "dt",     "dd",
             "details", "summary", "fieldset",   "body",    "html",   "caption", "hgroup"});
}

// Text of a subtree without recursion.
std::string TextContent(const xmlNode* root) {
  std::string out;
  std::vector<const xmlNode*> stack = {root};
  while (!stack.empty()) {
    const xmlNode* n = stack.back();
    stack.pop_back();
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content != nullptr) out += reinterpret_cast<const char*>(n->content);
      continue;
    }
    if (n->type != XML_ELEMENT_NODE || IsNeverContent(Name(n))) continue;
    if (Name(n) == "br") out += '\n';
    std::vector<const xmlNode*> kids;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) kids.push_back(c);
    stack.insert(stack.end(), kids.rbegin(), kids.rend());
  }
  return out;
}

class HtmlConverter {
 public:
  HtmlConverter(const Options& options, Document* doc, Report& report)
      : options_(options), doc_(doc), report_(report) {}

  void Convert(xmlNode* root, std::vector<Block>* blocks) {
    norm::Inlines run;
    Flow(root, blocks, &run, 0);
    Flush(blocks, &run);
  }

 private:
  void Flush(std::vector<Block>* blocks, norm::Inlines* run) {
    TidyInlines(*run);
    if (!IsBlank(*run)) blocks->push_back(Block::Paragraph(std::move(*run)));
    run->clear();
  }

  void Remove(const xmlNode* n, const char* why) {
    report_.Count("html", "elements-removed");
    if (options_.explain)
      report_.AddEvent({"html",
                        std::string("removed <") + std::string(Name(n)) + "> (" + why + ")",
                        static_cast<int64_t>(xmlGetLineNo(n)),
                        {},
                        {}});
  }

  void Comment(const xmlNode* n) {
    if (n->content == nullptr) return;
    std::string text(utf8::TrimAscii(reinterpret_cast<const char*>(n->content)));
    bool digits = !text.empty() && text.size() <= 13 &&
                  text.find_first_not_of("0123456789") == std::string::npos;
    if (digits && text.size() >= 10) doc_->hints.push_back({"timestamp", text});
  }

  void Head(const xmlNode* head) {
    for (const xmlNode* n = head->children; n != nullptr; n = n->next) {
      if (n->type != XML_ELEMENT_NODE) continue;
      std::string_view name = Name(n);
      if (name == "title") {
        doc_->hints.push_back(
            {"title", std::string(utf8::TrimAscii(utf8::CollapseWhitespace(TextContent(n))))});
      } else if (name == "meta") {
        std::string key = Attr(n, "property");
        if (key.empty()) key = Attr(n, "name");
        if (!key.empty() && HasAttr(n, "content"))
          doc_->hints.push_back({Lower(key), Attr(n, "content")});
      } else if (name == "link" && Lower(Attr(n, "rel")) == "canonical") {
        doc_->hints.push_back({"canonical", Attr(n, "href")});
      }
    }
  }

  // Walks children of n: blocks go to *blocks, inline content to *run.
  void Flow(xmlNode* n, std::vector<Block>* blocks, norm::Inlines* run, int depth) {
    for (xmlNode* c = n->children; c != nullptr; c = c->next) Node(c, blocks, run, depth + 1);
  }

  void Node(xmlNode* n, std::vector<Block>* blocks, norm::Inlines* run, int depth) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content != nullptr) run->push_back(Inline::Text(reinterpret_cast<char*>(n->content)));
      return;
    }
    if (n->type == XML_COMMENT_NODE) {
      Comment(n);
      return;
    }
    if (n->type != XML_ELEMENT_NODE) return;
    std::string_view name = Name(n);
    if (name == "html" && HasAttr(n, "lang")) doc_->hints.push_back({"lang", Attr(n, "lang")});
    if (name == "head") {
      Head(n);
      return;
    }
    if (IsNeverContent(name)) {
      Remove(n, "never content");
      return;
    }
    if (IsHidden(n)) {
      Remove(n, "hidden");
      return;
    }
    if (options_.html.boilerplate && name.find('-') != std::string_view::npos) {
      Remove(n, "custom element");
      return;
    }
    if (depth > kMaxDepth) {
      run->push_back(Inline::Text(TextContent(n)));
      return;
    }
    if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
      Flush(blocks, run);
      Block h = Block::Heading(name[1] - '0', {});
      CollectInlines(n, &h.inlines, depth);
      TidyInlines(h.inlines);
      if (!IsBlank(h.inlines)) blocks->push_back(std::move(h));
      return;
    }
    if (name == "blockquote") {
      Flush(blocks, run);
      Block q;
      q.kind = BlockKind::kQuote;
      Convert(n, &q.children, depth);
      if (!q.children.empty()) blocks->push_back(std::move(q));
      return;
    }
    if (name == "ul" || name == "ol") {
      Flush(blocks, run);
      List(n, blocks, depth);
      return;
    }
    if (name == "pre") {
      Flush(blocks, run);
      Block code;
      code.kind = BlockKind::kCode;
      code.literal = TextContent(n);
      if (!code.literal.empty() && code.literal.front() == '\n') code.literal.erase(0, 1);
      if (!code.literal.empty() && code.literal.back() != '\n') code.literal += '\n';
      if (!utf8::TrimAscii(code.literal).empty()) blocks->push_back(std::move(code));
      return;
    }
    if (name == "table") {
      Flush(blocks, run);
      Table(n, blocks, depth);
      return;
    }
    if (name == "hr") {
      Flush(blocks, run);
      Block rule;
      rule.kind = BlockKind::kRule;
      blocks->push_back(std::move(rule));
      return;
    }
    if (name == "li") {  // stray <li> outside a list
      Flush(blocks, run);
      Flow(n, blocks, run, depth);
      Flush(blocks, run);
      return;
    }
    if (IsBlockElement(name)) {
      Flush(blocks, run);
      Flow(n, blocks, run, depth);
      Flush(blocks, run);
      return;
    }
    InlineElement(n, run, depth);
  }

  void Convert(xmlNode* n, std::vector<Block>* blocks, int depth) {
    norm::Inlines run;
    Flow(n, blocks, &run, depth);
    Flush(blocks, &run);
  }

  // Inline content of n; block structure inside is flattened.
  void CollectInlines(xmlNode* n, norm::Inlines* out, int depth) {
    for (xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type == XML_ELEMENT_NODE) {
        std::string_view name = Name(c);
        if (IsNeverContent(name) || IsHidden(c)) {
          Remove(c, "never content");
          continue;
        }
        if (depth + 1 > kMaxDepth) {
          out->push_back(Inline::Text(TextContent(c)));
          continue;
        }
        bool block = IsBlockElement(name) || name == "li" || name == "tr" || name == "p";
        if (block) out->push_back(Inline::Text(" "));
        if (name == "br") {
          out->push_back({InlineKind::kBreak, {}, {}, {}, {}});
        } else if (IsBlockElement(name) || name.size() == 2 || name == "li" || name == "ul" ||
                   name == "ol" || name == "table" || name == "tbody" || name == "tr" ||
                   name == "td" || name == "th" || name == "thead" || name == "blockquote" ||
                   name == "pre") {
          CollectInlines(c, out, depth + 1);
        } else {
          InlineElement(c, out, depth + 1);
        }
        if (block) out->push_back(Inline::Text(" "));
      } else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        if (c->content != nullptr)
          out->push_back(Inline::Text(reinterpret_cast<char*>(c->content)));
      } else if (c->type == XML_COMMENT_NODE) {
        Comment(c);
      }
    }
  }

  void InlineElement(xmlNode* n, norm::Inlines* run, int depth) {
    std::string_view name = Name(n);
    if (name == "br") {
      run->push_back({InlineKind::kBreak, {}, {}, {}, {}});
      return;
    }
    if (name == "img") {
      if (!options_.html.images) {
        report_.Count("html", "images-dropped");
        return;
      }
      std::string src = Attr(n, "src");
      for (const char* lazy : {"data-src", "data-original", "data-lazy-src"}) {
        std::string v = Attr(n, lazy);
        if (!v.empty() && (src.empty() || src.rfind("data:", 0) == 0)) src = v;
      }
      if (src.empty() || src.rfind("data:", 0) == 0) return;
      Inline img;
      img.kind = InlineKind::kImage;
      img.url = src;
      img.text = std::string(utf8::TrimAscii(utf8::CollapseWhitespace(Attr(n, "alt"))));
      img.title = std::string(utf8::TrimAscii(utf8::CollapseWhitespace(Attr(n, "title"))));
      run->push_back(std::move(img));
      return;
    }
    if (IsOneOf(name, {"code", "kbd", "tt", "samp"})) {
      std::string text = utf8::CollapseWhitespace(TextContent(n));
      if (!text.empty()) run->push_back({InlineKind::kCode, std::move(text), {}, {}, {}});
      return;
    }
    InlineKind kind;
    if (IsOneOf(name, {"strong", "b"})) {
      kind = InlineKind::kStrong;
    } else if (IsOneOf(name, {"em", "i", "cite", "dfn"})) {
      kind = InlineKind::kEmphasis;
    } else if (IsOneOf(name, {"del", "s", "strike"})) {
      kind = InlineKind::kStrike;
    } else if (name == "a" && HasAttr(n, "href")) {
      kind = InlineKind::kLink;
    } else {
      CollectInlines(n, run, depth);  // span, font, small, u, sup, sub, label, unknown
      return;
    }
    Inline in;
    in.kind = kind;
    if (kind == InlineKind::kLink) {
      in.url = std::string(utf8::TrimAscii(Attr(n, "href")));
      in.title = std::string(utf8::TrimAscii(utf8::CollapseWhitespace(Attr(n, "title"))));
      if (in.url.empty() || Lower(in.url).rfind("javascript:", 0) == 0) {
        CollectInlines(n, run, depth);  // not a destination: keep the text only
        return;
      }
    }
    CollectInlines(n, &in.children, depth);
    if (kind == InlineKind::kLink && IsBlank(in.children)) {
      report_.Count("html", "empty-links-dropped");
      return;
    }
    run->push_back(std::move(in));
  }

  void List(xmlNode* n, std::vector<Block>* blocks, int depth) {
    Block list;
    list.kind = BlockKind::kList;
    list.ordered = Name(n) == "ol";
    if (list.ordered) {
      std::string start = Attr(n, "start");
      if (!start.empty() && start.size() < 9 &&
          start.find_first_not_of("0123456789") == std::string::npos)
        list.start = std::stoi(start);
    }
    for (xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      Block item;
      item.kind = BlockKind::kListItem;
      if (Name(c) == "li") {
        Convert(c, &item.children, depth + 1);
      } else {
        norm::Inlines run;
        Node(c, &item.children, &run, depth + 1);
        Flush(&item.children, &run);
      }
      if (!item.children.empty()) list.children.push_back(std::move(item));
    }
    if (!list.children.empty()) blocks->push_back(std::move(list));
  }

  void Rows(xmlNode* n, std::vector<xmlNode*>* rows) {
    for (xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (Name(c) == "tr") rows->push_back(c);
      if (IsOneOf(Name(c), {"thead", "tbody", "tfoot"})) Rows(c, rows);
    }
  }

  void Table(xmlNode* n, std::vector<Block>* blocks, int depth) {
    std::vector<xmlNode*> rows;
    Rows(n, &rows);
    Block table;
    table.kind = BlockKind::kTable;
    size_t columns = 0;
    for (xmlNode* tr : rows) {
      std::vector<norm::Inlines> cells;
      for (xmlNode* td = tr->children; td != nullptr; td = td->next) {
        if (td->type != XML_ELEMENT_NODE || !IsOneOf(Name(td), {"td", "th"})) continue;
        norm::Inlines cell;
        CollectInlines(td, &cell, depth + 1);
        TidyInlines(cell);
        cells.push_back(std::move(cell));
      }
      columns = std::max(columns, cells.size());
      table.rows.push_back(std::move(cells));
    }
    // A one-column or one-row table is layout, not data: unwrap it.
    if (columns < 2 || table.rows.size() < 2) {
      for (auto& row : table.rows)
        for (auto& cell : row)
          if (!IsBlank(cell)) blocks->push_back(Block::Paragraph(std::move(cell)));
      return;
    }
    for (auto& row : table.rows) row.resize(columns);
    table.align.assign(columns, Align::kNone);
    blocks->push_back(std::move(table));
  }

  const Options& options_;
  Document* doc_;
  Report& report_;
};

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct CtxtDeleter {
  void operator()(htmlParserCtxt* c) const { htmlFreeParserCtxt(c); }
};

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
      size_t semi = html.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        std::string name(html.substr(i + 1, semi - i - 1));
        uint32_t cp = 0;
        bool hex = name.size() > 1 && name[0] == '#' && (name[1] == 'x' || name[1] == 'X');
        if (!name.empty() && name[0] == '#') {
          cp = static_cast<uint32_t>(
              std::strtoul(name.c_str() + (hex ? 2 : 1), nullptr, hex ? 16 : 10));
        } else if (const htmlEntityDesc* e =
                       htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()))) {
          cp = e->value;
        }
        if (cp > 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)) {
          utf8::Append(out, cp);
          i = semi + 1;
          continue;
        }
      }
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

}  // namespace

void HtmlToBlocks(std::string_view html, const Options& options, Document* doc,
                  std::vector<Block>* blocks, Report& report) {
  if (html.empty()) return;
  const int flags = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                    HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT;
  std::unique_ptr<htmlParserCtxt, CtxtDeleter> ctxt(htmlNewParserCtxt());
  if (!ctxt) return;
  std::unique_ptr<xmlDoc, DocDeleter> parsed(htmlCtxtReadMemory(
      ctxt.get(), html.data(), static_cast<int>(std::min<size_t>(html.size(), INT32_MAX)), nullptr,
      "UTF-8", flags));
  const xmlError* err = xmlCtxtGetLastError(ctxt.get());
  if (err != nullptr && err->code == XML_ERR_INTERNAL_ERROR && err->message != nullptr &&
      std::strstr(err->message, "depth") != nullptr) {
    // libxml2 stops at its nesting limit and would drop the rest: keep the
    // text instead, without structure, and say so.
    report.Count("html", "depth-limit-text-fallback");
    report.AddEvent(
        {"html", "nesting deeper than libxml2's limit: text kept without markup", -1, {}, {}});
    std::string text = StripTags(html);
    Options plain = options;
    Document flat;
    Report ignored;
    ReadText(text, plain, &flat, ignored);
    for (Block& b : flat.blocks) blocks->push_back(std::move(b));
    return;
  }
  if (!parsed) return;
  xmlNode* root = xmlDocGetRootElement(parsed.get());
  if (root == nullptr) return;
  HtmlConverter converter(options, doc, report);
  if (Name(root) == "html" && HasAttr(root, "lang"))
    doc->hints.push_back({"lang", Attr(root, "lang")});
  converter.Convert(root, blocks);
  // Comments before the root element (a leading timestamp comment).
  for (xmlNode* n = parsed->children; n != nullptr && n != root; n = n->next) {
    if (n->type == XML_COMMENT_NODE && n->content != nullptr) {
      std::string text(utf8::TrimAscii(reinterpret_cast<const char*>(n->content)));
      if (text.size() >= 10 && text.size() <= 13 &&
          text.find_first_not_of("0123456789") == std::string::npos)
        doc->hints.push_back({"timestamp", text});
    }
  }
}

Status ReadHtml(std::string_view text, const Options& options, Document* doc, Report& report) {
  HtmlToBlocks(text, options, doc, &doc->blocks, report);
  report.Set("read", "format", "html");
  return Status::Ok();
}

}  // namespace norm
