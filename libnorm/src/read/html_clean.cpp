#include "html_clean.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "html_convert.h"
#include "html_dom.h"
#include "html_util.h"
#include "html_visible.h"
#include "legal_notice.h"
#include "node_table.h"
#include "utf8.h"
#include "word_list.h"

namespace norm::html {
namespace {

// Words of an id, class or data-* attribute name that mark page furniture.
// Whole-word matching keeps "shadow", "header", "load", "download" and
// "badge" safe.
constexpr std::string_view kBoilerplateTokens[] = {
    "ad",           "ads",         "adv",        "advert",      "adverts",     "advertisement",
    "advertising",  "adsense",     "adslot",     "adunit",      "adbox",       "adzone",
    "adsbygoogle",  "dfp",         "gpt",        "doubleclick", "innity",      "sponsor",
    "sponsored",    "sponsors",    "promo",      "promoted",    "promotion",   "share",
    "sharing",      "shares",      "sharebar",   "social",      "newsletter",  "subscribe",
    "subscription", "selfpromo",   "paywall",    "related",     "comment",     "comments",
    "disqus",       "cookie",      "cookies",    "consent",     "gdpr",        "banner",
    "breadcrumb",   "breadcrumbs", "nav",        "navbar",      "navigation",  "menu",
    "sidebar",      "footer",      "masthead",   "outbrain",    "taboola",     "popup",
    "modal",        "toolbar",     "pagination", "pager",       "recommended", "recommend",
    "trending",     "popular",     "tagcloud",   "widget",      "skiplink",    "login",
    "signup",       "copyright",   "rss",        "print",       "hotnews",     "readmore",
    "signature",    "postprofile", "userinfo",   "avatar",      "author",      "bio",
    "disclaimer",   "disclosure",  "toc"};

// Words anywhere in a compound name that negate or qualify it: `no-share`,
// `has-sidebar`, `content-with-sidebar`, `isPaywall`, `js-readmore`.
constexpr std::string_view kQualifiers[] = {"no", "not", "has", "with", "is", "and", "js"};

// Words of an id or class that mark the article container.
constexpr std::string_view kContentWords[] = {"article", "content", "entry", "post",   "story",
                                              "text",    "body",    "main",  "hentry", "blog"};

template <size_t N>
bool InList(std::string_view w, const std::string_view (&list)[N]) {
  for (std::string_view t : list)
    if (t == w) return true;
  return false;
}

// Calls fn(word) for the alphanumeric words of s (split also at lower-to-
// upper case changes), lower-cased; fn returns false to stop.
template <typename Fn>
void ForEachWord(std::string_view s, Fn fn) {
  char buf[40];
  size_t i = 0;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  while (i < s.size()) {
    while (i < s.size() && !alnum(s[i])) ++i;
    size_t n = 0;
    bool too_long = false;
    while (i < s.size() && alnum(s[i])) {
      if (n > 0 && s[i] >= 'A' && s[i] <= 'Z' && buf[n - 1] >= 'a' && buf[n - 1] <= 'z') break;
      if (n < sizeof buf)
        buf[n++] = AsciiLower(s[i]);
      else
        too_long = true;
      ++i;
    }
    if (n > 0 && !too_long && !fn(std::string_view(buf, n))) return;
  }
}

// Tokens that say how a block looks or is delivered rather than what it
// is: a section styled for ads, a print or share variant, a widget of a page
// builder, a paywalled body. Around long link-poor text they are a
// container of the article (`TestReport__Section--Ads` on every section of
// a review, Elementor's `elementor-widget`), so they weigh less and never
// remove content-like text.
constexpr std::string_view kPresentationTokens[] = {
    "ad",     "ads",   "adv",      "widget",    "print",        "share",    "sharing",
    "modal",  "popup", "promo",    "paywall",   "pagination",   "pager",    "toolbar",
    "banner", "gpt",   "promoted", "sponsored", "subscription", "readmore", "signature"};

bool IsPresentationToken(std::string_view token) {
  for (std::string_view t : kPresentationTokens)
    if (t == token) return true;
  return false;
}

struct TokenHit {
  std::string_view token;  // points into kBoilerplateTokens
  bool weak = false;
};

// Last words of a compound name that still name the furniture itself:
// `related-posts`, `share-buttons`, `sidebar-right`, `comments-area`.
constexpr std::string_view kFurnitureNouns[] = {
    "list",  "links",  "link",    "box",   "bar",   "buttons",  "button",  "btn",   "icons",
    "icon",  "block",  "items",   "item",  "posts", "articles", "stories", "news",  "area",
    "col",   "column", "widgets", "slot",  "unit",  "top",      "bottom",  "left",  "right",
    "inner", "title",  "label",   "count", "panel", "tools",    "zone",    "module"};

// The furniture token of one class item or id. A compound name is read by
// its last word, as English compounds are: `article-comments` and
// `related-posts` are furniture (strong evidence), `comment-body`,
// `sticky-sidebar-relative`, `elementor-widget-wrap` and `share-twitter`
// are parts or containers of something else (weak evidence), and so is any
// compound with a qualifier (`no-share`, `has-sidebar`). Words of one or two
// letters (`cb-`, `td-`, `o-` prefixes) and numbers are left out.
TokenHit ItemToken(std::string_view item) {
  static const WordList tokens(kBoilerplateTokens);
  static const WordList qualifiers(kQualifiers);
  static const WordList nouns(kFurnitureNouns);
  TokenHit hit;
  bool qualified = false;
  size_t words = 0;
  // The last word counted (ForEachWord reuses its buffer between words).
  char last[40];
  size_t last_size = 0;
  bool last_token = false;
  ForEachWord(item, [&](std::string_view w) {
    if (qualifiers.Contains(w)) {
      qualified = true;
      return true;
    }
    std::string_view t = tokens.Find(w);
    bool token = !t.empty();
    if (token && hit.token.empty()) hit.token = t;
    if (!token && (w.size() <= 2 || (w[0] >= '0' && w[0] <= '9'))) return true;
    ++words;
    std::copy(w.begin(), w.end(), last);
    last_size = w.size();
    last_token = token;
    return true;
  });
  if (hit.token.empty()) return hit;
  if (qualified) {
    hit.weak = true;
  } else if (words <= 1 || last_token) {
    hit.weak = false;
  } else {
    hit.weak = !nouns.Contains(std::string_view(last, last_size));
  }
  return hit;
}

bool HasContentWord(const xmlNode* node) {
  bool found = false;
  for (std::string_view attr : {"id", "class"}) {
    ForEachWord(Attr(node, attr), [&](std::string_view w) {
      if (InList(w, kContentWords)) found = true;
      return !found;
    });
    if (found) return true;
  }
  return false;
}

// Above this weighted length a caption is text of the article (a long
// caption reads as a paragraph).
constexpr size_t kMaxCaptionWeight = 600;

// Above this weighted length a block that opens as a disclaimer is a
// statement the page publishes (IsLegalNotice).
constexpr size_t kMaxLegalNoticeWeight = 1000;

// A picture's caption or credit line: <figcaption>, or an element whose id
// or class has the word caption or credit (`wp-caption-text`,
// `figure__caption`, `image-credit`).
bool IsCaption(const xmlNode* node) {
  if (Name(node) == "figcaption") return true;
  bool found = false;
  for (std::string_view attr : {"class", "id"}) {
    ForEachWord(Attr(node, attr), [&](std::string_view w) {
      found = w == "caption" || w == "captions" || w == "credit" || w == "credits";
      return !found;
    });
    if (found) return true;
  }
  return false;
}

bool IsHidden(const xmlNode* n) {
  // One pass over the attributes (asked for every element, twice): the
  // first of each name counts, as Attr reads it.
  bool hidden = false, has_aria = false, has_type = false, has_style = false;
  std::string_view aria, type, style;
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (CStrEquals(a->name, "hidden")) {
      hidden = true;
      break;
    } else if (!has_aria && CStrEquals(a->name, "aria-hidden")) {
      has_aria = true;
      aria = AttrValue(a);
    } else if (!has_type && CStrEquals(a->name, "type")) {
      has_type = true;
      type = AttrValue(a);
    } else if (!has_style && CStrEquals(a->name, "style")) {
      has_style = true;
      style = AttrValue(a);
    }
  }
  if (hidden) return true;
  if (aria == "true") return true;
  if (Name(n) == "input" && type == "hidden") return true;
  if (style.empty()) return false;
  std::string compact;
  for (char c : style)
    if (!IsAsciiSpace(c)) compact += AsciiLower(c);
  return compact.find("display:none") != std::string::npos ||
         compact.find("visibility:hidden") != std::string::npos;
}

bool HasImage(const xmlNode* node, int depth) {
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (!IsElement(c)) continue;
    if (IsOneOf(Name(c), {"img", "hr", "picture", "table"})) return true;
    if (depth < kMaxDepth && HasImage(c, depth + 1)) return true;
  }
  return false;
}

