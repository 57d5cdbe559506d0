// cjk-mojibake: repairs CJK text that went through the wrong double-byte
// code page.
//
// What it repairs
//   - UTF-8 bytes decoded as GBK/GB18030, Big5, Shift_JIS, EUC-JP or EUC-KR:
//     `鍙傝€冩秷鎭?` -> `参考消息`. Bytes the wrong decoder could not map
//     (U+FFFD or U+001A in the text) are lost: the character they belonged
//     to comes back as U+FFFD, never as a guess (counted as lost-bytes-kept);
//   - GBK, Big5, Shift_JIS or EUC-KR bytes decoded as windows-1252 or
//     Latin-1: `ÖÐ¹ú` -> `中国`;
//   - GBK bytes decoded as Big5 and Big5 bytes decoded as GBK.
//   Known irreversible artifacts (`锟斤拷`: U+FFFD written as UTF-8 and read
//   as GBK; `烫烫烫` and `屯屯屯`: uninitialised memory printed as GBK) are
//   counted and reported, never changed.
//
// How it decides
//   Runs of non-ASCII characters (plus the ASCII bytes a double-byte
//   character swallowed as its trail byte) are re-encoded with the code page
//   that would have produced them and decoded with the one that should have
//   been used; converters are ICU's, opened once per thread and reused.
//   A candidate must decode without error and be far more plausible than
//   the input under libnorm's character model (text_model.h: jieba word
//   frequencies, Unihan frequency tiers, KS X 1001 Hangul): its log-likelihood
//   must beat the input's by Options::min_gain_per_char nats per output
//   character (at least Options::min_gain in total) and average at least
//   Options::min_mean per character. A code page that clearly repairs some
//   run of a line needs only half the gain on the line's other runs. Every
//   decision is local to its line: a line comes out the same alone or
//   inside any text. A line that holds clean CJK text keeps its one- and
//   two-character CJK runs beside ASCII (`NT的SID`); a repair of Latin-1
//   text must give at least two Han, kana or Hangul letters. A run that
//   spells well-formed zhuyin syllables (`ㄐㄩˋ`, `˙ㄇㄣ`) is a reading as
//   likely as it is GBK punctuation read as Big5 (`！：？`): it is repaired
//   only when the same damage repairs another run of its line.
//   Cheap rejection first: a run is only tried when its characters are
//   implausible as they stand, a candidate only while its first character
//   re-encodes to a UTF-8 lead byte, and a run with more lost bytes than
//   Options::max_unknown_bytes (or one in four characters) is not tried.
//   Latin-1 runs whose bytes are valid UTF-8 as a whole, or whose reading as
//   UTF-8 decoded by a Western code page scores better, are left to the
//   mojibake filter (this filter runs first in the default pipeline).
//   Text with no character outside ASCII, Latin-1 and general punctuation
//   pays one pass that looks up each non-ASCII character's class.
//
// Report (filter name "cjk-mojibake")
//   fixed                 runs repaired (one --explain event each)
//   via-<damage>          repairs by damage kind, e.g. via-utf8-as-gbk,
//                         via-gbk-as-windows-1252, via-big5-as-gbk
//   lost-bytes-kept       characters that lost bytes to the wrong decoder, kept
//                         as U+FFFD
//   irreversible          `锟斤拷`/`烫烫烫`/`屯屯屯` artifacts found (unchanged)
//   runs-too-long         runs of more than 16,384 characters, left untried
#pragma once

#include <string>
#include <string_view>

#include <memory>

#include "norm/filter.h"
#include "norm/options.h"
#include "norm/report.h"
#include "norm/status.h"

namespace norm {

class CjkMojibakeFilter : public TextFilter {
 public:
  struct Options {
    double min_gain = 8.0;           // total log-likelihood gain, nats
    double min_gain_per_char = 2.0;  // gain per output character, nats
    double min_mean = -9.0;          // mean log-likelihood of the repair
    int max_unknown_bytes = 4;       // lost bytes (U+FFFD) a short run may hold
    bool report_irreversible = true;
  };

  CjkMojibakeFilter() = default;
  explicit CjkMojibakeFilter(Options options) : options_(options) {}

  // Registry factory: default options (the pipeline Options have no
  // section for this filter yet).
  static std::unique_ptr<Filter> Create(const norm::Options& options, Status* status);

  std::string_view name() const override { return "cjk-mojibake"; }
  std::string Transform(std::string_view text, Report& report) const override;
  bool MayChange(std::string_view text) const override;

  const Options& options() const { return options_; }

 private:
  // Repairs one line (its decisions see nothing else); appends the result
  // to *out and returns whether it changed. base: the line's byte offset.
  bool FixLine(std::string_view line, size_t base, Report& report, std::string* out) const;

  Options options_;
};

}  // namespace norm
