// Which Chinese script a text is written in, Simplified or Traditional: the
// one detector (--zh-target's choice of converter, the metadata filter's
// zh-Hans/zh-Hant label). It counts the Han characters only one script uses
// (text_model::ScriptOf: OpenCC changes them and the other script's text
// seldom keeps them) and picks the script with more.
#pragma once

#include <cstdint>
#include <string_view>

#include "text_model.h"

namespace norm::text_model {

struct HanScriptCounts {
  int64_t simplified_only = 0;
  int64_t traditional_only = 0;
};

// Adds the script-specific Han characters of text (valid UTF-8) to *counts.
void CountHanScript(std::string_view text, HanScriptCounts* counts);

// kSimplified or kTraditional when one count is larger, else kEither.
HanScript DecideHanScript(const HanScriptCounts& counts);

}  // namespace norm::text_model
