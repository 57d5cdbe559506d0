// boilerplate: keeps the article, drops page furniture, on Document blocks.
//
// Works on any Document, so pages that arrive already converted to Markdown
// (site navigation lists, skin menus, footers, licence and ICP lines) are
// cleaned like HTML pages. (HTML input is cleaned earlier too, on the DOM,
// by the HTML reader: ads, share widgets, nav/aside/footer, main-content
// selection. This filter is the second, format-independent pass.)
//
// How it decides, on the top-level blocks:
//   1. Every block gets a weighted text length (a CJK character counts 3,
//      any other non-space character 1) and a link density (the share of
//      that length inside links; an image link counts as link text).
//   2. Boilerplate-like blocks: link-dense lists and paragraphs (density >
//      0.5), copyright/licence/ICP/report-hotline lines ("©", "版权所有",
//      "ICP备", "All rights reserved"...), share labels ("分享 :", "Share"),
//      and a trailing run of timestamped titles ("2024-11-12 10:33:27
//      title", a related-articles list).
//   3. The article span: content blocks (length >= min_content_weight,
//      link density < 0.35) clustered around the heaviest one, extended
//      upward over short blocks (byline, date, images) up to and including
//      the nearest heading, and downward over short non-boilerplate blocks.
//   4. Removed: every boilerplate-like block; every block outside the span,
//      except the document's first block when it is a heading (the title);
//      later headings repeating the title.
// When no block qualifies as content (a short note, a list), only rule 2
// applies. Clean article text passes unchanged.
//
// Report (under "boilerplate"): blocks-removed, and one event per removed
// block with its reason (link-density=0.83, pattern=copyright,
// share-label, timestamped-list, outside-article weight=31) for --explain.
#pragma once

#include <memory>
#include <string_view>

#include "norm/filter.h"
#include "norm/options.h"

namespace norm {

class BoilerplateFilter : public Filter {
 public:
  struct Options {
    bool enabled = true;              // HtmlOptions::boilerplate (--no-boilerplate)
    size_t min_content_weight = 120;  // weighted length of an article paragraph
    double max_link_density = 0.5;    // above: navigation
    bool explain = false;             // record events
  };
  explicit BoilerplateFilter(Options options) : options_(options) {}
  std::string_view name() const override { return "boilerplate"; }
  void Apply(Document& doc, Report& report) const override;

  static std::unique_ptr<Filter> Create(const norm::Options& options, Status* status);

 private:
  Options options_;
};

}  // namespace norm
