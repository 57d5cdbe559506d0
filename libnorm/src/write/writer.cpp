#include "writer.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "ascii.h"
#include "markdown_limits.h"
#include "utf8.h"

namespace norm {
namespace {

using writer::ReadBack;

bool IsAsciiPunct(char32_t c) { return c < 0x80 && std::ispunct(static_cast<int>(c)); }

// CommonMark's notion of punctuation for flanking rules.
bool IsPunct(char32_t c) { return IsAsciiPunct(c) || (c >= 0x80 && u_ispunct(c)); }

// End of text counts as whitespace for flanking.
bool IsWs(char32_t c) {
  return c == 0 || text::IsAsciiSpace(c) || (c >= 0x80 && u_isUWhiteSpace(c));
}

bool IsAsciiAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool EntityFollows(std::string_view s, size_t amp) {
  size_t i = amp + 1;
  if (i < s.size() && s[i] == '#') return true;
  size_t start = i;
  while (i < s.size() && IsAsciiAlnum(s[i])) ++i;
  return i > start && i < s.size() && s[i] == ';';
}

// `<` + the local part of an address + `@`: with a domain and `>` after
// it, an email autolink (`<.@a>` read back as a link; found by
// fuzz_roundtrip). Letters after `<` are escaped anyway.
bool EmailAutolinkFollows(std::string_view s, size_t lt) {
  static constexpr std::string_view kLocal = ".!#$%&'*+/=?^_`{|}~-";
  size_t i = lt + 1;
  while (i < s.size() && (IsAsciiAlnum(s[i]) || kLocal.find(s[i]) != std::string_view::npos)) ++i;
  return i > lt + 1 && i < s.size() && s[i] == '@';
}

// White space as the Markdown reader sees it at a line start (and after a
// list marker): what EscapeText writes as a space.
bool IsLineSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// How many leading bytes of a line starting with `text` (followed on the
// line by what starts with `next`, 0 at its end) need a backslash before
// them not to open a block: the length of the digits of an ordered list
// marker plus one, 1 for a heading, quote, bullet, thematic break or setext
// underline, 0 when the line reads back as text anyway (`1.5 million`,
// `23.10.2018`, `-5 °C`, `#hashtag`).
size_t BlockMarkerEnd(std::string_view text, char32_t next) {
  if (text.empty()) return 0;
  // What follows a marker: white space, or the end of the line.
  auto opens_at = [&](size_t i) {
    if (i < text.size()) return IsLineSpace(text[i]);
    return next == 0 || next == '\\';  // the line ends (or a hard break ends it)
  };
  char c = text[0];
  if (c == '>') return 1;
  if (c == '#') {
    size_t run = 0;
    while (run < text.size() && text[run] == '#') ++run;
    return run <= 6 && opens_at(run) ? 1 : 0;
  }
  if (c == '-' || c == '+' || c == '=') {
    if (c != '=' && opens_at(1)) return 1;  // a bullet
    // A thematic break or setext underline: the marker alone on its line.
    size_t i = 0;
    while (i < text.size() && (text[i] == c || text[i] == ' ' || text[i] == '\t')) ++i;
    return i == text.size() ? 1 : 0;
  }
  if (std::isdigit(static_cast<unsigned char>(c))) {
    size_t d = 0;
    while (d < text.size() && std::isdigit(static_cast<unsigned char>(text[d]))) ++d;
    if (d <= 9 && d < text.size() && (text[d] == '.' || text[d] == ')') && opens_at(d + 1))
      return d + 1;
  }
  return 0;
}

std::string EscapeText(std::string_view text, bool at_line_start, bool in_table,
                       char32_t next = 0) {
  std::string out;
  out.reserve(text.size() + 8);
  if (at_line_start) {
    if (size_t end = BlockMarkerEnd(text, next); end > 0) {
      out.append(text.substr(0, end - 1));
      out.push_back('\\');
      out.push_back(text[end - 1]);
      text.remove_prefix(end);
    }
  }
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\':
      case '*':
      case '`':
      case '[':
      case ']':
      case '~':
        out.push_back('\\');
        break;
      case '_': {
        bool inside_word =
            i > 0 && i + 1 < text.size() && IsAsciiAlnum(text[i - 1]) && IsAsciiAlnum(text[i + 1]);
        if (!inside_word) out.push_back('\\');
        break;
      }
      // At the end of a text, `next` (what the next inline starts with)
      // decides: `<` + `!x` in the next text reads back as HTML (found by
      // fuzz_roundtrip).
      case '<': {
        char32_t after = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : next;
        if ((after < 0x80 && std::isalpha(static_cast<int>(after))) || after == '/' ||
            after == '!' || after == '?' || EmailAutolinkFollows(text, i))
          out.push_back('\\');
        break;
      }
      case '&':
        if (EntityFollows(text, i)) out.push_back('\\');
        break;
      case '|':
        if (in_table) out.push_back('\\');
        break;
      // Whitespace the Markdown reader collapses (text::IsAsciiSpace) is written
      // as the one space it reads back as (a vertical tab in image alt text
      // did not; found by fuzz_roundtrip).
      case '\n':
      case '\r':
      case '\t':
      case '\f':
      case '\v':
        if (!out.empty() && out.back() == ' ') continue;
        c = ' ';
        break;
      case ' ':
        if (!out.empty() && out.back() == ' ') continue;
        break;
      default:
        break;
    }
    out.push_back(c);
  }
  return out;
}

