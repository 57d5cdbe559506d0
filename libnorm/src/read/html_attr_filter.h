// Drops, while libxml2 builds the DOM, the attributes nothing reads.
//
// Attributes are about half of a page's DOM (each one an xmlAttr, a text
// node and its value), and on real pages a fifth of them (width, height,
// target, aria-label, SVG's geometry, ...) are read by no part of the HTML
// reader. The filter sits in the parser's SAX start-element event and
// passes on only the names some reader looks at: the fixed list of
// html_attr_filter.cpp, every data-* name (the extractor reads them as
// script hooks, the converter as lazy image sources), and the names the
// element-hiding rules test ([aria-label="Advertisement"] reads an arbitrary
// name). The tree is otherwise the one libxml2 builds: same elements, text,
// and, of the kept attributes, the same values in the same order, so no
// lookup can tell the difference.
//
// A new Attr(node, "name") anywhere in read/ must add its name to the list
// (tests/html_attr_filter_test.cpp checks the list against the sources).
#pragma once

#include <libxml/HTMLparser.h>

#include <array>
#include <string_view>
#include <vector>

namespace norm::html {

class AdblockRules;

// The attribute names of html_attr_filter.cpp's fixed list.
const std::vector<std::string_view>& ReaderAttributeNames();

class AttributeFilter {
 public:
  // rules: the element-hiding rules the cleaner will match, or null when
  // none will (they must outlive the filter).
  explicit AttributeFilter(const AdblockRules* rules) : rules_(rules) {}
  AttributeFilter(const AttributeFilter&) = delete;
  AttributeFilter& operator=(const AttributeFilter&) = delete;

  // True when some reader may read an attribute called name (libxml2's
  // HTML parser lower-cases names before this is asked).
  bool Keeps(std::string_view name) const;

  // Routes ctxt's SAX start-element event through the filter for the next
  // parse (after htmlCtxtReset and htmlCtxtUseOptions, which set the
  // handlers); the filter must outlive that parse.
  void Install(htmlParserCtxt* ctxt);

 private:
  static void StartElement(void* ctx, const xmlChar* name, const xmlChar** atts);
  // Keeps(name) through a memo keyed by the name's address: libxml2 2.9's
  // HTML parser gives attribute names from its dictionary, one address per
  // name for the whole parse, so a page's hundred thousand attributes cost
  // a few dozen real lookups (Keeps was 1.2% of a 10 MB page's run).
  bool KeepsName(const xmlChar* name, const xmlDict* dict);

  struct Memo {
    const xmlChar* name = nullptr;  // a dictionary-owned name, or null
    bool keep = false;
  };
  std::array<Memo, 256> memo_{};
  const AdblockRules* rules_;
  startElementSAXFunc next_ = nullptr;
  std::vector<const xmlChar*> kept_;  // the pairs passed on, reused per element
};

}  // namespace norm::html
