// The writer's contract as a fuzz property: read (any format) -> write ->
// read -> write gives the same bytes twice (norm(norm(x)) == norm(x) for the
// readers and writer; filters are left out so that a failure points here).
#include "fuzz_util.h"
#include "reader.h"
#include "write_markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace norm;
  fuzz::Bytes in(data, size);
  uint8_t b = in.Take();
  Options options = fuzz::OptionsFrom(b);
  InputFormat format = static_cast<InputFormat>((b >> 4) % 4);
  std::string text = fuzz::AsUtf8(in.rest());

  Document first;
  Report report;
  if (!ReadDocument(text, format, options, &first, report).ok()) return 0;
  std::string once = WriteMarkdown(first);

  Document second;
  if (!ReadMarkdown(once, options, &second, report).ok()) fuzz::Fail("output unreadable", once);
  std::string twice = WriteMarkdown(second);
  if (twice != once) {
    std::string detail = "input:\n" + text + "\n--- once:\n" + once + "\n--- twice:\n" + twice;
    fuzz::Fail("writer output is not a fixed point", detail);
  }
  return 0;
}