bool IsHeading(std::string_view n) {
  return IsOneOf(n, {"h1", "h2", "h3", "h4", "h5", "h6", "th"});
}

// Elements that are never content, whatever they hold.
bool IsNeverContent(std::string_view name) {
  return IsOneOf(name, {"script", "style", "noscript", "iframe", "svg", "embed", "object", "input",
                        "select", "textarea", "canvas", "audio", "video", "map", "dialog",
                        "frameset", "frame", "applet"});
}

size_t CountCommas(std::string_view t) {
  size_t n = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == ',') ++n;
    // U+FF0C fullwidth comma, U+3001 ideographic comma, U+3002 full stop.
    if (i + 2 < t.size() &&
        ((t[i] == '\xEF' && t[i + 1] == '\xBC' && t[i + 2] == '\x8C') ||
         (t[i] == '\xE3' && t[i + 1] == '\x80' && (t[i + 2] == '\x81' || t[i + 2] == '\x82'))))
      ++n;
  }
  return n;
}

size_t TextWeight(const xmlNode* node, int depth) {
  size_t w = 0;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
      w += WeightedLength(Content(c));
    else if (IsElement(c) && depth < kMaxDepth)
      w += TextWeight(c, depth + 1);
  }
  return w;
}

bool IsCommentsToken(std::string_view token, bool weak) {
  return !weak && (token == "comment" || token == "comments");
}

// xmlNodeGetContent(node) holds a byte above ' ': read in place, without
// the copy of the whole subtree's text, stopping at the first such byte.
bool HasTextAboveSpace(const xmlNode* node) {
  for (const xmlNode* n = node; n != nullptr;) {
    if (n->type == XML_ENTITY_REF_NODE) {
      // Never built by the HTML parser; libxml2 reads the entity's text.
      xmlChar* text = xmlNodeGetContent(node);
      bool any = false;
      for (const xmlChar* c = text; c && *c && !any; ++c) any = *c > ' ';
      if (text) xmlFree(text);
      return any;
    }
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
      for (const xmlChar* c = n->content; *c; ++c)
        if (*c > ' ') return true;
    if (n->children != nullptr && n->type != XML_ENTITY_DECL) {
      n = n->children;
      continue;
    }
    n = NextPastChildren(n, node);
  }
  return false;
}

// An element before node (a sibling) holds text other than spaces.
bool HasTextBefore(const xmlNode* node) {
  for (const xmlNode* p = node->prev; p; p = p->prev)
    if (IsElement(p) && HasTextAboveSpace(p)) return true;
  return false;
}

struct Stat {
  size_t weight = 0;  // weighted text length of the subtree
  size_t link = 0;    // of which inside <a>
  size_t commas = 0;
  // The text directly under this element and its inline descendants that
  // hold no block: a paragraph without <p> (text between <br>s in a <div>
  // or a <td>).
  size_t run_weight = 0, run_link = 0, run_commas = 0;
  bool leaf_block = false;   // no block descendants
  double factor = 1;         // furniture evidence of it and its ancestors
  bool in_comments = false;  // it or an ancestor IsCommentsAfterText
};

class Extractor {
 public:
  Extractor(const CleanOptions& options, Report& report) : options_(options), report_(report) {}

  // Step 1.
  void RemoveNeverContent(xmlNode* root);
  // Steps 2 and 3.
  std::vector<xmlNode*> Select(xmlNode* body);
  // Step 4, over the descendants of node; guard_total is the weight an
  // element must hold more than half of to be kept whatever it is.
  void PruneFurniture(xmlNode* node, size_t guard_total, int depth);
  bool IsTeaserList(const xmlNode* node);

  void Measure(const xmlNode* node, bool in_link, int depth, Stat* out);
  // Sets every Stat's factor under node: the product of the furniture
  // factors of the element and its ancestors.
  void PropagateFactors(const xmlNode* node, double factor, int depth);
  void MarkProtected(const xmlNode* node, int depth);
  void MarkProtectedIn(const xmlNode* node, int depth, std::vector<const xmlNode*>* articles);
  const Stat& StatOf(const xmlNode* n) { return stats_[n]; }

