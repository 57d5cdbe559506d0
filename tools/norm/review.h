// `norm review -o review.html FILE...`: one self-contained HTML page (inline
// CSS and a little inline JS, nothing fetched) to audit what norm did to
// each document: the input beside the rendered output, every repair marked
// with its filter and before -> after, every removal struck through with the
// rule or score that removed it, counts per filter at the top, documents
// sortable by how much was removed or repaired (most changed first).
#pragma once

#include <string>
#include <vector>

#include "norm/report.h"
#include "norm/status.h"

namespace norm::cli {

struct ReviewDoc {
  std::string name;
  std::string input;     // the decoded input (UTF-8)
  std::string markdown;  // the output
  Report report;         // with events (explain on)
  Status status;
};

// At most `max_full` documents are shown in full (the most changed first);
// the others are summarised in one table.
std::string ReviewPage(std::vector<ReviewDoc> docs, size_t max_full);

}  // namespace norm::cli
