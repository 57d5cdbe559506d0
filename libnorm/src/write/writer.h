// The Markdown writer behind norm::WriteMarkdown (pipeline/write_markdown.h), without
// the Markdown reader: the read-back check that keeps styled paragraphs a
// fixed point is a callback, so that write/ does not depend on read/. The
// pipeline passes the reader in (pipeline/write_markdown.cpp).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "norm/document.h"
#include "norm/report.h"

namespace norm::writer {

// Reads markdown into *doc as the Markdown reader does; false on failure.
using ReadBack = std::function<bool(std::string_view markdown, Document* doc)>;

// norm::WriteMarkdown, reading each styled paragraph, heading and table
// cell back with read_back; without one, styles are written unchecked.
// *body_offset (when not null): where the body starts (see Result).
std::string Write(const Document& doc, Report* report, const ReadBack& read_back,
                  size_t* body_offset = nullptr);

}  // namespace norm::writer