 private:
  void RemoveNeverContentIn(xmlNode* node, bool keep_hidden, int depth);
  // TextWeight(node, depth), and the weight of the hidden elements and
  // templates under it (not below kMaxDepth's elements, but for those at
  // it) added to *hidden: one walk for both.
  size_t WeighHidden(const xmlNode* node, size_t* hidden, int depth);
  void Remove(xmlNode* node, std::string_view reason, std::string_view detail, size_t weight);
  double FurnitureFactor(const xmlNode* node, size_t weight, bool comments);
  // BoilerplateToken and IsCommentsAfterText through a memo of the token:
  // the steps ask for it up to four times per element, and it reads only
  // the element's own attributes, which no step changes.
  std::string_view Token(const xmlNode* node, bool* weak);
  bool CommentsAfterText(const xmlNode* node);
  // Whether options_.adblock->Match finds a rule, through a memo: the
  // factors and the pruning ask for most elements, and a rule reads only
  // the element's own name and attributes, which no step changes. One byte
  // per element (a string each raised the 10 MB page's peak by 3 MiB); the
  // rare match is asked again for its text.
  bool AdblockMatches(const xmlNode* node);
  void ScoreParagraphs(const xmlNode* node, int depth);
  void CollectInnerLeads(xmlNode* node, std::vector<xmlNode*>* lead, int depth);
  // Counts and explains c as left out of the selection, or its parts when
  // it holds a kept node.
  void CountLeftOut(const xmlNode* c, const std::unordered_set<const xmlNode*>& kept,
                    double threshold, size_t* dropped, int depth);
  void AddScore(const xmlNode* n, double v);
  // HeadlineTexts of node's document, gathered on first use (the lead
  // search runs after the last removal before selection).
  const std::vector<std::string>& Headlines(const xmlNode* node);

  const CleanOptions& options_;
  Report& report_;
  NodeIds ids_;  // the per-node tables' index (node_table.h); cleared by the caller
  NodeTable<Stat> stats_{ids_};
  // A hash map still: the selection iterates it, and its order decides ties.
  std::unordered_map<const xmlNode*, double> score_;
  NodeTable<size_t> good_{ids_};  // link-poor paragraph weight × factor
  NodeSet protected_{ids_};       // article/main and their ancestors
  NodeSet markers_{ids_};         // the article/main elements themselves
  struct TokenMemo {
    bool known = false;
    bool weak = false;
    std::string_view token;
  };
  NodeTable<TokenMemo> tokens_{ids_};
  NodeTable<uint8_t> rule_hits_{ids_};  // 0 not asked yet, 1 no rule, 2 a rule
  size_t total_ = 0;
  // WeighHidden keeps each text node's WeightedLength + 1 in the node's
  // _private (text nodes take no NodeIds id; NodeIds::Clear resets them),
  // and Measure reads it back: the same text weighed once instead of twice
  // (1% of the run on a 10 MB page). False once the removal of <head>
  // moved text out of it, which can merge text nodes.
  bool text_weights_ = true;
  std::optional<std::vector<std::string>> headlines_;

 public:
  // On a whole page, captions and credit lines go with the furniture
  // (extractors and the articleBody of news markup leave them out); in a
  // fragment, and where captions hold a third of the selection (a
  // slideshow, a gallery whose captions are the story), they stay.
  bool drop_captions_ = false;
  // The weight of the captions under node.
  size_t CaptionWeight(const xmlNode* node, int depth);
};

void Extractor::Remove(xmlNode* node, std::string_view reason, std::string_view detail,
                       size_t weight) {
  report_.Count("html", std::string(reason) + "-removed");
  CountRemovedNode(report_, node, reason, detail);
  if (options_.explain) {
    std::string what = "removed " + DescribeElement(node) + " (" + std::string(reason);
    if (!detail.empty()) what += ": " + std::string(detail);
    what += ")";
    if (weight > 0) what += " weight=" + std::to_string(weight);
    std::string text;
    xmlChar* content = xmlNodeGetContent(node);
    if (content) {
      text = Excerpt(reinterpret_cast<const char*>(content));
      xmlFree(content);
    }
    report_.AddEvent({"html", std::move(what), -1, std::move(text), ""});
  }
  xmlUnlinkNode(node);
  xmlFreeNode(node);
}

size_t Extractor::WeighHidden(const xmlNode* node, size_t* hidden, int depth) {
  size_t w = 0;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      size_t t = WeightedLength(Content(c));
      // Kept for Measure, which weighs the same text again (text_weights_).
      const_cast<xmlNode*>(c)->_private = reinterpret_cast<void*>(static_cast<uintptr_t>(t) + 1);
      w += t;
      continue;
    }
    if (!IsElement(c)) continue;
    if (IsHidden(c) || Name(c) == "template") {
      size_t h = TextWeight(c, depth + 1);
      *hidden += h;
      if (depth < kMaxDepth) w += h;
      continue;
    }
    if (depth < kMaxDepth) w += WeighHidden(c, hidden, depth + 1);
  }
  return w;
}

void Extractor::RemoveNeverContent(xmlNode* root) {
  bool keep_hidden = false;
  if (options_.boilerplate) {
    // Hidden content that holds most of the page's text (three quarters),
    // beside a visible part too small to be an article, is the article
    // shown by script; less than that, it is a dialog, a tab or a decoy.
    size_t hidden = 0;
    size_t total = WeighHidden(root, &hidden, 0);
    size_t visible = total - std::min(total, hidden);
    keep_hidden = hidden > visible * 3 && visible < 1500 && hidden >= 200;
    if (keep_hidden) {
      report_.Count("html", "hidden-kept");
      if (options_.explain)
        report_.AddEvent({"html",
                          "kept hidden content: it holds " + std::to_string(hidden) + " of " +
                              std::to_string(total) + " weight",
                          -1, "", ""});
    }
  }
  RemoveNeverContentIn(root, keep_hidden, 0);
}

// libxml2 leaves in <head> what a browser moves to the body: an element
// that cannot be in a head (<head><title>T</title><o><body>... keeps <o>
// and the <body> inside it there). Moves such children, and text, out to
// just after head, in order, so the head can go without the page's text.
// Returns the first node moved, or null.
xmlNode* HoistBodyContent(xmlNode* head) {
  xmlNode* first = nullptr;
  xmlNode* cursor = head;
  xmlNode* next = nullptr;
  for (xmlNode* c = head->children; c; c = next) {
    next = c->next;
    bool metadata = IsElement(c) && IsOneOf(Name(c), {"title", "meta", "link", "base", "script",
                                                      "style", "noscript", "template"});
    bool text = c->type == XML_TEXT_NODE && !xmlIsBlankNode(c);
    if (!(IsElement(c) && !metadata) && !text) continue;
    xmlUnlinkNode(c);
    // xmlAddNextSibling can merge text into its neighbour: keep what it returns.
    cursor = xmlAddNextSibling(cursor, c);
    if (!first) first = cursor;
  }
  return first;
}

