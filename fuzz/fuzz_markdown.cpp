// The Markdown reader (cmark-gfm, front matter, embedded HTML) and the
// writer. Properties: no crash, no hang, valid UTF-8 out.
#include "fuzz_util.h"
#include "norm/decode.h"
#include "reader.h"
#include "write_markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace norm;
  fuzz::Bytes in(data, size);
  Options options = fuzz::OptionsFrom(in.Take());
  std::string text = fuzz::AsUtf8(in.rest());
  Document doc;
  Report report;
  Status s = ReadMarkdown(text, options, &doc, report);
  if (!s.ok()) fuzz::Fail("ReadMarkdown failed", s.ToString());
  (void)PlainText(doc);
  std::string md = WriteMarkdown(doc);
  if (!IsValidUtf8(md)) fuzz::Fail("Markdown reader produced invalid UTF-8", md);
  return 0;
}
