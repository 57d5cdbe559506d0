// The one table of filters. The CLI --steps option, `norm --list-filters`,
// docs/filters.md and the tests all read it.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "norm/filter.h"
#include "norm/options.h"
#include "norm/status.h"

namespace norm {

struct FilterInfo {
  std::string_view name;
  std::string_view description;  // one line
  bool in_default_pipeline;
  bool text_level;  // a TextFilter: usable by `norm fix` on raw text
  // Builds the filter from its section of Options; on failure returns null
  // and sets *status (kConfig, naming the missing package or bad value).
  std::unique_ptr<Filter> (*make)(const Options& options, Status* status);
};

// In default pipeline order.
std::span<const FilterInfo> Filters();
const FilterInfo* FindFilter(std::string_view name);

// Builds the pipeline named by options.steps (see Options::steps).
std::unique_ptr<Pipeline> BuildPipeline(const Options& options, Status* status);
// Builds the text-level filters only (for `norm fix`), same rules.
std::unique_ptr<Pipeline> BuildTextPipeline(const Options& options, Status* status);

}  // namespace norm