void Extractor::RemoveNeverContentIn(xmlNode* node, bool keep_hidden, int depth) {
  xmlNode* next = nullptr;
  for (xmlNode* c = node->children; c; c = next) {
    next = c->next;
    if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE) {
      xmlUnlinkNode(c);
      xmlFreeNode(c);
      continue;
    }
    if (!IsElement(c)) continue;
    std::string_view name = Name(c);
    if (name == "head") {
      // What a browser would show in the body is checked on its own.
      xmlNode* hoisted = HoistBodyContent(c);
      // Hoisted text may merge into a neighbour: its kept weight is stale.
      if (hoisted) text_weights_ = false;
      xmlUnlinkNode(c);
      xmlFreeNode(c);
      if (hoisted) next = hoisted;
      continue;
    }
    if (IsOneOf(name, {"title", "meta", "link", "base"})) {
      xmlUnlinkNode(c);
      xmlFreeNode(c);
      continue;
    }
    if (IsOneOf(name, {"script", "style"}) || (name == "template" && !keep_hidden)) {
      Remove(c, "never-content", name, 0);
      continue;
    }
    if (!options_.boilerplate) {
      if (depth < kMaxDepth) RemoveNeverContentIn(c, keep_hidden, depth + 1);
      continue;
    }
    if (IsNeverContent(name)) {
      Remove(c, "never-content", name, 0);
      continue;
    }
    if (name == "button" || name == "form") {
      // A button's label and a search or comment form are short; an
      // accordion button or a product form can hold the text itself.
      size_t w = TextWeight(c, depth + 1);
      if (w < (name == "button" ? 100u : 200u)) {
        Remove(c, "never-content", name, w);
        continue;
      }
    }
    if (!keep_hidden && IsHidden(c)) {
      Remove(c, "hidden", "", TextWeight(c, depth + 1));
      continue;
    }
    if (depth < kMaxDepth) RemoveNeverContentIn(c, keep_hidden, depth + 1);
  }
}

// Scales the score of paragraphs under node: furniture evidence lowers it,
// it does not decide. An element holding most of the page is never
// furniture (body classes such as `has-sidebar`, a Blogger `widget Blog`
// around every post).
std::string_view Extractor::Token(const xmlNode* node, bool* weak) {
  TokenMemo& m = tokens_[node];
  if (!m.known) {
    m.token = BoilerplateToken(node, &m.weak);
    m.known = true;
  }
  *weak = m.weak;
  return m.token;
}

bool Extractor::AdblockMatches(const xmlNode* node) {
  uint8_t& hit = rule_hits_[node];
  if (hit == 0) hit = options_.adblock->Match(node).empty() ? 1 : 2;
  return hit == 2;
}

bool Extractor::CommentsAfterText(const xmlNode* node) {
  bool weak = false;
  std::string_view token = Token(node, &weak);
  return IsCommentsToken(token, weak) && HasTextBefore(node);
}

// comments: IsCommentsAfterText(node).
double Extractor::FurnitureFactor(const xmlNode* node, size_t weight, bool comments) {
  bool weak = false;
  std::string_view token = Token(node, &weak);
  // Reader comments longer than the post they follow are still comments.
  if (!comments && ((total_ > 0 && weight * 2 > total_) || protected_.count(node))) return 1;
  if (IsSemanticFurniture(node)) return 0.2;
  if (!token.empty()) return weak ? 0.7 : IsPresentationToken(token) ? 0.5 : 0.2;
  // A short block that opens as a disclaimer: weighs little in the choice
  // of the article, as furniture does; a long one (a published statement)
  // is left to its text.
  if (weight < kMaxLegalNoticeWeight && IsLegalNotice(node)) return 0.2;
  if (options_.adblock && AdblockMatches(node)) return 0.2;
  return 1;
}

void Extractor::PropagateFactors(const xmlNode* node, double factor, int depth) {
  bool in_comments = depth > 0 && stats_[node].in_comments;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (!IsElement(c)) continue;
    Stat& s = stats_[c];
    bool comments = CommentsAfterText(c);
    s.factor = factor * FurnitureFactor(c, s.weight, comments);
    s.in_comments = in_comments || comments;
    if (depth < kMaxDepth) PropagateFactors(c, s.factor, depth + 1);
  }
}

void Extractor::Measure(const xmlNode* node, bool in_link, int depth, Stat* out) {
  Stat s;
  bool has_block = false;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      std::string_view t = Content(c);
      auto kept = reinterpret_cast<uintptr_t>(c->_private);
      size_t w = text_weights_ && kept != 0 ? kept - 1 : WeightedLength(t);
      size_t commas = CountCommas(t);
      s.weight += w;
      s.run_weight += w;
      s.commas += commas;
      s.run_commas += commas;
      if (in_link) {
        s.link += w;
        s.run_link += w;
      }
    } else if (IsElement(c) && depth < kMaxDepth) {
      Stat child;
      bool link = in_link || Name(c) == "a";
      Measure(c, link, depth + 1, &child);
      s.weight += child.weight;
      s.link += child.link;
      s.commas += child.commas;
      bool block = IsBlockElement(Name(c));
      if (block || !child.leaf_block) {
        has_block = true;
      } else {
        s.run_weight += child.weight;
        s.run_link += child.link;
        s.run_commas += child.commas;
      }
    }
  }
  s.leaf_block = !has_block;
  stats_[node] = s;
  if (out) *out = s;
}

// Marks main, role=main and itemprop=articleBody elements, and the one
// <article> of a page that has one (pages with many use it for teasers and
// comments too), with their ancestors.
void Extractor::MarkProtected(const xmlNode* node, int depth) {
  std::vector<const xmlNode*> articles;
  MarkProtectedIn(node, depth, &articles);
  if (articles.size() == 1) {
    markers_.insert(articles[0]);
    for (const xmlNode* p = articles[0]; p; p = p->parent) protected_.insert(p);
  }
}

void Extractor::MarkProtectedIn(const xmlNode* node, int depth,
                                std::vector<const xmlNode*>* articles) {
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (!IsElement(c)) continue;
    std::string_view n = Name(c);
    if (n == "article") articles->push_back(c);
    if (n == "main" || Attr(c, "itemprop") == "articleBody" || Attr(c, "role") == "main") {
      markers_.insert(c);
      for (const xmlNode* p = c; p; p = p->parent) protected_.insert(p);
    }
    if (depth < kMaxDepth) MarkProtectedIn(c, depth + 1, articles);
  }
}

double TagBonus(std::string_view n) {
  if (n == "article") return 10;
  if (n == "div" || n == "section" || n == "main") return 5;
  if (IsOneOf(n, {"pre", "td", "blockquote"})) return 3;
  if (IsOneOf(n, {"ol", "ul", "dl", "dd", "dt", "li", "form"})) return -3;
  if (IsHeading(n)) return -5;
  return 0;
}

