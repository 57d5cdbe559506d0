#include "loss_account.h"

#include "visible_count.h"

namespace norm {
namespace {

// Changes a filter records move this (counters only grow or appear).
int64_t Stamp(const Report& report) {
  int64_t stamp = static_cast<int64_t>(report.counters().size());
  for (const Report::Counter& c : report.counters()) stamp += c.value;
  return stamp;
}

int64_t Removed(const Report& report, std::string* top_rule) {
  int64_t total = 0, top = 0;
  for (const Report::Counter& c : report.counters()) {
    if (c.filter != "removed") continue;
    total += c.value;
    if (c.value > top) {
      top = c.value;
      *top_rule = c.key;
    }
  }
  return total;
}

bool IsBlank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  return true;
}

}  // namespace

void ApplyCounted(const Pipeline& pipeline, Document& doc, Report& report) {
  std::string top;
  const int64_t read = static_cast<int64_t>(VisibleChars(doc));
  report.Count("visible", "input", read + Removed(report, &top));
  report.Count("visible", "read", read);
  int64_t visible = read;
  for (const auto& step : pipeline.steps()) {
    const int64_t stamp = Stamp(report);
    step->Apply(doc, report);
    // A filter that changed nothing recorded nothing: no recount.
    if (Stamp(report) != stamp) visible = static_cast<int64_t>(VisibleChars(doc));
    report.Count("visible", step->name(), visible);
  }
  report.Count("visible", "output", visible);
}

std::string LossWarning(std::string_view input, Report& report) {
  return LossWarning(IsBlank(input), report);
}

std::string LossWarning(bool input_blank, Report& report) {
  const int64_t in = report.Get("visible", "input");
  const int64_t out = report.Get("visible", "output");
  std::string rule;
  const int64_t removed = Removed(report, &rule);
  const bool empty = out == 0 && (in > 0 || !input_blank);
  std::string warning;
  if (in > 0 && (empty || (removed > 0 && out * 100 < in * kLossWarningPercent))) {
    warning = "output keeps " + std::to_string(out * 100 / in) + "% of the visible text (" +
              std::to_string(out) + " of " + std::to_string(in) + " characters)";
    if (removed > 0)
      warning += "; rule " + rule + " removed " + std::to_string(report.Get("removed", rule)) +
                 "; --no-boilerplate keeps it";
  } else if (empty) {
    warning = "the body is empty: the input shows no text";
  }
  if (!warning.empty()) report.Set("visible", "warning", warning);
  return warning;
}

}  // namespace norm
