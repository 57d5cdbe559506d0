// Limits the Markdown reader applies and the writer must respect, so that
// what the writer writes reads back as written.
#pragma once

namespace norm {

// Quotes and lists nested deeper than this are read flat (read_markdown.cpp)
// and written flat (writer.cpp): their leaf blocks go to the enclosing
// container. Hostile nesting ("> > > ..." 100,000 deep) can then neither
// exhaust the stack nor make per-level prefixing quadratic.
inline constexpr int kMarkdownMaxNesting = 100;

}  // namespace norm