void Extractor::AddScore(const xmlNode* n, double v) {
  auto it = score_.find(n);
  if (it == score_.end()) {
    double initial = TagBonus(Name(n));
    if (HasContentWord(n)) initial += 5;
    it = score_.emplace(n, initial).first;
  }
  it->second += v;
}

// Readability-style: every paragraph adds to its first three ancestors.
void Extractor::ScoreParagraphs(const xmlNode* node, int depth) {
  auto value = [](size_t weight, size_t link, size_t commas, double factor) {
    double link_density = weight ? static_cast<double>(link) / static_cast<double>(weight) : 0;
    double v = 1 + static_cast<double>(std::min<size_t>(commas, 20)) +
               std::min(static_cast<double>(weight) / 100.0, 3.0);
    return v * (1 - link_density) * factor;
  };
  auto credit = [&](const xmlNode* first, size_t weight, size_t link, double factor) {
    if (weight > link * 3) {
      auto good = static_cast<size_t>(static_cast<double>(weight - link) * factor);
      for (const xmlNode* a = first; a && a->type == XML_ELEMENT_NODE; a = a->parent)
        good_[a] += good;
    }
  };
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (!IsElement(c)) continue;
    const Stat& s = stats_[c];
    std::string_view n = Name(c);
    bool para = s.leaf_block && (IsBlockElement(n) || n == "font" || n == "span") && !IsHeading(n);
    if (para && s.weight >= 25) {
      double v = value(s.weight, s.link, s.commas, s.factor);
      credit(c, s.weight, s.link, s.factor);
      const xmlNode* p = c->parent;
      for (int level = 0; p && p->type == XML_ELEMENT_NODE && level < 3; ++level, p = p->parent)
        AddScore(p, level == 0 ? v : level == 1 ? v / 2 : v / 6);
      continue;
    }
    if (!s.leaf_block && s.run_weight >= 25 && !IsHeading(n)) {
      // Text between the blocks of c: a paragraph of c itself.
      double v = value(s.run_weight, s.run_link, s.run_commas, s.factor);
      credit(c, s.run_weight, s.run_link, s.factor);
      const xmlNode* p = c;
      for (int level = 0; p && p->type == XML_ELEMENT_NODE && level < 3; ++level, p = p->parent)
        AddScore(p, level == 0 ? v : level == 1 ? v / 2 : v / 6);
    }
    if (depth < kMaxDepth) ScoreParagraphs(c, depth + 1);
  }
}

bool IsAncestor(const xmlNode* a, const xmlNode* n) {
  for (const xmlNode* p = n; p; p = p->parent)
    if (p == a) return true;
  return false;
}

// Inside an h1-h6: the heading's own words (Sphinx wraps each section
// title in <a class="toc-backref">) are no furniture by a token; a heading
// inside furniture went with its block before the walk came down to it.
bool InsideHeading(const xmlNode* n) {
  for (const xmlNode* p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
    if (IsOneOf(Name(p), {"h1", "h2", "h3", "h4", "h5", "h6"})) return true;  // not th: navboxes
  return false;
}

std::string WithoutSpaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (!IsAsciiSpace(c)) out += c;
  return out;
}

// The texts of the page's h1 elements, spaces left out.
std::vector<std::string> HeadlineTexts(const xmlNode* root) {
  std::vector<std::string> texts;
  std::vector<const xmlNode*> stack = {root};
  while (!stack.empty()) {
    const xmlNode* c = stack.back();
    stack.pop_back();
    if (c == nullptr || !IsElement(c)) continue;
    if (Name(c) == "h1") {
      if (xmlChar* h = xmlNodeGetContent(c)) {
        texts.push_back(WithoutSpaces(reinterpret_cast<const char*>(h)));
        xmlFree(h);
      }
      continue;
    }
    for (const xmlNode* k = c->children; k; k = k->next)
      if (IsElement(k)) stack.push_back(k);
  }
  return texts;
}

// Reads like a standfirst: sentences (it ends like one), no picture (a
// header's image brings its caption and credit along), not the headline
// again (one of `headlines`, HeadlineTexts): a sticky bar's copy of a
// headline that asks a question ends like a sentence too.
bool IsLeadLike(const xmlNode* node, const std::vector<std::string>& headlines) {
  if (HasDescendant(node, {"img", "picture", "figure", "video"}, 0)) return false;
  xmlChar* content = xmlNodeGetContent(node);
  if (!content) return false;
  std::string_view t = TrimAscii(reinterpret_cast<const char*>(content));
  char32_t last = utf8::Last(t);
  bool sentence = last == '.' || last == '!' || last == '?' || last == 0x2026 || last == 0x3002 ||
                  last == 0xFF01 || last == 0xFF1F || last == '"' || last == 0x201D || last == 0xBB;
  if (sentence && !t.empty() && t.size() <= 600) {
    const std::string text = WithoutSpaces(t);
    sentence = std::find(headlines.begin(), headlines.end(), text) == headlines.end();
  }
  xmlFree(content);
  return sentence;
}

// Above this weight a block before the article is a section of the page,
// not the article's header.
constexpr size_t kMaxLeadHeaderWeight = 2000;

// Furniture below this weight between an article's header and its body
// (share buttons, tags, a breadcrumb) does not hide the header's lead.
constexpr size_t kMaxSteppedOverWeight = 300;

const std::vector<std::string>& Extractor::Headlines(const xmlNode* node) {
  if (!headlines_)
    headlines_ = HeadlineTexts(node->doc ? xmlDocGetRootElement(node->doc) : nullptr);
  return *headlines_;
}

// The standfirst inside an article's header, beside its headline, picture
// and byline: link-poor blocks that read like sentences (IsLeadLike), not
// captions, not furniture; a subheading counts when it is a sentence of some
// length (a deck). Appended in document order.
void Extractor::CollectInnerLeads(xmlNode* node, std::vector<xmlNode*>* out, int depth) {
  for (xmlNode* c = node->children; c; c = c->next) {
    if (!IsElement(c)) continue;
    const Stat& s = stats_[c];
    std::string_view n = Name(c);
    if (s.weight == 0 || s.factor < 0.7 || IsCaption(c) || IsOneOf(n, {"figure", "h1"})) continue;
    double ld = static_cast<double>(s.link) / static_cast<double>(s.weight);
    if (s.leaf_block && IsBlockElement(n)) {
      if (ld < 0.3 && good_[c] >= (IsHeading(n) ? 80u : 60u) && IsLeadLike(c, Headlines(c)))
        out->push_back(c);
    } else if (!s.leaf_block && depth < kMaxDepth) {
      CollectInnerLeads(c, out, depth + 1);
    }
  }
}

