#include "zh_consistency.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "dbcs_table.h"
#include "han_script.h"
#include "han_words.h"
#include "script.h"
#include "utf8.h"
#include "zh_char_flags.h"
#include "zh_phrase_tables.h"
#include "zh_phrases.h"

namespace norm::zh_internal {

namespace {

using text_model::HanScript;

HanScript ToHan(ZhScript s) {
  return s == ZhScript::kHans   ? HanScript::kSimplified
         : s == ZhScript::kHant ? HanScript::kTraditional
                                : HanScript::kEither;
}

// Where a sentence ends or a quotation starts or ends: a quotation in the
// other script is judged on its own.
bool SentenceBreak(char32_t c) {
  switch (c) {
    case U'。':
    case U'！':
    case U'？':
    case U'；':
    case U'!':
    case U'?':
    case U';':
    case U'\n':
    case U'「':
    case U'」':
    case U'『':
    case U'』':
    case U'“':
    case U'”':
    case U'《':
    case U'》':
    case U'〈':
    case U'〉':
    case U'（':
    case U'）':
    case U'(':
    case U')':
    case U'"':
      return true;
    default:
      return false;
  }
}

// Verse and classical prose: a line of short clauses, each of kVerseSpanMin
// to kVerseSpanMax Han characters between punctuation (詩經's four, the
// five and seven of Tang verse), nothing else but punctuation and spaces, and
// none of the modern language's function words (的, 了, 們, 這, 個, 嗎, 呢,
// 吧, 麼, 您). Classical text writes the characters both scripts share in
// their own senses (新臺有洒, 至于暴矣, 二后受之, 泳之游之, 或授之几), which
// modern usage and OpenCC's phrases would take for the other script's.
bool VerseLine(std::u32string_view cps) {
  size_t spans = 0, run = 0;
  const auto close = [&] {
    if (run == 0) return true;
    ++spans;
    const bool ok = run >= kVerseSpanMin && run <= kVerseSpanMax;
    run = 0;
    return ok;
  };
  for (char32_t c : cps) {
    switch (c) {
      case U'的':
      case U'了':
      case U'们':
      case U'們':
      case U'这':
      case U'這':
      case U'个':
      case U'個':
      case U'吗':
      case U'嗎':
      case U'呢':
      case U'吧':
      case U'么':
      case U'麼':
      case U'您':
        return false;
      case U'，':
      case U'。':
      case U'？':
      case U'！':
      case U'；':
      case U'：':
      case U'、':
      case U' ':
      case U'\u3000':
        if (!close()) return false;
        continue;
      default:
        break;
    }
    if (!text::IsHan(c)) return false;
    ++run;
  }
  return close() && spans >= 2;
}

// The kanji only Japanese writes (壱, 弐, 広, 駅; kJapaneseKanji): like kana,
// they mark a line or a title as Japanese (壱弐参四伍六 has no kana).
const std::array<bool, 0x10000>& JapaneseKanjiTable() {
  static const std::array<bool, 0x10000> in = [] {
    std::array<bool, 0x10000> v{};
    const std::string_view all(kJapaneseKanji);
    for (size_t i = 0; i < all.size();) {
      const char32_t k = utf8::Next(all, i);
      if (k < v.size()) v[k] = true;
    }
    return v;
  }();
  return in;
}
bool JapaneseKanji(char32_t c) { return c < 0x10000 && JapaneseKanjiTable()[c]; }

// Whether cps[i] marks Japanese: kana, or a Japanese-only kanji beside kana
// or another (壱弐; one 桜 in a Chinese list of titles does not).
bool Japanese(std::u32string_view cps, size_t i) {
  if (text::IsKana(cps[i])) return true;
  if (!JapaneseKanji(cps[i])) return false;
  const auto jp = [](char32_t c) { return text::IsKana(c) || JapaneseKanji(c); };
  return (i > 0 && jp(cps[i - 1])) || (i + 1 < cps.size() && jp(cps[i + 1]));
}

// The -mostly characters of either script and their other forms: what the
// classical-forms rule (TextWritesItsOwnForm) counts per script.
bool MostlyForm(char32_t c) { return c < 0x10000 && (kCharFlags[c] & kFlagMostly) != 0; }

// Whether Big5, Traditional writing's legacy character set, encodes c: the
// characters Traditional text writes in their own senses (洒, 于, 后, 几 are
// Big5 characters; 门, 这 are not). Simplified has no such set: GB2312 merged
// 於 into 于 and 後 into 后 and keeps the old forms for a few names only.
bool Big5Writes(char32_t c) {
  // The characters asked of ICU one by one (a few per document), not the
  // whole table built (18.6 M instructions, more than the rest of a clean
  // document's consistency step).
  return DbcsTable::EncodesPair(DbcsTable::Codec::kBig5, c);
}

// The length of c's UTF-8 encoding (utf8::Encode's).
size_t EncodedLength(char32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

std::string Encode(std::u32string_view s, size_t a, size_t b) {
  std::string out;
  for (size_t i = a; i < b; ++i) utf8::Append(out, s[i]);
  return out;
}

std::u32string Decode(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(utf8::Next(s, i));
  return out;
}

// The highest frequency in real usage of the line's script (libchewing's
// Taiwan phrases for Traditional, jieba's words for Simplified) of a word
// around cps[i] with `at` in its place (0: as it is); 0 when none is listed.
uint64_t WordAround(std::u32string_view cps, size_t i, char32_t at, HanScript script) {
  uint64_t best = 0;
  for (size_t len = 2; len <= text_model::kHanWordMax; ++len) {
    for (size_t a = i + 1 >= len ? i + 1 - len : 0; a <= i && a + len <= cps.size(); ++a) {
      bool han = true;
      for (size_t j = a; j < a + len && han; ++j) han = text::IsHan(cps[j]);
      if (!han) continue;
      best = std::max<uint64_t>(
          best, text_model::HanWordFreq(&cps[a], len, at == 0 ? len : i - a, at, script));
    }
  }
  return best;
}

// Whether real usage of the line's script writes cps[i] as it is in a word
// around it at least 1/kWordRatio as often as it writes `fixed` there: 游標 is
// Taiwan's word for the cursor, though OpenCC's phrase tables write 遊標.
bool UsageKeeps(std::u32string_view cps, size_t i, char32_t fixed, HanScript script) {
  const uint64_t keep = WordAround(cps, i, 0, script);
  return keep > 0 && keep * kWordRatio >= WordAround(cps, i, fixed, script);
}

// Whether real usage of the line's script writes a word around cps[i] with
// `fixed` in its place (用於, 優於, 前後).
bool UsageWritesFix(std::u32string_view cps, size_t i, char32_t fixed, HanScript script) {
  return WordAround(cps, i, fixed, script) > 0;
}

// Whether a text whose lines of one script write a -mostly character
// `kept` times and its fix `fixed` times writes it as its own form:
// classical text writes 于 and 云 throughout (不畏于天, 云誰之思), where a
// character-by-character conversion leaves 于 among many 於.
bool TextWritesItsOwnForm(int64_t kept, int64_t fixed) {
  return kept >= kClearMin && kept >= fixed;
}

// A character both scripts write (准 for 準 and in 批准): the other form that
// real usage of the line's script writes in a word around cps[i] at least
// kWordRatio times as often as any word around it with cps[i] itself (標准 ->
// 標準; 批准, 這只能, 游標 keep theirs); 0 when none.
char32_t UsageChanges(std::u32string_view cps, size_t i, HanScript script) {
  const std::u32string_view alts = text_model::HanAlternatives(cps[i]);
  if (alts.empty()) return 0;
  // The run of Han characters around i that words can span.
  constexpr size_t kMax = text_model::kHanWordMax;
  size_t lo = i, hi = i + 1;
  while (lo > 0 && i - lo + 1 < kMax && text::IsHan(cps[lo - 1])) --lo;
  while (hi < cps.size() && hi - i < kMax && text::IsHan(cps[hi])) ++hi;
  if (hi - lo < 2) return 0;
  uint64_t best = 0;
  char32_t pick = 0;
  for (size_t len = 2; len <= kMax && len <= hi - lo; ++len) {
    for (size_t a = std::max(lo, i + 1 >= len ? i + 1 - len : 0); a <= i && a + len <= hi; ++a) {
      for (char32_t alt : alts) {
        const uint64_t f = text_model::HanWordFreq(&cps[a], len, i - a, alt, script);
        if (f > best) best = f, pick = alt;
      }
    }
  }
  if (best == 0) return 0;
  // With no word keeping it, the character may be a word of its own (只 in
  // 這只適用, where 這隻 is a word too): the more often its script keeps it,
  // the more frequent the word with the other form must be.
  const uint64_t kept = static_cast<uint64_t>(text_model::HanKeptPercent(cps[i]));
  const uint64_t need = kept >= 100 ? UINT64_MAX : kUsageMin * kept / (100 - kept);
  if (best < need) return 0;
  for (size_t len = 2; len <= kMax && len <= hi - lo; ++len) {
    for (size_t a = std::max(lo, i + 1 >= len ? i + 1 - len : 0); a <= i && a + len <= hi; ++a) {
      const uint64_t keep = text_model::HanWordFreq(&cps[a], len, len, 0, script);
      if (kWordRatio * keep > best) return 0;
    }
  }
  return pick;
}

struct CharAndNeighbours {
  char32_t c, p, q;  // cps[i], and the Han characters before and after it (0: none)
};

CharAndNeighbours HanNeighbours(std::u32string_view cps, size_t i) {
  return {cps[i], i > 0 && text::IsHan(cps[i - 1]) ? cps[i - 1] : 0,
          i + 1 < cps.size() && text::IsHan(cps[i + 1]) ? cps[i + 1] : 0};
}

// A character both scripts write that the text around it writes in its
// other form beside the same neighbour far more often (佔位 throughout a
// manual, 占位 once; 資料庫裡 and 庫里): that form, else 0. The text's own
// convention decides where real usage writes both (占位 and 佔位, 注腳 and
// 註腳 are both Taiwan words), unless the other neighbour keeps the
// character: the text writes that pair too and not far more often with the
// other form (批准 beside 標準的), or real usage keeps it in a word on that
// side. pair(a, b): how often the text around writes a and b adjacent.
char32_t TextChanges(std::u32string_view cps, size_t i, HanScript script, HanScript foreign,
                     const std::function<int64_t(char32_t, char32_t)>& pair) {
  const std::u32string_view alts = text_model::HanAlternatives(cps[i]);
  if (alts.empty()) return 0;
  const auto [c, p, q] = HanNeighbours(cps, i);
  if (p == 0 && q == 0) return 0;
  // Each side's verdict: +1 for the other form, -1 for the character.
  const auto verdict = [](int64_t own, int64_t alt) {
    if (alt >= kTextMin && alt >= kTextRatio * own) return 1;
    return own >= 2 ? -1 : 0;
  };
  char32_t pick = 0;
  int left = 0, right = 0;
  int64_t best = 0;
  for (char32_t alt : alts) {
    if (text_model::ScriptOf(alt) == foreign) continue;
    const int64_t l = pair(p, alt), r = pair(alt, q);
    if (std::max(l, r) > best) best = std::max(l, r), pick = alt;
  }
  if (pick == 0) return 0;
  if (p != 0) left = verdict(pair(p, c), pair(p, pick));
  if (q != 0) right = verdict(pair(c, q), pair(pick, q));
  if (left < 0 || right < 0 || (left == 0 && right == 0)) return 0;
  // A word of real usage that keeps the character on the side without
  // evidence (批准 where only 準的 speaks for 準).
  for (size_t len = 2; len <= text_model::kHanWordMax; ++len) {
    for (size_t a = i + 1 >= len ? i + 1 - len : 0; a <= i && a + len <= cps.size(); ++a) {
      const bool has_p = i > a;
      const bool has_q = a + len > i + 1;
      if ((has_p && left > 0) || (has_q && right > 0)) continue;
      bool han = true;
      for (size_t j = a; j < a + len && han; ++j) han = text::IsHan(cps[j]);
      if (han && text_model::HanWordFreq(&cps[a], len, len, 0, script) > 0) return 0;
    }
  }
  return pick;
}

// A shared character that no word of real usage around it keeps, that the
// text around it writes nowhere else, and whose other form it writes at
// least kTextRatio times, beside one of the same neighbours at least once (裡 throughout a manual,
// 區裡 once, and one 區里: `工作區里`), where neither neighbour speaks for it (the text writes that
// pair at most once): that form, else 0. The pair rule above needs the same
// neighbour three times; a postposition follows a different word each time.
// chars(c): how often the text around writes c.
char32_t TextCharChanges(std::u32string_view cps, size_t i, HanScript script, HanScript foreign,
                         const std::function<int64_t(char32_t)>& chars,
                         const std::function<int64_t(char32_t, char32_t)>& pair) {
  const std::u32string_view alts = text_model::HanAlternatives(cps[i]);
  if (alts.empty()) return 0;
  const auto [c, p, q] = HanNeighbours(cps, i);
  if ((p != 0 && pair(p, c) >= 2) || (q != 0 && pair(c, q) >= 2)) return 0;
  // This occurrence alone: another one around would speak for it (注 in
  // 注意 beside 註腳 and 尾註, and one `插入的注`).
  if (chars(c) > 1) return 0;
  if (WordAround(cps, i, 0, script) > 0) return 0;
  char32_t pick = 0;
  int64_t best = 0;
  for (char32_t alt : alts) {
    if (text_model::ScriptOf(alt) == foreign) continue;
    const int64_t n = chars(alt);
    if (n > best) best = n, pick = alt;
  }
  if (pick == 0 || best < kTextRatio) return 0;
  // And beside one of the same neighbours at least once: 卷次, 布氏, 加里西亞
  // beside many 捲, 佈, 裡 elsewhere are words (or names) of their own.
  if (!((p != 0 && pair(p, pick) > 0) || (q != 0 && pair(pick, q) > 0))) return 0;
  return pick;
}

// A shared character that real usage would change (布景 -> 佈景: both are
// Taiwan words, the second far more frequent) but that the text around it
// writes beside the same neighbour at least kTextMin times and not
// kTextRatio times less often than `fix` there, or at least kTextOwnMin times
// and at least as often as `fix` there, which it writes too: the text's own
// word, not a stray (a Taiwan manual that writes 布景 throughout; `的占用量`
// where the text writes 占用 twice and 佔用 once). A text that never writes
// `fix` there shows no choice: a character-by-character conversion leaves
// the same stray in every occurrence of a word (雜志 twice, 雜誌 never).
// pair(a, b): how often the text around writes a and b adjacent.
bool TextKeeps(std::u32string_view cps, size_t i, char32_t fix,
               const std::function<int64_t(char32_t, char32_t)>& pair) {
  const auto [c, p, q] = HanNeighbours(cps, i);
  const auto keeps = [](int64_t own, int64_t alt) {
    return (own >= kTextMin && alt < kTextRatio * own) ||
           (own >= kTextOwnMin && alt > 0 && own >= alt);
  };
  return (p != 0 && keeps(pair(p, c), pair(p, fix))) || (q != 0 && keeps(pair(c, q), pair(fix, q)));
}

// text_model::ScriptOf from a class already looked up.
HanScript ScriptOfClass(text_model::HanClass k) {
  switch (k) {
    case text_model::HanClass::kSimplifiedOnly:
    case text_model::HanClass::kSimplifiedMostly:
      return HanScript::kSimplified;
    case text_model::HanClass::kTraditionalOnly:
    case text_model::HanClass::kTraditionalMostly:
      return HanScript::kTraditional;
    default:
      return HanScript::kEither;
  }
}

}  // namespace

namespace {
uint64_t PairKey(char32_t a, char32_t b) { return (static_cast<uint64_t>(a) << 32) | b; }

// The shared characters of either script and their other forms: the pairs
// TextCounts indexes.
bool InPairs(char32_t c) { return c < 0x10000 && (kCharFlags[c] & kFlagInPairs) != 0; }

// How many of the sorted offsets are within kTextWindow bytes of at.
int64_t WithinWindow(const std::vector<size_t>& offsets, size_t at) {
  const size_t lo = at > kTextWindow ? at - kTextWindow : 0;
  return std::upper_bound(offsets.begin(), offsets.end(), at + kTextWindow) -
         std::lower_bound(offsets.begin(), offsets.end(), lo);
}
}  // namespace

void TextCounts::CountPairs() {
  if (pairs_counted_) return;
  pairs_counted_ = true;
  // Characters counted before (by a search of their own) keep their entry.
  std::unordered_map<char32_t, std::vector<size_t>> found;
  if (found_pairs_ != nullptr) {  // found as ReadDocLines read the text
    for (const DocLines::PairEntry& e : *found_pairs_) {
      if (e.first == 0) {
        found[e.second].push_back(e.at);
      } else {
        pairs_[PairKey(e.first, e.second)].push_back(e.at);
      }
    }
    for (auto& [c, offsets] : found) chars_.emplace(c, std::move(offsets));
    return;
  }
  const auto in_pairs = InPairs;
  char32_t prev = 0;
  bool prev_in = false;
  for (size_t j = 0; j < text_.size();) {
    const size_t start = j;
    if (static_cast<unsigned char>(text_[j]) < 0x80) {  // ASCII: never Han
      ++j;
      prev = 0;
      continue;
    }
    const char32_t x = utf8::Next(text_, j);
    if (!text::IsHan(x)) {
      prev = 0;
      continue;
    }
    const bool x_in = in_pairs(x);
    if (x_in) found[x].push_back(start);
    if (prev != 0 && (prev_in || x_in)) pairs_[PairKey(prev, x)].push_back(start);
    prev = x;
    prev_in = x_in;
  }
  for (auto& [c, offsets] : found) chars_.emplace(c, std::move(offsets));
}

int64_t TextCounts::Char(char32_t c, size_t at) {
  if (log_ != nullptr) log_->push_back(c);
  // The shared characters and their other forms are counted with the pairs,
  // in one pass (a character the text does not write has no entry).
  if (InPairs(c)) CountPairs();
  auto it = chars_.find(c);
  if (it == chars_.end() && InPairs(c)) return 0;
  if (it == chars_.end()) {
    std::vector<size_t> offsets;
    std::string bytes;
    utf8::Append(bytes, c);
    for (size_t k = text_.find(bytes); k != std::string_view::npos;
         k = text_.find(bytes, k + bytes.size()))
      offsets.push_back(k);
    it = chars_.emplace(c, std::move(offsets)).first;
  }
  return WithinWindow(it->second, at);
}

int64_t TextCounts::Total(char32_t c) {
  Char(c, 0);
  const auto it = chars_.find(c);
  return it == chars_.end() ? 0 : static_cast<int64_t>(it->second.size());
}

int64_t TextCounts::Pair(char32_t a, char32_t b, size_t at) {
  if (a == 0 || b == 0) return 0;
  if (log_ != nullptr) log_->push_back(PairKey(a, b));
  CountPairs();
  const auto it = pairs_.find(PairKey(a, b));
  return it == pairs_.end() ? 0 : WithinWindow(it->second, at);
}

namespace {
// memchr line by line: std::count reads the text a byte at a time.
size_t CountNewlines(std::string_view s) {
  if (s.empty()) return 0;
  size_t n = 0;
  const char* p = s.data();
  const char* const end = p + s.size();
  while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))) !=
         nullptr) {
    ++n;
    ++p;
  }
  return n;
}
}  // namespace

