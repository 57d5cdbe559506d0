// The HTML reader behind norm::ReadHtml: libxml2's HTML parser in recover
// mode (no network, no external entities, default size limits, the document's
// own charset declaration ignored: the text is already UTF-8), metadata hints,
// DOM cleaning (html_clean.h), main-content selection for whole pages, and
// conversion to Document blocks (html_convert.h).
//
// Hints added to Document::hints (the metadata filter decides what to use;
// the first value of a key wins):
//   title (<title>), og:title, h1, og:url, canonical, article:published_time
//   (also meta date/pubdate/dc.date), time (first <time datetime>),
//   timestamp (a <!--1666342980000--> millisecond or second timestamp
//   comment), author (meta), jsonld:date and jsonld:author (JSON-LD
//   datePublished and author names), rel:author (text of <a rel=author>),
//   itemprop:author, lang (<html lang>).
// Relative links and images resolve against Options::html.base_url, else an
// absolute <base href>, else the canonical URL or og:url.
#pragma once

#include <libxml/HTMLparser.h>

#include <string>
#include <string_view>
#include <vector>

#include "norm/document.h"
#include "norm/options.h"
#include "norm/report.h"
#include "norm/status.h"

namespace norm::html {

// The reader's libxml2 HTML parser options: recover mode, no network, no
// error output, the document's own charset ignored (the text is UTF-8).
inline constexpr int kHtmlParseOptions = HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                                         HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                         HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;

// Reads text (a page or a fragment) and appends its blocks to *blocks and its
// hints to doc->hints.
// standalone: the text is a whole input file read as HTML, not a raw HTML
// block of a Markdown file (see LooksLikePage).
// owned: when not null, a string holding exactly text that the reader may free
// once the parser no longer needs it (text is not read after that).
Status ReadHtmlInto(std::string_view text, const Options& options, Document* doc,
                    std::vector<Block>* blocks, Report& report, bool standalone = false,
                    std::string* owned = nullptr);

// Text of markup without a parser (the fallback when nesting goes beyond
// libxml2's depth limit): tags and comments dropped, script and style
// bodies skipped, entities decoded, block-level tags as line breaks.
std::string StripTags(std::string_view html);

// True when text looks like a whole page (<html>, <body> or a doctype)
// rather than a fragment (a raw HTML block of a Markdown file).
bool IsWholePage(std::string_view text);

// True when a standalone file without <html>, <body> or a doctype still
// carries a page's furniture: a site's page saved from inside its body (a
// crawl's wrapper element around it) holds many links around its article
// (kMinPageLinks) and a page's machinery (a <script>, <form>, <style>,
// <link> or <title>), where a snippet of HTML, even an article's whole
// body with a dozen links, carries no machinery.
bool LooksLikePage(std::string_view text);

}  // namespace norm::html
