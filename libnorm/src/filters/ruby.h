// ruby: removes flattened ruby annotations, the readings that a converter
// wrote after each Han character when ruby markup (<ruby>導<rt>dǎo</rt>)
// was flattened to plain text:
//
//   美國在芯片半導(dǎo)體領(lǐng)域   ->   美國在芯片半導體領域
//   注(ㄓㄨˋ)音                  ->   注音
//   漢字(かんじ)を読(よ)む       ->   漢字を読む
//
// A parenthesized group, in ASCII () or full-width （）, counts as an
// annotation only when its content is a real reading of the Han characters
// right before it according to Unihan (Debian package unicode-data, compiled
// in at build time):
//   - pinyin: every reading in kMandarin, kHanyuPinyin, kXHC1983, kTGHZ2013
//     and kHanyuPinlu, tone-marked ("dǎo") or tone-numbered ("dao3"), one
//     syllable per character, run together or separated by spaces;
//   - zhuyin: the same readings converted to bopomofo ("ㄉㄠˇ");
//   - kana: kJapaneseOn/kJapaneseKun readings in hiragana or katakana, the
//     whole reading or (for kun readings) a prefix of at least two kana, as
//     furigana leaves okurigana outside the parentheses.
// Annotations are removed only when the document (a whole text, or all
// prose of a Document) holds at least Options::min_annotations of them, so
// a lone 人工智能(AI), 行(xíng) in a dictionary entry or any other genuine
// parenthetical stays. Toneless pinyin (的(de)) is removed along with the
// others but never counts as evidence, since short Latin words can spell it. Text without enough
// evidence passes byte-for-byte.
//
// Orphaned tails such as `?qū)` left by a misaligned double-byte stream are
// not annotations (no opening parenthesis); the `realign` filter, which runs
// before ruby, consumes them.
//
// Report (filter "ruby"): `removed` (annotations removed), `candidates`
// (verified annotations seen, also when too few to act on); one event per
// removal with the annotated text before and after.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "norm/filter.h"
#include "norm/options.h"
#include "norm/status.h"

namespace norm {

class RubyFilter : public TextFilter {
 public:
  struct Options {
    // Verified annotations a document must hold before any is removed.
    int min_annotations = 3;
    // Han characters one annotation may cover (漢字(かんじ) covers two).
    int max_word = 4;
    bool pinyin = true;  // 導(dǎo), 導(dao3)
    bool zhuyin = true;  // 導(ㄉㄠˇ)
    bool kana = true;    // 導(みちび)く, 漢(カン)
  };

  RubyFilter() = default;
  explicit RubyFilter(Options options) : options_(options) {}

  // Registry factory: default options (the pipeline Options have no
  // section for this filter).
  static std::unique_ptr<Filter> Create(const norm::Options& options, Status* status);

  std::string_view name() const override { return "ruby"; }
  // On a whole text: counts the annotations in `text`, removes them when
  // there are enough.
  std::string Transform(std::string_view text, Report& report) const override;
  bool MayChange(std::string_view text) const override;
  // On a Document: counts over all prose first, then removes in every span.
  void Apply(Document& doc, Report& report) const override;

  // Verified annotations in text that count as evidence (toneless pinyin
  // does not): what Apply and Transform compare with min_annotations.
  int CountAnnotations(std::string_view text) const;

 private:
  // Removes (or, when remove is false, only counts) the annotations.
  // Returns every annotation found; *strong gets those that count as evidence.
  int Process(std::string_view text, bool remove, std::string* out, Report* report,
              int* strong) const;

  Options options_;
};

}  // namespace norm
