// UTF-8 text to a Document: plain text, Markdown (with front matter and raw
// HTML blocks) or HTML.
#pragma once

#include <string_view>

#include "norm/document.h"
#include "norm/options.h"
#include "norm/report.h"
#include "norm/status.h"

namespace norm {

// Guesses the input format from its first bytes and its markup.
InputFormat SniffFormat(std::string_view text);

// Splits a leading "---\n...\n---\n" YAML block off text. Returns the rest.
std::string_view SplitFrontMatter(std::string_view text, FrontMatter* front_matter);

Status ReadText(std::string_view text, const Options& options, Document* doc, Report& report);
Status ReadMarkdown(std::string_view text, const Options& options, Document* doc, Report& report);
Status ReadHtml(std::string_view text, const Options& options, Document* doc, Report& report);

// Dispatches on format (sniffing when kAuto).
Status ReadDocument(std::string_view text, InputFormat format, const Options& options,
                    Document* doc, Report& report);

}  // namespace norm
