// libxml2 DOM to Document blocks (the conversion half of ReadHtml).
//
// Headings, paragraphs, emphasis/strong/strike, links (empty links dropped,
// relative links kept unless base_url is set), images (alt text, lazy
// data-src/srcset), figures and captions, nested lists, blockquotes, code
// and pre, GFM tables for data tables (layout tables unwrapped), breaks,
// rules, ruby (base text; readings see ConvertOptions). Whitespace is
// collapsed as a browser does, except that a source line break between two
// CJK characters joins them without a space.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <vector>

#include "norm/document.h"
#include "norm/report.h"

namespace norm::html {

struct ConvertOptions {
  bool images = true;            // false: drop images (counted as images-dropped)
  bool drop_share_links = true;  // links to share endpoints (facebook sharer, x intent...)
  bool explain = false;
  std::string base_url;  // resolves relative links when set
  // Ruby readings (<rt>): dropped, the base text kept (counted as
  // html.ruby-readings-dropped), or kept in parentheses: 東京(とうきょう).
  // <rp> fallback parentheses are dropped either way.
  bool keep_ruby_readings = false;
};

// Converts node (and its subtree) in block context, appending to *out.
void ConvertDom(const xmlNode* node, const ConvertOptions& options, std::vector<Block>* out,
                Report& report);

// Converts the children of node in block context.
void ConvertChildren(const xmlNode* node, const ConvertOptions& options, std::vector<Block>* out,
                     Report& report);

// Elements that start a block in HTML rendering.
bool IsBlockElement(std::string_view lower_name);

}  // namespace norm::html
