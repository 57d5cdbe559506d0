// The visible text of an HTML page with the regions the reader removed in
// place, for `norm review` (tools/norm/review.h): the reader's removal
// events ("removed <div class="ad"> (adblock: ##.ad)", html_clean.h), in
// the order they were made, are replayed on a fresh parse of the same text;
// each names its element by DescribeElement and the Excerpt of the text it
// held at that moment.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "norm/report.h"

namespace norm::html {

struct VisibleRun {
  std::string text;  // visible text (html_visible.h); '\n' between blocks
  int removal = -1;  // index in events of the removal that took it; -1: kept
};

// The runs of html (UTF-8, as the reader saw it) in document order, runs of
// one removal merged. (*placed)[i] is set for each event that named an
// element of the page; the others (a promo line, a share link) are left
// for the caller to find by their text.
std::vector<VisibleRun> VisibleTextWithRemovals(std::string_view html,
                                                const std::vector<ReportEvent>& events,
                                                std::vector<bool>* placed);

}  // namespace norm::html
