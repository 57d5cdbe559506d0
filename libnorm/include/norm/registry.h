// The one table of filters. The CLI --steps option, `norm --list-filters`,
// docs/filters.md and the tests all read it.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "norm/filter.h"
#include "norm/options.h"
#include "norm/status.h"

namespace norm {

// Where a filter sits in the data flow; single-stage commands run one stage
// (`norm fix` = kRepair, `norm html2md` = kMarkup, `norm zh` = kScript).
enum class Stage { kRepair, kMarkup, kScript, kUnicode };

struct FilterInfo {
  std::string_view name;
  std::string_view description;  // one line
  Stage stage;
  bool in_default_pipeline;
  // Builds the filter from its section of Options. On a configuration error
  // returns null and sets *status (kConfig, naming the missing package or
  // the bad value). Returns null with an OK status when the options leave
  // the filter nothing to do (zh without --zh): it is then left out.
  std::unique_ptr<Filter> (*make)(const Options& options, Status* status);
};

// In default pipeline order.
std::span<const FilterInfo> Filters();
const FilterInfo* FindFilter(std::string_view name);

std::string_view StageName(Stage stage);

// The commands a Normalizer runs (Options::command), by the names `norm`
// gives them. A command whose stage has no registered filter is left out.
struct CommandInfo {
  std::string_view name;     // "fix", as in `norm fix`
  std::string_view summary;  // one line, for --help
  Command command;
};
std::span<const CommandInfo> Commands();
const CommandInfo* FindCommand(std::string_view name);

}  // namespace norm
