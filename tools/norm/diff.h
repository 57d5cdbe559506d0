// Unified line diff for `norm check`.
#pragma once

#include <string>
#include <string_view>

namespace norm::cli {

// A unified diff (3 lines of context) of a against b, or "" when equal.
std::string UnifiedDiff(std::string_view a, std::string_view b, std::string_view a_name,
                        std::string_view b_name);

}  // namespace norm::cli
