// norm::WriteMarkdown: the writer with the Markdown reader as its read-back
// check (write/writer.h).
#include "write_markdown.h"

#include "norm/options.h"
#include "reader.h"
#include "writer.h"

namespace norm {
namespace {

bool ReadBack(std::string_view markdown, Document* doc) {
  Report ignored;
  return ReadMarkdown(markdown, Options(), doc, ignored).ok();
}

}  // namespace

std::string WriteMarkdown(const Document& doc) { return WriteMarkdown(doc, nullptr); }

std::string WriteMarkdown(const Document& doc, Report* report, size_t* body_offset) {
  return writer::Write(doc, report, ReadBack, body_offset);
}

}  // namespace norm
