// Script consistency: a text clearly in one Chinese script keeps stray
// characters of the other (an upstream character-by-character conversion,
// copy and paste): `用于`, `前后`, `標准` in Traditional prose, `於`, `後` in
// Simplified prose. This step finds those characters and converts just them,
// in context, with OpenCC's phrase dictionaries; everything else keeps its
// bytes.
//
// Which script. A line's script is its own when it is clear (the majority
// script has at least kClearMin characters only it writes and kClearRatio
// times the other's; the -mostly characters are no evidence here: classical
// Traditional verse writes 采 and 于 itself), else that of the nearest lines before and after it
// that are clear together, up to kNearLines each side (a verse of a
// Traditional poem in a Simplified collection), else the
// fallback the caller gives: the script of the paragraphs around this one in
// the pipeline, the document's in `norm zh`.
//
// Which characters (text_model::HanClass, from OpenCC's dictionaries and real
// usage). In a Traditional line, the Simplified-only and -mostly characters
// (们, 这; 后, 于) are candidates, and the shared ones (准, 制, 里, 只) where
// real usage writes a word around them with their other form (標准 -> 標準)
// at least kWordRatio times as often as any word with the character itself,
// and, when no word keeps it, with a frequency of at least kUsageMin times the
// odds that the script keeps that character (只 in 這只適用 stays though 這隻
// is a word). Where real usage does not decide, the text's own convention
// may: a shared character changes when the text around it (kTextWindow
// bytes) writes its other form beside the same neighbour kTextRatio times as
// often (佔位 throughout a manual, 占位 once), unless the other neighbour
// keeps it (the text writes that pair too, or real usage has a word of it
// there: 批准). Conversely a shared character real usage would change stays
// where the text around it writes it beside the same neighbour at least
// kTextMin times and not kTextRatio times less often than its other form
// (布景 throughout a Taiwan manual that writes 佈景 too), or kTextOwnMin times
// and at least as often as the other form, written there too (占用 twice,
// 佔用 once; not 雜志 twice with no 雜誌: a converter's leftover). And a shared character
// that one of OpenCC's standards writes in its context stays, whatever the
// text's convention or real usage (Hong Kong's 後台 in text that writes
// 後臺): both of its forms are the script's own. In a Traditional
// line, a shared character the text around it writes nowhere else, with no
// word of real usage keeping it, changes to the other form the text writes
// at least kTextRatio times around it and at least once beside one of the
// same neighbours (one 工作區里 among many 裡 and a 工作區裡). Usage
// (model/han_words.h): libchewing's Taiwan phrases for
// Traditional lines, jieba's words for Simplified lines, which likewise take
// the Traditional classes (於, 乾). Candidates that look deliberate stay:
//   - a sentence (cut at 。！？；!?; and at quotation marks and brackets) with
//     at least two of the other script's characters and no fewer than its
//     own script's: a quotation or a clause in the other script;
//   - a run of kForeignRunMax or more of them in a row: a name or a term;
//   - in Traditional verse and classical prose (clauses of kVerseSpanMin to
//     kVerseSpanMax Han characters, no modern function words), a character
//     Big5 encodes: 新臺有洒, 至于暴矣, 二后受之 (发 still goes);
//   - characters within kWindow of two Japanese-only kanji in a row (壱弐;
//     OpenCC's JPVariants, kJapaneseKanji), as of kana.
// The quotation tests count only the characters one script alone writes, as
// a line's script does (游 in 游標 is no evidence), unless the line has no
// other one: classical forms quoted (不畏于天, 云誰之思).
//
// How they are converted. The run of Han characters around a candidate (at
// most kWindow characters each side) is rewritten whole into the other
// script (t2s for Traditional prose) and back with OpenCC's phrase
// dictionaries (s2tw by default; s2t for --zh-target=zh-Hant, s2hk for zh-HK;
// t2s for Simplified prose), so `用于` becomes `用於` and `頭发` `頭髮`. Only the
// candidate positions are taken from the result. A candidate stays when any
// of OpenCC's standards (s2t, s2tw, s2hk; t2s) keeps it in that context and
// the text around it (kTextWindow bytes of the document) writes that form at
// least 1/kClearRatio as often as the target standard's (`皇后`, `于右任`, `台灣` are valid
// Traditional; `户` is Hong Kong's, a leftover in Taiwan text that writes `戶`), or when real usage
// keeps it in a word around it at least 1/kWordRatio as often as the fix (游標, Taiwan's cursor,
// where OpenCC writes 遊標). Another standard's form that is the other script's too (Hong Kong's
// 脱) is valid only where the whole text also writes it 1/kClearRatio as often as the target's
// form, when real usage writes a word around it with the target's form and none with it (跳脫).
// Where the standards differ, the form the text around it writes more
// often is taken (爲, 為; 裡, 裏), also where real usage named the other of the two. Windows whose
// conversion changes their length are cut down to the candidate.
//
// Cost: one table lookup per character on clean text (each line's classes,
// read with the document's script counts in `norm zh`; the table,
// zh_char_flags.h, is generated at build time), and the code points
// decoded only of the lines with a candidate (HasCandidates); the OpenCC converters
// are compiled into static tables at build time (zh_phrases.h). The fixed
// point's later passes read only the lines a change can reach (Replay).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "norm/report.h"
#include "text_model.h"
#include "zh.h"

