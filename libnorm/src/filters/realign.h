// realign: repairs a double-byte stream (GBK/GB18030 or Big5) that was
// decoded one byte out of step, as happens when a byte-level find-and-
// replace inserts text between the two bytes of a character:
//
//   領域?qū)χ袊M(jìn)行   ->   領域對中國進(jìn)行
//
// (seed 004: `(qū)` was inserted inside 對 = 8C A6 because the straddling
// bytes F2 8C of 域對 spell 驅; the decoder turned the orphaned lead byte and
// the swallowed `(` into `?`, read A6D6 D087 as χ袊, dropped the
// user-defined pair F8DF and resynchronised on the ASCII trail byte 4D `M`.)
//
// How it works. A span starts at a `?` or U+FFFD right after a character
// the codec can encode (a CJK letter or a clause mark such as ，). The rest of the line is
// re-encoded and decoded again under every alignment a beam search reaches, where
//   - the `?` stands for one lost byte and the ASCII byte it swallowed; when
//     a parenthesized reading (pinyin or zhuyin) follows, the swallowed byte
//     was `(`, and the reading constrains the lost byte: an inserted
//     annotation must be a reading of the pair the lost byte straddles, a
//     genuine one a reading of the character the lost byte completes;
//   - an inserted annotation that splits a character is deleted, a genuine
//     one is kept (the `ruby` filter, which runs after, removes it);
//   - a user-defined pair the decoder dropped may be restored anywhere the
//     stream is out of step;
//   - an ASCII byte in 0x40-0x7E may be the trail byte of a character.
// Every candidate is scored by a character bigram model (text_model.h), with
// three things it cannot see: a reading in step, `(...)` after a character,
// is skipped, so the characters around it are scored as neighbours (ruby
// removes it later); a Simplified-only character costs script_cost in a line
// that has used more Traditional-only ones so far (prefix included), and the
// other way round; the end of the line favours 。！？ over a bare Han
// character (open_end_cost). Clause marks have their own frequencies (，
// and 。 common, （）《》 rare). The best candidate replaces the span only
// when it beats the text as it stands by Options::min_gain (natural log). Lines without a
// `?`/U+FFFD beside CJK text are not examined. Runs before `ruby` and `cjk-punct`.
//
// Bounds, so that hostile text stays linear: one span per line, searched
// over at most 512 characters after its `?`; at most 2,048 lines searched
// per document (a search costs milliseconds; the Report carries the count
// across prose spans), the others left as they are and counted as
// `lines-not-searched`.
//
// Report (filter "realign"): `gbk-realigned` / `big5-realigned` (spans
// repaired), `annotations-dropped` (inserted readings removed),
// `user-defined-restored` (dropped pairs put back), `ascii-lost` (swallowed
// bytes that could not be restored), `lines-searched`,
// `lines-not-searched`; one event per span, before and after.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "norm/filter.h"
#include "norm/options.h"
#include "norm/status.h"

namespace norm {

class RealignFilter : public TextFilter {
 public:
  struct Options {
    double min_gain = 5.0;       // the repair must be this much more likely
    int beam = 48;               // hypotheses kept per character
    double misalign_cost = 4.0;  // per place the stream goes out of step
    // Per dropped pair restored: small, since a misaligned pair that lands in
    // the user-defined area is always dropped.
    double user_defined_cost = 1.0;
    // A reading constraint met only by a secondary reading of the character.
    double secondary_reading_cost = 3.0;
    double lost_ascii_cost = 8.0;  // per swallowed byte left unrestored
    double literal_cost = 12.0;    // a `?` kept as it stands
    double orphan_cost = 8.0;      // ... when a reading and `)` follow it
    // A Simplified-only character in a line that so far has used more
    // Traditional-only ones, or the other way round.
    double script_cost = 6.0;
    // A line that ends on a Han character rather than on 。！？ or the like.
    double open_end_cost = 5.0;
    bool gbk = true;
    bool big5 = true;
  };

  RealignFilter() = default;
  explicit RealignFilter(Options options) : options_(options) {}

  // Registry factory: default options (the pipeline Options have no
  // section for this filter).
  static std::unique_ptr<Filter> Create(const norm::Options& options, Status* status);

  std::string_view name() const override { return "realign"; }
  std::string Transform(std::string_view text, Report& report) const override;
  bool MayChange(std::string_view text) const override;

 private:
  Options options_;
};

}  // namespace norm
