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
// How it works. Suspicious characters mark where a stream may have gone out
// of step: a `?`/U+FFFD beside CJK text (or before an orphaned reading,
// whatever stands beside it: 有┥�téng)), a double-byte symbol, kana or
// foreign letter beside Han text (℅ in 生产总值℅DP）), a lone ASCII letter or
// trail-byte symbol between Han characters (a reading in step between them
// does not count: 與(ㄩˇ)o位 is 與這位), two rare Han characters close
// together, four uncommon ones in a row. Not evidence: box drawing, blocks,
// geometric shapes and stars (the frames and bullets of tables and lists,
// │流行 │大小│ in a man page; a lone one between two Han characters is still
// suspicious, never strong); a line holding two U+FFFD in a row is not
// searched at all (lossy UTF-8 leaves those; a double-byte decoder writes
// one per invalid pair), nor is a U+FFFD with text that reads well on both
// sides evidence (a decoder out of step garbles the text beside the one it
// writes, unless an orphaned reading follows), nor one between two
// double-byte characters with no more garble around it than the line holds
// on average (lossy UTF-8 in classical verse, which reads as garble
// throughout). Cheap tests come before a
// search, which costs milliseconds: a line that reads as garble from its
// start is mojibake of another kind (a line starts in step) and is left to
// the mojibake filters, and so is a line (without readings) holding a
// lossy decoder's marks throughout (three U+FFFD or `?` beside CJK, one per
// six Han characters or more: lossy UTF-8, crossed code pages; a stream
// out of step writes one per place); a line without strong traces (and no
// readings) is searched only where a suspicious token has more garble
// around it than the line holds on average (classical verse holds rare
// pairs everywhere), whatever the rest of the document holds (a span
// realigned elsewhere lowers the gain a repair needs, not the tests that
// decide whether the line is searched: a line's cost depends on the line), and nowhere
// when nothing after its first suspicious token could bring a stream back
// in step but a stray byte (no ASCII letter or symbol, no foldable ASCII
// mark, no `?`/U+FFFD: a line of Han characters and full-width marks),
// since such a repair pays more than it could win. From a few
// characters before the
// first of them to a few after the last, the line is re-encoded (GBK, then
// Big5) and decoded again under every hypothesis a beam search reaches:
//   - a lead byte lost before a character (its trail and the next bytes read
//     as pairs of neighbours' bytes), with or without a `?` written in its
//     place; its trail may be an ASCII letter (Big5 這 = B3 6F read as `o`);
//   - a character's trail byte lost, or a stray byte inserted (both rarer:
//     stray_byte_cost);
//   - a `?` standing for one lost byte and the ASCII byte it swallowed; when
//     a parenthesized reading (pinyin or zhuyin) follows, the swallowed byte
//     was `(`, and the reading constrains the lost byte: an inserted
//     annotation must be a reading of the pair the lost byte straddles, a
//     genuine one a reading of the character the lost byte completes (an
//     inserted annotation that splits a character is deleted, a genuine one
//     kept for the `ruby` filter, which runs after);
//   - a user-defined pair the decoder dropped, anywhere the stream is out of
//     step (also right after a lost lead byte);
//   - ASCII ! ? , : ; ( ) after a known lead byte as the full-width mark a
//     converter folded after decoding (`椤!蓖` is 情。” read one byte out
//     of step, its ！ folded);
//   - an ASCII byte in 0x40-0x7E as the trail byte of a character, which
//     puts the stream back in step.
// A codec is not searched over a span holding a Han character it lacks (a
// stream read out of step still decodes to its codec's characters:
// Simplified text was not decoded as Big5), or a C1 control or Latin
// character it lacks (å ï ¼ Œ: UTF-8 read as a single-byte code page).
// Candidates are scored by a word lattice (model/word_model.h: Viterbi over
// dictionary words with unigram log-probabilities, jieba for Simplified,
// rime-essay for Traditional, bridged by OpenCC; the character bigram model
// as back-off), plus what it cannot see: a reading in step, `(...)` after a
// character, is skipped (ruby removes it later); a Simplified-only character
// costs script_cost in a line that has used more Traditional-only ones, and
// the other way round; a closing full-width bracket with none open costs;
// a lone letter between Han characters costs; the end of the line favours
// 。！？ over a bare Han character (open_end_cost), unless the mark was
// guessed for a byte lost at the line's very end (a teaser cut off there
// must not be made to look whole for `boilerplate`); clause marks have their
// own frequencies; after an Arabic numeral, a character the dictionary
// holds after a Chinese one (分 of 十分, 岁, 个) earns numeral_bonus
// (8时40分许, not 8时40又许: 分 B7D6 and 又 D3D6 share a trail byte, and the
// lattice restarts after a digit); a pair of characters (or a digit and a
// Han character) that the document's own undamaged text holds earns what a
// cache model adds over the character bigram model (realign_cache.h: the
// writer's name 孙启明 written cleanly elsewhere beats 里启明, which the same
// bytes spell; `norm fix` takes its input as the document, the pipeline
// all prose spans of one; the pairs are gathered at the document's first
// search, from at most its first 256 KB). The best candidate replaces the
// text only when it beats
// the text as it stands by min_gain per place the stream went out of step,
// or by min_gain_undamaged where nothing strong shows damage (no U+FFFD, no
// `?` before a double-byte character, no double-byte symbol, no readings or
// orphaned readings on the line, no span realigned before in the document):
// technical text holds lone letters and rare characters that a lost byte
// could explain. A span realigned before in the document is weaker
// evidence than a trace on the line itself: min_gain_document per place
// the stream went out of step. Runs before `ruby`
// and `cjk-punct`. --explain prints each span with the hypotheses taken and
// the score margin in nats.
//
// Bounds, so that hostile text stays linear: one search per damaged stretch
// of a line (a long paragraph holds several; at most 8 a line, and one for a
// line without traces of damage), over at most 512 characters; at most
// 1,024 searches over at most 32,768 characters per document (a search
// costs a few milliseconds; the Report carries the counts across prose
// spans), and at most 256 more than four per span repaired (where searches
// stop paying, in a long document of other damage or rare text, searching
// stops), the others left as they are and counted as `lines-not-searched`.
// Each search (one codec over one span) has a budget of hypotheses, 65,536
// on a line with traces of its own and 2,048 on one without (whatever the
// document holds elsewhere; such a line also gets a quarter of the beam):
// past it the search gives up, the span stays as it is, counted as
// `spans-given-up` and listed by --explain.
// A thread's search buffers are reused from line to line (trimmed after a
// long one).
//
// Report (filter "realign"): `gbk-realigned` / `big5-realigned` (spans
// repaired), `annotations-dropped` (inserted readings removed),
// `user-defined-restored` (dropped pairs put back), `ascii-lost` (swallowed
// bytes that could not be restored), `lines-searched` (searches, one per
// damaged stretch), `chars-searched`, `lines-not-searched`,
// `spans-given-up` (searches past their budget); one event per span, before
// and after (a given-up span: the same text twice).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "norm/filter.h"
#include "norm/options.h"
#include "norm/status.h"

