// The Document: front matter plus a tree of blocks holding inline spans.
//
// Text in Inline::text of kind kText, image alt text, link titles, the
// values of prose front-matter keys and of the hints that become them
// (title, og:title, h1) is *prose*: text filters may rewrite it.
// URLs, code, raw front-matter keys and non-prose values are *protected*:
// no text filter ever sees them (see ForEachProse).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace norm {

enum class InlineKind {
  kText,         // text: prose
  kEmphasis,     // children
  kStrong,       // children
  kStrike,       // children
  kLink,         // children, url (protected), title (prose)
  kImage,        // text = alt (prose), url (protected), title (prose)
  kCode,         // text (protected)
  kBreak,        // hard line break
  kFootnoteRef,  // text = the footnote's label (protected): [^label]
};

struct Inline {
  InlineKind kind = InlineKind::kText;
  std::string text;
  std::string url;
  std::string title;
  std::vector<Inline> children;

  static Inline Text(std::string s) { return {InlineKind::kText, std::move(s), {}, {}, {}}; }
};

using Inlines = std::vector<Inline>;

enum class BlockKind {
  kParagraph,  // inlines
  kHeading,    // level 1-6, inlines
  kList,       // ordered/start, children are kListItem
  kListItem,   // children blocks
  kQuote,      // children blocks
  kCode,       // literal (protected), info
  kTable,      // rows of cells; the first row is the header
  kRule,
  kFootnote,  // a footnote's text: info = its label, children blocks ([^label]: ...)
};

// A list item of a GFM task list: "- [ ] to do", "- [x] done".
enum class Task { kNone, kOpen, kDone };

enum class Align { kNone, kLeft, kCenter, kRight };

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  int level = 0;            // heading level
  bool ordered = false;     // list
  int start = 1;            // ordered list start
  Task task = Task::kNone;  // list item
  std::string info;         // code fence info string; footnote label
  std::string literal;      // code block content, ends with '\n' when non-empty
  Inlines inlines;          // paragraph, heading
  std::vector<Block> children;
  std::vector<std::vector<Inlines>> rows;  // table
  std::vector<Align> align;                // table columns

  static Block Paragraph(Inlines in) {
    Block b;
    b.inlines = std::move(in);
    return b;
  }
  static Block Heading(int level, Inlines in) {
    Block b;
    b.kind = BlockKind::kHeading;
    b.level = level;
    b.inlines = std::move(in);
    return b;
  }
};

// Front matter: an ordered list of top-level YAML entries. `value` is the
// raw YAML text after "key:" (continuation lines included, joined by '\n'),
// kept verbatim so that a round trip changes nothing.
struct FrontMatterEntry {
  std::string key;
  std::string value;
};

struct FrontMatter {
  bool present = false;
  std::vector<FrontMatterEntry> entries;

  const FrontMatterEntry* Find(std::string_view key) const;
  // The http(s) URL of the page a document was saved from, when a key says
  // (url, source, from, link, canonical, original_url, source_url, origin),
  // or empty.
  std::string SourceUrl() const;
  // Adds key unless it exists; `plain_value` is quoted as a YAML scalar.
  // Returns false when the key was already there (never overwrites).
  bool AddIfMissing(std::string_view key, std::string_view plain_value);
  // The value as a plain string: quotes removed and escapes resolved.
  static std::string Unquote(std::string_view raw);
  // A YAML double-quoted scalar that every YAML reader reads back as `s`.
  static std::string Quote(std::string_view s);
};

// Metadata a reader found in the input (<title>, og:*, timestamps...), kept
// apart from front matter until the metadata filter decides what to fill.
struct MetaHint {
  std::string key;
  std::string value;
};

// A byte range of a raw Markdown text that the Markdown reader reads as prose
// (MarkdownProseRanges in reader.h); kHtml: a raw HTML block, whose text
// between tags is prose. `norm zh` rewrites prose in place with them.
struct ProseRange {
  enum Kind { kProse, kHtml };
  size_t begin = 0;
  size_t end = 0;
  Kind kind = kProse;
};

// What a text is read as (Options::format, --format).
enum class InputFormat { kAuto, kText, kMarkdown, kHtml };

struct Document {
  // The reader that built it (kAuto: built in code). Filters that remove
  // content act on what the format makes evident (see boilerplate.h).
  InputFormat read_as = InputFormat::kAuto;
  FrontMatter front_matter;
  std::vector<Block> blocks;
  std::vector<MetaHint> hints;
};

// Keys whose front-matter values are prose (text filters convert them).
bool IsProseFrontMatterKey(std::string_view key);

// Calls fn on every prose string of the document, in document order.
// fn may rewrite the string in place.
void ForEachProse(Document& doc, const std::function<void(std::string&)>& fn);

// Concatenated prose of one block tree, for scoring and tests.
std::string PlainText(const Inlines& inlines);
std::string PlainText(const Block& block);
std::string PlainText(const Document& doc);

}  // namespace norm