// In a table cell a `|` is escaped everywhere, a destination or title
// included: the table splits its row on unescaped pipes before inlines are
// read (a link to `|` split its cell; found by fuzz_roundtrip).
std::string EscapeDestination(std::string_view url, bool in_table) {
  bool pointy = url.empty() || url.find_first_of(" \t") != std::string_view::npos;
  std::string out = pointy ? "<" : "";
  for (size_t i = 0; i < url.size(); ++i) {
    char c = url[i];
    if (c == '\n' || c == '\r') {
      out += "%0A";
      continue;
    }
    // cmark-gfm decodes entities in a destination before it resolves
    // backslash escapes (`\&ap;` read back as `\≈`; found by
    // fuzz_roundtrip): an `&` that would start one is written as `&amp;`.
    if (c == '&' && EntityFollows(url, i)) {
      out += "&amp;";
      continue;
    }
    bool escape = c == '\\' || c == '<' || c == '>' || (!pointy && (c == '(' || c == ')')) ||
                  (c == '|' && in_table);
    if (escape) out.push_back('\\');
    out.push_back(c);
  }
  if (pointy) out += ">";
  return out;
}

std::string EscapeTitle(std::string_view title, bool in_table) {
  std::string out = " \"";
  for (size_t i = 0; i < title.size(); ++i) {
    char c = title[i];
    if (c == '&' && EntityFollows(title, i)) {  // as in EscapeDestination
      out += "&amp;";
      continue;
    }
    if (c == '"' || c == '\\' || (c == '|' && in_table)) out.push_back('\\');
    // A CR reads back as a line end (found by fuzz_roundtrip): both are spaces.
    out.push_back(c == '\n' || c == '\r' ? ' ' : c);
  }
  out += '"';
  return out;
}

constexpr size_t kMaxBackticks = 80;

size_t LongestBacktickRun(std::string_view s) {
  size_t longest = 0, run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

std::string CodeSpan(std::string_view code, bool in_table) {
  std::string text;
  for (char c : code) {
    if (c == '\n' || c == '\r') c = ' ';
    if (c == '|' && in_table) text.push_back('\\');
    text.push_back(c);
  }
  std::string fence(LongestBacktickRun(text) + 1, '`');
  bool all_spaces = text.find_first_not_of(' ') == std::string::npos;
  bool pad = !text.empty() && (text.front() == '`' || text.back() == '`' ||
                               (text.front() == ' ' && text.back() == ' ' && !all_spaces));
  return fence + (pad ? " " : "") + text + (pad ? " " : "") + fence;
}

// What a link to `url` shows when written as an autolink (<url>, or
// <address> for mailto:address), or empty when it cannot be one: not an
// absolute URI, white space or angle brackets in it, an entity (decoded
// in autolinks), or `|` in a table cell.
std::string_view AutolinkText(std::string_view url, bool in_table) {
  std::string_view text = url;
  bool email = url.starts_with("mailto:");
  if (email) text.remove_prefix(7);
  if (text.empty()) return {};
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c <= ' ' || c == '<' || c == '>' || c == 0x7F || (c == '|' && in_table) ||
        (c == '&' && EntityFollows(text, i)))
      return {};
  }
  if (email) {
    static constexpr std::string_view kLocal = ".!#$%&'*+/=?^_`{|}~-";
    size_t at = text.find('@');
    if (at == 0 || at == std::string_view::npos) return {};
    for (char c : text.substr(0, at))
      if (!IsAsciiAlnum(c) && kLocal.find(c) == std::string_view::npos) return {};
    std::string_view domain = text.substr(at + 1);
    if (domain.empty() || domain.front() == '-' || domain.back() == '-' || domain.back() == '.')
      return {};
    for (char c : domain)
      if (!IsAsciiAlnum(c) && c != '-' && c != '.') return {};
    return text;
  }
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon < 2 || colon > 32 ||
      !std::isalpha(static_cast<unsigned char>(text[0])))
    return {};
  for (char c : text.substr(0, colon))
    if (!IsAsciiAlnum(c) && c != '+' && c != '.' && c != '-') return {};
  return text;
}

// Emphasis, strong and strike as bits of a set (0: not a style).
unsigned StyleBit(InlineKind kind) {
  switch (kind) {
    case InlineKind::kEmphasis:
      return 1;
    case InlineKind::kStrong:
      return 2;
    case InlineKind::kStrike:
      return 4;
    default:
      return 0;
  }
}

