// The review page of a run (review.h): `norm review -o FILE`, and
// `--review=FILE` on an ordinary or record run, where the page is written
// beside the run's output and the output stays byte for byte what it is
// without the flag (the flag turns the library's explain events on; they
// reach neither the output nor stderr unless --explain asks for them).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "flags.h"
#include "norm/norm.h"
#include "review.h"

namespace norm::cli {

class RunReview {
 public:
  // The page goes to `path`, documents as `config` normalizes them.
  RunReview(const Config& config, std::string path);

  // The input as the page shows it: the bytes decoded as the run decodes
  // them (HTML as its source). Thread-safe.
  std::string Decoded(std::string_view bytes) const;
  // Adds a document, in the run's order; `r` may be moved from.
  void Add(std::string name, std::string input, Result& r);
  // A record: its text before (decoded) and after, its report and status.
  void Add(std::string name, std::string input, std::string output, Report& report,
           const Status& status);
  // Writes the page atomically; on failure prints the error and returns
  // kTrouble, else kOk.
  int Write() const;

 private:
  std::string path_;
  Normalizer decoder_;
  bool markdown_;  // the run's output is Markdown (rendered on the page)
  ReviewPage page_;
};

// The run's review, when --review=FILE or `norm review` asks for one.
std::unique_ptr<RunReview> MakeRunReview(const Config& config);

}  // namespace norm::cli
