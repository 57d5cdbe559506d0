#include "html_visible.h"

#include <string>

#include "html_dom.h"
#include "visible.h"
#include "visible_count.h"

namespace norm::html {

size_t VisibleChars(const xmlNode* node) {
  size_t n = 0;
  // Walks the tree through its parent links: no stack (trees may be deeper
  // than the C++ stack) and no allocation for each removed element counted.
  for (const xmlNode* c = node; c != nullptr;) {
    bool descend = false;
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      n += text::CountVisible(Content(c));
    } else if (c->type == XML_ELEMENT_NODE) {
      std::string_view name = Name(c);
      descend = !(name == "script" || name == "style" || name == "template" || name == "noscript" ||
                  name == "head" || name == "title");
    } else {
      descend = c->type == XML_DOCUMENT_NODE || c->type == XML_HTML_DOCUMENT_NODE;
    }
    if (descend && c->children != nullptr) {
      c = c->children;
      continue;
    }
    c = NextPastChildren(c, node);
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
