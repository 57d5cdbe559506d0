// The `norm` command line: see `norm --help` or docs/norm.1.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <utility>

#include "batch.h"
#include "diff.h"
#include "flags.h"
#include "io.h"
#include "json.h"
#include "norm/decode.h"
#include "norm/norm.h"
#include "norm/records.h"
#include "norm/registry.h"
#include "run_review.h"
#include "stream_decode.h"

namespace norm::cli {
namespace {

std::string DisplayName(const std::string& file) { return file == "-" ? "-" : file; }

class Runner {
 public:
  explicit Runner(const Config& config)
      : config_(config), normalizer_(config.options), review_(MakeRunReview(config)) {}

  int Run() {
    if (!normalizer_.status().ok()) {
      Error("", normalizer_.status().ToString());
      return kTrouble;
    }
    if (config_.command == "review") return Review();
    if (UsesBatch(config_) && config_.command != "check") {
      int status = RunBatch(config_, normalizer_, review_.get());
      return review_ ? std::max(status, review_->Write()) : status;
    }
    int status = kOk;
    if (config_.command == "check") {
      status = Check();
    } else {
      std::vector<std::string> files = config_.files;
      if (files.empty()) files.push_back("-");
      for (const std::string& file : files) {
        status = std::max(status, One(file));
        if (stop_) break;
      }
    }
    if (review_) status = std::max(status, review_->Write());
    // -o: the output was streamed to a temporary file; put it in place
    // only when nothing went wrong (an empty output still replaces FILE).
    if (!config_.output.empty() && !stop_ && status != kTrouble) {
      std::string error;
      if ((!output_.is_open() && !output_.Open(config_.output, &error)) ||
          !output_.Commit("", &error)) {
        Error(config_.output, error);
        status = kTrouble;
      }
    }
    return status;
  }

 private:
  int One(const std::string& file) {
    // (Not with --explain or --review, which need the whole input.)
    if (config_.command == "decode" && !config_.in_place && !config_.options.explain &&
        !config_.stats) {
      // Large files stream (stream_decode.h); the output is the same.
      int emitted = kOk;
      const StreamOutcome streamed =
          StreamDecodeFile(file, config_.options, [&](std::string_view chunk) {
            emitted = Emit(chunk);
            return emitted == kOk && !stop_;
          });
      if (streamed == StreamOutcome::kDone) return kOk;
      // stop_: the output failed (kTrouble) or its reader went away (kOk).
      if (streamed == StreamOutcome::kFailed) return stop_ ? emitted : kTrouble;
    }
    std::string bytes, error;
    // detect looks at a window only: one byte more tells it the input goes on.
    const size_t limit =
        config_.command == "detect" ? DetectionWindow(config_.options.decode) + 1 : SIZE_MAX;
    if (!ReadAll(file, &bytes, &error, limit)) {
      Error(DisplayName(file), error);
      return kTrouble;
    }
    if (config_.command == "detect") return Detect(file, bytes);
    // Without --review the input is not needed after the run: the
    // normalizer may free it as it goes (a large page's peak is lower).
    Result r = review_ ? normalizer_.Normalize(bytes, file)
                       : normalizer_.NormalizeConsuming(std::move(bytes), file);
    int status = Deliver(file, r);
    // The page gets the document after its output is written (r moved from).
    if (review_) review_->Add(DisplayName(file), review_->Decoded(bytes), r);
    return status;
  }

  // Writes r (the document read from file) where the run's output goes.
  int Deliver(const std::string& file, const Result& r) {
    std::string error;
    if (config_.explain_to_stderr) {
      std::string text = r.report.ToText();
      std::fprintf(stderr, "norm: %s: explain\n%s", DisplayName(file).c_str(), text.c_str());
    }
    if (config_.stats) {
      std::string line = "{\"file\":";
      json::AppendString(line, DisplayName(file));
      line += ",\"report\":" + r.report.ToJson() + "}\n";
      std::fputs(line.c_str(), stderr);
    }
    if (!r.status.ok()) {
      Error(DisplayName(file), r.status.ToString());
      return ExitFor(r.status);
    }
    // Nothing lost silently: the warning, and with --strict exit 1 (the
    // output is written all the same).
    int status = kOk;
    if (!r.warning.empty()) {
      Error(DisplayName(file), "warning: " + r.warning);
      if (config_.strict) status = kRejected;
    }
    if (config_.in_place) {
      if (!WriteAtomically(file, r.markdown, config_.backup_suffix, &error)) {
        Error(file, error);
        return kTrouble;
      }
      return status;
    }
    // Documents written to one output are parted by a blank line, so that
    // the second does not read back as part of the first (a paragraph run
    // on, or a setext heading made of its last line and a front-matter fence).
    if (r.markdown.empty()) return status;
    int emitted = Emit(wrote_document_ ? "\n" + r.markdown : r.markdown);
    wrote_document_ = true;
    return std::max(status, emitted);
  }

