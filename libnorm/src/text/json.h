// The one JSON string escaper (records, --stats reports, the CLI's JSON
// lines). Also declared in norm/records.h for the CLI; defined once here.
#pragma once

#include <string>
#include <string_view>

namespace norm::json {

// Appends s as a JSON string literal: ", \ and control characters escaped
// (\n, \r, \t by name, the others as \u00XX), everything else (UTF-8
// included) kept as is.
void AppendString(std::string& out, std::string_view s);

}  // namespace norm::json
