// Visible characters of a Document's body (text/visible.h): text, code and
// link text; not image alt text, link titles, footnote labels or front
// matter (what a reader of the page sees as its text). Used for the
// per-stage visible.* counters and the loss warning (norm.h).
#pragma once

#include <cstddef>

#include "norm/document.h"
#include "norm/report.h"

namespace norm {

size_t VisibleChars(const Inlines& inlines);
size_t VisibleChars(const Block& block);
size_t VisibleChars(const Document& doc);

// Records that `rule` removed `chars` visible characters: counter
// removed.<rule> (rules: the HTML cleaner's "heuristic:widget",
// "main-content"..., the boilerplate filter's "boilerplate:link-density"...).
void CountRemoved(Report& report, std::string_view rule, size_t chars);

}  // namespace norm
