// cjk-punct: restores the full-width punctuation of Chinese and Japanese
// text after a converter folded it to ASCII and sprinkled commas:
//
//   受傷害,。正值   ->  受傷害。正值        (stray comma before a clause mark)
//   報道,,美國      ->  報道，美國          (doubled comma)
//   俄羅斯,、伊朗   ->  俄羅斯、伊朗
//   管制,還拓展     ->  管制，還拓展        (ASCII , ; : ! ? between CJK)
//   人工智能(AI)的  ->  人工智能（AI）的    (a parenthesis pair in CJK context)
//
// Evidence first: writers of Chinese and Japanese put ASCII `, ; : ( )`
// beside CJK text on purpose (manual pages: `在 systemd 下,系统日志`,
// `移植性に関する問題 (デフォルトは gnu)。`), so a line is only touched when
// it shows the converter's fingerprint itself: an ASCII comma run after CJK
// text right before a clause mark (`,。` `,、` `,；`), or doubled commas
// after CJK text (`,,`); or, in a line too short for either, a number inside
// Chinese text followed by a comma and Han text (`增长4.6%,略低于`) where the
// line holds no `，` at all, ends a sentence with `。`, and has no ASCII full
// stop before or after CJK text. A line with more ASCII full stops after CJK text
// (`信息.这`) than `。` is written in half-width punctuation by its author
// and is left alone. Every decision is local to its line: a line
// comes out the same alone or inside any text.
//
// Rules, applied on such a line only where CJK text surrounds the mark (Han,
// kana or bopomofo, or CJK punctuation; Hangul is not CJK here since Korean
// uses ASCII punctuation):
//   - a run of ASCII commas after CJK, followed by a clause mark
//     (。、；，：！？ or an ASCII ; : ! ? that is converted itself), is dropped;
//   - otherwise a run of commas after CJK becomes one `，` when what follows
//     is CJK (also after spaces: the converter keeps the space a writer put
//     after `，`), the end of the line, or (in a line that is mostly CJK) a
//     letter or digit;
//   - ASCII ; : ! ? after CJK become ；：！？ when CJK follows, and ; ! ? also
//     at the end of a line or before a closing quote or bracket (`嗎?”`);
//   - a matched ( ) pair on the line becomes （ ） when its content holds
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
  // One line (its decisions see nothing else), appended to *out. base: the
  // line's byte offset in the text (for events).
  void FixLine(std::string_view line, size_t base, Report& report, std::string* out) const;

  Options options_;
};

}  // namespace norm
