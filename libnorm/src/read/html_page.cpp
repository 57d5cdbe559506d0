#include "html_page.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstring>
#include <memory>
#include <mutex>

#include "adblock.h"
#include "call_to_action.h"
#include "html_after_body.h"
#include "html_attr_filter.h"
#include "html_clean.h"
#include "html_convert.h"
#include "html_dom.h"
#include "html_parse.h"
#include "html_prescan.h"
#include "html_util.h"
#include "reader.h"
#include "utf8.h"
#include "visible_count.h"

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

// The JSON string starting at json[from] ('"'), unescaped (\n, \t, \",
// \\, \/, \uXXXX with surrogate pairs); empty when unterminated.
std::string JsonUnescape(std::string_view json, size_t from) {
  if (from >= json.size() || json[from] != '"') return {};
  std::string out;
  auto hex4 = [&](size_t at) -> long {
    if (at + 4 > json.size()) return -1;
    long v = 0;
    for (size_t k = at; k < at + 4; ++k) {
      char c = json[k];
      int d = c >= '0' && c <= '9'                     ? c - '0'
              : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                       : -1;
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    return v;
  };
  for (size_t i = from + 1; i < json.size(); ++i) {
    char c = json[i];
    if (c == '"') return out;
    if (c != '\\' || i + 1 >= json.size()) {
      out += c;
      continue;
    }
    char e = json[++i];
    if (e == 'n') {
      out += '\n';
    } else if (e == 't' || e == 'r') {
      out += ' ';
    } else if (e == 'u') {
      long cp = hex4(i + 1);
      if (cp < 0) continue;
      i += 4;
      if (cp >= 0xD800 && cp < 0xDC00 && i + 2 < json.size() && json[i + 1] == '\\' &&
          json[i + 2] == 'u') {
        long lo = hex4(i + 3);
        if (lo >= 0xDC00 && lo < 0xE000) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          i += 6;
        }
      }
      if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;
      utf8::Append(out, static_cast<char32_t>(cp));
    } else {
      out += e;
    }
  }
  return {};
}

// The JSON string starting at json[from], ending before json[to]: a
// JSON-LD value, escapes decoded ("\u5b89" is 安, not "u5b89").
std::string JsonString(std::string_view json, size_t from, size_t to) {
  return JsonUnescape(json.substr(0, std::min(to, json.size())), from);
}

// Where the value of the first `"key"` at or after from starts, or npos.
size_t JsonValueAt(std::string_view json, std::string_view key, size_t from) {
  std::string quoted = "\"" + std::string(key) + "\"";
  for (size_t k = json.find(quoted, from); k != std::string_view::npos;
       k = json.find(quoted, k + 1)) {
    size_t i = k + quoted.size();
    while (i < json.size() && IsAsciiSpace(json[i])) ++i;
    if (i >= json.size() || json[i] != ':') continue;
    ++i;
    while (i < json.size() && IsAsciiSpace(json[i])) ++i;
    return i;
  }
  return std::string_view::npos;
}