// A footnote label as cmark-gfm matches it: case and runs of white space
// do not count.
std::string FootnoteKey(std::string_view label) {
  std::string key;
  bool space = false;
  for (char c : text::TrimAscii(label)) {
    if (text::IsAsciiSpace(c)) {
      space = true;
      continue;
    }
    if (space) key.push_back(' ');
    space = false;
    key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return key;
}

struct InlineContext {
  bool in_table = false;
  bool in_link = false;
  bool single_line = false;  // headings and table cells: breaks become spaces
  bool unstyled = false;     // inside a style Markdown could not delimit: text only
  // FootnoteKeys of the footnotes the document holds: a reference to any
  // other is text.
  const std::set<std::string>* footnotes = nullptr;
};

class InlineWriter {
 public:
  explicit InlineWriter(InlineContext ctx) : ctx_(ctx) {}

  // Renders a run; `next` is the character that will follow it (0 = end).
  void Run(const Inlines& inlines, std::string& out, char32_t next) {
    // Adjacent texts are one text once read back, so they are escaped as
    // one (`&` + `amp;` would read back as an entity otherwise); adjacent
    // code spans are one span (`a``b` read back as one holding the
    // backticks). Both found by fuzz_roundtrip.
    for (size_t i = 0; i + 1 < inlines.size(); ++i) {
      if (Mergeable(inlines[i], inlines[i + 1])) {
        Inlines merged;
        for (const Inline& in : inlines) {
          if (!merged.empty() && Mergeable(merged.back(), in)) {
            merged.back().text += in.text;
          } else {
            merged.push_back(in);
          }
        }
        Run(merged, out, next);
        return;
      }
    }
    for (size_t i = 0; i < inlines.size(); ++i) {
      // A style delimited here is followed by an unstyled sibling (see
      // after_closer_), so that sibling leads with its text.
      bool styled = !ctx_.unstyled && StyleBit(inlines[i].kind) != 0;
      char32_t after = i + 1 < inlines.size() ? Lead(inlines[i + 1], styled) : next;
      One(inlines[i], out, after);
    }
  }

  bool line_start = true;

 private:
  static bool Mergeable(const Inline& a, const Inline& b) {
    return a.kind == b.kind && (a.kind == InlineKind::kText || a.kind == InlineKind::kCode);
  }

  // The first character the next sibling will render as (approximate for
  // containers, which start with a delimiter when they can).
  // unstyled: styles will be written as their text only.
  char32_t Lead(const Inline& in, bool unstyled = false) {
    unstyled = unstyled || ctx_.unstyled;
    switch (in.kind) {
      case InlineKind::kText: {
        std::string escaped = EscapeText(in.text.substr(0, 8), false, ctx_.in_table);
        return utf8::First(escaped);
      }
      case InlineKind::kBreak:
        return ctx_.single_line ? ' ' : '\\';
      case InlineKind::kCode:
        return LongestBacktickRun(in.text) >= kMaxBackticks ? '\\' : '`';
      case InlineKind::kImage:
        return '!';
      case InlineKind::kFootnoteRef:
        return ctx_.footnotes != nullptr && ctx_.footnotes->count(FootnoteKey(in.text)) ? '['
                                                                                        : '\\';
      case InlineKind::kLink:
        if (ctx_.in_link) return in.children.empty() ? 0 : Lead(in.children.front(), unstyled);
        return !AutolinkText(in.url, ctx_.in_table).empty() && in.title.empty() ? '<' : '[';
      default:
        if (unstyled) return in.children.empty() ? 0 : Lead(in.children.front(), true);
        return '*';
    }
  }

  void One(const Inline& in, std::string& out, char32_t next) {
    switch (in.kind) {
      case InlineKind::kText: {
        // The Markdown reader keeps one space of a run (inline_util's
        // DedupeSpaces), so a run written here would not read back the same.
        // A line's leading spaces are not text either (after a hard break);
        // they go before escaping, which looks at what starts the line.
        std::string_view raw = in.text;
        if (line_start)
          while (!raw.empty() && IsLineSpace(raw.front())) raw.remove_prefix(1);
        // EscapeText writes a run as one space; a space already ending the
        // output makes the text's own leading spaces a run too.
        std::string text = EscapeText(raw, line_start, ctx_.in_table, next);
        std::string_view escaped = text;
        if (!line_start && !out.empty() && out.back() == ' ')
          while (!escaped.empty() && escaped.front() == ' ') escaped.remove_prefix(1);
        // Nothing written leaves the state as it was: a line still starts
        // after an empty text (spaces after a hard break in a style that is
        // written unstyled; found by fuzz_roundtrip).
        if (escaped.empty()) return;
        out += escaped;
        break;
      }
      case InlineKind::kBreak:
        if (ctx_.single_line) {
          out += ' ';
        } else {
          // A break with nothing before it on its line, or at the start of
          // link text, reads back as no break (two in a row read back as
          // one; found by fuzz_roundtrip).
          if (line_start || link_start_) return;
          // Spaces before a line end are not text to a Markdown reader.
          while (!out.empty() && out.back() == ' ') out.pop_back();
          out += "\\\n";
          line_start = true;
          after_closer_ = false;
          return;
        }
        break;
      case InlineKind::kCode:
        // cmark-gfm reads backtick runs of at most 80 (kMaxBackticks): code
        // holding a run of 80 has no fence that reads back, and is written
        // as its text (found by fuzz_roundtrip).
        if (LongestBacktickRun(in.text) >= kMaxBackticks) {
          Inline text = Inline::Text(in.text);
          One(text, out, next);
          return;
        }
        out += CodeSpan(in.text, ctx_.in_table);
        break;
      case InlineKind::kFootnoteRef:
        // A reference to a footnote the document does not hold reads back
        // as text: it is written as text.
        if (ctx_.footnotes == nullptr || !ctx_.footnotes->count(FootnoteKey(in.text))) {
          Inline text = Inline::Text("[^" + in.text + "]");
          One(text, out, next);
          return;
        }
        EscapeBangBeforeBracket(out);
        out += "[^" + in.text + "]";
        break;
      case InlineKind::kImage:
        out += "![" + EscapeText(text::TrimAscii(in.text), false, ctx_.in_table) + "](" +
               EscapeDestination(in.url, ctx_.in_table) +
               (in.title.empty() ? "" : EscapeTitle(in.title, ctx_.in_table)) + ")";
        break;
      case InlineKind::kLink: {
        if (ctx_.in_link) {  // links cannot nest: keep the text
          Run(in.children, out, next);
          return;
        }
        std::string inner;
        InlineWriter sub(ctx_);
        sub.ctx_.in_link = true;
        sub.line_start = false;
        sub.link_start_ = true;
        sub.Run(in.children, inner, ']');
        // A hard break at the end of link text reads back as none (a break
        // ending a style written as text; found by fuzz_roundtrip).
        for (;;) {
          size_t end = inner.find_last_not_of(' ');
          end = end == std::string::npos ? 0 : end + 1;
          if (end < 2 || inner.compare(end - 2, 2, "\\\n") != 0) break;
          inner.erase(end - 2, 2);
        }
        // Spaces at the edges of link text go outside the link, as the
        // Markdown reader puts them (a page's `<a> text</a>` would not read
        // back the same otherwise; found by fuzz_roundtrip); a space that
        // would start the line or double one already there is dropped.
        size_t lead = 0, trail = 0;
        while (lead < inner.size() && inner[lead] == ' ') ++lead;
        while (trail < inner.size() - lead && inner[inner.size() - 1 - trail] == ' ') ++trail;
        if (lead > 0 && !line_start && !out.empty() && out.back() != ' ') out += ' ';
        std::string_view shown(inner.data() + lead, inner.size() - lead - trail);
        // Link text that reads back as the URL itself: an autolink, as
        // cmark reads <url> (and as a second run would write it).
        std::string_view autolink = in.title.empty() ? AutolinkText(in.url, ctx_.in_table) : "";
        if (!autolink.empty() && shown == EscapeText(autolink, false, ctx_.in_table)) {
          out += "<" + std::string(autolink) + ">";
        } else {
          EscapeBangBeforeBracket(out);
          out += "[" + std::string(shown) + "](" + EscapeDestination(in.url, ctx_.in_table) +
                 (in.title.empty() ? "" : EscapeTitle(in.title, ctx_.in_table)) + ")";
        }
        if (trail > 0 && next != ' ' && next != 0) out += ' ';
        break;
      }
      case InlineKind::kEmphasis:
      case InlineKind::kStrong:
      case InlineKind::kStrike: {
        if (ctx_.unstyled) {
          Run(in.children, out, next);
          return;
        }
        const char* delim = in.kind == InlineKind::kEmphasis ? "*"
                            : in.kind == InlineKind::kStrong ? "**"
                                                             : "~~";
        std::string inner;
        InlineWriter sub(ctx_);
        sub.line_start = false;
        sub.Run(in.children, inner, '*');
        char32_t before = utf8::Last(out);
        if (out.empty() || line_start) before = 0;
        char32_t first = utf8::First(inner), last = utf8::Last(inner);
        bool can_open = !after_closer_ && !inner.empty() && !IsWs(first) &&
                        (!IsPunct(first) || IsWs(before) || IsPunct(before));
        bool can_close =
            !inner.empty() && !IsWs(last) && (!IsPunct(last) || IsWs(next) || IsPunct(next));
        // A style nested right at our edge writes its own delimiter run
        // there; runs of one character join, and CommonMark's rule of three
        // can regroup joined runs of different lengths ("*" + "*x*x" + "*"
        // reads back otherwise). Edges that touch must match in character
        // on both sides, or we take the other character for ours.
        char front = sub.first_delim_, back = sub.after_closer_ ? sub.last_delim_ : 0;
        auto joins = [](char c) { return c == '*' || c == '_'; };
        if (can_open && can_close && in.kind != InlineKind::kStrike &&
            (joins(front) || joins(back)) && front != back) {
          char touching = joins(front) ? front : back;
          char other = joins(front) && joins(back) ? 0 : touching == '*' ? '_' : '*';
          // Underscores need no letter right outside them.
          bool outside_ok = (IsWs(before) || IsPunct(before)) && (IsWs(next) || IsPunct(next));
          if (other == '_' && outside_ok)
            delim = in.kind == InlineKind::kEmphasis ? "_" : "__";
          else if (other == '*')
            delim = in.kind == InlineKind::kEmphasis ? "*" : "**";
          else
            can_open = false;
        }
        if (can_open && can_close) {
          if (out.empty()) first_delim_ = delim[0];
          last_delim_ = delim[0];
          out += delim + inner + delim;
          line_start = false;
          link_start_ = false;
          after_closer_ = true;
          return;
        } else {
          // Markdown cannot delimit it here; keep the text, drop the style
          // (nested styles too: trying them again in this context would
          // render the subtree once more per level, exponential in depth).
          InlineWriter plain(ctx_);
          plain.ctx_.unstyled = true;
          plain.line_start = line_start;
          plain.link_start_ = link_start_;
          plain.Run(in.children, out, next);
          line_start = plain.line_start;
          link_start_ = plain.link_start_;
          after_closer_ = false;
          return;
        }
        break;
      }
    }
    line_start = false;
    link_start_ = false;
    after_closer_ = false;
  }

  // `!` right before a `[` reads back as an image (found by fuzz_roundtrip);
  // escaped where what precedes is known.
  static void EscapeBangBeforeBracket(std::string& out) {
    if (out.empty() || out.back() != '!') return;
    size_t slashes = 0;
    while (slashes + 1 < out.size() && out[out.size() - 2 - slashes] == '\\') ++slashes;
    if (slashes % 2 == 0) out.insert(out.size() - 1, "\\");
  }

  InlineContext ctx_;
  // Nothing written yet in this link text: a break here is not written.
  bool link_start_ = false;
  // Right after a closing delimiter another opener would merge with it into
  // one delimiter run, so the next container is written without style.
  bool after_closer_ = false;
  // The delimiter character this run began with (0: it began otherwise, an
  // escaped '*' included) and that of its last closer (see after_closer_).
  char first_delim_ = 0;
  char last_delim_ = 0;
};

// A style inside the same style renders the same (<em><em>x</em></em> is x
// in italics), and every redundant level is one more delimiter run for
// CommonMark to pair up: nested deep (the reader keeps 100 levels), the
// runs no longer read back as written (found by fuzz_roundtrip). Such
// levels are unwrapped before writing; what renders is unchanged.
bool HasRedundantStyle(const Inlines& inlines, unsigned active) {
  for (const Inline& in : inlines) {
    const unsigned bit = StyleBit(in.kind);
    if (bit & active) return true;
    if (HasRedundantStyle(in.children, active | bit)) return true;
  }
  return false;
}

void UnwrapRedundantStyles(const Inlines& inlines, unsigned active, Inlines* out) {
  for (const Inline& in : inlines) {
    const unsigned bit = StyleBit(in.kind);
    if (bit & active) {
      UnwrapRedundantStyles(in.children, active, out);
      continue;
    }
    Inline copy = in;
    copy.children.clear();
    UnwrapRedundantStyles(in.children, active | bit, &copy.children);
    out->push_back(std::move(copy));
  }
}

std::string RenderInlines(const Inlines& inlines, InlineContext ctx = {}) {
  std::string out;
  InlineWriter w(ctx);
  if (HasRedundantStyle(inlines, 0)) {
    Inlines unwrapped;
    UnwrapRedundantStyles(inlines, 0, &unwrapped);
    w.Run(unwrapped, out, 0);
  } else {
    w.Run(inlines, out, 0);
  }
  // Trailing spaces or a trailing backslash-newline would change meaning
  // (a hard break ends no paragraph: it reads back as a backslash).
  for (;;) {
    if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
      out.pop_back();
    } else if (out.ends_with("\\\n")) {
      out.resize(out.size() - 2);
    } else {
      break;
    }
  }
  return out;
}

