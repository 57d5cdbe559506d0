// libnorm: damaged multilingual text in, clean UTF-8 Markdown out.
//
//   norm::Options options;                       // defaults: see options.h
//   norm::Normalizer normalizer(options);        // build once, share across threads
//   if (!normalizer.status().ok()) ...           // bad option, missing data package
//   norm::Result r = normalizer.Normalize(bytes);
//   if (r.status.ok()) use(r.markdown, r.report);
//
// Data flow: bytes -> decode -> parse -> Document -> filters -> Markdown.
// No exception crosses this API.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "norm/document.h"
#include "norm/filter.h"
#include "norm/options.h"
#include "norm/report.h"
#include "norm/status.h"

namespace norm {

struct [[nodiscard]] Result {
  // The output: Markdown, or what options.to names (plain text, a JSON
  // object); the text as the command leaves it for decode, fix and zh.
  std::string markdown;
  // markdown.substr(body_offset) is the body: what follows the front matter
  // (0 when there is none). Records carry only the body.
  size_t body_offset = 0;
  Report report;
  Status status;
  // Set when rules left less than 5% of the document's visible text or a
  // non-blank input came out empty: one line, e.g. "output keeps 3% of the
  // visible text (120 of 4000 characters); rule heuristic:widget removed
  // 3700; --no-boilerplate keeps it" (the norm command prints it on stderr). The report's visible.*
  // and removed.* counters give the figures per stage and per rule.
  std::string warning;
};

class Normalizer {
 public:
  explicit Normalizer(const Options& options);
  // With filters of the caller's own (Filter subclasses, see filter.h), run
  // by Command::kNormalize only: where options.steps names them, or, with
  // the default pipeline (and '-name' removals), after the registered
  // filters and before `unicode`, which keeps the output normalized. Their
  // names must differ from the registered ones; with an explicit
  // options.steps each must be named there. Their Apply must be thread-safe
  // for the Normalizer to be shared across threads.
  Normalizer(const Options& options, std::vector<std::unique_ptr<Filter>> filters);
  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  // Configuration errors found while building the pipeline.
  const Status& status() const { return status_; }
  const Options& options() const { return options_; }
  const Pipeline& pipeline() const { return *pipeline_; }

  // Runs options().command on bytes (the whole pipeline by default).
  // Thread-safe. `name` is the input's file name, when there is one: with
  // options().format auto, a name that states HTML (.html, .htm, .xhtml,
  // .shtml) picks the HTML reader, as a browser does; other names leave it
  // to sniffing the text.
  Result Normalize(std::string_view bytes, std::string_view name = {}) const;
  // The same, with leave to free bytes (left empty or unspecified) as soon as
  // the run no longer needs them: a large HTML page is released once the
  // parser holds its own text, one input-sized buffer fewer at the peak.
  Result NormalizeConsuming(std::string&& bytes, std::string_view name = {}) const;
  // The same on text already decoded to UTF-8 (no decode facts reported).
  Result NormalizeText(std::string_view utf8, std::string_view name = {}) const;
  // Normalize on each input, on `threads` threads (<= 0: one per core);
  // results in input order.
  std::vector<Result> NormalizeBatch(std::span<const std::string> inputs, int threads) const;

 private:
  // Normalize; `consumable`, when not null, holds bytes and may be freed.
  Result NormalizeImpl(std::string_view bytes, std::string* consumable,
                       std::string_view name) const;
  // Runs the command on decoded text; `owned`, when not null, holds the
  // same text and may be moved from.
  void Run(std::string_view text, std::string* owned, std::string_view name, Result& result) const;

  Options options_;
  Status status_;
  std::unique_ptr<Pipeline> pipeline_;
};

// One-shot convenience; builds a Normalizer each call.
Result Normalize(std::string_view bytes, const Options& options = {});

// Versions of libnorm and of the libraries it runs on, one "name version"
// per line.
std::string VersionInfo();

}  // namespace norm
