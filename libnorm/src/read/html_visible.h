// Visible characters of a DOM subtree (text/visible.h), as a browser with
// scripting on shows them: text nodes, not inside script, style, template,
// noscript, head or title. What the HTML reader's removals are sized by
// (removed.<rule> counters; see core/visible_count.h).
#pragma once

#include <libxml/tree.h>

#include <cstddef>
#include <string_view>

#include "norm/report.h"

namespace norm::html {

size_t VisibleChars(const xmlNode* node);

// Counts node's visible characters as removed by reason (and detail, a
// token or element name): removed.<reason>[:<detail>].
void CountRemovedNode(Report& report, const xmlNode* node, std::string_view reason,
                      std::string_view detail);

}  // namespace norm::html
