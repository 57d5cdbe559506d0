// Minimal JSON string escaping shared by Report and the CLI.
#pragma once

#include <string>
#include <string_view>

namespace norm {

// Appends s as a JSON string literal (with quotes).
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace norm
