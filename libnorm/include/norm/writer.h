// A Document to Markdown: the GFM subset that means the same in CommonMark
// (front matter, ATX headings, '-' bullets, fenced code, pipe tables, no hard
// wrapping, LF line ends, one final newline). Deterministic and idempotent:
// reading the output back and writing it again gives the same bytes.
#pragma once

#include <string>
#include <string_view>

#include "norm/document.h"
#include "norm/report.h"

namespace norm {

std::string WriteMarkdown(const Document& doc);
// The same, counting in `report` (when not null) what the writer had to
// change: write.nul-replaced (U+0000 written as U+FFFD, as CommonMark reads
// it), write.styles-dropped (paragraphs and headings whose emphasis could
// not be written so that it reads back the same: each styled one is read
// back and written again, and when the bytes differ it is written as its
// text only; the output is always a fixed point), write.depth-limit-flattened
// (quotes and lists nested past the 100 levels the Markdown reader keeps,
// written as their blocks in order, as the reader would read them).
std::string WriteMarkdown(const Document& doc, Report* report);

// A Document as plain UTF-8 text (--to=text), for tokenizers and language
// models: no Markdown syntax and no escapes. Paragraphs, headings, code
// blocks, lists, quotes and tables are separated by a blank line; list items
// and the blocks inside one item by a line end; a table is its rows, one per
// line, cells separated by a tab. Links are written as their text, images as
// their alt text (dropped without one), emphasis as its text, code as is;
// runs of whitespace in prose become one space; rules and front matter are
// not written. Ends with one '\n' unless empty. Counted in `report` (when
// not null): write.images-dropped, write.link-urls-dropped.
std::string WriteText(const Document& doc, Report* report = nullptr);

// A Document as one JSON object on one line (--to=json), for tools that want
// structure without parsing Markdown; docs/output.schema.json is its schema:
//   {"metadata": {front-matter key: string, or array for a [a, b] list},
//    "text": what WriteText writes,
//    "blocks": [{"type": "heading"|"paragraph"|"list"|"quote"|"code"|"table",
//                "start", "end": UTF-8 byte offsets of the block in "text",
//                "level" (heading), "ordered", "first_number", "items" (list;
//                each item {"type":"item", "start", "end", "blocks"}),
//                "blocks" (quote), "language" (code), "rows" (table: cells as
//                text, the first row the header)}],
//    "links": [{"url", "start", "end": the link's text in "text"}]}
// Ends with '\n'. Counted in `report` as WriteText counts.
std::string WriteJson(const Document& doc, Report* report = nullptr);

// Escapes text so that Markdown reads it back as the same literal text
// (a run of whitespace is written as the one space the reader keeps).
// at_line_start: also escape what would start a block there (#, -, 1.).
std::string EscapeMarkdown(std::string_view text, bool at_line_start);

}  // namespace norm
