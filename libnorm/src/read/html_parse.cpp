#include "html_parse.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "html_attr_filter.h"

namespace norm::html {
namespace {

// An input over text where it is: libxml2 reads from base to end and, with
// no buffer behind the input (buf == null), never grows, shrinks or
// re-encodes it (xmlParserInputGrow and xmlParserInputShrink return at
// once; the UTF-8 decoder stops at the NUL past end as it does at the end
// of its own copy, which is NUL-terminated too). Not freed with the input
// (free == null).
xmlParserInput* InPlaceInput(htmlParserCtxt* ctxt, std::string_view text) {
  xmlParserInput* input = xmlNewInputStream(ctxt);
  if (input == nullptr) return nullptr;
  const auto* bytes = reinterpret_cast<const xmlChar*>(text.data());
  input->base = bytes;
  input->cur = bytes;
  input->length = static_cast<int>(text.size());
  input->end = bytes + text.size();
  return input;
}

// libxml2's own copy of text (xmlParserInputBufferCreateMem copies).
xmlParserInput* CopiedInput(htmlParserCtxt* ctxt, std::string_view text) {
  xmlParserInputBuffer* buffer = xmlParserInputBufferCreateMem(
      text.data(), static_cast<int>(text.size()), XML_CHAR_ENCODING_NONE);
  if (buffer == nullptr) return nullptr;
  xmlParserInput* input = xmlNewIOInputStream(ctxt, buffer, XML_CHAR_ENCODING_NONE);
  if (input == nullptr) xmlFreeParserInputBuffer(buffer);
  return input;
}

// htmlParseDocument guesses an encoding from the first four bytes when
// they hold a NUL ("<\0?\0" reads as UTF-16) and then switches to it, which
// only a buffered input can do: such text takes the copy, as before.
bool StartsWithNul(std::string_view text) {
  return text.substr(0, 4).find('\0') != std::string_view::npos;
}

}  // namespace

// htmlCtxtReadMemory(..., "UTF-8", flags) less its copies. libxml2 2.9
// copies the input into its buffer and, told an encoding, converts that
// copy whole into a second buffer that grows by doubling ("UTF-8" to
// UTF-8). Told the text is UTF-8 (charset) the parser reads without
// converting, as it does after guessing UTF-8 itself (htmlCurrentChar);
// given the text in place it makes no copy at all: on the 100 MB page
// document that copy was 71 MB of the peak, at the end of the parse. The tree is the same either
// way (tests/html_parse_test.cpp compares both on real pages). Tried and rejected: a read callback
// (libxml2 then cuts attribute values longer than its window) and xmlParserInputBufferCreateStatic
// (its static buffer is grown and shrunk like a copy and read past the end of the text: twice the
// elements of a 10 MB page, a crash at 100 MB; libxml2 2.9.14).
xmlDoc* ParseUtf8(htmlParserCtxt* ctxt, std::string_view text, int flags, TextPlace place,
                  AttributeFilter* filter) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // as the UTF-8 handler skips it
  htmlCtxtReset(ctxt);
  const bool in_place = place == TextPlace::kNulTerminated && !StartsWithNul(text);
  xmlParserInput* input = in_place ? InPlaceInput(ctxt, text) : CopiedInput(ctxt, text);
  if (input == nullptr) return nullptr;
  inputPush(ctxt, input);
  htmlCtxtUseOptions(ctxt, flags);
  if (filter != nullptr) filter->Install(ctxt);
  ctxt->html = 1;
  ctxt->charset = XML_CHAR_ENCODING_UTF8;
  ctxt->input->encoding = xmlStrdup(reinterpret_cast<const xmlChar*>("UTF-8"));
  htmlParseDocument(ctxt);
  xmlDoc* doc = ctxt->myDoc;
  ctxt->myDoc = nullptr;
  return doc;
}

}  // namespace norm::html