void Replay::Begin(ZhScript doc_script) {
  if (doc_script != doc_script_) {
    active_ = false;
    pieces_.clear();
  }
  doc_script_ = doc_script;
}

void Replay::Next(std::string_view before, std::string_view after) {
  changed_at_.clear();
  changed_keys_.clear();
  changes_.clear();
  moves_.clear();
  shifted_at_.clear();
  shift_ = 0;
  active_ = true;
  // Consistency changes code points one for one: walk both texts together.
  // Where a fix has another UTF-8 length, what follows moves (old offset,
  // shift so far). The texts must have the same lines: outside the changed
  // code points' bytes they are the same, so they do when the changed bytes
  // hold as many newlines before as after (counted here: counting both
  // texts' newlines cost 3.9 M instructions on 4.7 MB).
  int64_t newlines = 0;
  int64_t delta = 0;
  size_t i = 0, k = 0;
  constexpr size_t kBlock = 256;
  while (active_ && i < before.size() && k < after.size()) {
    // Most of the text is unchanged: skip it a block at a time.
    if (i + kBlock <= before.size() && k + kBlock <= after.size() &&
        std::memcmp(before.data() + i, after.data() + k, kBlock) == 0) {
      i += kBlock, k += kBlock;
      continue;
    }
    if (before[i] == after[k]) {
      ++i, ++k;
      continue;
    }
    const size_t at = utf8::CharStart(before, i), to = utf8::CharStart(after, k);
    if (i - at != k - to) {
      active_ = false;
      break;
    }
    const size_t xl = utf8::SequenceLength(static_cast<unsigned char>(before[at]));
    const size_t yl = utf8::SequenceLength(static_cast<unsigned char>(after[to]));
    newlines +=
        std::count(before.begin() + static_cast<std::ptrdiff_t>(at),
                   before.begin() + static_cast<std::ptrdiff_t>(std::min(at + xl, before.size())),
                   '\n') -
        std::count(after.begin() + static_cast<std::ptrdiff_t>(to),
                   after.begin() + static_cast<std::ptrdiff_t>(std::min(to + yl, after.size())),
                   '\n');
    changed_at_.push_back(to);
    changes_.emplace_back(at, to);
    // The counts that change: the two characters', and those of every pair
    // either forms with the neighbours before and after (which may have
    // changed too).
    const char32_t x = utf8::First(before.substr(at)), y = utf8::First(after.substr(to));
    const char32_t ps[2] = {utf8::Prev(before, at), utf8::Prev(after, to)};
    const char32_t qs[2] = {at + xl < before.size() ? utf8::First(before.substr(at + xl)) : 0,
                            to + yl < after.size() ? utf8::First(after.substr(to + yl)) : 0};
    for (char32_t c : {x, y}) {
      changed_keys_.push_back(c);
      for (char32_t p : ps) changed_keys_.push_back(PairKey(p, c));
      for (char32_t q : qs) changed_keys_.push_back(PairKey(c, q));
    }
    if (xl != yl) {
      delta += static_cast<int64_t>(yl) - static_cast<int64_t>(xl);
      moves_.emplace_back(at + xl, delta);
      shifted_at_.push_back(to);
      shift_ += xl > yl ? xl - yl : yl - xl;
    }
    i = at + xl, k = to + yl;
  }
  const bool walked = active_ && i == before.size() && k == after.size();
  active_ = walked && newlines == 0;
  if (!active_) {
    pieces_.clear();
    changes_.clear();
    moves_.clear();
    // Texts with other lines are not walked at all: what the walk wrote
    // goes (counted anew only where the walk stopped short, which is rare).
    if (walked || CountNewlines(before) != CountNewlines(after)) {
      changed_at_.clear();
      changed_keys_.clear();
      shifted_at_.clear();
      shift_ = 0;
    }
    return;
  }
  std::sort(changed_keys_.begin(), changed_keys_.end());
  if (moves_.empty()) return;
  // The pieces' records move with their text.
  std::unordered_map<size_t, Piece> moved;
  for (auto& [offset, piece] : pieces_) {
    const size_t from = Moved(offset), to = Moved(offset + piece.size);
    piece.size = to - from;
    moved.emplace(from, std::move(piece));
  }
  pieces_ = std::move(moved);
}