// The inlines with their styles unwrapped (InlineWriter::Run then merges the
// texts and code spans that end up side by side).
void WithoutStyles(const Inlines& inlines, Inlines* out) {
  for (const Inline& in : inlines) {
    if (StyleBit(in.kind) != 0) {
      WithoutStyles(in.children, out);
    } else {
      Inline copy = in;
      copy.children.clear();
      WithoutStyles(in.children, &copy.children);
      out->push_back(std::move(copy));
    }
  }
}

bool HasStyle(const Inlines& inlines) {
  for (const Inline& in : inlines)
    if (StyleBit(in.kind) != 0 || HasStyle(in.children)) return true;
  return false;
}

// Styled inlines rendered, then checked the only sure way: read back as a
// paragraph (by read_back, the Markdown reader the caller passes in) and
// written again, they must give the same bytes. The writer's
// delimiter rules follow CommonMark's, but runs of `*`, `_` and `~`
// touching each other can still pair up otherwise (fuzz_roundtrip finds
// such inputs); when they do, the styles of this paragraph are dropped and
// its text kept, so the output is always a fixed point.
std::string RenderChecked(const Inlines& inlines, InlineContext ctx, const ReadBack& read_back,
                          int64_t* dropped) {
  std::string out = RenderInlines(inlines, ctx);
  if (!HasStyle(inlines) || !read_back) return out;
  // The footnotes the paragraph refers to are there when it is read back.
  std::string with_footnotes = out;
  size_t footnotes = 0;
  if (ctx.footnotes != nullptr && out.find("[^") != std::string::npos) {
    for (const std::string& key : *ctx.footnotes) {
      with_footnotes += "\n\n[^" + key + "]: .";
      ++footnotes;
    }
  }
  Document back;
  if (read_back(with_footnotes, &back) && back.blocks.size() == 1 + footnotes &&
      back.blocks[0].kind == BlockKind::kParagraph &&
      RenderInlines(back.blocks[0].inlines, ctx) == out) {
    return out;
  }
  ++*dropped;
  // Without its styles the paragraph is written as a plain one: texts the
  // styles kept apart are side by side now and are escaped as one (`&n` then a
  // dropped style around `;` read back as an entity; found by
  // fuzz_roundtrip).
  Inlines plain;
  WithoutStyles(inlines, &plain);
  return RenderInlines(plain, ctx);
}

