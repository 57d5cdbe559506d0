// UTF-8 text to a Document: plain text, Markdown (with front matter and raw
// HTML blocks) or HTML.
#pragma once

#include <string_view>

#include "norm/document.h"
#include "norm/options.h"
#include "norm/report.h"
#include "norm/status.h"

namespace norm {

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
Status ReadHtml(std::string_view text, const Options& options, Document* doc, Report& report);

// Dispatches on format (sniffing when kAuto).
Status ReadDocument(std::string_view text, InputFormat format, const Options& options,
                    Document* doc, Report& report);

}  // namespace norm
