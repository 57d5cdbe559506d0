#include "html_clean.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "html_convert.h"
#include "html_dom.h"
#include "html_util.h"
#include "html_visible.h"

namespace norm::html {
namespace {

constexpr int kMaxDepth = 200;

bool IsOneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Tokens (whole words of an id, class or data-* attribute name) that mark
// page furniture. Whole-token matching keeps "shadow", "header", "load",
// "download" and "badge" safe.
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
    "signature",    "postprofile", "userinfo",   "avatar"};

// Splits s into alphanumeric words (also at lower-to-upper case changes) and
// returns the first boilerplate token.
std::string_view FindToken(std::string_view s) {
  char buf[40];
  size_t i = 0;
  while (i < s.size()) {
    auto alnum = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
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
    if (n > 0 && !too_long) {
      std::string_view w(buf, n);
      for (std::string_view t : kBoilerplateTokens)
        if (t == w) return t;
    }
  }
  return {};
}

struct Stat {
  size_t weight = 0;  // weighted text length of the subtree
  size_t link = 0;    // of which inside <a>
  size_t commas = 0;
  bool leaf_block = false;  // a block element with no block descendants
};

class Cleaner {
 public:
  Cleaner(const CleanOptions& options, Report& report) : options_(options), report_(report) {}

  void Measure(const xmlNode* node, bool in_link, int depth, Stat* parent);
  void MarkProtected(const xmlNode* node, int depth);
  void Prune(xmlNode* node, int depth);
  void Remove(xmlNode* node, std::string_view reason, std::string_view detail);

  const CleanOptions& options_;
  Report& report_;
  std::unordered_map<const xmlNode*, Stat> stats_;
  std::unordered_set<const xmlNode*> protected_;  // ancestors of article/main markers
  size_t total_ = 0;
};

void Cleaner::Measure(const xmlNode* node, bool in_link, int depth, Stat* out) {
  Stat s;
  bool has_block = false;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      std::string_view t = Content(c);
      size_t w = WeightedLength(t);
      s.weight += w;
      if (in_link) s.link += w;
      for (size_t i = 0; i < t.size(); ++i) {
        if (t[i] == ',') ++s.commas;
        // U+FF0C fullwidth comma, U+3001 ideographic comma.
        if (i + 2 < t.size() && ((t[i] == '\xEF' && t[i + 1] == '\xBC' && t[i + 2] == '\x8C') ||
                                 (t[i] == '\xE3' && t[i + 1] == '\x80' && t[i + 2] == '\x81')))
          ++s.commas;
      }
    } else if (IsElement(c) && depth < kMaxDepth) {
      Stat child;
      Measure(c, in_link || Name(c) == "a", depth + 1, &child);
      s.weight += child.weight;
      s.link += child.link;
      s.commas += child.commas;
      if (IsBlockElement(Name(c))) has_block = true;
    }
  }
  s.leaf_block = !has_block;
  stats_[node] = s;
  if (out) *out = s;
}

void Cleaner::MarkProtected(const xmlNode* node, int depth) {
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (!IsElement(c)) continue;
    std::string_view n = Name(c);
    if (n == "article" || n == "main" || Attr(c, "itemprop") == "articleBody" ||
        Attr(c, "role") == "main") {
      for (const xmlNode* p = c; p; p = p->parent) protected_.insert(p);
    }
    if (depth < kMaxDepth) MarkProtected(c, depth + 1);
  }
}

