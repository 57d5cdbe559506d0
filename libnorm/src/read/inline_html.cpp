#include "inline_html.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace norm {
namespace {

// HTML element names (WHATWG, with the obsolete ones pages still use),
// sorted for binary search.
constexpr std::array<std::string_view, 135> kElements = {
    "a",        "abbr",       "acronym", "address",  "area",     "article",    "aside",
    "audio",    "b",          "base",    "basefont", "bdi",      "bdo",        "big",
    "blink",    "blockquote", "body",    "br",       "button",   "canvas",     "caption",
    "center",   "cite",       "code",    "col",      "colgroup", "data",       "datalist",
    "dd",       "del",        "details", "dfn",      "dialog",   "dir",        "div",
    "dl",       "dt",         "em",      "embed",    "fieldset", "figcaption", "figure",
    "font",     "footer",     "form",    "frame",    "frameset", "h1",         "h2",
    "h3",       "h4",         "h5",      "h6",       "head",     "header",     "hgroup",
    "hr",       "html",       "i",       "iframe",   "image",    "img",        "input",
    "ins",      "kbd",        "label",   "legend",   "li",       "link",       "main",
    "map",      "mark",       "marquee", "math",     "menu",     "meta",       "meter",
    "nav",      "nobr",       "noembed", "noframes", "noscript", "object",     "ol",
    "optgroup", "option",     "output",  "p",        "param",    "picture",    "plaintext",
    "pre",      "progress",   "q",       "rb",       "rp",       "rt",         "rtc",
    "ruby",     "s",          "samp",    "script",   "search",   "section",    "select",
    "slot",     "small",      "source",  "span",     "strike",   "strong",     "style",
    "sub",      "summary",    "sup",     "svg",      "table",    "tbody",      "td",
    "template", "textarea",   "tfoot",   "th",       "thead",    "time",       "title",
    "tr",       "track",      "tt",      "u",        "ul",       "var",        "video",
    "wbr",      "xmp"};

static_assert(std::is_sorted(kElements.begin(), kElements.end()));

constexpr std::array<std::string_view, 15> kVoid = {"area",  "base", "basefont", "br",     "col",
                                                    "embed", "hr",   "image",    "img",    "input",
                                                    "link",  "meta", "param",    "source", "track"};

struct Tag {
  std::string name;  // lower case; empty for comments and declarations
  bool closing = false;
  bool self_closing = false;
  bool markup = false;  // comment, processing instruction, declaration, CDATA
};

Tag ParseTag(std::string_view s) {
  Tag t;
  if (s.size() < 2 || s[0] != '<') return t;
  if (s[1] == '!' || s[1] == '?') {
    t.markup = true;
    return t;
  }
  size_t i = 1;
  if (s[i] == '/') {
    t.closing = true;
    ++i;
  }
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '-'))
    t.name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[i++]))));
  t.self_closing = s.size() >= 2 && s[s.size() - 2] == '/';
  return t;
}

bool IsElementName(std::string_view name) {
  if (name.find('-') != std::string_view::npos) return true;  // a custom element
  return std::binary_search(kElements.begin(), kElements.end(), name);
}

}  // namespace

bool IsHtmlTag(const std::vector<std::string_view>& tags, size_t i, char before) {
  Tag t = ParseTag(tags[i]);
  if (t.markup) return true;
  if (t.name.empty() || !IsElementName(t.name)) return false;
  bool glued = std::isalnum(static_cast<unsigned char>(before)) != 0;
  if (t.closing || !glued || t.self_closing ||
      std::find(kVoid.begin(), kVoid.end(), t.name) != kVoid.end())
    return true;
  for (size_t k = i + 1; k < tags.size(); ++k) {
    Tag c = ParseTag(tags[k]);
    if (c.closing && c.name == t.name) return true;
  }
  return false;
}

}  // namespace norm
