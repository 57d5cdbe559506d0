// Text after a stray </body> or </html>.
//
// libxml2 2.9 ends <body> at the first </body> or </html> it meets and puts
// what follows beside it: the nodes after </body> as siblings of <body>, and
// after </html> a second <html> element holding the rest of the page. A
// reader of <body> then lost the rest of the page without a word (a template
// that closes the page twice, a comment that quotes "</html>", a Markdown
// paragraph about HTML). Browsers read on: HTML5's "after body" insertion
// mode goes back to "in body" at the next text or tag, so that text is body
// content.
#pragma once

#include <libxml/tree.h>

#include <cstddef>

namespace norm::html {

// Moves every node that libxml2 put after root's <body> (root being the
// <html> element) to the end of <body>, in order, unwrapping the extra
// <html> and <body> elements around them, and also what follows the <html>
// element itself (a second <html> after </html>); a <head> there, comments
// and other markup stay where they are.
// Returns how many element and non-blank text nodes were moved (0 when root
// has no <body> or nothing follows it).
size_t MoveAfterBodyIntoBody(xmlNode* root);

}  // namespace norm::html
