// libxml2's HTML parser over UTF-8 text, without the copies libxml2 2.9
// would make of it.
#pragma once

#include <libxml/HTMLparser.h>

#include <string_view>

namespace norm::html {

class AttributeFilter;

// Whether the parser may read text where it is, for the whole parse.
enum class TextPlace {
  // text ends with the NUL of its std::string (text.data()[text.size()]
  // is readable and 0), which outlives the parse: read in place.
  kNulTerminated,
  // Anything else (a view into a caller's larger buffer): copied first.
  kCopy,
};

// Parses text (valid UTF-8, as every reader is given) into a new tree
// owned by the caller, or null. flags: htmlCtxtUseOptions's. filter, when
// given, keeps the attributes nothing reads out of the tree
// (html_attr_filter.h). ctxt's last error tells of limits hit.
xmlDoc* ParseUtf8(htmlParserCtxt* ctxt, std::string_view text, int flags, TextPlace place,
                  AttributeFilter* filter);

}  // namespace norm::html