std::string Prefix(std::string_view text, std::string_view first, std::string_view rest) {
  std::string out;
  size_t pos = 0;
  bool first_line = true;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    std::string_view p = first_line ? first : rest;
    if (line.empty()) {
      std::string_view trimmed = p;
      while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
      out += trimmed;
    } else {
      out += p;
      out += line;
    }
    first_line = false;
    if (end == text.size()) break;
    out += '\n';
    pos = end + 1;
  }
  return out;
}

class BlockWriter {
 public:
  explicit BlockWriter(const ReadBack& read_back) : read_back_(read_back) {}

  int64_t styles_dropped = 0;  // paragraphs written unstyled (RenderChecked)

  // Notes the footnotes of blocks: references to them are written as such.
  void FindFootnotes(const std::vector<Block>& blocks) {
    for (const Block& b : blocks) {
      if (b.kind == BlockKind::kFootnote) footnotes_.insert(FootnoteKey(b.info));
      FindFootnotes(b.children);
    }
  }

  std::string Blocks(const std::vector<Block>& blocks) {
    std::string out;
    int bullet_flip = 0;
    const Block* prev = nullptr;
    for (const Block& b : blocks) {
      std::string s = One(b, prev != nullptr && prev->kind == BlockKind::kList &&
                                     b.kind == BlockKind::kList && prev->ordered == b.ordered
                                 ? ++bullet_flip
                                 : (bullet_flip = 0));
      if (s.empty()) continue;
      if (!out.empty()) out += "\n\n";
      out += s;
      prev = &b;
    }
    return out;
  }

