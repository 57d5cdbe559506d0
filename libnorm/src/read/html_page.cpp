#include "html_page.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include <climits>
#include <cstring>
#include <memory>
#include <mutex>

#include "adblock.h"
#include "html_clean.h"
#include "html_convert.h"
#include "html_dom.h"
#include "html_prescan.h"
#include "html_util.h"
#include "norm/reader.h"

namespace norm::html {
namespace {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct CtxtFree {
  void operator()(htmlParserCtxt* c) const { htmlFreeParserCtxt(c); }
};

void AddHint(Document* doc, std::string_view key, std::string_view value) {
  std::string v;
  // Collapse whitespace.
  bool space = false;
  for (char c : TrimAscii(value)) {
    if (IsAsciiSpace(c)) {
      space = true;
      continue;
    }
    if (space) v += ' ';
    space = false;
    v += c;
  }
  if (v.empty()) return;
  for (const MetaHint& h : doc->hints)
    if (h.key == key) return;  // first one wins
  doc->hints.push_back({std::string(key), std::move(v)});
}

std::string NodeText(const xmlNode* n) {
  std::string out;
  xmlChar* c = xmlNodeGetContent(n);
  if (c) {
    out = reinterpret_cast<const char*>(c);
    xmlFree(c);
  }
  return out;
}

// A comment holding only a 13-digit millisecond (or 10-digit second) Unix
// timestamp between 1995 and 2100.
bool IsTimestampComment(std::string_view s) {
  s = TrimAscii(s);
  if (s.size() != 13 && s.size() != 10) return false;
  long long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  long long seconds = s.size() == 13 ? v / 1000 : v;
  return seconds >= 788918400LL && seconds < 4102444800LL;
}

void CollectHints(const xmlNode* node, Document* doc, int depth) {
  for (const xmlNode* c = node; c; c = c->next) {
    if (c->type == XML_COMMENT_NODE) {
      if (IsTimestampComment(Content(c))) AddHint(doc, "timestamp", TrimAscii(Content(c)));
      continue;
    }
    if (!IsElement(c)) continue;
    std::string_view n = Name(c);
    if (n == "html") {
      AddHint(doc, "lang", Attr(c, "lang"));
    } else if (n == "title") {
      AddHint(doc, "title", NodeText(c));
    } else if (n == "meta") {
      std::string_view prop = Attr(c, "property");
      if (prop.empty()) prop = Attr(c, "name");
      std::string key = AsciiLowerCopy(prop);
      std::string_view content = Attr(c, "content");
      if (key == "og:title" || key == "twitter:title")
        AddHint(doc, "og:title", content);
      else if (key == "og:url")
        AddHint(doc, "og:url", content);
      else if (key == "article:published_time" || key == "date" || key == "pubdate" ||
               key == "publishdate" || key == "dc.date" || key == "dcterms.created")
        AddHint(doc, "article:published_time", content);
      else if (key == "author" || key == "article:author" || key == "dc.creator")
        AddHint(doc, "author", content);
    } else if (n == "link") {
      std::string_view rel = Attr(c, "rel");
      if (AsciiLowerCopy(rel) == "canonical") AddHint(doc, "canonical", Attr(c, "href"));
    } else if (n == "time") {
      std::string_view dt = Attr(c, "datetime");
      AddHint(doc, "time", dt.empty() ? std::string_view(NodeText(c)) : dt);
    } else if (n == "h1") {
      AddHint(doc, "h1", NodeText(c));
    }
    if (c->children && depth < 200) CollectHints(c->children, doc, depth + 1);
  }
}

const xmlNode* FindElement(const xmlNode* node, std::string_view name, int depth) {
  for (const xmlNode* c = node; c; c = c->next) {
    if (!IsElement(c)) continue;
    if (Name(c) == name) return c;
    if (depth < 200) {
      if (const xmlNode* r = FindElement(c->children, name, depth + 1)) return r;
    }
  }
  return nullptr;
}

// A level-1 heading, or any heading reading `text`.
bool ContainsHeading(const std::vector<Block>& blocks, std::string_view text) {
  for (const Block& b : blocks) {
    if (b.kind != BlockKind::kHeading) continue;
    if (b.level == 1 || TrimAscii(PlainText(b)) == text) return true;
  }
  return false;
}

}  // namespace

bool IsWholePage(std::string_view text) {
  for (size_t i = text.find('<'); i != std::string_view::npos; i = text.find('<', i + 1)) {
    std::string_view t = text.substr(i + 1);
    if (StartsWithNoCase(t, "html") || StartsWithNoCase(t, "body") ||
        StartsWithNoCase(t, "!doctype"))
      return true;
  }
  return false;
}

Status ReadHtmlInto(std::string_view text, const Options& options, Document* doc,
                    std::vector<Block>* out, Report& report) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  if (text.size() > static_cast<size_t>(INT_MAX) || text.size() > options.max_size)
    return Status(StatusCode::kTooLarge, "HTML input too large");
  std::string prescanned;
  PrescanResult prescan;
  if (PrescanForParse(text, &prescanned, &prescan)) {
    if (prescan.attributes_dropped > 0)
      report.Count("html", "attributes-dropped", prescan.attributes_dropped);
    text = prescanned;
  }
  int flags = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
              HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
  std::unique_ptr<htmlParserCtxt, CtxtFree> ctxt;
  std::unique_ptr<xmlDoc, DocFree> dom;
  const xmlError* err = nullptr;
  for (;;) {
    ctxt.reset(htmlNewParserCtxt());
    if (!ctxt) return Status(StatusCode::kIoError, "out of memory");
    dom.reset(htmlCtxtReadMemory(ctxt.get(), text.data(), static_cast<int>(text.size()), nullptr,
                                 "UTF-8", flags));
    err = xmlCtxtGetLastError(ctxt.get());
    // The one libxml2 limit that truncates silently: a text node over
    // 10 MB. Lift it for a second parse (options.max_size bounds the input).
    bool huge_text = err != nullptr && err->message != nullptr &&
                     std::strstr(err->message, "huge text node") != nullptr;
    if (!huge_text || (flags & XML_PARSE_HUGE) != 0) break;
    report.Count("html", "huge-text-reparsed");
    flags |= XML_PARSE_HUGE;
  }
  if (err != nullptr && err->code == XML_ERR_INTERNAL_ERROR && err->message != nullptr &&
      std::strstr(err->message, "depth") != nullptr) {
    // libxml2 stops at its nesting limit and would drop the rest: keep the
    // text instead, without structure, and say so.
    report.Count("html", "depth-limit-text-fallback");
    report.AddEvent(
        {"html", "nesting deeper than libxml2's limit: text kept without markup", -1, {}, {}});
    Document flat;
    Report ignored;
    Status s = ReadText(StripTags(text), options, &flat, ignored);
    for (Block& b : flat.blocks) out->push_back(std::move(b));
    return s;
  }
  if (!dom) return Status::Ok();  // nothing parseable: an empty document
  xmlNode* root = xmlDocGetRootElement(dom.get());
  CollectHints(dom->children, doc, 0);
  if (!root) return Status::Ok();

