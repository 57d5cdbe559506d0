// Batch and record runs of `norm`: many files (-r DIR, --output-dir), -j N
// threads with output order kept, and the record modes (--jsonl, --lines,
// -z) streamed record by record.
//
// Accounting in record modes: a record that is malformed or rejected
// (strict decoding, binary, too large) produces no output record; it is
// written to --rejects FILE as
//   {"file":F,"line":N,"id":ID,"error":E,"input":"<the record>"}
// ("record":N instead of "line" with -z; "id" only when the record has one;
// "input" holds the record's bytes as a JSON string, bytes that are not
// UTF-8 kept raw so nothing is lost), or, without --rejects, reported on
// stderr as `norm: F:N: E`. The run goes on and exits 1. --stats prints
// one line per input file: {"file":F,"records":N,"written":W,"rejected":R,
// "report":{...}} with the Reports of its written records merged, so
// records == written + rejected always.
#pragma once

#include "flags.h"
#include "norm/norm.h"
#include "run_review.h"

namespace norm::cli {

// True when config asks for the batch/record machinery instead of the plain
// one-file-at-a-time loop.
bool UsesBatch(const Config& config);

// Runs it; returns the exit status (0, 1 some input rejected, 2 trouble).
// With a review, each document or record goes to it too (the caller writes
// the page).
int RunBatch(const Config& config, const Normalizer& normalizer, RunReview* review);

}  // namespace norm::cli
