// Format sniffing: which reader a text goes to when --format is auto.
//
// HTML is recognised as a browser would: by the file name, or by markup
// evidence anywhere in the first 64 KB (a doctype, <html>, <head> or <body>
// at the start of a line or right after another tag, possibly after a
// prolog of comments, <style>, <script>, <meta> or <link> elements or a
// wrapper element such as <text id=URL>), or by a text that starts with a
// tag and is mostly element markup, with no Markdown in its text. Markdown
// needs a construct of its own; anything else is plain text.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <string>

#include "ascii.h"
#include "lines.h"
#include "reader.h"

namespace norm {
namespace {

using text::IsAsciiSpace;
using text::NextLine;
using text::StartsWithNoCase;
using text::TrimAscii;

constexpr size_t kSniffWindow = 64 * 1024;

// `<name` followed by white space, '>' or '/' (so `<header` is not `<head`).
bool StartsWithTag(std::string_view s, std::string_view name) {
  if (s.size() < name.size() + 2 || s[0] != '<' || !StartsWithNoCase(s.substr(1), name))
    return false;
  char after = s[name.size() + 1];
  return IsAsciiSpace(after) || after == '>' || after == '/';
}

// A doctype, <html>, <head> or <body>: markup no Markdown document starts
// a line with outside code.
bool StartsWithPageMarkup(std::string_view s) {
  return StartsWithNoCase(s, "<!doctype html") || StartsWithTag(s, "html") ||
         StartsWithTag(s, "head") || StartsWithTag(s, "body");
}

// Skips what may precede a page's <html> without making it a fragment:
// white space, a BOM, comments, <?xml ...?>, and whole <style>, <script>,
// <meta>, <link> and <title> elements. Returns in *elements how many
// elements (not comments) it skipped.
std::string_view SkipProlog(std::string_view s, int* elements) {
  *elements = 0;
  for (;;) {
    while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
    if (s.starts_with("\xEF\xBB\xBF")) {
      s.remove_prefix(3);
      continue;
    }
    size_t end = std::string_view::npos;
    bool element = false;
    if (s.starts_with("<!--")) {
      end = s.find("-->", 4);
      if (end != std::string_view::npos) end += 3;
    } else if (s.starts_with("<?")) {
      end = s.find("?>", 2);
      if (end != std::string_view::npos) end += 2;
    } else {
      for (std::string_view raw : {"style", "script", "title"}) {
        if (!StartsWithTag(s, raw)) continue;
        std::string close = "</" + std::string(raw);
        for (size_t at = s.find("</"); at != std::string_view::npos; at = s.find("</", at + 2)) {
          if (StartsWithNoCase(s.substr(at), close)) {
            end = s.find('>', at);
            if (end != std::string_view::npos) ++end;
            break;
          }
        }
        break;
      }
      if (StartsWithTag(s, "meta") || StartsWithTag(s, "link")) {
        end = s.find('>');
        if (end != std::string_view::npos) ++end;
      }
      element = true;
    }
    if (end == std::string_view::npos) return s;
    s.remove_prefix(end);
    *elements += element;
  }
}

// Page markup (StartsWithPageMarkup) at the start of a line, indented less
// than a code block, or right after another tag on it; fenced code blocks
// and lines of indented code are skipped.
bool HasPageMarkupOutsideCode(std::string_view window) {
  size_t pos = 0;
  std::string_view fence;  // the open fence's marker run, empty outside one
  while (pos < window.size()) {
    std::string_view line = NextLine(window, pos);
    size_t indent = 0;
    while (indent < line.size() && line[indent] == ' ') ++indent;
    std::string_view s = line.substr(indent);
    if (indent < 4 && (s.starts_with("```") || s.starts_with("~~~"))) {
      size_t run = 0;
      while (run < s.size() && s[run] == s[0]) ++run;
      if (fence.empty()) {
        fence = s.substr(0, run);
      } else if (s[0] == fence[0] && run >= fence.size()) {
        fence = {};
      }
      continue;
    }
    if (!fence.empty() || indent >= 4 || line.find('<') == std::string_view::npos) continue;
    // A tag chain from the line start: `<text id=x><html>` or `</x> <body>`.
    // The page tag ends its line or leads to more markup: a text that names
    // one ("  <head>...</head> block." in groff's NEWS) is no page.
    for (size_t at = indent; at < line.size() && line[at] == '<';) {
      size_t close = line.find('>', at);
      if (StartsWithPageMarkup(line.substr(at))) {
        if (close == std::string_view::npos) return true;
        std::string_view rest = TrimAscii(line.substr(close + 1));
        if (rest.empty() || rest.front() == '<') return true;
        break;
      }
      if (close == std::string_view::npos) break;
      at = close + 1;
      while (at < line.size() && IsAsciiSpace(line[at])) ++at;
    }
  }
  return false;
}

// Block-level HTML tags that mark a document (or Markdown raw block) as HTML.
bool HasBlockTag(std::string_view s) {
  static constexpr std::string_view kTags[] = {"<p>",  "<p ",  "<div",     "<br",     "<table",
                                               "<li>", "<ul",  "<ol",      "<h1",     "<h2",
                                               "<h3",  "<img", "<section", "<article"};
  for (auto tag : kTags)
    if (s.find(tag) != std::string_view::npos) return true;
  return false;
}

// Names of HTML elements (sorted): a tag of one of these is markup, a tag
// of another name (`<text id=URL>`, `<me@x.org>`, `<T>`) is not counted.
constexpr std::string_view kElementNames[] = {
    "a",          "abbr",     "address",    "area",    "article", "aside",   "b",      "big",
    "blockquote", "body",     "br",         "button",  "caption", "center",  "cite",   "code",
    "col",        "colgroup", "dd",         "del",     "dfn",     "div",     "dl",     "dt",
    "em",         "fieldset", "figcaption", "figure",  "font",    "footer",  "form",   "h1",
    "h2",         "h3",       "h4",         "h5",      "h6",      "head",    "header", "hr",
    "html",       "i",        "iframe",     "img",     "input",   "ins",     "kbd",    "label",
    "legend",     "li",       "link",       "main",    "map",     "mark",    "meta",   "nav",
    "noscript",   "ol",       "optgroup",   "option",  "p",       "picture", "pre",    "q",
    "s",          "samp",     "script",     "section", "select",  "small",   "source", "span",
    "strike",     "strong",   "style",      "sub",     "sup",     "table",   "tbody",  "td",
    "textarea",   "tfoot",    "th",         "thead",   "time",    "title",   "tr",     "tt",
    "u",          "ul",       "var",        "video"};

bool IsElementName(std::string_view lower) {
  return std::binary_search(std::begin(kElementNames), std::end(kElementNames), lower);
}

// How much of a window is HTML element markup: tags of known elements,
// comments and the bodies of <script> and <style> (markup bytes), against
// the other non-space bytes (text). `outside` gets the text between them,
// so that Markdown evidence is looked for in text only (a stylesheet's
// `#id {` line or a script's `a[i](x)` is no Markdown).
struct MarkupShare {
  size_t tags = 0;
  size_t markup = 0;
  size_t text = 0;
  std::string outside;
};

MarkupShare MeasureMarkup(std::string_view w) {
  MarkupShare m;
  size_t i = 0;
  while (i < w.size()) {
    char c = w[i];
    if (c != '<') {
      if (!IsAsciiSpace(c)) ++m.text;
      m.outside.push_back(c);
      ++i;
      continue;
    }
    if (w.compare(i, 4, "<!--") == 0) {
      size_t end = w.find("-->", i + 4);
      end = end == std::string_view::npos ? w.size() : end + 3;
      m.markup += end - i;
      i = end;
      continue;
    }
    size_t n = i + 1 + (i + 1 < w.size() && w[i + 1] == '/');
    size_t name_end = n;
    std::string name;
    while (name_end < w.size() && name.size() < 12 &&
           std::isalnum(static_cast<unsigned char>(w[name_end])))
      name.push_back(text::AsciiLower(w[name_end++]));
    size_t close = w.find('>', name_end);
    bool tag = !name.empty() && name_end < w.size() &&
               (IsAsciiSpace(w[name_end]) || w[name_end] == '>' || w[name_end] == '/') &&
               close != std::string_view::npos && close - i < 4096 && IsElementName(name);
    if (!tag) {
      m.outside.push_back(c);
      ++m.text;
      ++i;
      continue;
    }
    ++m.tags;
    size_t end = close + 1;
    if ((name == "script" || name == "style") && w[i + 1] != '/') {
      // The body runs to the end tag (or the window's end).
      std::string end_tag = "</" + name;
      size_t at = end;
      while (at < w.size() && !StartsWithNoCase(w.substr(at), end_tag)) {
        at = w.find('<', at + 1);
        if (at == std::string_view::npos) at = w.size();
      }
      end = at;
    }
    m.markup += end - i;
    m.outside.push_back('\n');  // a tag ends a line of text for the checks below
    i = end;
  }
  return m;
}

// A heading, a fence or a link in text: Markdown that a fragment of HTML
// would not write (the looser constructs of HasMarkdownConstruct, a `- `
// line or two asterisks, are common in an HTML page's text).
bool HasMarkdownStructure(std::string_view text) {
  if (text.find("](") != std::string_view::npos) return true;
  size_t pos = 0;
  while (pos < text.size()) {
    std::string_view s = TrimAscii(NextLine(text, pos));
    if (s.starts_with("```") || s.starts_with("~~~") || s.starts_with("# ") || s.starts_with("##"))
      return true;
  }
  return false;
}

// `[text](url)`: a `](` with a `[` before it. (A lone `](` is what a GBK
// or Big5 stream read out of step leaves: a character whose trail byte is
// `]`, then an inserted reading, 蹧](méi).)
bool HasLink(std::string_view line) {
  for (size_t pos = line.find("]("); pos != std::string_view::npos;
       pos = line.find("](", pos + 1)) {
    if (line.rfind('[', pos) != std::string_view::npos) return true;
  }
  return false;
}

// `*emphasis*`: a `*` before a non-space and a later one after a non-space
// (cmark's flanking rule, roughly); `*s++ = *t++` in C code is none.
bool HasEmphasis(std::string_view line) {
  size_t open = std::string_view::npos;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '*') continue;
    if (open != std::string_view::npos && i > open + 1 && line[i - 1] != ' ') return true;
    if (open == std::string_view::npos && i + 1 < line.size() && line[i + 1] != ' ') open = i;
  }
  return false;
}

