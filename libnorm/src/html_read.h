// The HTML reader behind norm::ReadHtml: libxml2's HTML parser in recover
// mode (no network, no external entities, default size limits, the document's
// own charset declaration ignored: the text is already UTF-8), metadata hints,
// DOM cleaning (html_clean.h), main-content selection for whole pages, and
// conversion to Document blocks (html_convert.h).
//
// Hints added to Document::hints (the metadata filter decides what to use):
//   og:title, html:title, h1, og:url, canonical, article:published_time,
//   time (first <time datetime>), date-comment (a <!--1666342980000-->
//   millisecond or second timestamp comment), author, html:lang.
#pragma once

#include <string_view>

#include "norm/document.h"
#include "norm/options.h"
#include "norm/report.h"
#include "norm/status.h"

namespace norm::html {

Status ReadHtmlPage(std::string_view text, const Options& options, Document* doc, Report& report);

// True when text looks like a whole page (<html>, <body> or a doctype)
// rather than a fragment (a raw HTML block of a Markdown file).
bool IsWholePage(std::string_view text);

}  // namespace norm::html
