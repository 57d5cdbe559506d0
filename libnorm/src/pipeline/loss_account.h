// Nothing lost silently: per-stage visible characters and the warning when
// rules remove most of a document (issue 15's contract).
//
// Report counters (see --stats):
//   visible.input    what the input shows: the Document as read plus what
//                    the reader's rules removed (HTML cleaning, main-content)
//   visible.read     the Document as read
//   visible.<filter> after each filter of the pipeline
//   visible.output   the Document written
//   removed.<rule>   visible characters each rule removed
//                    ("heuristic:widget", "main-content", "hidden",
//                    "boilerplate:link-density", ...)
// Visible characters: text/visible.h; a Document's: core/visible_count.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "norm/document.h"
#include "norm/filter.h"
#include "norm/report.h"

namespace norm {

// Applies the pipeline's steps to a Document just read, counting as above.
void ApplyCounted(const Pipeline& pipeline, Document& doc, Report& report);

// Below this share of the input's visible text a document is announced.
// Article extraction normally drops more than half of a page (menus, link
// lists); a short article on a heavy page can keep less than a tenth. On
// 1,474 real pages (docs/accuracy.md, issue 15), 13 keep less than 5%; of the
// 380 with a reference article, 4 do (2 of them failed extractions), while
// 10% would flag 8 (6 of them right). At 50% (the first wording) 671
// pages of the 1,474 warned before the extraction work of issue 21.
inline constexpr int64_t kLossWarningPercent = 5;

// One line for stderr when rules left less than kLossWarningPercent of the
// visible text, or a non-blank input came out empty; else empty:
//   "output keeps 3% of the visible text (120 of 4000 characters); rule
//    heuristic:widget removed 3700; --no-boilerplate keeps it"
//   "the body is empty: the input shows no text"
// Also recorded as the fact visible.warning.
std::string LossWarning(std::string_view input, Report& report);
// The same, given only whether the input is blank (the input itself may be
// gone by the time the output is written: see Normalizer::NormalizeConsuming).
std::string LossWarning(bool input_blank, Report& report);

}  // namespace norm
