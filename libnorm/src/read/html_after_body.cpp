#include "html_after_body.h"

#include <vector>

#include "html_dom.h"

namespace norm::html {
namespace {

bool IsBlankText(const xmlNode* n) {
  return n->type == XML_TEXT_NODE && TrimAscii(Content(n)).empty();
}

// Moves the nodes from first on (first and its next siblings) to the end of
// body, in document order, opening <html>/<body> wrappers and leaving <head>
// elements, comments and other markup where they are. Returns the count of
// element and non-blank text nodes moved.
size_t MoveSiblingsInto(xmlNode* body, xmlNode* first) {
  size_t moved = 0;
  // The next node to look at on each level of open wrappers: a worklist,
  // not recursion, as wrappers may nest as deep as the input. Each level
  // steps past a node before the node moves.
  std::vector<xmlNode*> next = {first};
  while (!next.empty()) {
    xmlNode* n = next.back();
    if (n == nullptr) {
      next.pop_back();
      continue;
    }
    next.back() = n->next;
    const bool element = IsElement(n);
    if (element && (Name(n) == "html" || Name(n) == "body")) {
      next.push_back(n->children);
      continue;
    }
    if ((element && Name(n) != "head") || n->type == XML_TEXT_NODE ||
        n->type == XML_CDATA_SECTION_NODE) {
      if (!IsBlankText(n)) ++moved;
      xmlUnlinkNode(n);
      // xmlAddChild may merge a text node into body's last text child and
      // free it: n is not used after this.
      xmlAddChild(body, n);
    }
  }
  return moved;
}

}  // namespace

size_t MoveAfterBodyIntoBody(xmlNode* root) {
  if (root == nullptr || !IsElement(root) || Name(root) != "html") return 0;
  xmlNode* body = nullptr;
  for (xmlNode* c = root->children; c != nullptr && body == nullptr; c = c->next)
    if (IsElement(c) && Name(c) == "body") body = c;
  if (body == nullptr) return 0;
  // Beside <body> (after </body>), then beside <html> itself (after
  // </html>: a second <html> element at the document's level). The emptied
  // wrappers, a <head> at most left in them, stay outside what the reader
  // converts.
  size_t moved = MoveSiblingsInto(body, body->next);
  moved += MoveSiblingsInto(body, root->next);
  return moved;
}

}  // namespace norm::html