size_t Replay::Moved(size_t before) const {
  auto it = std::upper_bound(moves_.begin(), moves_.end(), std::make_pair(before, INT64_MAX));
  return it == moves_.begin()
             ? before
             : static_cast<size_t>(static_cast<int64_t>(before) + std::prev(it)->second);
}

bool Replay::Holds(size_t doc_offset, size_t size, size_t lines, ZhScript fallback) const {
  if (!active_) return false;
  const auto it = pieces_.find(doc_offset);
  return it != pieces_.end() && it->second.size == size && it->second.lines.size() == lines &&
         it->second.fallback == fallback;
}

bool Replay::KeyChanged(const std::vector<uint64_t>& keys, size_t at) const {
  if (keys.empty()) return false;
  // A shift between the line and a character it counted may take that
  // character into or out of its kTextWindow.
  if (!shifted_at_.empty()) {
    const size_t reach = kTextWindow + shift_;
    const auto it =
        std::lower_bound(shifted_at_.begin(), shifted_at_.end(), at > reach ? at - reach : 0);
    if (it != shifted_at_.end() && *it <= at + reach) return true;
  }
  if (changed_keys_.empty()) return false;
  for (uint64_t k : keys)
    if (std::binary_search(changed_keys_.begin(), changed_keys_.end(), k)) return true;
  return false;
}

