// A Document to Markdown: the GFM subset that means the same in CommonMark
// (front matter, ATX headings, '-' bullets, fenced code, pipe tables, no hard
// wrapping, LF line ends, one final newline). Deterministic and idempotent:
// reading the output back and writing it again gives the same bytes.
#pragma once

#include <string>

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
// *body_offset (when not null) is set to where the body starts, after the
// front matter and the blank line that follows it.
std::string WriteMarkdown(const Document& doc, Report* report, size_t* body_offset = nullptr);

}  // namespace norm