// The ASCII punctuation a Markdown writer escapes (\* \_ \[ \# ...): what
// would otherwise be syntax. A backslash before a comma, colon or question
// mark escapes nothing; in Chinese text it is Big5's trail byte 0x5C left
// bare by a stream read out of step (言\,,).
bool IsMarkdownEscapable(char c) {
  static constexpr std::string_view kSyntax = "\\`*_{}[]()#+-.!|<>~";
  return kSyntax.find(c) != std::string_view::npos;
}

bool HasMarkdownConstruct(std::string_view text) {
  size_t pos = 0;
  int lines = 0;
  while (pos < text.size() && lines < 2000) {
    std::string_view line = NextLine(text, pos);
    ++lines;
    std::string_view s = line;
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    if (s.empty()) continue;
    if (s.front() == '#' || s.front() == '>' || s.rfind("```", 0) == 0 || s.rfind("- ", 0) == 0 ||
        s.rfind("* ", 0) == 0 || s.rfind("===", 0) == 0 || s.rfind("---", 0) == 0 ||
        s.rfind("***", 0) == 0 || s.rfind("|", 0) == 0)
      return true;
    if (s.front() == '<' && HasBlockTag(s)) return true;
    // Reference and footnote definitions, autolinks.
    if ((s.front() == '[' && s.find("]: ") != std::string_view::npos) ||
        line.find("<http://") != std::string_view::npos ||
        line.find("<https://") != std::string_view::npos)
      return true;
    if (HasLink(line) || HasEmphasis(line) || std::count(line.begin(), line.end(), '`') >= 2)
      return true;
    for (size_t i = 0; i + 1 < line.size(); ++i) {
      if (line[i] == '\\' && IsMarkdownEscapable(line[i + 1])) return true;
    }
  }
  return false;
}

}  // namespace