 private:
  const ReadBack& read_back_;

  std::string One(const Block& b, int flip) {
    switch (b.kind) {
      case BlockKind::kParagraph:
        return RenderChecked(b.inlines, Context(false, false), read_back_, &styles_dropped);
      case BlockKind::kHeading: {
        std::string text =
            RenderChecked(b.inlines, Context(false, true), read_back_, &styles_dropped);
        if (text.empty()) return {};
        // A closing run of '#' is one only after a space (or alone): only
        // then does it need escaping (escaping it after a backslash would
        // not read back the same; found by fuzz_roundtrip).
        if (text.back() == '#') {
          size_t run = text.find_last_not_of('#');
          if (run == std::string::npos || text[run] == ' ' || text[run] == '\t')
            text.insert(text.size() - 1, "\\");
        }
        return std::string(static_cast<size_t>(std::clamp(b.level, 1, 6)), '#') + " " + text;
      }
      case BlockKind::kRule:
        return "***";
      case BlockKind::kCode: {
        std::string fence(std::max<size_t>(3, LongestBacktickRun(b.literal) + 1), '`');
        // The info string: cmark-gfm decodes entities in it, trims it, then
        // resolves backslash escapes, in that order (`\&lt;` reads back as
        // `<`, `&#92;&#92;` as one `\`; found by fuzz_roundtrip). So `&` is
        // written as a reference and `\` escaped with a backslash.
        std::string kept;
        for (char c : b.info)
          if (c != '`' && c != '\n' && c != '\r') kept.push_back(c);
        std::string info;
        for (char c : text::TrimAscii(kept)) {
          if (c == '&') {
            info += "&amp;";
          } else if (c == '\\') {
            info += "\\\\";
          } else {
            info.push_back(c);
          }
        }
        std::string literal = b.literal;
        if (!literal.empty() && literal.back() != '\n') literal += '\n';
        return fence + info + "\n" + literal + fence;
      }
      case BlockKind::kQuote: {
        std::string inner = Blocks(b.children);
        return inner.empty() ? std::string() : Prefix(inner, "> ", "> ");
      }
      case BlockKind::kList:
        return List(b, flip % 2 == 1);
      case BlockKind::kListItem:
        return Blocks(b.children);
      case BlockKind::kTable:
        return Table(b);
      case BlockKind::kFootnote: {
        // "[^label]: text", later lines indented four spaces.
        std::string inner = Blocks(b.children);
        std::string head = "[^" + b.info + "]:";
        return inner.empty() ? head : Prefix(inner, head + " ", "    ");
      }
    }
    return {};
  }