void Cleaner::Remove(xmlNode* node, std::string_view reason, std::string_view detail) {
  report_.Count("html", std::string(reason) + "-removed");
  CountRemovedNode(report_, node, reason, detail);
  if (options_.explain) {
    std::string what = "removed <" + std::string(Name(node));
    std::string_view id = Attr(node, "id");
    std::string_view cls = Attr(node, "class");
    if (!id.empty()) what += " id=\"" + std::string(id) + "\"";
    if (!cls.empty()) what += " class=\"" + std::string(Excerpt(cls, 40)) + "\"";
    what += "> (" + std::string(reason);
    if (!detail.empty()) what += ": " + std::string(detail);
    what += ")";
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

bool IsHidden(const xmlNode* n) {
  bool found = false;
  Attr(n, "hidden", &found);
  if (found) return true;
  if (Attr(n, "aria-hidden") == "true") return true;
  if (Name(n) == "input" && Attr(n, "type") == "hidden") return true;
  std::string_view style = Attr(n, "style");
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

void Cleaner::Prune(xmlNode* node, int depth) {
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
    if (IsOneOf(name, {"head", "title", "meta", "link", "base"})) {
      xmlUnlinkNode(c);
      xmlFreeNode(c);
      continue;
    }
    if (IsOneOf(name, {"script", "style", "template"})) {
      Remove(c, "never-content", name);
      continue;
    }
    if (!options_.boilerplate) {
      if (depth < kMaxDepth) Prune(c, depth + 1);
      continue;
    }
    const Stat& st = stats_[c];
    bool guarded =
        protected_.count(c) > 0 || (total_ > 0 && st.weight * 2 > total_ && st.weight > 200);
    if (IsOneOf(name, {"noscript", "iframe", "button", "svg", "embed", "object", "input", "select",
                       "textarea", "canvas", "audio", "video", "map", "dialog", "frameset", "frame",
                       "applet"}) ||
        (name == "form" && !guarded)) {
      Remove(c, "never-content", name);
      continue;
    }
    if (IsHidden(c)) {
      Remove(c, "hidden", "");
      continue;
    }
    if (options_.adblock && !protected_.count(c)) {
      if (std::string rule = options_.adblock->Match(c); !rule.empty()) {
        Remove(c, "adblock", rule);
        continue;
      }
    }
    if (name.find('-') != std::string_view::npos && st.weight < 200 && !guarded) {
      Remove(c, "custom-element", name);
      continue;
    }
    if (!guarded) {
      std::string_view role = Attr(c, "role");
      if (IsOneOf(name, {"nav", "aside", "footer"}) ||
          IsOneOf(role, {"navigation", "banner", "contentinfo", "complementary", "search", "dialog",
                         "alertdialog"})) {
        Remove(c, "semantic", role.empty() ? name : role);
        continue;
      }
      std::string_view token = BoilerplateToken(c);
      if (!token.empty()) {
        Remove(c, "heuristic", token);
        continue;
      }
      if (st.weight == 0 && !HasImage(c, 0) &&
          (!Attr(c, "id").empty() || !Attr(c, "class").empty()) &&
          !IsOneOf(name, {"img", "br", "hr", "td", "th", "tr", "li"})) {
        Remove(c, "empty", "");
        continue;
      }
    }
    if (depth < kMaxDepth) Prune(c, depth + 1);
  }
}

// Readability-style candidate scores.
struct Scorer {
  std::unordered_map<const xmlNode*, double> score;
  std::unordered_map<const xmlNode*, Stat> stats;
  // Weight of the paragraphs with little link text under each node.
  std::unordered_map<const xmlNode*, size_t> good;

  Stat Measure(const xmlNode* node, bool in_link, int depth) {
    Stat s;
    bool has_block = false;
    for (const xmlNode* c = node->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        std::string_view t = Content(c);
        size_t w = WeightedLength(t);
        s.weight += w;
        if (in_link) s.link += w;
        for (size_t i = 0; i < t.size(); ++i) {
          if (t[i] == ',') ++s.commas;
          if (i + 2 < t.size() && ((t[i] == '\xEF' && t[i + 1] == '\xBC' && t[i + 2] == '\x8C') ||
                                   (t[i] == '\xE3' && t[i + 1] == '\x80' && t[i + 2] == '\x81')))
            ++s.commas;
        }
      } else if (IsElement(c) && depth < kMaxDepth) {
        Stat child = Measure(c, in_link || Name(c) == "a", depth + 1);
        s.weight += child.weight;
        s.link += child.link;
        s.commas += child.commas;
        if (IsBlockElement(Name(c)) || !child.leaf_block) has_block = true;
      }
    }
    s.leaf_block = !has_block;
    stats[node] = s;
    return s;
  }

  static double TagBonus(std::string_view n) {
    if (n == "article") return 10;
    if (n == "div" || n == "section" || n == "main") return 5;
    if (IsOneOf(n, {"pre", "td", "blockquote"})) return 3;
    if (IsOneOf(n, {"ol", "ul", "dl", "dd", "dt", "li", "form"})) return -3;
    if (IsOneOf(n, {"h1", "h2", "h3", "h4", "h5", "h6", "th"})) return -5;
    return 0;
  }

  void Add(const xmlNode* n, double v) {
    auto it = score.find(n);
    if (it == score.end()) it = score.emplace(n, TagBonus(Name(n))).first;
    it->second += v;
  }

  void ScoreParagraphs(const xmlNode* node, int depth) {
    for (const xmlNode* c = node->children; c; c = c->next) {
      if (!IsElement(c)) continue;
      const Stat& s = stats[c];
      std::string_view n = Name(c);
      bool para = s.leaf_block && (IsBlockElement(n) || n == "font" || n == "span") &&
                  !IsOneOf(n, {"h1", "h2", "h3", "h4", "h5", "h6", "th"});
      if (para && s.weight >= 25) {
        double link_density = s.weight ? static_cast<double>(s.link) / s.weight : 0;
        double v = 1 + static_cast<double>(std::min<size_t>(s.commas, 20)) +
                   std::min(static_cast<double>(s.weight) / 100.0, 3.0);
        v *= (1 - link_density);
        if (link_density < 0.3)
          for (const xmlNode* a = c; a && a->type == XML_ELEMENT_NODE; a = a->parent)
            good[a] += s.weight;
        const xmlNode* p = c->parent;
        for (int level = 0; p && p->type == XML_ELEMENT_NODE && level < 3; ++level, p = p->parent) {
          Add(p, level == 0 ? v : level == 1 ? v / 2 : v / 6);
        }
        continue;
      }
      if (depth < kMaxDepth) ScoreParagraphs(c, depth + 1);
    }
  }
};

}  // namespace

