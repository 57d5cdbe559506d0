// The record modes' JSON scanner: one object per line, strict about syntax
// (RFC 8259) and lenient about encoding (see norm/records.h). The escaper is
// text/json.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "json.h"
#include "norm/status.h"

namespace norm::json {

// One top-level member of a scanned object: byte spans into the line.
struct Member {
  size_t key_begin = 0, key_end = 0;      // the key literal, quotes included
  size_t value_begin = 0, value_end = 0;  // the value, as written
  std::string key;                        // the key, unescaped
};

struct Object {
  std::vector<Member> members;
  size_t open = 0;   // offset of '{'
  size_t close = 0;  // offset of the matching '}'
};

// Scans `line` as exactly one JSON object surrounded by optional whitespace.
// On a syntax error returns kInvalidInput with the byte offset.
Status ScanObject(std::string_view line, Object* object);

// Unescapes a string literal (quotes included, as ScanObject delimits it)
// into *out. Lone surrogates become U+FFFD and are counted.
Status Unescape(std::string_view literal, std::string* out, int64_t* lone_surrogates);

}  // namespace norm::json
