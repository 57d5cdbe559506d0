// Pipelines from the filter table (registry.cpp): what Normalizer runs.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "norm/filter.h"
#include "norm/options.h"
#include "norm/registry.h"
#include "norm/status.h"

namespace norm {

// Builds the pipeline named by options.steps (see Options::steps), keeping
// only filters of the given stages (all stages when `stages` is empty).
std::unique_ptr<Pipeline> BuildPipeline(const Options& options, Status* status,
                                        std::span<const Stage> stages = {});

// The pipeline a Normalizer runs for options.command: the filters of its
// stages among options.steps, and for Command::kNormalize the caller's own
// `custom` filters too (see Normalizer), which it takes. Empty for
// kDetect and kDecode (options.steps is still checked).
std::unique_ptr<Pipeline> BuildCommandPipeline(const Options& options,
                                               std::vector<std::unique_ptr<Filter>> custom,
                                               Status* status);

}  // namespace norm
