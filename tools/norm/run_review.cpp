#include "run_review.h"

#include "io.h"

namespace norm::cli {
namespace {

Options DecodeOnly(Options options) {
  options.command = norm::Command::kDecode;
  options.explain = false;
  return options;
}

}  // namespace

RunReview::RunReview(const Config& config, std::string path)
    : path_(std::move(path)),
      decoder_(DecodeOnly(config.options)),
      markdown_(config.options.to == OutputFormat::kMarkdown &&
                (config.options.command == norm::Command::kNormalize ||
                 config.options.command == norm::Command::kHtmlToMarkdown)),
      page_(config.review_max) {}

std::string RunReview::Decoded(std::string_view bytes) const {
  Result decoded = decoder_.Normalize(bytes);
  return decoded.status.ok() ? std::move(decoded.markdown) : std::string();
}

void RunReview::Add(std::string name, std::string input, Result& r) {
  Add(std::move(name), std::move(input), std::move(r.markdown), r.report, r.status);
}

void RunReview::Add(std::string name, std::string input, std::string output, Report& report,
                    const Status& status) {
  ReviewDoc d;
  d.name = std::move(name);
  d.input = std::move(input);
  d.markdown = std::move(output);
  d.report = std::move(report);
  d.status = status;
  d.output_is_markdown = markdown_;
  page_.Add(std::move(d));
}

int RunReview::Write() const {
  std::string error;
  if (WriteAtomically(path_, page_.Html(), "", &error)) return kOk;
  Error(path_, error);
  return kTrouble;
}

std::unique_ptr<RunReview> MakeRunReview(const Config& config) {
  if (config.command == "review") return std::make_unique<RunReview>(config, config.output);
  if (!config.review.empty()) return std::make_unique<RunReview>(config, config.review);
  return nullptr;
}

}  // namespace norm::cli
