#include "html_after_body.h"

#include "html_dom.h"

namespace norm::html {
namespace {

bool IsBlankText(const xmlNode* n) {
  if (n->type != XML_TEXT_NODE || n->content == nullptr) return false;
  for (const xmlChar* c = n->content; *c != 0; ++c)
    if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r' && *c != '\f') return false;
  return true;
}

// Moves the nodes from n on (n and its next siblings) to the end of body,
// opening <html>/<body> wrappers in place and leaving <head> elements,
// comments and other markup where they are. Returns the count of element
// and non-blank text nodes moved.
size_t MoveSiblingsInto(xmlNode* body, xmlNode* n) {
  size_t moved = 0;
  while (n != nullptr) {
    const bool element = IsElement(n);
    if (element && (Name(n) == "html" || Name(n) == "body")) {
      // Its children (not a <head>) follow it as siblings and are taken in
      // turn: no recursion, as wrappers may nest as deep as the input.
      xmlNode* after = n;
      for (xmlNode* c = n->children; c != nullptr;) {
        xmlNode* next_child = c->next;
        if (!(IsElement(c) && Name(c) == "head")) {
          xmlUnlinkNode(c);
          if (xmlNode* placed = xmlAddNextSibling(after, c)) after = placed;
        }
        c = next_child;
      }
      n = n->next;
      continue;
    }
    xmlNode* next = n->next;
    if ((element && Name(n) != "head") || n->type == XML_TEXT_NODE ||
        n->type == XML_CDATA_SECTION_NODE) {
      if (!IsBlankText(n)) ++moved;
      xmlUnlinkNode(n);
      // xmlAddChild may merge a text node into body's last text child and
      // free it: n is not used after this.
      xmlAddChild(body, n);
    }
    n = next;
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
