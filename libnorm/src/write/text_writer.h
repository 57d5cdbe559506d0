// The plain-text writer (--to=text), and its layout, which the JSON writer
// (json_writer.h) reports: the document's text without Markdown, and where
// each block and link landed in it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "norm/document.h"
#include "norm/report.h"

namespace norm::writer {

// One block as laid out: [begin, end) are UTF-8 byte offsets into
// TextLayout::text. Blocks that lay out as no text (rules, empty
// paragraphs, images without alt text) are left out.
struct LaidOutBlock {
  BlockKind kind = BlockKind::kParagraph;
  int level = 0;         // heading
  bool ordered = false;  // list
  int start = 1;         // ordered list
  std::string info;      // code
  size_t begin = 0, end = 0;
  std::vector<LaidOutBlock> children;          // list items; item and quote blocks
  std::vector<std::vector<std::string>> rows;  // table cells as text; row 0 is the header
};

struct LaidOutLink {
  std::string url;
  size_t begin = 0, end = 0;  // the link text in TextLayout::text
};

struct TextLayout {
  std::string text;  // ends with one '\n' unless empty
  std::vector<LaidOutBlock> blocks;
  std::vector<LaidOutLink> links;
};

// Top-level blocks and quoted ones are separated by a blank line; list items
// and the blocks inside one item by a line end; table rows by a line end,
// cells by a tab. Runs of whitespace in prose become one space. Counted in
// `report` (when not null): write.images-dropped (images without alt text),
// write.link-urls-dropped (links written as their text).
TextLayout LayOutText(const Document& doc, Report* report);

}  // namespace norm::writer

namespace norm {

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

}  // namespace norm