namespace {
// The key of the pair TextCounts indexes at byte s of text (the Han
// character there and the one before it, one of them in InPairs); 0: none.
uint64_t PairAt(std::string_view text, size_t s) {
  if (s == 0 || s >= text.size()) return 0;
  const char32_t x = utf8::First(text.substr(s)), prev = utf8::Prev(text, s);
  if (!text::IsHan(x) || !text::IsHan(prev) || !(InPairs(prev) || InPairs(x))) return 0;
  return PairKey(prev, x);
}

void Erase(std::vector<size_t>& v, size_t at) {
  const auto it = std::lower_bound(v.begin(), v.end(), at);
  if (it != v.end() && *it == at) v.erase(it);
}

void Insert(std::vector<size_t>& v, size_t at) {
  const auto it = std::lower_bound(v.begin(), v.end(), at);
  if (it == v.end() || *it != at) v.insert(it, at);
}
}  // namespace

void TextCounts::Update(std::string_view before, std::string_view after, const Replay& replay) {
  found_pairs_ = nullptr;  // they were the text before's
  if (!replay.moves_.empty()) {
    // Everything after a fix of another length moves with it.
    for (auto& [c, offsets] : chars_)
      for (size_t& o : offsets) o = replay.Moved(o);
    for (auto& [k, offsets] : pairs_)
      for (size_t& o : offsets) o = replay.Moved(o);
  }
  for (const auto& [was, is] : replay.changes()) {
    const char32_t x = utf8::First(before.substr(was)), y = utf8::First(after.substr(is));
    if (auto it = chars_.find(x); it != chars_.end()) Erase(it->second, is);
    if (auto it = chars_.find(y); it != chars_.end()) {
      Insert(it->second, is);
    } else if (pairs_counted_ && InPairs(y)) {
      chars_[y].push_back(is);  // counted with the pairs, not written before
    }
  }
  if (!pairs_counted_) return;
  // The pairs that end at a changed code point or start after it, where
  // they were and where they are.
  std::vector<std::pair<size_t, size_t>> starts;
  for (const auto& [was, is] : replay.changes()) {
    starts.emplace_back(was, is);
    starts.emplace_back(was + utf8::SequenceLength(static_cast<unsigned char>(before[was])),
                        is + utf8::SequenceLength(static_cast<unsigned char>(after[is])));
  }
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  for (const auto& [was, is] : starts) {
    const uint64_t old_key = PairAt(before, was), new_key = PairAt(after, is);
    if (old_key == new_key) continue;
    if (auto it = pairs_.find(old_key); old_key != 0 && it != pairs_.end()) {
      Erase(it->second, is);
      if (it->second.empty()) pairs_.erase(it);
    }
    if (new_key != 0) Insert(pairs_[new_key], is);
  }
}

// s2tw and s2hk are s2t followed by a variants dictionary (t2tw, t2hk): one
// phrase converter and two small ones. Compiled at build time (zh_phrases.h).
struct Consistency::Converters {
  const PhraseConverter* t2s = PhraseConverter::Get("t2s");
  const PhraseConverter* s2t = PhraseConverter::Get("s2t");
  const PhraseConverter* t2tw = PhraseConverter::Get("t2tw");
  const PhraseConverter* t2hk = PhraseConverter::Get("t2hk");
};

Consistency::Consistency(std::string_view target) : converters_(std::make_unique<Converters>()) {
  hant_name_ = target == "zh-Hant" ? "s2t" : target == "zh-HK" ? "s2hk" : "s2tw";
}

Consistency::~Consistency() = default;

namespace {
// One line's characters, counted by class in locals and summed by script
// at the end (the -only and -mostly classes count; only the -only ones are
// evidence), with its kana.
struct Tally {
  // By HanClass, and kana at kKanaClass.
  int64_t by_class[8] = {};
  // f: the character's kCharFlags (0 beyond the BMP: no class, no kana).
  void Add(uint8_t f) { ++by_class[f & kClassMask]; }
  int64_t Of(text_model::HanClass k) const { return by_class[static_cast<int>(k)]; }
  // The script counts of every character, whatever the line's language.
  ZhScriptCounts Raw() const {
    using text_model::HanClass;
    return {Of(HanClass::kSimplifiedOnly) + Of(HanClass::kSimplifiedMostly),
            Of(HanClass::kTraditionalOnly) + Of(HanClass::kTraditionalMostly)};
  }
  LineClasses Finish(std::string_view line) const {
    using text_model::HanClass;
    LineClasses out;
    out.simplified_shared = Of(HanClass::kSimplifiedShared) != 0;
    out.traditional_shared = Of(HanClass::kTraditionalShared) != 0;
    if (const int64_t kana = by_class[kKanaClass]; kana != 0) {
      // Japanese writes kanji of both shapes: a line with kana is left
      // alone and is no evidence for its neighbours. (Han characters are
      // counted only here: few lines have kana.)
      int64_t han = 0;
      for (size_t i = 0; i < line.size();) han += text::IsHan(utf8::Next(line, i));
      if (kana * kKanaShare >= han) return out;
    }
    out.evidence.simplified_only = Of(HanClass::kSimplifiedOnly);
    out.evidence.traditional_only = Of(HanClass::kTraditionalOnly);
    out.counts = Raw();
    return out;
  }
};
}  // namespace