namespace norm::zh_internal {

inline constexpr int64_t kClearMin = 2;
inline constexpr int64_t kClearRatio = 4;
inline constexpr int kForeignRunMax = 3;
inline constexpr int kWindow = 8;
// A line that is not clear takes the script of the kNearLines lines before
// and after it.
inline constexpr size_t kNearLines = 5;
// A line of clauses of kVerseSpanMin to kVerseSpanMax Han characters without
// the modern language's function words is verse or classical prose: only
// the characters one script alone writes change there.
inline constexpr size_t kVerseSpanMin = 3;
inline constexpr size_t kVerseSpanMax = 7;
// A line whose kana are at least 1/kKanaShare of its Han characters is
// Japanese (which writes kanji of both shapes): left alone, and no evidence
// for its neighbours. Elsewhere, characters within kWindow of kana stay (a
// Japanese title in a Chinese list).
inline constexpr int64_t kKanaShare = 10;
// A word of the line's own script that keeps a candidate must be at least
// 1/kWordRatio as frequent as the word with its fix (the ratio of
// kClearRatio).
inline constexpr uint64_t kWordRatio = 4;
// A shared character with no word keeping it changes only when the word with
// its other form is at least kUsageMin times the odds that its script keeps
// it (libchewing's frequency units: 只, kept 93%, needs 1328; 准 18).
inline constexpr uint64_t kUsageMin = 100;
// A shared character changes to its other form when the prose string
// within kTextWindow bytes of it writes that form beside the same neighbour
// at least kTextMin times and kTextRatio times as often as the character
// itself (this occurrence included); the window keeps one document's
// convention from deciding for another's in a collection.
inline constexpr int64_t kTextMin = 3;
inline constexpr int64_t kTextRatio = 6;
// A shared character also stays where the text around it writes it beside
// the same neighbour at least kTextOwnMin times (this occurrence included)
// and at least as often as its other form, which it writes there too: the
// text's own word.
inline constexpr int64_t kTextOwnMin = 2;
inline constexpr size_t kTextWindow = 32 * 1024;

// What a line holds, by class, as the consistency step reads it: its script
// counts (the -only and -mostly characters), its evidence (the -only ones),
// both zero for a Japanese line (kKanaShare), and whether it has shared
// characters of either script. Enough to tell whether the step can change
// the line at all: only where it holds characters of the other script than
// the one it is read in (Fix).
struct LineClasses {
  ZhScriptCounts counts, evidence;
  bool simplified_shared = false, traditional_shared = false;
};
LineClasses ReadLineClasses(std::string_view line);

class Replay;

// The classes of every line of a document (split at '\n'), read in the one
// pass that counts its script (ReadDocLines): the first consistency pass
// over the document takes them instead of reading each line again.
struct DocLines {
  std::vector<size_t> starts;  // where each line starts
  std::vector<LineClasses> classes;
  size_t size = 0;  // the document's
  // What TextCounts indexes (its CountPairs), in text order, found in the
  // same pass: each shared character or other form of one (first == 0) and
  // each pair of adjacent Han characters with one (first, second), at the
  // byte where its last character starts. The document's TextCounts takes
  // them (UsePairs) instead of decoding the whole text again.
  struct PairEntry {
    size_t at;
    char32_t first, second;
  };
  std::vector<PairEntry> pairs;
  // Where the characters the classical-forms rule counts are (the -mostly
  // ones and their other forms), in text order: the first pass's counts
  // take them instead of decoding every line again.
  std::vector<std::pair<size_t, char32_t>> mostly;
  // Whether the two lists cover the text: only a text with characters of
  // both scripts has them.
  bool listed = false;
  // Whether starts and classes are those of the text (false after a
  // change: a fix changes its line's classes). The -mostly list follows the
  // text's changes (Follow); the pair list does not (TextCounts::Update
  // corrects the index instead).
  bool classes_current = true;
  // After a pass changed the text (replay: where, after its Next, active):
  // the -mostly list moved and corrected where code points changed, so that
  // the next pass's classical-forms counts need not decode every line.
  void Follow(std::string_view before, std::string_view after, const Replay& replay);
  // The line that holds byte `at`.
  size_t LineAt(size_t at) const;
  // The classes of line k when it is [at, at + n) whole, else null (a
  // piece may cut a line: a URL in it).
  const LineClasses* Whole(size_t k, size_t at, size_t n) const;
};
// Reads the document's lines' classes into *lines and adds its script counts
// (the -only and -mostly characters of every line, Japanese ones too: what
// CountZhScript counts) to *counts.
void ReadDocLines(std::string_view text, ZhScriptCounts* counts, DocLines* lines);

// Whether a line read as `want` (kUnknown: not fixed) with these classes has
// a candidate: a character of the other script, or a shared one of it.
// Where it has none, FixLine changes nothing, leaves nothing and looks
// nothing up.
inline bool HasCandidates(const LineClasses& c, ZhScript want) {
  if (want == ZhScript::kHant) return c.counts.simplified_only != 0 || c.simplified_shared;
  if (want == ZhScript::kHans) return c.counts.traditional_only != 0 || c.traditional_shared;
  return false;
}

// How often a text writes a Han character, or a pair of adjacent Han
// characters with a shared one, within kTextWindow bytes of a place: the
// text's own convention. Counted on first use; the text must outlive it.
class Replay;

class TextCounts {
 public:
  explicit TextCounts(std::string_view text) : text_(text) {}
  int64_t Char(char32_t c, size_t at);
  // How often the whole text writes c.
  int64_t Total(char32_t c);
  // a then b; 0 when either is 0.
  int64_t Pair(char32_t a, char32_t b, size_t at);
  // Where the keys of the characters and pairs looked up go (null: nowhere):
  // what a line's reading depended on (Replay).
  void Log(std::vector<uint64_t>* keys) { log_ = keys; }
  // The counts of `after`, which is `before` with code points changed one
  // for one (replay: where; after its Next): the counts taken so far are
  // moved with the text and corrected there, not counted again. The caller
  // points the counts at the text's new home with Rebase.
  void Update(std::string_view before, std::string_view after, const Replay& replay);
  void Rebase(std::string_view text) { text_ = text; }
  // The characters and pairs of the text as ReadDocLines found them
  // (DocLines::pairs, which must outlive these counts): CountPairs takes
  // them as long as the text is the one read (not after Update).
  void UsePairs(const std::vector<DocLines::PairEntry>* pairs) { found_pairs_ = pairs; }