void Extractor::CountLeftOut(const xmlNode* c, const std::unordered_set<const xmlNode*>& kept,
                             double threshold, size_t* dropped, int depth) {
  if (kept.count(c)) return;
  if (!IsElement(c)) {
    // Text beside a kept standfirst, inside its header.
    if (depth > 0) CountRemovedNode(report_, c, "main-content", "");
    return;
  }
  const Stat& s = stats_[c];
  if (s.weight == 0 && !HasImage(c, 0)) return;
  // A header whose standfirst was kept (CollectInnerLeads) is left out
  // around it: its other parts are counted one by one.
  if (depth < kMaxDepth &&
      std::any_of(kept.begin(), kept.end(), [&](const xmlNode* k) { return IsAncestor(c, k); })) {
    for (const xmlNode* k = c->children; k; k = k->next)
      CountLeftOut(k, kept, threshold, dropped, depth + 1);
    return;
  }
  ++*dropped;
  CountRemovedNode(report_, c, "main-content", "");
  if (options_.explain) {
    char buf[96];
    std::snprintf(buf, sizeof buf, " (main-content: score %.1f < %.1f) weight=%zu",
                  score_.count(c) ? score_[c] : 0.0, threshold, s.weight);
    std::string text;
    xmlChar* content = xmlNodeGetContent(c);
    if (content) {
      text = Excerpt(reinterpret_cast<const char*>(content));
      xmlFree(content);
    }
    report_.AddEvent({"html", "removed " + DescribeElement(c) + buf, -1, std::move(text), ""});
  }
}

std::vector<xmlNode*> Extractor::Select(xmlNode* body) {
  Stat total;
  Measure(body, false, 0, &total);
  total_ = total.weight;
  PropagateFactors(body, 1, 0);
  ScoreParagraphs(body, 0);
  const xmlNode* top = nullptr;
  double best = 0;
  for (auto& [node, v] : score_) {
    const Stat& s = stats_[node];
    double ld = s.weight ? static_cast<double>(s.link) / static_cast<double>(s.weight) : 0;
    v *= (1 - ld);
    // A thread of reader comments is no candidate while a post precedes it.
    if (s.in_comments) continue;
    if (v > best || (v == best && top && node->line < top->line)) {
      best = v;
      top = node;
    }
  }
  if (!top || top == body || best < 5) {
    if (options_.explain) {
      char buf[64];
      std::snprintf(buf, sizeof buf, " (best score %.1f)", best);
      report_.AddEvent({"html",
                        std::string("no candidate stands out: the whole body is kept") + buf, -1,
                        "", ""});
    }
    return {body};
  }
  const xmlNode* candidate = top;
  double candidate_score = best;
  // An ancestor holding much more paragraph text than the top candidate is
  // the real container: a forum thread of posts, an article split over
  // sibling divs around an ad.
  {
    // The page's own article marker (itemprop=articleBody, <main>, a
    // single <article>) bounds the climb.
    const xmlNode* best_node = top;
    for (const xmlNode* a = top->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
      bool marker_below = false;
      for (const xmlNode* m = top; m && m != a; m = m->parent)
        if (markers_.count(m)) marker_below = true;
      if (marker_below) break;
      const Stat& s = stats_[a];
      double ld = s.weight ? static_cast<double>(s.link) / static_cast<double>(s.weight) : 0;
      if (ld < 0.3 && good_[a] * 10 >= good_[best_node] * 14) best_node = a;
      if (a == body) break;
    }
    if (best_node == body) {
      if (options_.explain)
        report_.AddEvent({"html",
                          "selected " + DescribeElement(top) +
                              ", widened to the whole body (it holds much more good text)",
                          -1, "", ""});
      return {body};
    }
    if (best_node != top) {
      top = best_node;
      best = std::max(best, score_.count(top) ? score_[top] : 0.0);
    }
  }
  double threshold = std::max(10.0, best * 0.2);
  std::vector<xmlNode*> keep;
  xmlNode* parent = top->parent;
  for (xmlNode* c = parent ? parent->children : const_cast<xmlNode*>(top); c; c = c->next) {
    if (!IsElement(c)) continue;
    bool take = c == top;
    if (!take) {
      auto it = score_.find(c);
      if (it != score_.end() && it->second >= threshold && !CommentsAfterText(c)) take = true;
    }
    if (!take) {
      // A paragraph, or a block of link-poor text that is not furniture:
      // the article continued past an ad or a figure.
      const Stat& s = stats_[c];
      double ld = s.weight ? static_cast<double>(s.link) / static_cast<double>(s.weight) : 1;
      if (Name(c) == "p" && s.weight > 80 && ld < 0.25) take = true;
      if (good_[c] >= 250 && ld < 0.2 && s.factor >= 0.7) take = true;
    }
    if (take) keep.push_back(c);
    if (!parent) break;
  }
  // The lead: the article's standfirst, deck or intro often sits just
  // before its container, in a header of the story. Up to three levels
  // above the selection, the nearest preceding siblings holding link-poor
  // text and no furniture evidence join it.
  {
    std::vector<xmlNode*> lead;
    const xmlNode* path = keep.front();
    for (int level = 0; level < 4 && path && path != body; ++level, path = path->parent) {
      if (markers_.count(path) && level > 0) {
        // The page's article marker bounds the lead, but for the article's
        // own <header> just before it.
        xmlNode* h = path->prev;
        while (h && !IsElement(h)) h = h->prev;
        if (h && Name(h) == "header" && stats_[h].factor >= 0.7 &&
            stats_[h].weight <= kMaxLeadHeaderWeight) {
          std::vector<xmlNode*> inner;
          CollectInnerLeads(h, &inner, 0);
          lead.insert(lead.end(), inner.rbegin(), inner.rend());
        }
        break;
      }
      int seen = 0;
      for (xmlNode* c = path->prev; c && seen < 3; c = c->prev) {
        if (!IsElement(c)) continue;
        ++seen;
        const Stat& s = stats_[c];
        if (s.weight == 0) continue;
        double ld = static_cast<double>(s.link) / static_cast<double>(s.weight);
        // A small share bar or tag list between the header and the body
        // is stepped over; larger furniture ends the search.
        if ((s.factor < 0.7 || ld >= 0.5) && s.weight < kMaxSteppedOverWeight) continue;
        if (s.factor < 0.7 || ld >= 0.5 || s.weight > stats_[top].weight) break;
        if (ld < 0.3 && good_[c] >= 60 && !IsHeading(Name(c)) && IsLeadLike(c, Headlines(c)))
          lead.push_back(c);
        else if (s.weight <= kMaxLeadHeaderWeight) {
          std::vector<xmlNode*> inner;
          CollectInnerLeads(c, &inner, 0);
          lead.insert(lead.end(), inner.rbegin(), inner.rend());
        }
      }
      if (path->parent == body) break;
    }
    if (!lead.empty()) {
      // Collected nearest first, level by level: reversed, that is
      // document order (an ancestor's siblings precede the inner ones).
      std::reverse(lead.begin(), lead.end());
      if (options_.explain)
        for (const xmlNode* l : lead)
          report_.AddEvent({"html", "lead kept: " + DescribeElement(l), -1, "", ""});
      keep.insert(keep.begin(), lead.begin(), lead.end());
    }
  }
  // The path from the selection down to the chosen candidate stays whole.
  for (const xmlNode* p = candidate; p && p != top; p = p->parent) protected_.insert(p);

  if (options_.explain) {
    // The runner-up: the best candidate outside the selection's subtree.
    const xmlNode* runner = nullptr;
    double runner_score = 0;
    for (auto& [node, v] : score_) {
      if (IsAncestor(top, node) || IsAncestor(node, top)) continue;
      if (v > runner_score || (v == runner_score && runner && node->line < runner->line)) {
        runner_score = v;
        runner = node;
      }
    }
    char buf[160];
    std::snprintf(buf, sizeof buf, " score %.1f, holds %zu of %zu good weight", candidate_score,
                  good_[top], good_[body]);
    std::string what = "selected " + DescribeElement(candidate) + buf;
    if (top != candidate) what += "; widened to " + DescribeElement(top);
    if (keep.size() > 1) what += " and " + std::to_string(keep.size() - 1) + " sibling(s)";
    if (runner) {
      std::snprintf(buf, sizeof buf, " score %.1f", runner_score);
      what += "; runner-up " + DescribeElement(runner) + buf;
    }
    report_.AddEvent({"html", std::move(what), -1, "", ""});
  }

  // Fallback: a selection holding little of the page's good text, small in
  // itself, is more likely a wrong pick (a caption, a teaser) than the
  // article: the whole body goes on, and the block-level boilerplate filter
  // picks the article span.
  size_t selected_good = 0;
  for (const xmlNode* k : keep) selected_good += good_[k];
  if (selected_good * 4 < good_[body] && selected_good < 1500) {
    report_.Count("html", "main-content-fallback");
    if (options_.explain)
      report_.AddEvent({"html",
                        "main-content fallback: the selection holds " +
                            std::to_string(selected_good) + " of " + std::to_string(good_[body]) +
                            " good weight; the whole body is kept",
                        -1, "", ""});
    return {body};
  }

  // Count (and explain) what the selection leaves out.
  std::unordered_set<const xmlNode*> kept(keep.begin(), keep.end());
  size_t dropped = 0;
  for (const xmlNode* a = top; a && a != body; a = a->parent)
    for (const xmlNode* c = a->parent ? a->parent->children : nullptr; c; c = c->next)
      if (c != a) CountLeftOut(c, kept, threshold, &dropped, 0);
  if (dropped) report_.Count("html", "main-content-removed", static_cast<int64_t>(dropped));
  return keep;
}

