// The HTML reader and the writer on arbitrary markup. Properties: no crash,
// no hang, the output is valid UTF-8 and reads back as Markdown.
#include "fuzz_util.h"
#include "norm/decode.h"
#include "reader.h"
#include "write_markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace norm;
  fuzz::Bytes in(data, size);
  Options options = fuzz::OptionsFrom(in.Take());
  std::string html = fuzz::AsUtf8(in.rest());
  Document doc;
  Report report;
  Status s = ReadHtml(html, options, &doc, report);
  if (!s.ok()) fuzz::Fail("ReadHtml failed", s.ToString());
  (void)PlainText(doc);
  std::string md = WriteMarkdown(doc);
  if (!IsValidUtf8(md)) fuzz::Fail("HTML reader produced invalid UTF-8", md);
  (void)report.ToJson();
  (void)report.ToText();
  return 0;
}
