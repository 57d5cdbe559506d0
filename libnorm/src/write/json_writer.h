// The JSON writer (--to=json), laid out by the text writer (text_writer.h).
#pragma once

#include <string>

#include "norm/document.h"
#include "norm/report.h"

namespace norm {

// A Document as one JSON object on one line (--to=json), for tools that want
// structure without parsing Markdown; docs/output.schema.json is its schema:
//   {"metadata": {front-matter key: string, or array for a [a, b] list},
//    "text": what WriteText writes,
//    "blocks": [{"type": "heading"|"paragraph"|"list"|"quote"|"code"|"table",
//                "start", "end": UTF-8 byte offsets of the block in "text",
//                "level" (heading), "ordered", "first_number", "items" (list;
//                each item {"type":"item", "start", "end", "blocks"}),
//                "blocks" (quote), "language" (code), "rows" (table: cells as
//                text, the first row the header)}],
//    "links": [{"url", "start", "end": the link's text in "text"}]}
// Ends with '\n'. Counted in `report` as WriteText counts.
std::string WriteJson(const Document& doc, Report* report = nullptr);

}  // namespace norm