 private:
  // The pairs with a shared character, and the counts of the shared
  // characters and their other forms (InPairs), in one pass; once.
  void CountPairs();

  std::string_view text_;
  std::vector<uint64_t>* log_ = nullptr;
  bool pairs_counted_ = false;
  const std::vector<DocLines::PairEntry>* found_pairs_ = nullptr;
  std::unordered_map<char32_t, std::vector<size_t>> chars_;
  std::unordered_map<uint64_t, std::vector<size_t>> pairs_;
};

// What one pass of consistency over a document read, line by line, so that
// the next pass of the fixed point (ZhFilter::Settle) reads again only the
// lines a change can reach. A line's reading depends on its own text, the
// script evidence of the kNearLines lines each side, the document's counts
// of the characters and pairs it looked up (TextCounts), its prose string's
// per-script character counts (the classical-forms rule) and the document's
// script; where none of these changed, the line reads as it did, so the pass
// keeps it as it is and counts what it left as before. Output and report are
// those of a full pass.
class Replay {
 public:
  // Whether the last Next kept the record (the texts are the same lines,
  // code points changed one for one).
  bool active() const { return active_; }
  // Where code points changed: offsets in the text before and after.
  const std::vector<std::pair<size_t, size_t>>& changes() const { return changes_; }
  // Where an offset of the text before is in the text after.
  size_t Moved(size_t before) const;
  // Before a pass: the document's script it reads with; another than the
  // last pass's makes it read everything.
  void Begin(ZhScript doc_script);
  // After a pass that changed something: the text it read and the text it
  // wrote (the same lines, code points changed one for one; else the next
  // pass reads everything).
  void Next(std::string_view before, std::string_view after);