namespace norm {

class RealignFilter : public TextFilter {
 public:
  struct Options {
    double min_gain = 5.0;  // the repair must be this much more likely
    // ... in a line without traces of ruby damage (readings after
    // characters, orphaned readings) in a document not realigned so far.
    double min_gain_undamaged = 15.0;
    // ... per place, in a line without traces of its own in a document
    // where a span was realigned before: the document's damage makes a
    // repair likelier, but a lone letter in a manual page with one garbled
    // line (`字母u（或g或z）`, GBK 間 = E967 at 5.4 nats) is the author's.
    double min_gain_document = 8.0;
    int beam = 24;               // hypotheses kept per character
    double misalign_cost = 5.0;  // per place the stream goes out of step
    // ... where a `?` stands for the lost byte (the decoder or a transcoder
    // wrote it there).
    double marked_loss_cost = 1.0;
    // A stray byte in the stream (dropped, nothing emitted for it): dearer
    // than a lost one, which the character it completes pays for.
    double stray_byte_cost = 14.0;
    // A capital ASCII letter read as the trail of a lost lead byte (A股 and
    // C語言 are common in Chinese prose; o in 與o位 is not); not paid where
    // the pair is a clause mark (Big5 A143 。 read as `C` in 表情C).
    double capital_trail_cost = 6.0;
    // Per dropped pair restored: small, since a misaligned pair that lands in
    // the user-defined area is always dropped.
    double user_defined_cost = 2.5;
    // A reading constraint met only by a secondary reading of the character.
    double secondary_reading_cost = 3.0;
    double lost_ascii_cost = 8.0;  // per swallowed byte left unrestored
    double literal_cost = 12.0;    // a U+FFFD kept as it stands (a `?` costs as ASCII)
    double orphan_cost = 8.0;      // ... when a reading and `)` follow it
    // A Han character after an Arabic numeral that the dictionary holds
    // after a Chinese one (8时40分许, not 8时40又许): the word lattice
    // restarts after a digit, knowing nothing of it.
    double numeral_bonus = 3.0;
    // A pair (Han, or a digit and Han) that the document's undamaged text
    // holds (realign_cache.h): the writer's own words (a name, 孙启明 over
    // 里启明; a term the page writes elsewhere) over others the same
    // bytes spell. The gain is log(weight * P_doc(c | previous)) less the
    // character bigram model's log P(c | previous), at most max_gain; 0
    // turns it off.
    double document_pair_log_weight = -1.0;
    double document_pair_max_gain = 12.0;
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
  // Gathers the document's pairs (Options::document_pair_max_gain) from all its
  // prose spans, then transforms each.
  void Apply(Document& doc, Report& report) const override;

 private:
  // Searches per document: at most kMaxSearchesPerDocument over at most
  // kMaxSearchedCharsPerDocument characters, and at most kUnpaidSearches
  // more than kSearchesPerRepair per span repaired (see realign.cpp); the
  // Report carries the counts across prose spans.
  struct SearchBudget {
    int64_t searched = 0;
    int64_t repaired = 0;
    int64_t chars = 0;
    bool Exhausted() const;
    void Searched() { ++searched; }
  };
  // Searches the damaged stretches of one line with suspicious tokens (one
  // search each, within the budget) and appends the line, repaired where a
  // candidate wins, to out.
  void SearchLine(std::string_view line, size_t line_offset, const std::vector<char32_t>& cps,
                  const std::vector<size_t>& offsets, const std::vector<size_t>& suspicious,
                  bool strong, SearchBudget& budget, Report& report, std::string* out) const;

  Options options_;
};

}  // namespace norm
