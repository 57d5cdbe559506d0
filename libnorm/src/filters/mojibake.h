// mojibake: repairs UTF-8 text that was decoded with a single-byte code page.
//
// What it repairs
//   - UTF-8 bytes decoded as windows-1252 (or Latin-1), windows-1250,
//     ISO-8859-2, windows-1251, windows-1253, windows-1254, windows-1257,
//     MacRoman or cp437: `cafÃ©` -> `café`, `â€œquotedâ€\x9d` -> `“quoted”`,
//     `РџСЂРёРІРµС‚` -> `Привет`, `caf√©` -> `café`, `caf├⌐` -> `café`;
//   - the same damage applied several times (`cafÃƒÂ©` -> `café`), up to
//     Options::max_layers, each layer with its own code page;
//   - CESU-8: surrogate pairs encoded as two 3-byte sequences, either as raw
//     bytes in the input or decoded as windows-1252 (`í ½í¸€` -> `😀`);
//   - a 0xA0 byte that was lost as a plain space (`voilÃ  tout` -> `voilà tout`),
//     also before a letter after a lead whose sequence with 0xA0 is common
//     (`Å iandien` -> `Šiandien`, `Ð Ð¾Ñ` -> `Ро`); à keeps the real space
//     that followed it (`voilÃ le` -> `voilà le`) except before the
//     Portuguese crasis words (`Ã s vezes` -> `às vezes`, `Ã quela` -> `àquela`);
//   - lossy decoding: U+FFFD, or '?' beside a known continuation byte,
//     standing for a byte inside a UTF-8 sequence (`Å\uFFFDÃ³dÅº` ->
//     `\uFFFDódź`, `â€?`): the character comes back as U+FFFD, never as a
//     guess; `ï¿½` (U+FFFD itself read as windows-1252) is repaired;
//   - lone C1 control characters (U+0080..U+009F), which are windows-1252
//     punctuation read as Latin-1 (`\x93quoted\x94` -> `“quoted”`).
//
// How it decides
//   The text is scanned for a character that a code page maps to a UTF-8
//   lead byte directly followed by one it maps to a continuation byte (or
//   a C1 control, or invalid UTF-8): text without such a pair is returned
//   untouched after one pass that costs about as much as a UTF-8 validation.
//   Around a hit, the run of non-ASCII characters is re-encoded with each
//   code page; every valid UTF-8 sequence in the bytes becomes a candidate
//   piece. A candidate is kept only when (1) every letter of the run belongs
//   to a piece (clean words that merely contain a valid byte pair are left
//   alone), (2) no decoded character is a control, unassigned, private-use
//   or from a rarely used script, and (3) the run's badness (a weighted
//   count of improbable neighbours: an accented capital after a lowercase
//   letter, a letter followed by a Latin-1 symbol, a Cyrillic capital
//   followed by a Serbian letter, box drawing beside letters, C1 controls)
//   falls by at least Options::min_improvement. Badness also counts Ã/Â
//   before a character windows-1252 shows for a continuation byte, â before
//   two, a symbol between a non-ASCII letter and a letter or digit
//   (`Ä°stanbul`), a lowercase letter before a capital Serbian letter
//   (`вЂ“`). Short spans need more: two characters that decode to one, beside
//   no letter, need 4 (5 with a symbol second: `= √π`, `^Ĺ˝` stay); with a
//   symbol, NBSP or space second and no lowercase letter before, 4 inside a
//   word and 5 at its end (`AHÅ™`, `NICIODATĂ™` stay), unless a lowercase
//   word follows (`├╝ber`). Results that real writing does not use are
//   refused (IPA letters, the long s, rare Latin Extended-B letters, unusual
//   combining marks, Hebrew accents, Arabic marks and supplement letters;
//   characters a code page holds stay possible as intermediate layers), and
//   so is a lone letter of a script other than Latin, Greek, Cyrillic or CJK
//   with no letter of it beside it or elsewhere in the line's repairs
//   (`“×”` -> `“ה` stays). A line that also holds clean text of a code page
//   that no UTF-8 text starts with (`Bremer – DrÃ¥ber`: `–` alone is
//   windows-1252's 0x96, a continuation byte) was not read as that code page
//   as a whole: a short span it would repair is left, unless two runs of
//   the line need it. A code page that clearly repairs one run of a
//   line may repair the line's other runs on any improvement (so `Ãœber` is
//   fixed beside `tÃ¤glich`). Every decision is local to its line: a line
//   comes out the same alone or inside any text. Runs that read better as
//   GBK/Big5/Shift_JIS/EUC-KR under the text model are left to cjk-mojibake
//   (model/mojibake_score.h holds the scorers both filters share).
//   Cost: only code pages holding every letter of a run are tried; a
//   further layer only after a repair that left one.
//
// Report (filter name "mojibake")
//   fixed            runs repaired (one per --explain event)
//   via-<code page>  repaired layers per code page, e.g. via-windows-1252
//   c1-fixed         lone C1 controls mapped to windows-1252
//   nbsp-restored    spaces turned back into the lost 0xA0 byte
//   lost-bytes-kept  characters that lost a byte, kept as U+FFFD
//   runs-too-long    runs of more than 16,384 characters, left untried
//   cesu8-fixed      raw CESU-8 surrogate pairs re-encoded
//   Events: what="utf8-as-<code page>[+...]", position = byte offset of the
//   run in the text the filter saw, before/after = the run.
#pragma once

#include <string>
#include <string_view>

#include <memory>

#include "norm/filter.h"
#include "norm/options.h"
#include "norm/report.h"
#include "norm/status.h"

namespace norm {

class MojibakeFilter : public TextFilter {
 public:
  struct Options {
    int max_layers = 4;            // how many stacked decodings to undo
    double min_improvement = 2.0;  // badness drop a repair must achieve
    bool fix_c1 = true;            // lone C1 controls -> windows-1252
    bool fix_lost_nbsp = true;     // a space may stand for a lost 0xA0 byte
    bool fix_cesu8 = true;         // raw CESU-8 byte pairs
  };

  MojibakeFilter() = default;
  explicit MojibakeFilter(Options options) : options_(options) {}

  // Registry factory: default options (the pipeline Options have no
  // section for this filter yet).
  static std::unique_ptr<Filter> Create(const norm::Options& options, Status* status);

  std::string_view name() const override { return "mojibake"; }
  std::string Transform(std::string_view text, Report& report) const override;
  bool MayChange(std::string_view text) const override;

  const Options& options() const { return options_; }

 private:
  // Repairs one line; its decisions see nothing else. base: the line's byte
  // offset in the text (for events).
  std::string FixLine(std::string_view line, size_t base, Report& report) const;

  Options options_;
};

// The badness score the filter uses, over a whole UTF-8 string (for tests and
// the benchmark): 0 for ordinary text, higher for mojibake-like sequences.
double MojibakeBadness(std::string_view text);

}  // namespace norm
