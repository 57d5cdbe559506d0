// unicode: the last filter of the default pipeline. Makes prose clean,
// canonical Unicode without touching what a reader can see, except where it
// was broken.
//
// In one pass over each prose span, then ICU normalization:
//   line endings   CRLF, CR, U+2028, U+2029 and U+0085 (NEL) become LF.
//   controls       C0 controls other than TAB and LF, DEL, and C1 controls
//                  (U+0080..U+009F) are removed.
//   zero-width     U+200B ZERO WIDTH SPACE and U+2060 WORD JOINER are removed;
//                  U+FEFF (a BOM inside text) is removed. U+200D ZWJ is kept
//                  between emoji (family, profession and flag sequences) and
//                  U+200C ZWNJ / U+200D ZWJ are kept next to letters of
//                  scripts that join or form conjuncts (Arabic and Persian,
//                  Syriac, N'Ko, Mongolian, the Indic scripts, Sinhala,
//                  Tibetan, Myanmar, Khmer...); elsewhere they are removed.
//   width          full-width ASCII letters and digits become ASCII
//                  (Ｎｖｉｄｉａ２０２６ -> Nvidia2026) and half-width katakana
//                  becomes katakana (ｶﾞｲﾄﾞ -> ガイド). CJK full-width
//                  punctuation (，。！？（）：；「」 and the rest of
//                  U+FF01..U+FF0F, U+FF1A..U+FF20...) is never folded.
//   spaces         NBSP (U+00A0), NARROW NBSP (U+202F), FIGURE SPACE (U+2007)
//                  and IDEOGRAPHIC SPACE (U+3000) become ' ' only with
//                  fold_spaces; kept otherwise.
//   entities       HTML character references left in plain text (&amp;,
//                  &nbsp;, &eacute;, &#20013;, &#x4E2D;) are decoded; only the
//                  complete form with ';', named references from libxml2's
//                  HTML table plus &apos;. Double escapes (&amp;lt;) are
//                  decoded to the end, so running twice changes nothing. A
//                  decoded character goes through the rules above.
//   normalization  NFC (default) or NFKC with ICU. Already-normalized text
//                  is recognised by ICU's quick check and not copied. NFKC
//                  here leaves CJK punctuation (U+3000..U+303F, the full-width
//                  punctuation of U+FF00..U+FF65) and, without fold_spaces,
//                  the spaces above alone; --nf=none skips this step.
//
// Options (UnicodeOptions in options.h):
//   form         "NFC"   NFC | NFKC | none
//   fold_width   true    full-width letters/digits and half-width katakana
//   fold_spaces  false   NBSP and ideographic space to ' '
//
// Report (filter "unicode"), each the number of characters affected:
//   line-endings, controls-removed, zero-width-removed, bom-removed,
//   width-folded, spaces-folded, entities-decoded, normalized (spans of text
//   ICU changed).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "norm/filter.h"
#include "norm/options.h"
#include "norm/status.h"

namespace norm {

class UnicodeFilter : public TextFilter {
 public:
  // Null with *status (kConfig) on an unknown form or when ICU's
  // normalization data cannot be loaded.
  static std::unique_ptr<UnicodeFilter> Make(const UnicodeOptions& options, Status* status);

  std::string_view name() const override { return "unicode"; }
  std::string Transform(std::string_view text, Report& report) const override;
  // Exact: false means Transform would return text unchanged.
  bool MayChange(std::string_view text) const override;

  struct Impl;
  explicit UnicodeFilter(std::unique_ptr<Impl> impl);
  ~UnicodeFilter() override;

 private:
  std::unique_ptr<Impl> impl_;
};

// The registry's constructor.
std::unique_ptr<Filter> MakeUnicodeFilter(const Options& options, Status* status);

}  // namespace norm
