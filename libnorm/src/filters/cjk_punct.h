// cjk-punct: restores the full-width punctuation of Chinese and Japanese
// text after a converter folded it to ASCII and sprinkled commas:
//
//   受傷害,。正值   ->  受傷害。正值        (stray comma before a clause mark)
//   報道,,美國      ->  報道，美國          (doubled comma)
//   俄羅斯,、伊朗   ->  俄羅斯、伊朗
//   管制,還拓展     ->  管制，還拓展        (ASCII , ; : ! ? between CJK)
//   人工智能(AI)的  ->  人工智能（AI）的    (a parenthesis pair in CJK context)
//
// Rules, applied only where CJK text surrounds the mark (Han, kana or
// bopomofo, or CJK punctuation; Hangul is not CJK here since Korean uses
// ASCII punctuation):
//   - a run of ASCII commas after CJK, followed by a clause mark
//     (。、；，：！？ or an ASCII ; : ! ? that is converted itself), is dropped;
//   - otherwise a run of commas after CJK becomes one `，` when what follows
//     is CJK, the end of the line, or (in a paragraph that is mostly CJK) a
//     letter or digit;
//   - ASCII ; : ! ? after CJK become ；：！？ when CJK follows, and ; ! ? also
//     at the end of a line;
//   - a matched ( ) pair on one line becomes （ ） when its content holds
//     CJK, or CJK stands on both sides of it, and CJK is next to it outside;
//     a pair around a single character, "(株)" (NFKC of ㈱), stays ASCII.
// Times (10:33), numbers (3,000), URLs, Latin text and Korean are left
// alone; text without ASCII , ; : ! ? ( ) passes through unchanged.
//
// Report (filter "cjk-punct"): `stray-removed` (commas dropped before a
// clause mark), `doubled-merged` (comma runs folded into one), `widened`
// (ASCII marks made full-width); one event per changed mark.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "norm/filter.h"
#include "norm/options.h"
#include "norm/status.h"

namespace norm {

class CjkPunctFilter : public TextFilter {
 public:
  struct Options {
    bool stray_commas = true;  // drop ASCII commas before clause marks
    bool widen = true;         // ASCII , ; : ! ? ( ) to full width
  };

  CjkPunctFilter() = default;
  explicit CjkPunctFilter(Options options) : options_(options) {}

  // Registry factory: default options (the pipeline Options have no
  // section for this filter).
  static std::unique_ptr<Filter> Create(const norm::Options& options, Status* status);

  std::string_view name() const override { return "cjk-punct"; }
  std::string Transform(std::string_view text, Report& report) const override;
  bool MayChange(std::string_view text) const override;

 private:
  Options options_;
};

}  // namespace norm
