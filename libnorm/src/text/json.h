// The one string escaper: JSON strings (records, --stats reports, the CLI's
// JSON lines) and YAML double-quoted scalars (front-matter values).
#pragma once

#include <string>
#include <string_view>

namespace norm::json {

// Appends s as a JSON string literal: ", \ and control characters escaped
// (\n, \r, \t by name, the others as \u00XX), everything else (UTF-8
// included) kept as is.
void AppendString(std::string& out, std::string_view s);

// Appends s as a YAML double-quoted scalar: as AppendString, but CR, the
// other control characters and DEL as \xXX (YAML reads \u too, the output
// keeps the form front matter always had).
void AppendYamlString(std::string& out, std::string_view s);

}  // namespace norm::json
