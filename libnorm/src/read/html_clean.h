// DOM-level cleaning and main-content selection for the HTML reader.
//
// Whole pages are read select-then-clean:
//   1. what is never content goes (script, style, noscript, iframe, svg,
//      form controls, small buttons and forms, ...), and hidden content
//      (hidden attribute, aria-hidden, display:none, visibility:hidden,
//      <template>) unless it holds most of the page's text;
//   2. candidate containers are scored on what is left: paragraphs (leaf
//      blocks and the inline text runs of other blocks) by length
//      (CJK-aware), punctuation and link density, summed into their first
//      three ancestors; page-furniture evidence (class/id tokens, EasyList
//      rules, nav/aside/footer and ARIA roles) scales a paragraph's score
//      down, it does not delete; the best candidate, a container holding
//      much more good text (never above the page's own marker:
//      itemprop=articleBody, <main>, a single <article>), its qualifying
//      siblings and the lead just before it (or, from a header holding a
//      headline, a picture and a byline, its standfirst alone) are the
//      article;
//   3. when that selection holds little of the page's good text, the whole
//      body is used instead (the Document-level boilerplate filter then
//      picks the article span), so a page with an article never comes out
//      empty;
//   4. furniture is removed inside the selection only, never an element
//      that holds most of it, the selection itself, or the path to the
//      chosen candidate. A token inside a compound class name
//      (`no-share`, `elementor-widget-wrap`, `print-only`) or a data-*
//      attribute name is weak evidence: it removes only small or
//      link-dense elements; presentation tokens (ads, widget, print,
//      share, paywall) never remove content-like text; teaser lists (3+
//      alike children with linked headlines), single teaser cards and
//      picture captions go.
// Fragments (raw HTML inside Markdown) get steps 1 and 4 over the whole
// fragment.
//
// Removal reasons, each counted under "html" in the Report and listed as a
// ReportEvent for --explain (with the removed element's weighted text size):
//   never-content  script, style, noscript, iframe, svg, embed/object, form
//                  controls; forms and buttons without much text
//   hidden         hidden attribute, aria-hidden="true", display:none,
//                  visibility:hidden, <template>
//   custom-element <share-button> and other names with '-' (small ones)
//   adblock        an EasyList generic element-hiding rule (rule quoted)
//   heuristic      an id/class/data-* token such as ad, dfp, share, social,
//                  newsletter, paywall, related, comment, cookie, author, bio,
//                  disclaimer, disclosure, toc
//                  (token quoted)
//   semantic       nav, aside, footer, role=navigation/complementary/...
//   empty          an element with an id or class and no text or image
//   teaser-list    children alike, each a linked headline or picture
//   teaser         one short block holding a heading that links elsewhere,
//                  a third of its text or more in links
//   caption        on a whole page: <figcaption> and elements classed
//                  caption or credit without a picture (under 600 weight),
//                  unless captions hold a third of the selection (a gallery)
//   main-content   outside the selected content (its score quoted); a
//                  header whose standfirst was kept is counted part by part
// --explain also names the chosen candidate, its score and the runner-up.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

#include "adblock.h"
#include "norm/report.h"

namespace norm::html {

struct CleanOptions {
  bool boilerplate = true;  // false: only script/style/template go
  bool explain = false;
  const AdblockRules* adblock = nullptr;
};

// The element whose content is the page: the first <body>, else root.
// Look it up again after cleaning: a malformed page can hold a <body>
// inside a subtree that cleaning frees (a nested <head>, a <nav>).
xmlNode* PageBody(xmlNode* root);

// For a fragment: removes unwanted subtrees under root (in place). Returns
// PageBody(root) after cleaning.
xmlNode* CleanDom(xmlNode* root, const CleanOptions& options, Report& report);

struct MainContent {
  xmlNode* body = nullptr;     // PageBody(root) after cleaning
  std::vector<xmlNode*> keep;  // the article's nodes in document order
};

// For a whole page (boilerplate removal on): steps 1-4 above. root is the
// document element. keep is {body} when no candidate stands out.
MainContent ExtractMainContent(xmlNode* root, const CleanOptions& options, Report& report);

// An element as removal events name it: <div id="x" class="ad wide">
// (the class cut at 40 bytes). `norm review` finds the removed elements of
// a page by it (html_removed_text.h).
std::string DescribeElement(const xmlNode* node);

// nav, aside, footer, or an ARIA role of page furniture (navigation, banner,
// contentinfo, complementary, search, dialog, alertdialog).
bool IsSemanticFurniture(const xmlNode* node);

// A reader-comments container (id or class `comment`/`comments`, strong
// evidence) after an element holding text (the post it comments): furniture
// even when its thread outweighs the post, and never a sibling joining the
// selection.
bool IsCommentsAfterText(const xmlNode* node);

// The id/class/data-* token that marks node as page furniture, or empty.
// *weak (when given) is set when the token only sits inside a compound name
// or an attribute name.
std::string_view BoilerplateToken(const xmlNode* node, bool* weak = nullptr);

}  // namespace norm::html