  int Emit(std::string_view data) {
    if (!config_.output.empty()) {
      std::string error;
      if ((!output_.is_open() && !output_.Open(config_.output, &error)) ||
          !output_.Write(data, &error)) {
        Error(config_.output, error);
        stop_ = true;
        return kTrouble;
      }
      return kOk;
    }
    bool broken_pipe = false;
    std::string error;
    if (!WriteStdout(data, &broken_pipe, &error)) {
      stop_ = true;
      if (broken_pipe) return kOk;  // the reader went away: stop quietly
      Error("-", "write error: " + error);
      return kTrouble;
    }
    return kOk;
  }

  int Detect(const std::string& file, std::string_view bytes) {
    Result r = normalizer_.Normalize(bytes);
    if (!r.status.ok()) {  // -f named an encoding ICU cannot open
      Error(DisplayName(file), r.status.ToString());
      return ExitFor(r.status);
    }
    auto fact = [&](std::string_view key) { return *r.report.GetFact("decode", key); };
    std::string line;
    if (config_.json) {
      line = "{\"file\":";
      json::AppendString(line, DisplayName(file));
      line += ",\"encoding\":";
      json::AppendString(line, fact("encoding"));
      line += ",\"confidence\":" + fact("confidence") + ",\"source\":";
      json::AppendString(line, fact("source"));
      line += "}\n";
    } else {
      line = DisplayName(file) + ": " + fact("encoding") + " confidence=" + fact("confidence") +
             " source=" + fact("source") + "\n";
    }
    return Emit(line);
  }

  int Check() {
    const std::string& expected_path = config_.files[0];
    std::string actual_path = config_.files.size() > 1 ? config_.files[1] : "-";
    std::string expected, actual, error;
    if (!ReadAll(expected_path, &expected, &error)) {
      Error(expected_path, error);
      return kTrouble;
    }
    if (!ReadAll(actual_path, &actual, &error)) {
      Error(DisplayName(actual_path), error);
      return kTrouble;
    }
    Result e = normalizer_.Normalize(expected, expected_path);
    Result a = normalizer_.Normalize(actual, actual_path);
    if (!e.status.ok()) {
      Error(expected_path, e.status.ToString());
      return kTrouble;
    }
    if (!a.status.ok()) {
      Error(DisplayName(actual_path), a.status.ToString());
      return kTrouble;
    }
    std::string diff = UnifiedDiff(e.markdown, a.markdown, expected_path, DisplayName(actual_path));
    if (diff.empty()) return kOk;
    Emit(diff);
    return kRejected;
  }

  // `norm review`: every FILE normalized for the page only.
  int Review() {
    int status = kOk;
    for (const std::string& file : config_.files) {
      std::string bytes, error;
      if (!ReadAll(file, &bytes, &error)) {
        Error(DisplayName(file), error);
        status = kTrouble;
        continue;
      }
      Result r = normalizer_.Normalize(bytes, file);
      if (!r.status.ok()) {
        Error(DisplayName(file), r.status.ToString());
        status = std::max(status, ExitFor(r.status));
      }
      review_->Add(DisplayName(file), review_->Decoded(bytes), r);
    }
    return std::max(status, review_->Write());
  }

  const Config& config_;
  Normalizer normalizer_;
  std::unique_ptr<RunReview> review_;  // --review FILE, norm review
  AtomicFile output_;                  // -o FILE
  bool stop_ = false;
  bool wrote_document_ = false;  // a document went to the output already
};

}  // namespace
}  // namespace norm::cli

int main(int argc, char** argv) {
  using namespace norm::cli;
  std::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> args(argv + 1, argv + argc);
  Config config;
  std::string error;
  if (!ParseArgs(args, &config, &error)) {
    Error("", error);
    return kTrouble;
  }
  bool broken = false;
  if (config.help) return WriteStdout(HelpText(), &broken, &error) ? 0 : 2;
#ifndef NORM_ALLOCATOR
#define NORM_ALLOCATOR "glibc malloc"
#endif
  if (config.version)
    return WriteStdout(norm::VersionInfo() + "allocator " NORM_ALLOCATOR "\n", &broken, &error) ? 0
                                                                                                : 2;
  if (config.man) return WriteStdout(ManPage(), &broken, &error) ? 0 : 2;
  if (config.list_filters) {
    std::string out;
    for (const norm::FilterInfo& f : norm::Filters()) {
      std::string name(f.name);
      name.resize(std::max<size_t>(name.size() + 1, 14), ' ');
      std::string stage(norm::StageName(f.stage));
      stage.resize(9, ' ');
      out += name + stage + (f.in_default_pipeline ? "default  " : "opt-in   ") +
             std::string(f.description) + "\n";
    }
    return WriteStdout(out, &broken, &error) ? 0 : 2;
  }
  if (config.list_encodings) {
    std::string out;
    for (const norm::EncodingInfo& e : norm::ListEncodings()) {
      std::string name = e.name;
      name.resize(std::max<size_t>(name.size() + 1, 24), ' ');
      out += name + e.source + (e.aliases.empty() ? "" : "  " + e.aliases) + "\n";
    }
    return WriteStdout(out, &broken, &error) ? 0 : 2;
  }
  return Runner(config).Run();
}
