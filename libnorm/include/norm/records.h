// Records: many small documents in one stream, normalized one by one.
//
//   norm::Normalizer normalizer(options);
//   norm::RecordOptions ro;                       // --jsonl --text-key text
//   norm::RecordResult r = norm::NormalizeRecord(normalizer, line, ro);
//   if (r.status.ok()) write(r.output + "\n"); else reject(line, r.status);
//
// Three record formats share one contract: exactly one record out per record
// in, in order (a rejected record produces no output record; the caller
// accounts for it, e.g. `norm --rejects`).
//
// A record carries text only: the Markdown body, never front matter.
//
//   kJsonl  one JSON object per line. The string member `text_key` is
//           unescaped (\uXXXX surrogate pairs included) to bytes, normalized,
//           and re-escaped in place. Every other byte of the line, other
//           members, their order, spacing and escapes, is kept verbatim.
//           With --to=json (text_is_json) the member becomes the document's
//           JSON object instead of a string.
//           With `report_key`, the Report JSON is written as that member
//           (replacing its value if present, else appended last); with
//           `meta_key`, the front matter (title, lang, ...) likewise, as an
//           object of strings ({} when there is none).
//   kLines  one record per line; the output is the Markdown body on one line:
//           trailing newlines dropped, inner line breaks folded to one
//           space (counted as records.lines-joined).
//   kNul    NUL-terminated records; the output is the Markdown body as is.
//
// A record whose own text starts with front matter loses it from the text
// (counted as records.front-matter-dropped) unless `meta_key` keeps it.
//
// The JSON scanner is strict about syntax (RFC 8259: one object, no trailing
// commas, no comments, control characters escaped, nesting at most 256
// deep) and lenient about encoding: raw bytes >= 0x80 inside strings are
// passed on untouched, so the text member may hold bytes in any encoding
// for the decoder to detect. Lone surrogate escapes become U+FFFD, counted
// as records.lone-surrogates (rejected with --on-invalid=strict).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "norm/report.h"
#include "norm/status.h"

namespace norm {

class Normalizer;
struct Result;

enum class RecordFormat { kJsonl, kLines, kNul };

struct RecordOptions {
  RecordFormat format = RecordFormat::kJsonl;
  std::string text_key = "text";  // --text-key: the member normalized
  std::string id_key = "id";      // --id-key: copied into errors; may be absent
  std::string report_key;         // --report-key: empty means no report member
  std::string meta_key;           // --meta-key: empty means no front-matter member
  bool strict = false;            // reject lone surrogate escapes
  // kJsonl: the normalized text is a JSON object (--to=json), written as the
  // member's value itself rather than as a string. NormalizeRecord with a
  // Normalizer sets it from the Normalizer's options.
  bool text_is_json = false;
};

struct [[nodiscard]] RecordResult {
  std::string output;  // the output record, without its terminator
  std::string id;      // raw JSON of the id member, when present
  Report report;
  Status status;        // kInvalidInput for malformed JSON; else the Normalizer's
  std::string warning;  // the Normalizer's loss warning (Result::warning)
};

// Normalizes one record (without its terminator) with `normalize` (usually
// Normalizer::Normalize, or a single CLI stage).
RecordResult NormalizeRecord(std::string_view record, const RecordOptions& options,
                             const std::function<Result(std::string_view)>& normalize);
RecordResult NormalizeRecord(const Normalizer& normalizer, std::string_view record,
                             const RecordOptions& options);
// NormalizeRecord on each record, on `threads` threads (<= 0: one per
// core); results in record order.
std::vector<RecordResult> NormalizeRecords(const Normalizer& normalizer,
                                           std::span<const std::string> records,
                                           const RecordOptions& options, int threads);

}  // namespace norm
