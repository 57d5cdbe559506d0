// `norm review -o review.html FILE...`: one self-contained HTML page (inline
// CSS and a little inline JS, nothing fetched) to audit what norm did to
// each document: the input beside the rendered output, every repair marked
// with its filter and before -> after, every removal struck through with the
// rule or score that removed it, counts per filter at the top, documents
// sortable by how much was removed or repaired (most changed first).
#pragma once

#include <cstdint>
#include <map>
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
  // The output is Markdown (rendered on the page); otherwise plain text or
  // JSON (--to, norm fix/zh/decode), shown as it is.
  bool output_is_markdown = true;
};

// Builds the page from documents added one at a time, in the run's order,
// holding only what the page shows: the `max_full` most changed documents
// in full, a summary row for at most kMaxSummaryRows of the others (the most
// changed), and totals over all. Memory stays bounded on a run of millions
// of records.
class ReviewPage {
 public:
  static constexpr size_t kMaxSummaryRows = 10000;

  explicit ReviewPage(size_t max_full) : max_full_(max_full) {}
  void Add(ReviewDoc doc);
  std::string Html() const;

  struct Scored {
    ReviewDoc doc;  // name only, once summarised
    int64_t removed = 0;
    int64_t repaired = 0;
    uint64_t order = 0;  // arrival: ties keep the run's order
  };

 private:
  size_t max_full_;
  uint64_t added_ = 0;
  std::vector<Scored> full_;     // heap, least changed on top
  std::vector<Scored> summary_;  // heap, least changed on top
  uint64_t unlisted_ = 0;        // documents beyond the summary rows
  int64_t unlisted_removed_ = 0, unlisted_repaired_ = 0;
  std::map<std::string, int64_t> totals_;  // filter.key -> sum
};

// The whole page of docs at once (`norm review`).
std::string RenderReviewPage(std::vector<ReviewDoc> docs, size_t max_full);

}  // namespace norm::cli