  Status status;
  std::shared_ptr<const AdblockRules> rules;
  if (options.html.boilerplate) {
    rules = AdblockRules::Load(options.html.adblock_list, &status);
    if (!status.ok()) return status;
  }
  CleanOptions clean;
  clean.boilerplate = options.html.boilerplate;
  clean.explain = options.explain;
  clean.adblock = rules.get();
  CleanDom(root, clean, report);

  ConvertOptions conv;
  conv.images = options.html.images;
  conv.drop_share_links = options.html.boilerplate;
  conv.explain = options.explain;
  conv.base_url = options.html.base_url;
  conv.keep_ruby_readings = options.html.keep_ruby;
  if (conv.base_url.empty()) {
    // <base href> is honoured only when absolute.
    if (const xmlNode* base = FindElement(dom->children, "base", 0)) {
      std::string_view href = Attr(base, "href");
      if (href.starts_with("http://") || href.starts_with("https://")) conv.base_url = href;
    }
  }

  const xmlNode* body = FindElement(root, "body", 0);
  if (!body) body = root;
  std::vector<Block> blocks;
  if (options.html.boilerplate && IsWholePage(text)) {
    std::vector<const xmlNode*> keep = SelectMainContent(body, clean, report);
    for (const xmlNode* k : keep) ConvertDom(k, conv, &blocks, report);
    // The page title heading often sits outside the article container.
    const xmlNode* h1 = FindElement(body->children, "h1", 0);
    if (!h1) h1 = FindElement(body->children, "h2", 0);
    if (h1 && !ContainsHeading(blocks, TrimAscii(NodeText(h1)))) {
      std::vector<Block> title;
      ConvertDom(h1, conv, &title, report);
      blocks.insert(blocks.begin(), std::make_move_iterator(title.begin()),
                    std::make_move_iterator(title.end()));
    }
  } else {
    ConvertChildren(body, conv, &blocks, report);
  }
  // Moved whole when out is empty (the usual case): moving block by block
  // would hold two arrays of blocks at the peak (~35% more memory on a page
  // of many small paragraphs).
  if (out->empty()) {
    *out = std::move(blocks);
  } else {
    out->insert(out->end(), std::make_move_iterator(blocks.begin()),
                std::make_move_iterator(blocks.end()));
  }
  return Status::Ok();
}

}  // namespace norm::html
