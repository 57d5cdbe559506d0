// Where the prose of a Markdown text is, as the Markdown reader reads it:
// byte ranges of the text cmark-gfm parses into text nodes (paragraphs,
// headings, list items, table cells, link text, image alt text), so that a
// tool rewriting prose in place (`norm zh`) keeps everything else byte for
// byte: code spans and blocks, link destinations and titles, reference
// definitions, autolinks, HTML tags, and text inside inline <code>, <kbd>,
// <samp>, <tt>, <pre>, <script> and <style> up to their end tag or the end
// of the paragraph (the HTML reader reads those as code). Raw HTML blocks
// are returned whole as kHtml: text between their tags is prose.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace norm {

struct MarkdownRange {
  enum Kind { kProse, kHtml };
  size_t begin = 0;
  size_t end = 0;
  Kind kind = kProse;
};

// Ranges of body (Markdown without front matter), in order, not
// overlapping. A text node whose position cannot be verified against the
// source (its non-ASCII bytes differ) is left out and counted in *unmapped.
std::vector<MarkdownRange> MarkdownProseRanges(std::string_view body, size_t* unmapped);

}  // namespace norm
