// What one CLI command does to one input's bytes, shared by `norm` and the
// fixture tests (which run every case through this and through the binary).
#pragma once

#include <string_view>

#include "flags.h"
#include "norm/norm.h"

namespace norm::cli {

// Runs config.command ("" for the whole pipeline, decode, fix, html2md, zh)
// on bytes. `normalizer` must be built from config.options. `name` is the
// input's file name ("-" or empty for standard input and records).
Result RunCommand(const Config& config, const Normalizer& normalizer, std::string_view bytes,
                  std::string_view name = {});

}  // namespace norm::cli