// datePublished and the author names of a JSON-LD block (schema.org
// Article and friends). A string scan, not a parser: JSON-LD on real pages
// is often invalid JSON, and only these two keys are wanted.
void JsonLdHints(std::string_view json, Document* doc) {
  if (size_t v = JsonValueAt(json, "datePublished", 0); v != std::string_view::npos)
    AddHint(doc, "jsonld:date", JsonString(json, v, json.size()));
  size_t v = JsonValueAt(json, "author", 0);
  if (v == std::string_view::npos || v >= json.size()) return;
  if (json[v] == '"') {
    AddHint(doc, "jsonld:author", JsonString(json, v, json.size()));
    return;
  }
  if (json[v] != '{' && json[v] != '[') return;
  // The extent of the author value: brackets matched, strings skipped.
  size_t end = v;
  int nesting = 0;
  for (bool in_string = false; end < json.size(); ++end) {
    char c = json[end];
    if (in_string) {
      if (c == '\\')
        ++end;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{' || c == '[')
      ++nesting;
    else if ((c == '}' || c == ']') && --nesting == 0)
      break;
  }
  std::string names;
  std::string_view value = json.substr(0, end);
  for (size_t n = JsonValueAt(value, "name", v); n != std::string_view::npos;
       n = JsonValueAt(value, "name", n + 1)) {
    std::string name = JsonString(value, n, value.size());
    if (name.empty() || names.find(name) != std::string::npos) continue;
    if (!names.empty()) names += "; ";
    names += name;
  }
  AddHint(doc, "jsonld:author", names);
}

// Keeps in *best the longest articleBody of one JSON-LD script (the page's
// longest, over all its scripts; empty when none).
void LongestArticleBody(const std::string& json, std::string* best) {
  for (size_t v = JsonValueAt(json, "articleBody", 0); v != std::string_view::npos;
       v = JsonValueAt(json, "articleBody", v + 1)) {
    std::string body = JsonUnescape(json, v);
    if (body.size() > best->size()) *best = std::move(body);
  }
}

size_t BlocksWeight(const std::vector<Block>& blocks) {
  size_t w = 0;
  for (const Block& b : blocks) w += WeightedLength(PlainText(b));
  return w;
}

// Ends like a sentence: . ! ? … or a closing quote or bracket after one,
// in Latin or CJK punctuation ("Kontakt:" and "Von:" are labels).
bool EndsLikeSentence(std::string_view t) {
  t = TrimAscii(t);
  while (!t.empty()) {
    char32_t c = utf8::Last(t);
    if (c == '"' || c == '\'' || c == ')' || c == 0x201D || c == 0x2019 || c == 0xBB ||
        c == 0x300D || c == 0x300F || c == 0xFF09) {
      size_t n = 1;
      while (n < t.size() && utf8::IsContinuation(static_cast<unsigned char>(t[t.size() - n]))) ++n;
      t.remove_suffix(n);
      continue;
    }
    return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xFF01 ||
           c == 0xFF1F;
  }
  return false;
}

// Links' share of a block's text.
void LinkWeight(const Inlines& in, bool in_link, size_t* all, size_t* link) {
  for (const Inline& i : in) {
    if (i.kind == InlineKind::kText || i.kind == InlineKind::kCode) {
      size_t w = WeightedLength(i.text);
      *all += w;
      if (in_link) *link += w;
    }
    LinkWeight(i.children, in_link || i.kind == InlineKind::kLink, all, link);
  }
}

// After the article's last paragraph, page furniture that no class name
// gave away: "Leave a comment", "Back to the overview", a photo credit, a
// call to subscribe, a heading over a list that is gone, links. A block
// there goes when it is a heading, a short paragraph that does not end
// like a sentence, a paragraph that is mostly links, or a call to action
// (call_to_action.h: "Follow us on ...", "Subscribe to our newsletter"),
// which does end like a sentence and so is no last paragraph either.
void TrimFurnitureTail(std::vector<Block>* blocks, bool explain, Report& report) {
  size_t last = blocks->size();
  for (size_t i = blocks->size(); i > 0; --i) {
    const Block& b = (*blocks)[i - 1];
    if (b.kind == BlockKind::kHeading || b.kind == BlockKind::kRule) continue;
    if (IsCallToAction(b)) continue;
    std::string t = PlainText(b);
    size_t w = WeightedLength(t);
    if (b.kind != BlockKind::kParagraph ? w >= 80 : (w >= 80 || (w >= 30 && EndsLikeSentence(t)))) {
      size_t all = 0, link = 0;
      LinkWeight(b.inlines, false, &all, &link);
      if (link * 2 <= all || b.kind != BlockKind::kParagraph) {
        last = i - 1;
        break;
      }
    }
  }
  if (last + 1 >= blocks->size()) return;
  int64_t removed = 0, calls = 0;
  std::vector<Block> kept(
      std::make_move_iterator(blocks->begin()),
      std::make_move_iterator(blocks->begin() + static_cast<std::ptrdiff_t>(last + 1)));
  for (size_t i = last + 1; i < blocks->size(); ++i) {
    Block& b = (*blocks)[i];
    std::string t = PlainText(b);
    size_t w = WeightedLength(t);
    size_t all = 0, link = 0;
    LinkWeight(b.inlines, false, &all, &link);
    bool furniture = b.kind == BlockKind::kHeading ||
                     (b.kind == BlockKind::kParagraph &&
                      ((w < 80 && !EndsLikeSentence(t)) || (all > 0 && link * 2 > all)));
    bool call = !furniture && IsCallToAction(b);
    if (!furniture && !call) {
      kept.push_back(std::move(b));
      continue;
    }
    ++(call ? calls : removed);
    CountRemoved(report, call ? "call-to-action" : "tail-furniture", VisibleChars(b));
    if (explain)
      report.AddEvent({"html",
                       std::string(call ? "removed call to action" : "removed tail furniture") +
                           " weight=" + std::to_string(w),
                       -1, Excerpt(t), ""});
  }
  *blocks = std::move(kept);
  if (removed) report.Count("html", "tail-furniture-removed", removed);
  if (calls) report.Count("html", "calls-to-action-removed", calls);
}

// Labels that open a promotion of other pages inside an article ("Read
// more: <link>", "À lire aussi", "相关阅读"), lower case.
constexpr std::string_view kPromoLabels[] = {"read more",
                                             "read also",
                                             "also read",
                                             "see also",
                                             "related",
                                             "more:",
                                             "recommended",
                                             "you may also like",
                                             "you might also like",
                                             "click here",
                                             "continue reading",
                                             "lesen sie auch",
                                             "lesen sie mehr",
                                             "mehr zum thema",
                                             "auch interessant",
                                             "siehe auch",
                                             "weiterlesen",
                                             "zum thema",
                                             "das könnte sie auch",
                                             "mehr dazu",
                                             "empfohlener redaktioneller inhalt",
                                             "à lire aussi",
                                             "a lire aussi",
                                             "lire aussi",
                                             "voir aussi",
                                             "lire la suite",
                                             "lea también",
                                             "lee también",
                                             "leer más",
                                             "puedes ver",
                                             "notas relacionadas",
                                             "te puede interesar",
                                             "ver también",
                                             "leia também",
                                             "veja também",
                                             "leia mais",
                                             "saiba mais",
                                             "leggi anche",
                                             "potrebbe interessarti",
                                             "czytaj także",
                                             "czytaj też",
                                             "zobacz też",
                                             "czytaj więcej",
                                             "相关阅读",
                                             "延伸阅读",
                                             "推荐阅读",
                                             "相关新闻",
                                             "相关文章",
                                             "更多阅读",
                                             "相關閱讀",
                                             "延伸閱讀",
                                             "推薦閱讀",
                                             "相關新聞",
                                             "le puede interesar",
                                             "lea:",
                                             "vea también",
                                             "ver más",
                                             "dowiedz się więcej",
                                             "czytaj również",
                                             "related articles",
                                             "related stories",
                                             "read next",
                                             "watch:"};

// A paragraph or heading that promotes other pages: a label from the list
// above, then a link or nothing but punctuation.
bool IsPromoLine(const Block& b) {
  if (b.kind != BlockKind::kParagraph && b.kind != BlockKind::kHeading) return false;
  std::string t(TrimAscii(PlainText(b)));
  if (t.empty() || WeightedLength(t) > 300) return false;
  std::string lower = LowerLatin1(t);  // "À lire aussi" too
  // Strip a leading marker: "» ", "> ", "+++ ", "- ".
  size_t from = 0;
  while (from < lower.size() &&
         (lower[from] == '>' || lower[from] == '+' || lower[from] == '-' || lower[from] == ' '))
    ++from;
  if (lower.compare(from, 2, "\xC2\xBB") == 0) from += 2;
  while (from < lower.size() && lower[from] == ' ') ++from;
  std::string_view rest(lower);
  rest.remove_prefix(from);
  for (std::string_view label : kPromoLabels) {
    if (!rest.starts_with(label)) continue;
    std::string_view after = rest.substr(label.size());
    // A word that only starts with the label ("relatedness") is not it.
    if (!after.empty() && static_cast<unsigned char>(after[0]) < 0x80 &&
        std::isalnum(static_cast<unsigned char>(after[0])))
      continue;
    size_t all = 0, link = 0;
    LinkWeight(b.inlines, false, &all, &link);
    size_t letters = 0;
    for (char c : after)
      if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80)
        ++letters;
    if (link > 0 || letters == 0) return true;
  }
  return false;
}

void RemovePromoLines(std::vector<Block>* blocks, bool explain, Report& report) {
  int64_t removed = 0;
  std::erase_if(*blocks, [&](const Block& b) {
    if (!IsPromoLine(b)) return false;
    ++removed;
    CountRemoved(report, "promo-line", VisibleChars(b));
    if (explain) report.AddEvent({"html", "removed promo line", -1, Excerpt(PlainText(b)), ""});
    return true;
  });
  if (removed) report.Count("html", "promo-lines-removed", removed);
}

// A paragraph that shows one picture and nothing else (the picture may be
// a link); *alt is its alt text.
bool IsLonePicture(const Block& b, std::string_view* alt) {
  if (b.kind != BlockKind::kParagraph) return false;
  const Inline* picture = nullptr;
  for (const Inline& i : b.inlines) {
    const Inline* img = &i;
    if (i.kind == InlineKind::kLink && i.children.size() == 1) img = &i.children.front();
    if (img->kind == InlineKind::kImage && !picture) {
      picture = img;
    } else if (!(i.kind == InlineKind::kText && TrimAscii(i.text).empty()) &&
               i.kind != InlineKind::kBreak) {
      return false;
    }
  }
  if (picture) *alt = TrimAscii(picture->text);
  return picture != nullptr;
}

// A caption left as a paragraph of its own under its picture: it repeats
// the picture's alt text (and may add a credit), or it carries a copyright
// sign. Under 200 weight: a longer one reads as a paragraph.
bool IsCaptionUnder(const Block& picture, const Block& b) {
  std::string_view alt;
  if (b.kind != BlockKind::kParagraph || !IsLonePicture(picture, &alt)) return false;
  std::string t = PlainText(b);
  std::string_view text = TrimAscii(t);
  size_t w = WeightedLength(text);
  if (w == 0 || w >= 200) return false;
  // A name alone under its picture ("Steckspiel Kunterbunt", a diet's name
  // over its section) may be the text's own subheading: a caption repeating
  // the alt text needs 40 weight, a sentence or a name with its credit.
  if (WeightedLength(alt) >= 15 && w >= 40 && text.starts_with(alt)) return true;
  return text.find("\xC2\xA9") != std::string_view::npos;  // ©
}

// Captions and credit lines that came out as paragraphs (no class named
// them) go as <figcaption> does, unless they are a third of the text or
// more (a gallery whose captions are the story).
void RemoveLooseCaptions(std::vector<Block>* blocks, bool explain, Report& report) {
  std::vector<size_t> found;
  size_t caption_weight = 0;
  for (size_t i = 1; i < blocks->size(); ++i) {
    if (!IsCaptionUnder((*blocks)[i - 1], (*blocks)[i])) continue;
    found.push_back(i);
    caption_weight += WeightedLength(PlainText((*blocks)[i]));
  }
  if (found.empty() || caption_weight * 3 >= BlocksWeight(*blocks)) return;
  for (size_t k = found.size(); k > 0; --k) {
    Block& b = (*blocks)[found[k - 1]];
    CountRemoved(report, "caption", VisibleChars(b));
    if (explain) report.AddEvent({"html", "removed loose caption", -1, Excerpt(PlainText(b)), ""});
    blocks->erase(blocks->begin() + static_cast<std::ptrdiff_t>(found[k - 1]));
  }
  report.Count("html", "loose-captions-removed", static_cast<int64_t>(found.size()));
}

// What the walk of CollectHints finds besides the hints (one walk of the
// whole DOM instead of three: each costs a pass of cache misses over a
// large page's nodes).
struct PageFinds {
  const xmlNode* base = nullptr;     // the first <base> in document order
  std::string* json_body = nullptr;  // when given: the longest JSON-LD articleBody
};

void CollectHints(const xmlNode* node, Document* doc, int depth, PageFinds* finds) {
  for (const xmlNode* c = node; c; c = c->next) {
    if (c->type == XML_COMMENT_NODE) {
      if (IsTimestampComment(Content(c))) AddHint(doc, "timestamp", TrimAscii(Content(c)));
      continue;
    }
    if (!IsElement(c)) continue;
    std::string_view n = Name(c);
    if (n == "base" && finds->base == nullptr) finds->base = c;
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
      else if (key == "generator")
        AddHint(doc, "generator", content);
    } else if (n == "link") {
      std::string_view rel = Attr(c, "rel");
      if (AsciiLowerCopy(rel) == "canonical") AddHint(doc, "canonical", Attr(c, "href"));
    } else if (n == "time") {
      std::string_view dt = Attr(c, "datetime");
      AddHint(doc, "time", dt.empty() ? std::string_view(NodeText(c)) : dt);
    } else if (n == "h1") {
      AddHint(doc, "h1", NodeText(c));
    } else if (n == "script") {
      if (text::ContainsNoCase(Attr(c, "type"), "ld+json")) {
        std::string json = NodeText(c);
        JsonLdHints(json, doc);
        if (finds->json_body) LongestArticleBody(json, finds->json_body);
      }
      continue;
    }
    if (n == "a" && AsciiLowerCopy(Attr(c, "rel")) == "author")
      AddHint(doc, "rel:author", NodeText(c));
    if (!Attr(c, "itemprop").empty() && Attr(c, "itemprop") == "author") {
      // <span itemprop="author"><span itemprop="name">...</span></span>
      AddHint(doc, "itemprop:author", NodeText(c));
    }
    if (c->children && depth < 200) CollectHints(c->children, doc, depth + 1, finds);
  }
}

bool IsTitleHeading(const xmlNode* n) {
  std::string_view name = Name(n);
  return name == "h1" || name == "h2" || name == "h3";
}

// Page furniture by its element, role or a class/id token: the
// heading of an ad slot or a sidebar ("Advertisement", "Most read") is no
// headline of the story.
bool IsFurniture(const xmlNode* n) {
  if (IsSemanticFurniture(n)) return true;
  // A token inside a compound name counts on a small element only, as in
  // the extractor's pruning (html_clean.h).
  bool weak = false;
  if (BoilerplateToken(n, &weak).empty()) return false;
  return !weak || WeightedLength(NodeText(n)) < 100;
}

// A heading that shows text: templates leave empty ones beside the
// headline (<h3 class="pre"></h3><h1>Headline</h1>).
bool IsShownTitleHeading(const xmlNode* n) {
  return IsTitleHeading(n) && WeightedLength(NodeText(n)) > 0;
}

// The first heading called name under node (depth first, in document
// order) that shows text and is not inside furniture.
const xmlNode* TitleHeadingIn(const xmlNode* node, std::string_view name, int depth) {
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (!IsElement(c) || IsFurniture(c)) continue;
    if (Name(c) == name && IsShownTitleHeading(c)) return c;
    if (depth < 200)
      if (const xmlNode* inner = TitleHeadingIn(c, name, depth + 1)) return inner;
  }
  return nullptr;
}