std::string_view BoilerplateToken(const xmlNode* node) {
  for (const xmlAttr* a = node->properties; a; a = a->next) {
    std::string_view name = Name(reinterpret_cast<const xmlNode*>(a));
    std::string_view t;
    if (name == "id" || name == "class") {
      t = FindToken(AttrValue(a));
    } else if (name.starts_with("data-")) {
      t = FindToken(name.substr(5));
    }
    if (!t.empty()) return t;
  }
  return {};
}

void CleanDom(xmlNode* root, const CleanOptions& options, Report& report) {
  Cleaner cleaner(options, report);
  if (options.boilerplate) {
    Stat total;
    cleaner.Measure(root, false, 0, &total);
    cleaner.total_ = total.weight;
    cleaner.MarkProtected(root, 0);
  }
  cleaner.Prune(root, 0);
}

std::vector<const xmlNode*> SelectMainContent(const xmlNode* body, const CleanOptions& options,
                                              Report& report) {
  Scorer sc;
  Stat total = sc.Measure(body, false, 0);
  sc.ScoreParagraphs(body, 0);
  const xmlNode* top = nullptr;
  double best = 0;
  for (auto& [node, v] : sc.score) {
    const Stat& s = sc.stats[node];
    double ld = s.weight ? static_cast<double>(s.link) / s.weight : 0;
    v *= (1 - ld);
    if (v > best || (v == best && top && node->line < top->line)) {
      best = v;
      top = node;
    }
  }
  if (!top || top == body || best < 5) return {body};
  // An ancestor holding much more paragraph text than the top candidate is
  // the real container: a forum thread of posts, an article split over
  // sibling divs around an ad.
  {
    const xmlNode* best_node = top;
    for (const xmlNode* a = top->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
      const Stat& s = sc.stats[a];
      double ld = s.weight ? static_cast<double>(s.link) / s.weight : 0;
      if (ld < 0.3 && sc.good[a] * 10 >= sc.good[best_node] * 14) best_node = a;
      if (a == body) break;
    }
    if (best_node == body) return {body};
    if (best_node != top) {
      top = best_node;
      best = std::max(best, sc.score.count(top) ? sc.score[top] : 0.0);
    }
  }
  double threshold = std::max(10.0, best * 0.2);
  std::vector<const xmlNode*> keep;
  const xmlNode* parent = top->parent;
  for (const xmlNode* c = parent ? parent->children : top; c; c = c->next) {
    if (!IsElement(c)) continue;
    bool take = c == top;
    if (!take) {
      auto it = sc.score.find(c);
      if (it != sc.score.end() && it->second >= threshold) take = true;
    }
    if (!take && Name(c) == "p") {
      const Stat& s = sc.stats[c];
      double ld = s.weight ? static_cast<double>(s.link) / s.weight : 1;
      if (s.weight > 80 && ld < 0.25) take = true;
    }
    if (take) keep.push_back(c);
    if (!parent) break;
  }
  // Count (and explain) what the selection leaves out.
  std::unordered_set<const xmlNode*> kept(keep.begin(), keep.end());
  size_t dropped = 0;
  for (const xmlNode* a = top; a && a != body; a = a->parent) {
    for (const xmlNode* c = a->parent ? a->parent->children : nullptr; c; c = c->next) {
      if (!IsElement(c) || kept.count(c) || c == a) continue;
      const Stat& s = sc.stats[c];
      if (s.weight == 0 && !HasImage(c, 0)) continue;
      ++dropped;
      CountRemovedNode(report, c, "main-content", "");
      if (options.explain) {
        char buf[96];
        std::snprintf(buf, sizeof buf, " (main-content: score %.1f < %.1f)",
                      sc.score.count(c) ? sc.score[c] : 0.0, threshold);
        std::string text;
        xmlChar* content = xmlNodeGetContent(c);
        if (content) {
          text = Excerpt(reinterpret_cast<const char*>(content));
          xmlFree(content);
        }
        report.AddEvent(
            {"html", "removed <" + std::string(Name(c)) + ">" + buf, -1, std::move(text), ""});
      }
    }
  }
  if (dropped) report.Count("html", "main-content-removed", static_cast<int64_t>(dropped));
  (void)total;
  return keep;
}

}  // namespace norm::html