namespace {
// The character's kCharFlags (0 beyond the BMP: no class, no kana).
uint8_t CharFlags(char32_t c) { return c < 0x10000 ? kCharFlags[c] : 0; }

// The code point of the three bytes at s[i] (a lead byte 0xE0 to 0xEF, two
// more bytes in s): utf8::Next's value, without its tests.
char32_t ThreeByte(std::string_view s, size_t i) {
  return (static_cast<char32_t>(static_cast<unsigned char>(s[i]) & 0x0F) << 12) |
         (static_cast<char32_t>(static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
         (static_cast<unsigned char>(s[i + 2]) & 0x3F);
}

// DocLines' lists (what CountPairs indexes, where the -mostly forms are),
// written as the text is read: Add each non-ASCII character with its
// kCharFlags, Break at each ASCII byte.
struct Lister {
  DocLines* lines;
  char32_t prev = 0;  // the Han character just before, else 0
  bool prev_in = false;
  void Break() { prev = 0; }
  // Inlined: called once per character (an outlined call cost 26 M
  // instructions on 4.7 MB).
  [[gnu::always_inline]] void Add(size_t start, char32_t c, uint8_t f) {
    // Most characters: a Han character with neither flag after one without
    // (kFlagHan is set only in the BMP): nothing listed, one test.
    if ((f & (kFlagHan | kFlagMostly | kFlagInPairs)) == kFlagHan && !prev_in) {
      prev = c;
      return;
    }
    if (f & kFlagMostly) lines->mostly.emplace_back(start, c);
    if (c < 0x10000 ? (f & kFlagHan) == 0 : !text::IsHan(c)) {
      prev = 0;
      return;
    }
    const bool in = (f & kFlagInPairs) != 0;
    if (in) lines->pairs.push_back({start, 0, c});
    if (prev != 0 && (prev_in || in)) lines->pairs.push_back({start, prev, c});
    prev = c;
    prev_in = in;
  }
};
}  // namespace

LineClasses ReadLineClasses(std::string_view l) {
  Tally t;
  for (size_t i = 0; i < l.size();) {
    if (static_cast<unsigned char>(l[i]) < 0x80) {  // ASCII: no class, no kana
      ++i;
      continue;
    }
    if ((static_cast<unsigned char>(l[i]) & 0xF0) == 0xE0 && i + 2 < l.size()) {
      t.Add(kCharFlags[ThreeByte(l, i)]);  // as ReadDocLines reads them
      i += 3;
      continue;
    }
    t.Add(CharFlags(utf8::Next(l, i)));
  }
  return t.Finish(l);
}

void ReadDocLines(std::string_view text, ZhScriptCounts* counts, DocLines* lines) {
  lines->starts.clear();
  lines->classes.clear();
  lines->size = text.size();
  ZhScriptCounts sum;
  size_t line = 0;
  Tally t;
  const auto finish = [&](size_t end) {
    lines->starts.push_back(line);
    lines->classes.push_back(t.Finish(text.substr(line, end - line)));
    const ZhScriptCounts raw = t.Raw();
    sum.simplified_only += raw.simplified_only;
    sum.traditional_only += raw.traditional_only;
    t = Tally();
  };
  // And DocLines' lists, once the text has characters of both scripts (the
  // consistency step runs only then): from there on as it goes, the text
  // before it read again once; a text in one script never lists.
  lines->pairs.clear();
  lines->mostly.clear();
  lines->listed = false;
  bool simplified = false, traditional = false, listing = false;
  Lister list{lines};
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {  // a run of ASCII bytes
      list.Break();
      do {
        if (text[i] == '\n') {
          finish(i);
          line = i + 1;
        }
        ++i;
      } while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80);
      continue;
    }
    const size_t start = i;
    char32_t c;
    uint8_t f;
    if ((static_cast<unsigned char>(text[i]) & 0xF0) == 0xE0 && i + 2 < text.size()) {
      // Three bytes (all of CJK), as utf8::Next reads them, and in the BMP:
      // the table without a bound check.
      c = ThreeByte(text, i);
      i += 3;
      f = kCharFlags[c];
    } else {
      c = utf8::Next(text, i);
      f = CharFlags(c);
    }
    t.Add(f);
    if (listing) {
      list.Add(start, c, f);
      // The three-byte characters that follow (most of a Chinese text) in a
      // loop of their own, without the ASCII and listing tests per character
      // (and with the text's bounds in locals: `finish` holds a reference to
      // text, so each list's append would have it read again).
      const std::string_view run = text;
      while (i + 2 < run.size() && (static_cast<unsigned char>(run[i]) & 0xF0) == 0xE0) {
        const char32_t x = ThreeByte(run, i);
        const uint8_t g = kCharFlags[x];
        t.Add(g);
        list.Add(i, x, g);
        i += 3;
      }
      continue;
    }
    // The -only and -mostly classes (1 to 4): odd ones are Simplified's.
    const unsigned k = f & kClassMask;
    if (k - 1 >= 4) continue;
    (k & 1 ? simplified : traditional) = true;
    if (!(simplified && traditional)) continue;
    listing = lines->listed = true;
    list.Break();
    for (size_t j = 0; j < i;) {  // the text so far, this character included
      if (static_cast<unsigned char>(text[j]) < 0x80) {
        ++j;
        list.Break();
        continue;
      }
      const size_t s = j;
      const char32_t x = utf8::Next(text, j);
      list.Add(s, x, CharFlags(x));
    }
  }
  finish(text.size());  // the last line (empty after a final '\n', as Fix splits)
  counts->simplified_only += sum.simplified_only;
  counts->traditional_only += sum.traditional_only;
}

void DocLines::Follow(std::string_view before, std::string_view after, const Replay& replay) {
  classes_current = false;
  if (!listed) return;
  if (!replay.active()) {
    listed = false;
    mostly.clear();
    return;
  }
  // Replay::Moved of each offset, walking the sorted moves once.
  size_t k = 0;
  int64_t shift = 0;
  for (auto& [at, c] : mostly) {
    while (k < replay.moves_.size() && replay.moves_[k].first <= at)
      shift = replay.moves_[k++].second;
    at = static_cast<size_t>(static_cast<int64_t>(at) + shift);
  }
  // A changed code point leaves the list where it was a -mostly form and
  // joins it where it is one (offsets of the text after, kept sorted).
  std::vector<std::pair<size_t, char32_t>> added;
  for (const auto& [was, is] : replay.changes()) {
    if (MostlyForm(utf8::First(before.substr(was)))) {
      const auto it =
          std::lower_bound(mostly.begin(), mostly.end(), std::make_pair(is, char32_t{0}));
      if (it != mostly.end() && it->first == is) it->first = SIZE_MAX;  // erased below
    }
    const char32_t y = utf8::First(after.substr(is));
    if (MostlyForm(y)) added.emplace_back(is, y);
  }
  std::erase_if(mostly, [](const auto& e) { return e.first == SIZE_MAX; });
  if (added.empty()) return;
  std::sort(added.begin(), added.end());
  const size_t n = mostly.size();
  mostly.insert(mostly.end(), added.begin(), added.end());
  std::inplace_merge(mostly.begin(), mostly.begin() + static_cast<std::ptrdiff_t>(n), mostly.end());
}

size_t DocLines::LineAt(size_t at) const {
  const auto it = std::upper_bound(starts.begin(), starts.end(), at);
  return it == starts.begin() ? 0 : static_cast<size_t>(it - starts.begin()) - 1;
}

const LineClasses* DocLines::Whole(size_t k, size_t at, size_t n) const {
  if (k >= starts.size()) return nullptr;
  const size_t end = k + 1 < starts.size() ? starts[k + 1] - 1 : size;
  return starts[k] == at && end == at + n ? &classes[k] : nullptr;
}

ZhScript Consistency::Clear(const ZhScriptCounts& c) {
  if (c.simplified_only >= kClearMin && c.simplified_only >= kClearRatio * c.traditional_only)
    return ZhScript::kHans;
  if (c.traditional_only >= kClearMin && c.traditional_only >= kClearRatio * c.simplified_only)
    return ZhScript::kHant;
  return ZhScript::kUnknown;
}

ZhScript Consistency::Near(const std::vector<ZhScriptCounts>& counts, size_t k, ZhScript fallback) {
  // The nearest lines first: a verse between Traditional verses is
  // Traditional, however much Simplified prose comes a few lines before.
  ZhScriptCounts sum = counts[k];
  for (size_t d = 1; d <= kNearLines; ++d) {
    if (k >= d) {
      sum.simplified_only += counts[k - d].simplified_only;
      sum.traditional_only += counts[k - d].traditional_only;
    }
    if (k + d < counts.size()) {
      sum.simplified_only += counts[k + d].simplified_only;
      sum.traditional_only += counts[k + d].traditional_only;
    }
    const ZhScript near = Clear(sum);
    if (near != ZhScript::kUnknown) return near;
  }
  return fallback;
}

