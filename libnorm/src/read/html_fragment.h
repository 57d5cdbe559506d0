// Internal bridge between the Markdown reader and the HTML reader: raw HTML
// blocks and paragraphs holding inline HTML are converted by the same code
// as whole HTML documents.
#pragma once

#include <string_view>
#include <vector>

#include "norm/document.h"
#include "norm/options.h"
#include "norm/report.h"

namespace norm {

// Parses an HTML fragment (or document) and appends its blocks to *blocks.
// Metadata found on the way (<title>, <meta>, timestamp comments) goes into
// doc->hints.
void HtmlToBlocks(std::string_view html, const Options& options, Document* doc,
                  std::vector<Block>* blocks, Report& report);

}  // namespace norm