  InlineContext Context(bool in_table, bool single_line) const {
    InlineContext ctx;
    ctx.in_table = in_table;
    ctx.single_line = single_line;
    ctx.footnotes = &footnotes_;
    return ctx;
  }

  std::string List(const Block& list, bool alternate) {
    // Tight when no item holds more than one non-list block: items then sit
    // on consecutive lines, with nested lists right under their paragraph.
    bool tight = true;
    for (const Block& item : list.children) {
      size_t others = 0;
      for (const Block& c : item.children) others += c.kind != BlockKind::kList;
      if (others > 1) tight = false;
    }
    std::vector<std::string> items;
    for (const Block& item : list.children) {
      std::string body;
      if (tight) {
        int flip = 0;
        const Block* prev = nullptr;
        for (const Block& c : item.children) {
          bool adjacent_list = prev != nullptr && prev->kind == BlockKind::kList &&
                               c.kind == BlockKind::kList && prev->ordered == c.ordered;
          // An ordered list that does not start at 1 cannot interrupt a
          // paragraph (CommonMark): right under one it would read back as
          // its text (found by fuzz_roundtrip), so a blank line parts them.
          bool cannot_interrupt = prev != nullptr && prev->kind == BlockKind::kParagraph &&
                                  c.kind == BlockKind::kList && c.ordered && c.start != 1;
          // A block right under a nested list would be read as a lazy
          // continuation of its last item (found by fuzz_roundtrip).
          bool after_list = prev != nullptr && prev->kind == BlockKind::kList;
          std::string s = One(c, adjacent_list ? ++flip : (flip = 0));
          if (s.empty()) continue;
          if (!body.empty()) body += after_list || cannot_interrupt ? "\n\n" : "\n";
          body += s;
          prev = &c;
        }
      } else {
        body = Blocks(item.children);
      }
      // A task item's box opens its first line ("- [ ] to do").
      if (item.task != Task::kNone && !body.empty())
        body = (item.task == Task::kDone ? "[x] " : "[ ] ") + body;
      if (!body.empty()) items.push_back(std::move(body));
    }
    std::string out;
    int number = list.start;
    for (const std::string& body : items) {
      std::string marker = list.ordered ? std::to_string(number++) + (alternate ? ")" : ".")
                                        : std::string(alternate ? "*" : "-");
      if (!out.empty()) out += tight ? "\n" : "\n\n";
      std::string indent(marker.size() + 1, ' ');
      // "* ***" reads back as one thematic break, not an item holding one
      // (found by fuzz_roundtrip): under a '*' bullet the rule is "___".
      if (marker == "*" && body.starts_with("***") && (body.size() == 3 || body[3] == '\n')) {
        out += Prefix("___" + body.substr(3), marker + " ", indent);
        continue;
      }
      out += Prefix(body, marker + " ", indent);
    }
    return out;
  }

  std::string Table(const Block& t) {
    if (t.rows.empty()) return {};
    size_t columns = 0;
    for (const auto& row : t.rows) columns = std::max(columns, row.size());
    if (columns == 0) return {};
    auto row_text = [&](const std::vector<Inlines>& row) {
      std::string line = "|";
      for (size_t i = 0; i < columns; ++i) {
        std::string cell =
            i < row.size() ? RenderChecked(row[i], Context(true, true), read_back_, &styles_dropped)
                           : "";
        line += " " + cell + (cell.empty() ? "|" : " |");
      }
      return line;
    };
    std::string out = row_text(t.rows[0]) + "\n|";
    for (size_t i = 0; i < columns; ++i) {
      Align a = i < t.align.size() ? t.align[i] : Align::kNone;
      out += a == Align::kLeft     ? " :--- |"
             : a == Align::kCenter ? " :---: |"
             : a == Align::kRight  ? " ---: |"
                                   : " --- |";
    }
    for (size_t r = 1; r < t.rows.size(); ++r) out += "\n" + row_text(t.rows[r]);
    return out;
  }