size_t Extractor::CaptionWeight(const xmlNode* node, int depth) {
  size_t w = 0;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (!IsElement(c)) continue;
    if (IsCaption(c))
      w += stats_[c].weight;
    else if (depth < kMaxDepth)
      w += CaptionWeight(c, depth + 1);
  }
  return w;
}

// A heading holding a link, or a link holding a heading or an image: the
// headline or the picture of another page.
bool HasLinkedHeadline(const xmlNode* node, int depth) {
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (!IsElement(c)) continue;
    std::string_view n = Name(c);
    if (IsOneOf(n, {"h2", "h3", "h4", "h5", "h6"}) && HasDescendant(c, {"a"}, 0)) return true;
    if (n == "a" && HasDescendant(c, {"h2", "h3", "h4", "h5", "h6", "img", "picture"}, 0))
      return true;
    if (depth < kMaxDepth && HasLinkedHeadline(c, depth + 1)) return true;
  }
  return false;
}

// A heading holding a link, or a link holding a heading.
bool HasLinkedHeading(const xmlNode* node, int depth) {
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (!IsElement(c)) continue;
    std::string_view n = Name(c);
    if (IsOneOf(n, {"h2", "h3", "h4", "h5", "h6"}) && HasDescendant(c, {"a"}, 0)) return true;
    if (n == "a" && HasDescendant(c, {"h2", "h3", "h4", "h5", "h6"}, 0)) return true;
    if (depth < kMaxDepth && HasLinkedHeading(c, depth + 1)) return true;
  }
  return false;
}

// A list of teasers for other pages: three or more children alike (same
// element, same class), most of the children, each short, each with a
// linked headline or picture (HasLinkedHeadline). Their summaries read like the article; their
// structure does not.
bool Extractor::IsTeaserList(const xmlNode* node) {
  std::unordered_map<std::string, int> groups;
  int children = 0;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (!IsElement(c)) continue;
    ++children;
    if (IsOneOf(Name(c), {"p", "br", "span", "a", "em", "strong", "b", "i"})) continue;
    ++groups[std::string(Name(c)) + "." + std::string(Attr(c, "class"))];
  }
  if (children < 3) return false;
  std::string best;
  int best_n = 0;
  for (auto& [k, n] : groups)
    if (n > best_n) best_n = n, best = k;
  if (best_n < 3 || best_n * 10 < children * 6) return false;
  int teasers = 0;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (!IsElement(c) || std::string(Name(c)) + "." + std::string(Attr(c, "class")) != best)
      continue;
    const Stat& s = stats_[c];
    if (s.weight == 0 || s.weight > 800 || s.link * 20 < s.weight * 3) return false;
    if (!HasLinkedHeadline(c, 0)) return false;
    ++teasers;
  }
  return teasers >= 3;
}

// Above this weight a block with a linked headline is a section of the
// article (a listicle entry, a product review), not a card.
constexpr size_t kMaxTeaserCardWeight = 600;

// One teaser card inside the article (a "read also" box: a linked
// headline with its summary): a block holding a heading that links to
// another page (HasLinkedHeading), short, with a third of its text or more
// in links. A heading alone is not a card: a listicle's entries link their
// headings to what they review.
bool IsTeaserCard(const xmlNode* node, const Stat& st, double link_density) {
  if (st.weight == 0 || st.weight >= kMaxTeaserCardWeight || link_density < 0.3) return false;
  std::string_view name = Name(node);
  // Table cells are data; a post (`post`, `entry`) is the article itself
  // on a blog's page, its title linking to its permalink.
  if (IsHeading(name) || IsOneOf(name, {"table", "thead", "tbody", "tr", "td"}) ||
      HasContentWord(node))
    return false;
  return HasLinkedHeading(node, 0);
}

