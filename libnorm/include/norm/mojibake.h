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
//   - a 0xA0 byte that was lost as a plain space (`voilÃ  tout` -> `voilà tout`);
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
//   falls by at least Options::min_improvement. A code page that clearly
//   repairs one run of a line may repair the line's other runs on any
//   improvement (so `Ãœber` is fixed beside `tÃ¤glich`). Every decision is
//   local to its line: a line comes out the same alone or inside any text. Runs that read better
//   as GBK/Big5/Shift_JIS/EUC-KR under the text model are left to
//   cjk-mojibake.
//
// Report (filter name "mojibake")
//   fixed            runs repaired (one per --explain event)
//   via-<code page>  repaired layers per code page, e.g. via-windows-1252
//   c1-fixed         lone C1 controls mapped to windows-1252
//   nbsp-restored    spaces turned back into the lost 0xA0 byte
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