// The story's headline just before its selected content: a heading among
// the nearest preceding siblings of the content or of its first ancestors
// (a blog post's h3 title above its body), or inside a small header block
// there; never inside furniture.
const xmlNode* HeadingBefore(const xmlNode* content, const xmlNode* body) {
  const xmlNode* path = content;
  for (int level = 0; level < 3 && path && path != body; ++level, path = path->parent) {
    int seen = 0;
    for (const xmlNode* c = path->prev; c && seen < 4; c = c->prev) {
      if (!IsElement(c)) continue;
      ++seen;
      if (IsFurniture(c)) continue;
      if (IsShownTitleHeading(c)) return c;
      for (std::string_view h : {"h1", "h2", "h3"})
        if (const xmlNode* inner = TitleHeadingIn(c, h, 0)) return inner;
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

bool LooksLikePage(std::string_view text) {
  // A page's navigation, sidebars and footers link out a dozen times and
  // more, and a page carries machinery (scripts, forms, styles, a title)
  // that an article snippet given to html2md does not; an article's own
  // HTML (a readability output, a CMS body) may well hold a dozen links.
  constexpr size_t kMinPageLinks = 12;
  size_t links = 0;
  bool machinery = false;
  auto starts_tag = [](std::string_view t, std::string_view name) {
    if (t.size() <= name.size() || !StartsWithNoCase(t, name)) return false;
    char after = t[name.size()];
    return after == ' ' || after == '\t' || after == '\n' || after == '\r' || after == '>';
  };
  for (size_t i = text.find('<'); i != std::string_view::npos; i = text.find('<', i + 1)) {
    std::string_view t = text.substr(i + 1);
    if (starts_tag(t, "a")) {
      ++links;
    } else if (!machinery) {
      for (std::string_view name : {"script", "form", "style", "link", "title"})
        if (starts_tag(t, name)) machinery = true;
    }
    if (links >= kMinPageLinks && machinery) return true;
  }
  return false;
}

Status ReadHtmlInto(std::string_view text, const Options& options, Document* doc,
                    std::vector<Block>* out, Report& report, bool standalone, std::string* owned) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  if (text.size() > static_cast<size_t>(INT_MAX) || text.size() > options.max_size)
    return Status(StatusCode::kTooLarge, "HTML input too large");
  // libxml2 reads the text in place when it ends a std::string of ours
  // (html_parse.h): the prescanned copy, or an input given up (owned) with
  // nothing to skip. Beside the DOM at the end of the parse that leaves
  // one copy of the text (two for a library caller's kept input with a
  // prescanned copy), none after it; the same text serves the rare second
  // parse and the plain-text fallback:
  //  - a caller's input: kept; the prescanned copy is freed once parsed;
  //  - an input the caller gave up (owned): freed as soon as prescanned,
  //    else once parsed.
  if (owned != nullptr && (owned->data() != text.data() || owned->size() != text.size()))
    owned = nullptr;
  const std::string_view input = text;
  std::string prescanned;
  PrescanResult prescan;
  const bool use_prescan = PrescanForParse(input, &prescanned, &prescan);
  if (use_prescan && prescan.attributes_dropped > 0)
    report.Count("html", "attributes-dropped", prescan.attributes_dropped);
  if (use_prescan && owned != nullptr) {
    std::string().swap(*owned);
    owned = nullptr;
  }
  auto parse_text = [&]() -> std::string_view { return use_prescan ? prescanned : input; };
  const TextPlace place =
      use_prescan || owned != nullptr ? TextPlace::kNulTerminated : TextPlace::kCopy;
  const bool whole_page = IsWholePage(parse_text()) || (standalone && LooksLikePage(parse_text()));
  // The rules are wanted before the parse: the attributes they test are
  // among those the parse keeps. A rule list that fails to load is
  // reported where it was before, after the hints are collected.
  Status rules_status;
  std::shared_ptr<const AdblockRules> rules;
  if (options.html.boilerplate)
    rules = AdblockRules::Load(options.html.adblock_list, &rules_status);
  AttributeFilter attribute_filter(rules.get());
  int flags = kHtmlParseOptions;
  std::unique_ptr<htmlParserCtxt, CtxtFree> ctxt;
  std::unique_ptr<xmlDoc, DocFree> dom;
  const xmlError* err = nullptr;
  for (;;) {
    ctxt.reset(htmlNewParserCtxt());
    if (!ctxt) return Status(StatusCode::kIoError, "out of memory");
    dom.reset(ParseUtf8(ctxt.get(), parse_text(), flags, place, &attribute_filter));
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
    Status s = ReadText(StripTags(parse_text()), options, &flat, ignored);
    for (Block& b : flat.blocks) out->push_back(std::move(b));
    return s;
  }
  // The parser goes, and the text it read (prescanned, or given up) with
  // it: the DOM holds copies of what it needs.
  ctxt.reset();
  std::string().swap(prescanned);
  if (owned != nullptr) std::string().swap(*owned);
  if (!dom) return Status::Ok();  // nothing parseable: an empty document
  xmlNode* root = xmlDocGetRootElement(dom.get());
  if (size_t moved = MoveAfterBodyIntoBody(root)) report.Count("html", "after-body-kept", moved);
  // A page whose article is only in its structured data (a script-built
  // page): the JSON-LD articleBody, kept aside before the scripts go.
  std::string json_body;
  PageFinds finds;
  if (options.html.boilerplate) finds.json_body = &json_body;
  CollectHints(dom->children, doc, 0, &finds);
  if (!root) return Status::Ok();

  if (!rules_status.ok()) return rules_status;
  CleanOptions clean;
  clean.boilerplate = options.html.boilerplate;
  clean.explain = options.explain;
  clean.adblock = rules.get();

  ConvertOptions conv;
  conv.images = options.html.images;
  conv.drop_share_links = options.html.boilerplate;
  conv.explain = options.explain;
  conv.base_url = options.html.base_url;
  conv.keep_ruby_readings = options.html.keep_ruby;
  if (conv.base_url.empty()) {
    // Relative links resolve against <base href> when it is absolute, else
    // against the page's canonical URL or og:url.
    if (const xmlNode* base = finds.base) {
      std::string_view href = Attr(base, "href");
      if (href.starts_with("http://") || href.starts_with("https://")) conv.base_url = href;
    }
    for (std::string_view key : {"canonical", "og:url"}) {
      if (!conv.base_url.empty()) break;
      for (const MetaHint& h : doc->hints)
        if (h.key == key && (h.value.starts_with("http://") || h.value.starts_with("https://")))
          conv.base_url = h.value;
    }
  }

  std::vector<Block> blocks;
  if (options.html.boilerplate && whole_page) {
    auto [body, keep] = ExtractMainContent(root, clean, report);
    // Tells the block-level boilerplate filter that the article span is
    // chosen already (see boilerplate.h).
    if (keep.size() != 1 || keep.front() != body) AddHint(doc, "main-content", "selected");
    for (const xmlNode* k : keep) ConvertDom(k, conv, &blocks, report);
    // The page title heading often sits outside the article container.
    const xmlNode* h1 = keep.empty() ? nullptr : HeadingBefore(keep.front(), body);
    if (!h1) h1 = FindElement(body->children, "h1", 0);
    if (!h1) h1 = FindElement(body->children, "h2", 0);
    // Names the headline for the metadata filter, which drops its heading
    // when the front matter's title carries the same text; "article" says
    // the body is a selected article (a heading it opens with is its title).
    AddHint(doc, "article", "selected");
    if (h1) AddHint(doc, "headline", NodeText(h1));
    if (h1 && !ContainsHeading(blocks, TrimAscii(NodeText(h1)))) {
      std::vector<Block> title;
      ConvertDom(h1, conv, &title, report);
      blocks.insert(blocks.begin(), std::make_move_iterator(title.begin()),
                    std::make_move_iterator(title.end()));
    }
    RemovePromoLines(&blocks, options.explain, report);
    RemoveLooseCaptions(&blocks, options.explain, report);
    TrimFurnitureTail(&blocks, options.explain, report);
    size_t json_weight = json_body.empty() ? 0 : WeightedLength(json_body);
    if (json_weight >= 500 && json_weight > 2 * BlocksWeight(blocks)) {
      std::string stripped =
          json_body.find('<') != std::string::npos ? StripTags(json_body) : json_body;
      std::string text;  // each line a paragraph
      for (char c : stripped) text += c == '\n' ? std::string("\n\n") : std::string(1, c);
      Document parsed;
      Report ignored;
      Options text_options = options;
      if (ReadText(text, text_options, &parsed, ignored).ok() && !parsed.blocks.empty()) {
        report.Count("html", "jsonld-article-body-used");
        if (options.explain)
          report.AddEvent({"html",
                           "the JSON-LD articleBody (weight " + std::to_string(json_weight) +
                               ") replaces a selection of weight " +
                               std::to_string(BlocksWeight(blocks)),
                           -1, "", ""});
        // What the page shows (title, lead, byline) stays before the
        // body, unless the body repeats it.
        std::erase_if(blocks, [&](const Block& b) {
          std::string t(TrimAscii(PlainText(b)));
          return !t.empty() && stripped.find(t) != std::string::npos;
        });
        for (Block& b : parsed.blocks) blocks.push_back(std::move(b));
      }
    }
  } else {
    xmlNode* body = CleanDom(root, clean, report);
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