void Extractor::PruneFurniture(xmlNode* node, size_t guard_total, int depth) {
  // Children alike (same element, same class) that hold most of the
  // selection together are its structure: the sections of a review, the
  // columns of a page builder.
  std::unordered_map<std::string, size_t> group_weight;
  for (const xmlNode* c = node->children; c; c = c->next)
    if (IsElement(c) && !Attr(c, "class").empty())
      group_weight[std::string(Name(c)) + "." + std::string(Attr(c, "class"))] += stats_[c].weight;
  xmlNode* next = nullptr;
  for (xmlNode* c = node->children; c; c = next) {
    next = c->next;
    if (!IsElement(c)) continue;
    std::string_view name = Name(c);
    const Stat& st = stats_[c];
    bool guarded = protected_.count(c) > 0 ||
                   (st.weight * 2 > guard_total && st.weight > 200 && !CommentsAfterText(c));
    if (guarded) {
      if (depth < kMaxDepth) PruneFurniture(c, guard_total, depth + 1);
      continue;
    }
    double ld = st.weight ? static_cast<double>(st.link) / static_cast<double>(st.weight) : 0;
    if (options_.adblock && AdblockMatches(c)) {
      if (std::string rule = options_.adblock->Match(c); !rule.empty()) {
        Remove(c, "adblock", rule, st.weight);
        continue;
      }
    }
    if (name.find('-') != std::string_view::npos && st.weight < 200) {
      Remove(c, "custom-element", name, st.weight);
      continue;
    }
    if (IsSemanticFurniture(c)) {
      std::string_view role = Attr(c, "role");
      Remove(c, "semantic", role.empty() ? name : role, st.weight);
      continue;
    }
    if (IsTeaserList(c)) {
      Remove(c, "teaser-list", "", st.weight);
      continue;
    }
    if (IsTeaserCard(c, st, ld)) {
      Remove(c, "teaser", "", st.weight);
      continue;
    }
    if (drop_captions_ && st.weight < kMaxCaptionWeight && IsCaption(c) && !HasImage(c, 0)) {
      Remove(c, "caption", "", st.weight);
      continue;
    }
    bool weak = false;
    std::string_view token = Token(c, &weak);
    bool remove = false;
    if (!token.empty() && !InsideHeading(c)) {
      if (weak)  // a compound's part: only small or link-dense elements
        remove = ld > 0.5 || st.weight < 100;
      else if (IsPresentationToken(token))  // never content-like text
        remove = !(ld < 0.25 &&
                   (st.weight >= 300 ||
                    group_weight[std::string(name) + "." + std::string(Attr(c, "class"))] * 2 >
                        guard_total));
      else
        remove = true;
    }
    if (remove) {
      Remove(c, "heuristic", token, st.weight);
      continue;
    }
    if (st.weight == 0 && !HasImage(c, 0) &&
        (!Attr(c, "id").empty() || !Attr(c, "class").empty()) &&
        !IsOneOf(name, {"img", "br", "hr", "td", "th", "tr", "li"})) {
      Remove(c, "empty", "", 0);
      continue;
    }
    if (depth < kMaxDepth) PruneFurniture(c, guard_total, depth + 1);
  }
}

}  // namespace

std::string_view BoilerplateToken(const xmlNode* node, bool* weak) {
  TokenHit weak_hit;
  for (const xmlAttr* a = node->properties; a; a = a->next) {
    std::string_view name = Name(reinterpret_cast<const xmlNode*>(a));
    if (name == "id" || name == "class") {
      TokenHit found;
      ForEachToken(AttrValue(a), [&](std::string_view item) {
        if (!found.token.empty() && !found.weak) return;
        TokenHit h = ItemToken(item);
        if (!h.token.empty() && (found.token.empty() || !h.weak)) found = h;
      });
      if (!found.token.empty() && !found.weak) {
        if (weak) *weak = false;
        return found.token;
      }
      if (!found.token.empty() && weak_hit.token.empty()) weak_hit = found;
    } else if (name.starts_with("data-") && weak_hit.token.empty()) {
      // An attribute name is a script's hook, weak evidence at most.
      TokenHit h = ItemToken(name.substr(5));
      if (!h.token.empty()) weak_hit = {h.token, true};
    }
  }
  if (weak) *weak = true;
  return weak_hit.token;
}

bool IsCommentsAfterText(const xmlNode* node) {
  bool weak = false;
  std::string_view token = BoilerplateToken(node, &weak);
  return IsCommentsToken(token, weak) && HasTextBefore(node);
}

bool IsSemanticFurniture(const xmlNode* node) {
  return IsOneOf(Name(node), {"nav", "aside", "footer"}) ||
         IsOneOf(Attr(node, "role"), {"navigation", "banner", "contentinfo", "complementary",
                                      "search", "dialog", "alertdialog"});
}

xmlNode* PageBody(xmlNode* root) {
  xmlNode* body = const_cast<xmlNode*>(FindElement(root, "body", 0));
  return body ? body : root;
}

xmlNode* CleanDom(xmlNode* root, const CleanOptions& options, Report& report) {
  Extractor ex(options, report);
  ex.RemoveNeverContent(root);
  if (options.boilerplate) {
    Stat total;
    ex.Measure(root, false, 0, &total);
    ex.MarkProtected(root, 0);
    ex.PruneFurniture(root, total.weight, 0);
  }
  NodeIds::Clear(root);
  return PageBody(root);
}

MainContent ExtractMainContent(xmlNode* root, const CleanOptions& options, Report& report) {
  Extractor ex(options, report);
  ex.RemoveNeverContent(root);
  MainContent main;
  main.body = PageBody(root);
  ex.MarkProtected(main.body, 0);
  main.keep = ex.Select(main.body);
  size_t selected = 0, captions = 0;
  for (xmlNode* k : main.keep) {
    selected += ex.StatOf(k).weight;
    captions += ex.CaptionWeight(k, 0);
  }
  ex.drop_captions_ = captions * 3 < selected;
  for (xmlNode* k : main.keep) {
    size_t weight = ex.StatOf(k).weight;
    ex.PruneFurniture(k, weight, 0);
  }
  NodeIds::Clear(root);
  return main;
}

std::string DescribeElement(const xmlNode* node) {
  std::string what = "<" + std::string(Name(node));
  std::string_view id = Attr(node, "id");
  std::string_view cls = Attr(node, "class");
  if (!id.empty()) what += " id=\"" + std::string(id) + "\"";
  if (!cls.empty()) what += " class=\"" + std::string(Excerpt(cls, 40)) + "\"";
  return what + ">";
}

}  // namespace norm::html
