// A paragraph that asks the reader to do something for the site rather than
// telling the story: subscribe, sign up for the newsletter, follow the site
// on a social network, install its app, support it. The HTML reader drops
// such paragraphs in the article's tail only (see TrimFurnitureTail in
// html_page.cpp): inside the story the same words may be its subject.
#pragma once

#include <norm/document.h>

#include <string>
#include <string_view>

namespace norm::html {

// True for a paragraph or heading under 400 weight that links to an app in
// an app store or to a messenger channel, or holds a call to subscribe,
// follow, sign up or support from the list in call_to_action.cpp.
bool IsCallToAction(const Block& b);

// Lower case for ASCII and the Latin-1 capitals (U+00C0-U+00DE but U+00D7):
// enough for labels that start with one ("Únete", "À lire aussi").
std::string LowerLatin1(std::string_view s);

}  // namespace norm::html
