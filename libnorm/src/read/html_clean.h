// DOM-level cleaning for the HTML reader: removes what is never content and
// (with boilerplate removal on) ads, share widgets, navigation and other page
// furniture, then picks the main-content subtree of a whole page.
//
// Removal reasons, each counted under "html" in the Report and listed as a
// ReportEvent for --explain:
//   never-content  script, style, noscript, iframe, form, button, svg,
//                  template, embed/object, form controls
//   hidden         hidden attribute, aria-hidden="true", display:none,
//                  visibility:hidden
//   custom-element <share-button> and other names with '-' (small ones)
//   adblock        an EasyList generic element-hiding rule (rule quoted)
//   heuristic      an id/class/data-* token such as ad, dfp, share, social,
//                  newsletter, paywall, related, comment, cookie (token quoted)
//   semantic       nav, aside, footer, role=navigation/complementary/...
//   empty          an element with an id or class and no text or image
//   main-content   outside the highest-scoring content subtree (score quoted)
#pragma once

#include <libxml/tree.h>

#include <vector>

#include "adblock.h"
#include "norm/report.h"

namespace norm::html {

struct CleanOptions {
  bool boilerplate = true;  // false: only script/style/template go
  bool explain = false;
  const AdblockRules* adblock = nullptr;
};

// Removes unwanted subtrees under root (in place).
void CleanDom(xmlNode* root, const CleanOptions& options, Report& report);

// For a whole page: the nodes holding the article (the best-scoring
// candidate and its qualifying siblings, in document order). Returns {body}
// when no candidate stands out. Records what it left out.
std::vector<const xmlNode*> SelectMainContent(const xmlNode* body, const CleanOptions& options,
                                              Report& report);

// The id/class/data-* token that marks node as boilerplate, or empty.
std::string_view BoilerplateToken(const xmlNode* node);

}  // namespace norm::html