void Consistency::Fix(std::string& text, ZhScript fallback, Report& report, TextCounts* doc,
                      size_t doc_offset, Replay* replay, const DocLines* doc_lines) const {
  std::string fixed;
  if (Fix(text, &fixed, fallback, report, doc, doc_offset, replay, doc_lines))
    text = std::move(fixed);
}

bool Consistency::Fix(std::string_view text, std::string* fixed, ZhScript fallback, Report& report,
                      TextCounts* doc, size_t doc_offset, Replay* replay,
                      const DocLines* doc_lines) const {
  // Each line is judged on its own (a paragraph per line in scraped text); a
  // line that is not clear takes the script of the lines around it (a verse
  // of a Traditional poem quoted in Simplified prose), else `fallback`.
  std::vector<std::string_view> lines;
  for (size_t pos = 0; pos <= text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  const size_t base = doc != nullptr ? doc_offset : 0;
  // The record of the pass before (Replay): which lines changed (their own
  // reading and their neighbours' evidence), and whether any did (the
  // string's per-script counts). Lines that did not keep their counts from
  // then.
  Replay::Piece* record = nullptr;
  bool replaying = false, piece_moved = false;
  // moved[j]: whether a change of the pass before is in line j; moved_before[j]:
  // how many of the lines before j have one, so that whether any of a line's
  // neighbours moved is one subtraction (a scan of a std::vector<bool> per
  // line cost 6 M instructions a pass on 4.7 MB).
  std::vector<uint8_t> moved(lines.size(), 0);
  std::vector<uint32_t> moved_before(lines.size() + 1, 0);
  if (replay != nullptr && doc != nullptr) {
    replaying = replay->Holds(base, text.size(), lines.size(), fallback);
    record = &replay->pieces_[base];
    if (replaying) {
      // Replay::Changed line by line, walking the sorted changes once (the
      // lines' ranges follow one another).
      const std::vector<size_t>& at = replay->changed_at_;
      auto it = std::lower_bound(at.begin(), at.end(), base);
      for (size_t j = 0; j < lines.size(); ++j) {
        const size_t from = base + static_cast<size_t>(lines[j].data() - text.data());
        while (it != at.end() && *it < from) ++it;
        moved[j] = it != at.end() && *it < from + lines[j].size() + 1;
        moved_before[j + 1] = moved_before[j] + moved[j];
        piece_moved = piece_moved || moved[j];
      }
    } else {
      record->size = text.size();
      record->fallback = fallback;
      record->lines.assign(lines.size(), Replay::Line());
    }
  }
  // Each line's classes (ReadLineClasses: a class lookup per character,
  // nothing stored), then the code points and their classes only of the
  // lines the step may change (HasCandidates): on clean text almost none.
  std::vector<LineClasses> classes(lines.size());
  bool any = false;
  // The lines' classes as read (the -mostly list below may outlive them).
  const DocLines* read_lines =
      doc_lines != nullptr && doc_lines->classes_current ? doc_lines : nullptr;
  const size_t first_line = read_lines != nullptr && doc != nullptr ? read_lines->LineAt(base) : 0;
  for (size_t j = 0; j < lines.size(); ++j) {
    if (replaying && !moved[j]) {
      classes[j] = record->lines[j].classes;
    } else {
      // The piece's lines are the document's lines from the one its first
      // starts in on (its first and last may be parts of them).
      const LineClasses* read =
          read_lines != nullptr && doc != nullptr
              ? read_lines->Whole(first_line + j,
                                  base + static_cast<size_t>(lines[j].data() - text.data()),
                                  lines[j].size())
              : nullptr;
      classes[j] = read != nullptr ? *read : ReadLineClasses(lines[j]);
      if (record != nullptr) record->lines[j].classes = classes[j];
    }
    any = any || classes[j].counts.simplified_only != 0 || classes[j].counts.traditional_only != 0;
  }
  if (!any) return false;
  // (Set up only here: most pieces of clean text return above.)
  std::u32string cps;
  std::vector<text_model::HanClass> cls;
  std::vector<size_t> start(lines.size(), 0), end(lines.size(), 0);
  std::vector<uint8_t> decoded(lines.size(), 0);
  const auto decode = [&](size_t j) {
    decoded[j] = 1;
    start[j] = cps.size();
    const std::string_view l = lines[j];
    // Room for a code point a byte first, then written without a capacity
    // check per character (push_back cost 8 M instructions on GNE's
    // page-long lines).
    size_t k = cps.size();
    cps.resize(k + l.size());
    for (size_t i = 0; i < l.size(); ++k) cps[k] = utf8::Next(l, i);
    cps.resize(k);
    // The classes only for the code points: a class a byte first was filled
    // one by one (an enum's fill is no memset), 4.3 M instructions on GNE.
    const size_t from = cls.size();
    cls.resize(k);
    for (size_t m = from; m < k; ++m) cls[m] = text_model::HanClassOf(cps[m]);
    end[j] = k;
  };
  // What decides a line's script: the characters only one script writes
  // (-mostly ones are written by both: 采 in classical Traditional text).
  std::vector<ZhScriptCounts> evidence(lines.size());
  for (size_t j = 0; j < lines.size(); ++j) evidence[j] = classes[j].evidence;
  // The text with its changed lines, built from the first change on (most
  // passes over clean text change nothing): text before `copied` is in out.
  std::string& out = *fixed;
  std::string line;
  size_t copied = 0;
  bool changed = false;
  TextCounts local(text);
  TextCounts* whole = doc != nullptr ? doc : &local;
  // How often the lines of each script write a character: counted on first
  // use, from the text (lines may not be decoded). One pass counts the
  // characters the classical-forms rule asks about (MostlyForm); any other
  // is counted when asked, by a search of the lines of that script.
  std::unordered_map<char32_t, int64_t> by_script[2];
  std::vector<ZhScript> line_script;
  bool counted = false;
  bool asked = false;  // by the line being read
  // The -mostly forms of the text ReadDocLines read are listed already.
  const bool listed = doc_lines != nullptr && doc != nullptr && doc_lines->listed;
  const ScriptUsage script_usage = [&](ZhScript s, char32_t c) -> int64_t {
    asked = true;
    if (!counted) {
      counted = true;
      line_script.resize(lines.size());
      for (size_t j = 0; j < lines.size(); ++j) {
        const ZhScript own = Clear(evidence[j]);
        line_script[j] = own != ZhScript::kUnknown ? own : Near(evidence, j, fallback);
      }
      if (listed) {
        // The text is the one ReadDocLines read: its -mostly forms are
        // listed, line by line (the piece's lines start at text offsets).
        const auto& found = doc_lines->mostly;
        auto it = std::lower_bound(found.begin(), found.end(), std::make_pair(base, char32_t{0}));
        size_t j = 0;
        for (; it != found.end() && it->first < base + text.size(); ++it) {
          const size_t at = it->first - base;
          while (j + 1 < lines.size() &&
                 static_cast<size_t>(lines[j + 1].data() - text.data()) <= at)
            ++j;
          if (line_script[j] != ZhScript::kUnknown)
            ++by_script[line_script[j] == ZhScript::kHant][it->second];
        }
      }
      for (size_t j = 0; j < lines.size() && !listed; ++j) {
        const ZhScript w = line_script[j];
        if (w == ZhScript::kUnknown) continue;
        auto& m = by_script[w == ZhScript::kHant];
        if (decoded[j]) {  // its code points are at hand
          for (size_t i = start[j]; i < end[j]; ++i)
            if (MostlyForm(cps[i])) ++m[cps[i]];
          continue;
        }
        const std::string_view l = lines[j];
        for (size_t i = 0; i < l.size();) {
          if (static_cast<unsigned char>(l[i]) < 0x80) {
            ++i;
            continue;
          }
          const char32_t x = utf8::Next(l, i);
          if (MostlyForm(x)) ++m[x];
        }
      }
    }
    if (!text::IsHan(c)) return 0;
    auto& m = by_script[s == ZhScript::kHant];
    auto it = m.find(c);
    if (it != m.end()) return it->second;
    if (MostlyForm(c)) return 0;
    std::string bytes;
    utf8::Append(bytes, c);
    int64_t n = 0;
    for (size_t j = 0; j < lines.size(); ++j) {
      if (line_script[j] != s) continue;
      for (size_t k = lines[j].find(bytes); k != std::string_view::npos;
           k = lines[j].find(bytes, k + bytes.size()))
        ++n;
    }
    return m.emplace(c, n).first->second;
  };
  const auto reads_as_before = [&](size_t j) {
    if (!replaying) return false;
    const size_t lo = j >= kNearLines ? j - kNearLines : 0;
    const size_t hi = std::min(lines.size(), j + kNearLines + 1);
    if (moved_before[hi] != moved_before[lo]) return false;
    const Replay::Line& r = record->lines[j];
    const size_t at = base + static_cast<size_t>(lines[j].data() - text.data());
    return !(r.script_usage && piece_moved) && !replay->KeyChanged(r.keys, at);
  };
  for (size_t j = 0; j < lines.size(); ++j) {
    const size_t offset = static_cast<size_t>(lines[j].data() - text.data());
    const ZhScriptCounts& counts = classes[j].counts;
    if (counts.simplified_only != 0 || counts.traditional_only != 0) {
      if (reads_as_before(j)) {
        // As the pass before read it: unchanged, the same candidates left.
        if (record->lines[j].left != 0)
          report.Count("zh", "consistency-left", record->lines[j].left);
      } else {
        // A line clear on its own is read in its own script: its
        // neighbours' (Near, a sum over up to 2 * kNearLines lines) only
        // for the others, which FixLine reads with it.
        const ZhScript own = Clear(evidence[j]);
        const ZhScript near = own != ZhScript::kUnknown ? own : Near(evidence, j, fallback);
        if (!HasCandidates(classes[j], near)) {
          // FixLine would return at once: nothing changed, left or looked up.
          if (record != nullptr) {
            record->lines[j].keys.clear();
            record->lines[j].script_usage = false;
            record->lines[j].left = 0;
          }
          continue;
        }
        if (!decoded[j]) decode(j);
        int64_t line_left = 0;
        asked = false;
        if (record != nullptr) {
          record->lines[j].keys.clear();
          whole->Log(&record->lines[j].keys);
        }
        line.assign(lines[j]);
        if (FixLine(line, std::u32string_view(cps).substr(start[j], end[j] - start[j]),
                    cls.data() + start[j], counts, evidence[j], near, offset, whole, base + offset,
                    script_usage, report, line_left)) {
          if (!changed) {
            out.clear();
            out.reserve(text.size());
          }
          changed = true;
          out.append(text.substr(copied, offset - copied));
          out += line;
          copied = offset + lines[j].size();
        }
        whole->Log(nullptr);
        if (record != nullptr) {
          record->lines[j].script_usage = asked;
          record->lines[j].left = line_left;
        }
      }
    }
  }
  if (changed) {
    out.append(text.substr(copied));
  }
  return changed;
}

bool Consistency::FixLine(std::string& text, std::u32string_view cps,
                          const text_model::HanClass* cls, const ZhScriptCounts& counts,
                          const ZhScriptCounts& evidence, ZhScript fallback, size_t offset,
                          TextCounts* whole, size_t at, const ScriptUsage& script_usage,
                          Report& report, int64_t& left) const {
  ZhScript own = Clear(evidence);
  ZhScript want = own != ZhScript::kUnknown ? own : fallback;
  if (want == ZhScript::kUnknown) return false;
  const HanScript native = ToHan(want);
  const HanScript foreign =
      want == ZhScript::kHant ? HanScript::kSimplified : HanScript::kTraditional;
  const int64_t n_foreign =
      want == ZhScript::kHant ? counts.simplified_only : counts.traditional_only;
  // Not clear on its own and as much of the other script as of the
  // document's: a quotation or genuinely mixed text. Only the characters one
  // script alone writes tell (游 in Taiwan's 游標 is Simplified-mostly).
  const int64_t e_foreign =
      want == ZhScript::kHant ? evidence.simplified_only : evidence.traditional_only;
  const int64_t e_native =
      want == ZhScript::kHant ? evidence.traditional_only : evidence.simplified_only;
  // A line whose other-script characters are all -mostly ones, as many as
  // its own script's: classical forms quoted (不畏于天, 云誰之思).
  const int64_t n_native =
      want == ZhScript::kHant ? counts.traditional_only : counts.simplified_only;
  if (own == ZhScript::kUnknown && ((e_foreign >= 2 && e_foreign >= e_native) ||
                                    (e_foreign == 0 && n_foreign >= 2 && n_foreign >= n_native)))
    return false;

  const size_t n = cps.size();
  // The other script's characters that both scripts write: candidates only
  // where real usage says so.
  const text_model::HanClass shared = want == ZhScript::kHant
                                          ? text_model::HanClass::kSimplifiedShared
                                          : text_model::HanClass::kTraditionalShared;
  // Most lines of clean text have no candidate at all: nothing to set up.
  if (n_foreign == 0 && std::find(cls, cls + n, shared) == cls + n) return false;
  std::vector<HanScript> script(n);
  // The other script's characters this script writes in a few places (后 in
  // 皇后; 于, 云 and 后 in classical text: 不畏于天, 二后受之).
  const text_model::HanClass mostly = want == ZhScript::kHant
                                          ? text_model::HanClass::kSimplifiedMostly
                                          : text_model::HanClass::kTraditionalMostly;
  std::vector<char32_t> usage(n, 0);
  // usage[i] from the text's own pairs, not from real usage: taken as it is.
  std::vector<bool> by_text(n, false);
  const auto pair = [&](char32_t a, char32_t b) { return whole->Pair(a, b, at); };
  const auto chars = [&](char32_t c) { return whole->Char(c, at); };
  bool any_usage = false;
  // Each character's script, the shared ones' usage and the candidates
  // (in order: only their sentences are counted, and only they are fixed
  // below), in one pass: GNE's lines are whole pages, and a pass each cost
  // 7 M instructions there, every sentence counted 9 M.
  std::vector<size_t> candidates;
  for (size_t i = 0; i < n; ++i) {
    script[i] = ScriptOfClass(cls[i]);
    if (cls[i] != shared) {
      if (script[i] == foreign) candidates.push_back(i);
      continue;
    }
    usage[i] = UsageChanges(cps, i, native);
    if (usage[i] != 0 && TextKeeps(cps, i, usage[i], pair)) usage[i] = 0;
    if (usage[i] == 0) {
      usage[i] = TextChanges(cps, i, native, foreign, pair);
      // In Traditional lines only: a Simplified form merges several
      // Traditional ones (复 for 復, 複, 覆), so its count says nothing of
      // the one a shared Traditional character would be (覆寫 beside many
      // 复制 is no 复写).
      if (usage[i] == 0 && want == ZhScript::kHant)
        usage[i] = TextCharChanges(cps, i, native, foreign, chars, pair);
      by_text[i] = usage[i] != 0;
    }
    any_usage = any_usage || usage[i] != 0;
    if (script[i] == foreign || usage[i] != 0) candidates.push_back(i);
  }
  if (n_foreign == 0 && !any_usage) return false;

  // Sentences in the other script keep their characters (counted by the
  // characters one script alone writes, as a line's script is; by the
  // -mostly ones too where those are all it has of the other script).
  const text_model::HanClass only_foreign = want == ZhScript::kHant
                                                ? text_model::HanClass::kSimplifiedOnly
                                                : text_model::HanClass::kTraditionalOnly;
  const text_model::HanClass only_native = want == ZhScript::kHant
                                               ? text_model::HanClass::kTraditionalOnly
                                               : text_model::HanClass::kSimplifiedOnly;
  std::vector<bool> skip(n, false);
  size_t read_to = 0;  // the sentences before it are read
  for (const size_t i : candidates) {
    if (i < read_to || SentenceBreak(cps[i])) continue;
    size_t a = i;
    while (a > 0 && !SentenceBreak(cps[a - 1])) --a;
    size_t b = a;
    int64_t f = 0, s = 0, f_all = 0, s_all = 0;
    for (; b < n && !SentenceBreak(cps[b]); ++b) {
      f += cls[b] == only_foreign;
      s += cls[b] == only_native;
      f_all += script[b] == foreign;
      s_all += script[b] == native;
    }
    if ((f >= 2 && f >= s) || (f == 0 && f_all >= 2 && f_all >= s_all))
      std::fill(skip.begin() + a, skip.begin() + b, true);
    read_to = b;
  }
  // Characters near kana: a Japanese title or quotation. (Only kana and
  // Japanese kanji can be: the others are passed over with the table at
  // hand, not a guarded static per character, 7 M instructions on GNE's
  // pages, whose lines are whole pages.)
  const std::array<bool, 0x10000>& japanese_kanji = JapaneseKanjiTable();
  for (size_t i = 0; i < n; ++i) {
    if (!text::IsKana(cps[i]) && !(cps[i] < 0x10000 && japanese_kanji[cps[i]])) continue;
    if (!Japanese(cps, i)) continue;
    const size_t a = i >= static_cast<size_t>(kWindow) ? i - kWindow : 0;
    const size_t b = std::min(n, i + kWindow + 1);
    std::fill(skip.begin() + a, skip.begin() + b, true);
  }
  // Runs of the other script's characters: a name or a term.
  for (size_t a = 0; a < n;) {
    if (script[a] != foreign) {
      ++a;
      continue;
    }
    size_t b = a;
    while (b < n && script[b] == foreign) ++b;
    if (b - a >= static_cast<size_t>(kForeignRunMax))
      std::fill(skip.begin() + a, skip.begin() + b, true);
    a = b;
  }

  const Converters* conv = converters_.get();
  // How often the whole prose string writes a character.
  const auto usage_of = [&](char32_t c) -> int64_t { return whole->Char(c, at); };
  // Two forms of one character in this script (裡 and 裏, 為 and 爲): where
  // real usage names one and OpenCC's standards with the text's own usage
  // the other, the text's is taken.
  const auto same_variant = [&](char32_t a, char32_t b) {
    if (a == b) return true;
    if (want != ZhScript::kHant) return false;
    const std::string x = Encode(std::u32string_view(&a, 1), 0, 1);
    const std::string y = Encode(std::u32string_view(&b, 1), 0, 1);
    return conv->t2s->Convert(x) == conv->t2s->Convert(y);
  };
  // Traditional verse keeps what Big5 writes.
  const bool verse = want == ZhScript::kHant && VerseLine(cps);
  std::u32string out(cps);
  int64_t changed = 0;
  for (const size_t i : candidates) {
    if (skip[i] || (verse && Big5Writes(cps[i]))) {
      ++left;
      continue;
    }
    size_t a = i, b = i + 1;
    while (a > 0 && i - a < static_cast<size_t>(kWindow) && text::IsHan(cps[a - 1])) --a;
    while (b < n && b - i <= static_cast<size_t>(kWindow) && text::IsHan(cps[b])) ++b;
    char32_t fixed = cps[i];
    // valid: the character is right here (below); written: some standard
    // writes it here, whatever the text's counts.
    bool valid = false, written = false;
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (attempt == 1) a = i, b = i + 1;
      const std::string window = Encode(cps, a, b);
      const size_t k = i - a, len = b - a;
      std::u32string primary;
      valid = false;
      if (want == ZhScript::kHant) {
        const std::string mid = conv->s2t->Convert(conv->t2s->Convert(window));
        const std::u32string standards[3] = {Decode(mid), Decode(conv->t2tw->Convert(mid)),
                                             Decode(conv->t2hk->Convert(mid))};
        primary = standards[hant_name_ == "s2t" ? 0 : hant_name_ == "s2hk" ? 2 : 1];
        // Where the standards differ (爲, 為; 户, 戶), the text's own usage
        // picks: another standard's form counts as valid only where the text
        // writes it as often as the target standard's.
        for (const std::u32string& alt : standards) {
          if (alt.size() != len) continue;
          if (alt[k] == cps[i]) {
            written = true;
            valid = valid || primary.size() != len || primary[k] == cps[i] ||
                    usage_of(cps[i]) * kClearRatio >= usage_of(primary[k]);
          } else if (primary.size() == len && alt[k] != primary[k] &&
                     usage_of(alt[k]) > usage_of(primary[k])) {
            primary[k] = alt[k];
          }
        }
      } else {
        primary = Decode(conv->t2s->Convert(window));
      }
      if (primary.size() != len) continue;
      if (primary[k] == cps[i]) valid = written = true;
      fixed = primary[k];
      // Another standard's form that is the other script's too (Hong Kong's
      // 脱 is Simplified's) looks exactly like a switched character. Where
      // real usage writes a word around it with the target's form and none
      // with this one (跳脫), it counts as valid only where the whole text,
      // not just the window, writes it 1/kClearRatio as often as the
      // target's form: Hong Kong text writes 脱 throughout, a Taiwan manual
      // with two switched 脱 near one 脫 writes 脫 throughout elsewhere.
      if (valid && fixed != cps[i] && script[i] == foreign &&
          whole->Total(cps[i]) * kClearRatio < whole->Total(fixed) &&
          WordAround(cps, i, 0, native) == 0 && UsageWritesFix(cps, i, fixed, native))
        valid = false;
      break;
    }
    // A shared character is written in both scripts' senses (台 and 臺, 占
    // and 佔 are Traditional writing alike): where one of OpenCC's standards
    // writes it in this context (Hong Kong's 後台), it is right, whatever
    // the text's convention or real usage prefer. The counts tell a stray
    // from a text's own usage only for the characters no standard writes
    // there.
    if (cls[i] == shared && written) {
      ++left;
      continue;
    }
    if (by_text[i]) {
      out[i] = usage[i];
      ++changed;
      continue;
    }
    if (valid || fixed == cps[i] || text_model::ScriptOf(fixed) == foreign ||
        (usage[i] != 0 ? !same_variant(fixed, usage[i]) : UsageKeeps(cps, i, fixed, native)) ||
        (cls[i] == mostly &&
         TextWritesItsOwnForm(script_usage(want, cps[i]), script_usage(want, fixed)) &&
         !UsageWritesFix(cps, i, fixed, native))) {
      ++left;
      continue;
    }
    out[i] = fixed;
    ++changed;
  }
  if (changed != 0) {
    // One event per change, with a character of context on each side; and
    // the line's bytes with the changed code points spliced in (encoding
    // the whole line anew cost 9.6 M instructions on GNE's page-long lines).
    std::string spliced;
    spliced.reserve(text.size() + 4 * static_cast<size_t>(changed));
    size_t byte = 0, copied = 0;
    for (size_t i = 0; i < n; ++i) {
      const size_t len = EncodedLength(cps[i]);
      if (out[i] != cps[i]) {
        size_t a = i > 0 && text::IsHan(cps[i - 1]) ? i - 1 : i;
        size_t b = i + 1 < n && text::IsHan(cps[i + 1]) ? i + 2 : i + 1;
        report.AddEvent({"zh", "consistency", static_cast<int64_t>(offset + byte),
                         Encode(cps, a, b), Encode(out, a, b)});
        spliced.append(text, copied, byte - copied);
        utf8::Append(spliced, out[i]);
        copied = byte + len;
      }
      byte += len;
    }
    report.Count("zh", "consistency-chars", changed);
    if (byte == text.size()) {
      spliced.append(text, copied);
      text = std::move(spliced);
    } else {  // bytes that are not the code points' encoding: written anew
      text = Encode(out, 0, n);
    }
  }
  if (left != 0) report.Count("zh", "consistency-left", left);
  return changed != 0;
}

}  // namespace norm::zh_internal
