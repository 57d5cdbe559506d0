#include "html_visible.h"

#include <string>
#include <vector>

#include "html_dom.h"
#include "visible.h"
#include "visible_count.h"

namespace norm::html {

size_t VisibleChars(const xmlNode* node) {
  size_t n = 0;
  // An explicit stack: libxml2 trees may be deeper than the C++ stack.
  std::vector<const xmlNode*> stack = {node};
  while (!stack.empty()) {
    const xmlNode* c = stack.back();
    stack.pop_back();
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      n += text::CountVisible(Content(c));
      continue;
    }
    if (c->type != XML_ELEMENT_NODE && c->type != XML_DOCUMENT_NODE &&
        c->type != XML_HTML_DOCUMENT_NODE)
      continue;
    if (c->type == XML_ELEMENT_NODE) {
      std::string_view name = Name(c);
      if (name == "script" || name == "style" || name == "template" || name == "noscript" ||
          name == "head" || name == "title")
        continue;
    }
    for (const xmlNode* k = c->children; k; k = k->next) stack.push_back(k);
  }
  return n;
}

void CountRemovedNode(Report& report, const xmlNode* node, std::string_view reason,
                      std::string_view detail) {
  size_t n = VisibleChars(node);
  if (n == 0) return;
  std::string rule(reason);
  if (!detail.empty() && reason != "adblock") rule += ":" + std::string(detail);
  CountRemoved(report, rule, n);
}

}  // namespace norm::html
