// Every filter in the registry, picked by the first input byte, so filters
// added later are fuzzed without touching this file. The filter runs on a
// Document read from the rest of the input (format by the second byte) and,
// for text filters, directly on the text. Properties: no crash or hang,
// valid UTF-8 out, and a filter that reports no change leaves clean spans
// alone (MayChange false means Transform returns its input).
#include <memory>
#include <vector>

#include "fuzz_util.h"
#include "norm/decode.h"
#include "norm/registry.h"
#include "reader.h"
#include "write_markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace norm;
  struct Built {
    std::string name;
    std::unique_ptr<Filter> filter;
  };
  static std::vector<Built> filters = [] {
    std::vector<Built> out;
    Options options;
    for (const FilterInfo& info : Filters()) {
      Status s;
      std::unique_ptr<Filter> f = info.make(options, &s);
      // A filter whose data package is missing, or that has nothing to do
      // with default options (zh without --zh), is skipped here.
      if (f) out.push_back({std::string(info.name), std::move(f)});
    }
    return out;
  }();
  if (filters.empty() || size < 2) return 0;
  fuzz::Bytes in(data, size);
  const Built& built = filters[in.Take() % filters.size()];
  uint8_t b = in.Take();
  Options options = fuzz::OptionsFrom(b);
  InputFormat format = static_cast<InputFormat>((b >> 4) % 4);
  std::string text = fuzz::AsUtf8(in.rest());

  if (const auto* tf = dynamic_cast<const TextFilter*>(built.filter.get())) {
    Report report;
    std::string out = tf->Transform(text, report);
    if (!IsValidUtf8(out)) fuzz::Fail("text filter produced invalid UTF-8", built.name);
    if (!tf->MayChange(text) && out != text)
      fuzz::Fail("MayChange said no change but Transform changed the text", built.name);
  }
  Document doc;
  Report report;
  if (!ReadDocument(text, format, options, &doc, report).ok()) return 0;
  built.filter->Apply(doc, report);
  std::string md = WriteMarkdown(doc);
  if (!IsValidUtf8(md)) fuzz::Fail("filter left invalid UTF-8 in the document", built.name);
  return 0;
}