InputFormat FormatFromName(std::string_view name) {
  size_t dot = name.rfind('.');
  size_t slash = name.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
    return InputFormat::kAuto;
  std::string ext;
  for (char c : name.substr(dot + 1)) ext.push_back(static_cast<char>(std::tolower(c)));
  if (ext == "html" || ext == "htm" || ext == "xhtml" || ext == "shtml") return InputFormat::kHtml;
  return InputFormat::kAuto;
}

InputFormat SniffFormat(std::string_view text) {
  std::string_view window = text.substr(0, kSniffWindow);
  std::string_view trimmed = text::TrimAscii(text);
  int elements = 0;
  std::string_view t = SkipProlog(window, &elements);
  if (StartsWithPageMarkup(t) || StartsWithNoCase(trimmed, "<?xml")) return InputFormat::kHtml;
  // A page whose <html> comes later: after a wrapper element, or after
  // styles, scripts and comments longer than the prolog skip reaches.
  if (HasPageMarkupOutsideCode(window)) return InputFormat::kHtml;
  if (trimmed.rfind("---", 0) == 0) return InputFormat::kMarkdown;
  if (!trimmed.empty() && trimmed.front() == '<') {
    // Markup from the first byte, with no Markdown in its text (styles and
    // scripts are not its text): an HTML fragment if a block tag comes
    // early, or if element markup outweighs the text, whatever wrapper
    // element (`<text id=URL>`, `<doc>`) it starts with. Markdown with some
    // inline HTML has Markdown of its own or more text than markup.
    MarkupShare m = MeasureMarkup(window);
    bool markdown = HasMarkdownStructure(m.outside);
    if (!markdown && HasBlockTag(trimmed.substr(0, 4096))) return InputFormat::kHtml;
    if (!markdown && m.tags >= 8 && m.markup > m.text) return InputFormat::kHtml;
  }
  if (elements > 0 && t.starts_with('<') && HasBlockTag(t.substr(0, 4096)))
    return InputFormat::kHtml;
  // Any Markdown construct or escape makes it Markdown.
  return HasMarkdownConstruct(text) ? InputFormat::kMarkdown : InputFormat::kText;
}

}  // namespace norm