 private:
  friend class Consistency;
  friend class TextCounts;
  friend struct DocLines;
  struct Line {
    LineClasses classes;         // as Consistency::Fix read them
    std::vector<uint64_t> keys;  // TextCounts keys looked up
    bool script_usage = false;   // asked for the string's per-script counts
    int64_t left = 0;            // candidates it left
  };
  struct Piece {
    size_t size = 0;
    ZhScript fallback = ZhScript::kUnknown;  // the script it was read with
    std::vector<Line> lines;
  };
  // Whether the record of a piece at doc_offset with `size` bytes and
  // `lines` lines, read with `fallback`, holds for the coming pass.
  bool Holds(size_t doc_offset, size_t size, size_t lines, ZhScript fallback) const;
  // Whether the counts of any of keys, looked up at byte `at`, may have
  // changed.
  bool KeyChanged(const std::vector<uint64_t>& keys, size_t at) const;

  bool active_ = false;  // the record applies to the coming pass
  ZhScript doc_script_ = ZhScript::kUnknown;
  std::unordered_map<size_t, Piece> pieces_;  // by document offset
  std::vector<size_t> changed_at_;            // document offsets, sorted
  std::vector<uint64_t> changed_keys_;        // sorted
  std::vector<std::pair<size_t, size_t>> changes_;
  // After each fix of another length: the offset after it in the text
  // before, and the shift of what follows.
  std::vector<std::pair<size_t, int64_t>> moves_;
  std::vector<size_t> shifted_at_;  // fixes of another length, new offsets, sorted
  size_t shift_ = 0;                // their length differences, summed
};

class Consistency {
 public:
  // target: "", zh-Hans, zh-Hant, zh-TW or zh-HK (picks the Traditional
  // converter: s2t for zh-Hant, s2hk for zh-HK, else s2tw).
  explicit Consistency(std::string_view target);
  ~Consistency();

  // The script a document (or any text) is clearly in, from its counts;
  // kUnknown when neither script is clear.
  static ZhScript Clear(const ZhScriptCounts& counts);

  // The clear script of counts[k] and the d entries before and after it,
  // for the smallest d up to kNearLines that gives one; else `fallback`.
  static ZhScript Near(const std::vector<ZhScriptCounts>& counts, size_t k, ZhScript fallback);

  // Fixes the other script's characters in one prose string, line by line.
  // A line takes its own clear script, else its neighbourhood's, else
  // `fallback` (the clear script of the strings around this one or of the
  // document; kUnknown: only clear lines are fixed). doc: the counts of the
  // whole document the string is part of, at doc_offset (null: the string's
  // own).
  // Counts zh.consistency-chars and adds one event per change.
  // replay: the record of the pass before (with doc; null: read every line).
  // doc_lines: the document's lines as ReadDocLines read them, when it has
  // not changed since (with doc; null: each line is read here).
  void Fix(std::string& text, ZhScript fallback, Report& report, TextCounts* doc = nullptr,
           size_t doc_offset = 0, Replay* replay = nullptr,
           const DocLines* doc_lines = nullptr) const;
  // The same, reading text in place (no copy of a string the step leaves
  // as it is, as most passes over clean text do): writes the fixed text to
  // *fixed and returns true only where something changed.
  bool Fix(std::string_view text, std::string* fixed, ZhScript fallback, Report& report,
           TextCounts* doc = nullptr, size_t doc_offset = 0, Replay* replay = nullptr,
           const DocLines* doc_lines = nullptr) const;

  // The converter that writes Traditional fixes ("s2tw", "s2t", "s2hk").
  const std::string& traditional_config() const { return hant_name_; }

 private:
  // How often the prose string's lines of a script write a character.
  using ScriptUsage = std::function<int64_t(ZhScript, char32_t)>;
  // Fixes one line with its counts; false when nothing changed. left: the
  // candidates it left (counted in the report too).
  // whole: the counts of the document the line is part of, at byte `at`.
  // cps, cls: the line's code points and their classes.
  bool FixLine(std::string& line, std::u32string_view cps, const text_model::HanClass* cls,
               const ZhScriptCounts& counts, const ZhScriptCounts& evidence, ZhScript fallback,
               size_t offset, TextCounts* whole, size_t at, const ScriptUsage& script_usage,
               Report& report, int64_t& left) const;
  struct Converters;

  std::string hant_name_;
  std::unique_ptr<const Converters> converters_;
};

}  // namespace norm::zh_internal
