// UTF-8 text to a Document: plain text, Markdown (with front matter and raw
// HTML blocks) or HTML.
#pragma once

#include <string>
#include <string_view>

#include "norm/document.h"
#include "norm/options.h"
#include "norm/report.h"
#include "norm/status.h"

namespace norm {

// Where the prose of a Markdown body (no front matter) is, as the Markdown
// reader reads it: byte ranges of the text cmark-gfm parses into text nodes
// (paragraphs, headings, list items, table cells, link text, image alt
// text), so that a tool rewriting prose in place (`norm zh`) keeps everything
// else byte for byte: code spans and blocks, link destinations and titles,
// reference definitions, autolinks, HTML tags, and text inside inline
// <code>, <kbd>, <samp>, <tt>, <pre>, <script> and <style> up to their end
// tag or the end of the paragraph (the HTML reader reads those as code). Raw
// HTML blocks are returned whole as kHtml. In order, not overlapping; a text
// node whose position cannot be verified against the source (its non-ASCII
// bytes differ) is left out and counted in *unmapped.
std::vector<ProseRange> MarkdownProseRanges(std::string_view body, size_t* unmapped);

// Guesses the input format from its markup, as a browser sniffs: HTML when
// the first 64 KB hold page markup (a doctype, <html>, <head> or <body>)
// at a line start outside code, after a prolog of comments, styles, scripts
// or a wrapper element included, or when the text is mostly markup from its
// first byte; Markdown when it has a Markdown construct; else text.
InputFormat SniffFormat(std::string_view text);

// The format a file name states (.html, .htm, .xhtml, .shtml: kHtml), or
// kAuto when it states none.
InputFormat FormatFromName(std::string_view name);

// Splits a leading "---\n...\n---\n" YAML block off text. Returns the rest.
std::string_view SplitFrontMatter(std::string_view text, FrontMatter* front_matter);

Status ReadText(std::string_view text, const Options& options, Document* doc, Report& report);
Status ReadMarkdown(std::string_view text, const Options& options, Document* doc, Report& report);
// owned, when not null, holds text (the same bytes) and may be freed once the
// reader no longer needs it: text is not read after that.
Status ReadHtml(std::string_view text, const Options& options, Document* doc, Report& report,
                std::string* owned = nullptr);

// Dispatches on format (sniffing when kAuto); owned as for ReadHtml.
Status ReadDocument(std::string_view text, InputFormat format, const Options& options,
                    Document* doc, Report& report, std::string* owned = nullptr);

}  // namespace norm