  std::set<std::string> footnotes_;  // FootnoteKeys of the document's footnotes
};

// Containers nested past what the Markdown reader keeps (an HTML block
// inside 100 Markdown lists adds one more; found by fuzz_roundtrip) are
// written as the reader would read them: their leaf blocks in order, in
// the enclosing container. Leaves are gathered with an explicit stack: a
// Document built in code may nest without bound.
bool IsContainer(const Block& b) {
  return b.kind == BlockKind::kQuote || b.kind == BlockKind::kList ||
         b.kind == BlockKind::kListItem;
}

bool NestsTooDeep(const std::vector<Block>& blocks, int depth) {
  for (const Block& b : blocks) {
    if (b.kind == BlockKind::kQuote) {
      if (depth >= kMarkdownMaxNesting || NestsTooDeep(b.children, depth + 1)) return true;
    } else if (b.kind == BlockKind::kList) {
      if (depth >= kMarkdownMaxNesting) return true;
      for (const Block& item : b.children)
        if (NestsTooDeep(item.children, depth + 1)) return true;
    }
  }
  return false;
}

void AppendLeaves(const Block& container, std::vector<Block>* out, int64_t* flattened) {
  std::vector<const Block*> stack = {&container};
  while (!stack.empty()) {
    const Block* c = stack.back();
    stack.pop_back();
    if (!IsContainer(*c)) {
      out->push_back(*c);
      continue;
    }
    if (c->kind != BlockKind::kListItem) ++*flattened;
    for (auto k = c->children.rbegin(); k != c->children.rend(); ++k) stack.push_back(&*k);
  }
}

std::vector<Block> FlattenDeep(const std::vector<Block>& blocks, int depth, int64_t* flattened) {
  std::vector<Block> out;
  for (const Block& b : blocks) {
    if (b.kind != BlockKind::kQuote && b.kind != BlockKind::kList) {
      out.push_back(b);
    } else if (depth >= kMarkdownMaxNesting) {
      AppendLeaves(b, &out, flattened);
    } else {
      Block copy = b;
      if (b.kind == BlockKind::kList) {
        for (Block& item : copy.children)
          item.children = FlattenDeep(item.children, depth + 1, flattened);
      } else {
        copy.children = FlattenDeep(b.children, depth + 1, flattened);
      }
      out.push_back(std::move(copy));
    }
  }
  return out;
}

}  // namespace

namespace writer {

std::string Write(const Document& doc, Report* report, const ReadBack& read_back,
                  size_t* body_offset) {
  std::string out;
  if (doc.front_matter.present) {
    out += "---\n";
    for (const FrontMatterEntry& e : doc.front_matter.entries) {
      out += e.key;
      out += ':';
      out += e.value;
      out += '\n';
    }
    out += "---\n";
  }
  BlockWriter writer(read_back);
  writer.FindFootnotes(doc.blocks);
  std::string body;
  if (NestsTooDeep(doc.blocks, 0)) {
    int64_t flattened = 0;
    body = writer.Blocks(FlattenDeep(doc.blocks, 0, &flattened));
    if (report != nullptr) report->Count("write", "depth-limit-flattened", flattened);
  } else {
    body = writer.Blocks(doc.blocks);
  }
  if (writer.styles_dropped > 0 && report != nullptr)
    report->Count("write", "styles-dropped", writer.styles_dropped);
  if (!body.empty() && !out.empty()) out += '\n';
  const size_t front_matter_end = out.size();  // 0 without front matter
  if (!body.empty()) {
    out += body;
    out += '\n';
  }
  // A reader drops a U+FEFF that starts the document as a byte order mark;
  // as a character reference it stays text (found by fuzz_roundtrip).
  size_t offset = front_matter_end;
  if (out.starts_with("\xEF\xBB\xBF")) out.replace(0, 3, "&#xFEFF;");  // no front matter
  // CommonMark reads U+0000 as U+FFFD; so does the writer write it, wherever
  // a NUL came from (--binary input, a text span, a URL), so that the
  // output never holds a NUL byte and a reader sees what the writer meant.
  std::string fixed;
  if (int64_t n = utf8::ReplaceNul(out, &fixed); n > 0) {
    // Each NUL before the body grows by two bytes.
    for (size_t i = 0; i < front_matter_end; ++i) offset += out[i] == '\0' ? 2 : 0;
    out = std::move(fixed);
    if (report != nullptr) report->Count("write", "nul-replaced", n);
  }
  if (body_offset != nullptr) *body_offset = offset;
  return out;
}

}  // namespace writer
}  // namespace norm
