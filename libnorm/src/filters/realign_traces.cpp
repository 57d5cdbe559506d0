// Traces of a double-byte stream read out of step on one line, for
// realign (realign.cpp). See realign_traces.h.
#include "realign_traces.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "script.h"
#include "text_model.h"

namespace norm::realign {

namespace {

bool IsReadingLetter(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '1' && c <= '5')) return true;
  static constexpr std::u32string_view kMarked = U"āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê";
  return kMarked.find(c) != std::u32string_view::npos || text::IsBopomofo(c) || c == 0x02CA ||
         c == 0x02C7 || c == 0x02CB || c == 0x02D9;
}

}  // namespace

bool IsLost(char32_t c) { return c == '?' || c == 0xFFFD; }

size_t ReadingEnd(const std::vector<char32_t>& cps, size_t k) {
  size_t j = k + 1;
  for (; j < cps.size() && j <= k + 9 && cps[j] != ')'; ++j) {
    if (!IsReadingLetter(cps[j])) return 0;
  }
  return j > k + 1 && j < cps.size() && cps[j] == ')' ? j : 0;
}

bool IsCommonCjkPunct(char32_t c) {
  return c == 0x3001 || c == 0x3002 || (c >= 0x300A && c <= 0x300F) || c == 0xFF08 || c == 0xFF09 ||
         c == 0xFF0C || c == 0xFF1A || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F || c == 0x201C ||
         c == 0x201D;
}

bool IsFullwidthAlnum(char32_t c) {
  return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
         (c >= 0xFF41 && c <= 0xFF5A);
}

namespace {

bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

bool IsProsePunct(char32_t c) {
  return IsCommonCjkPunct(c) || c == 0x00B7 || c == 0x30FB || c == 0x2014 || c == 0x2015 ||
         c == 0x2026 || c == 0x2018 || c == 0x2019 || c == 0x3008 || c == 0x3009 || c == 0x3010 ||
         c == 0x3011 || (c >= 0x3014 && c <= 0x3017) || c == 0x3000 || c == 0xFF05 || c == 0xFF5E ||
         c == 0xFF0E || c == 0xFF0F;
}

namespace {

// Marks Chinese typesetting puts between Han characters and digits: the
// full-width plus, minus, equals and angle brackets (2010年－2016年,
// ＜Microsoft .NET框架程序设计＞), the vertical bar of headlines (︱),
// circled, parenthesized and full-stop numbers (①②, ⑴, ⒈, ㈠) and Roman
// numerals, and the full-width square brackets of editors' notes and of
// characters spelled by their parts in e-texts of classical prose
// (砥节□［石厉］行: a clean line that, with the brackets as strong traces,
// took full searches of about 10 ms). A stream out of step makes them too,
// but real pages hold them far more often.
bool IsTypesetMark(char32_t c) {
  return c == 0xFF0B || c == 0xFF0D || (c >= 0xFF1C && c <= 0xFF1E) || c == 0xFE31 || c == 0xFF3B ||
         c == 0xFF3D || (c >= 0x2460 && c <= 0x249B) || (c >= 0x3220 && c <= 0x3229) ||
         (c >= 0x2160 && c <= 0x217F);
}

// Box drawing, block elements, geometric shapes (■●◆▲○) and stars: the
// frames and bullets of tables and lists.
bool IsLayoutSymbol(char32_t c) {
  return (c >= 0x2500 && c <= 0x25FF) || c == 0x2605 || c == 0x2606;
}

// A Han character rare enough that two of them close together suggest a
// pair of bytes read out of step (nats, the text model's unigram).
constexpr double kRareHan = -10.5;
// ... and the mean below which four in a row do.
constexpr double kUncommonHan = -9.0;

}  // namespace

void MarkReadings(const std::vector<char32_t>& cps, std::vector<bool>* in_reading) {
  in_reading->assign(cps.size(), false);
  for (size_t k = 0; k < cps.size(); ++k) {
    // The cheap test first: ReadingEnd scans up to nine letters ahead.
    if (cps[k] != '(' && !IsLost(cps[k])) continue;
    if (size_t close = ReadingEnd(cps, k)) {
      for (size_t j = k + 1; j <= close; ++j) (*in_reading)[j] = true;
    }
  }
}

namespace {

// A character of the line as it reads that a stream out of step makes and
// running text seldom holds: a Han character the text model finds unlikely
// after the one before it (nats), or a rare symbol. Clause marks, readings
// (their letters, zhuyin), ASCII and U+FFFD/`?` are no such evidence and are
// not counted (-1).
constexpr double kGarbleHan = -9.0;
int GarbleAt(const std::vector<char32_t>& cps, const std::vector<bool>& in_reading, size_t k,
             double han_floor = kGarbleHan) {
  const char32_t c = cps[k];
  if (in_reading[k] || c < 0x80 || c == 0xFFFD || IsProsePunct(c) || text::IsBopomofo(c)) return -1;
  if (text::IsHan(c)) {
    // After a clause mark or a letter, the character itself (the text
    // model's change of class is no garble).
    const char32_t prev = k > 0 ? cps[k - 1] : 0;
    return (text::IsHan(prev) ? text_model::ConditionalLogFreq(prev, c) : text_model::LogFreq(c)) <
           han_floor;
  }
  return text_model::LogFreq(c) < -7.0;
}

// Characters looked at by the garble tests below, ...
constexpr int kGarbleWindow = 8;
// ... within this many tokens of the one tested (ASCII and readings are not
// counted; the bound keeps a hostile line linear).
constexpr size_t kGarbleReach = 32;

// Garbled characters among the kGarbleWindow counted ones around token s,
// half of them before it: a stream read out of step garbles the characters
// after the place it lost a byte up to the next ASCII byte, where a lone
// lead byte becomes U+FFFD.
int GarbleNear(const std::vector<char32_t>& cps, const std::vector<bool>& in_reading, size_t s,
               double han_floor = kGarbleHan) {
  size_t from = s;
  for (int before = 0; from > 0 && s - from < kGarbleReach && before < kGarbleWindow / 2;) {
    --from;
    before += GarbleAt(cps, in_reading, from, han_floor) >= 0;
  }
  int counted = 0, garbled = 0;
  for (size_t k = from; k < cps.size() && k < s + kGarbleReach && counted < kGarbleWindow; ++k) {
    const int g = GarbleAt(cps, in_reading, k, han_floor);
    if (g < 0) continue;
    ++counted;
    garbled += g;
  }
  return garbled;
}

// The two counted characters right before token s, or the two right after
// it, are both garbled.
bool GarbledBeside(const std::vector<char32_t>& cps, const std::vector<bool>& in_reading,
                   size_t s) {
  int counted = 0, garbled = 0;
  for (size_t k = s; k > 0 && s - k < kGarbleReach && counted < 2;) {
    const int g = GarbleAt(cps, in_reading, --k);
    if (g < 0) continue;
    ++counted;
    garbled += g;
  }
  if (garbled == 2) return true;
  counted = garbled = 0;
  for (size_t k = s + 1; k < cps.size() && k <= s + kGarbleReach && counted < 2; ++k) {
    const int g = GarbleAt(cps, in_reading, k);
    if (g < 0) continue;
    ++counted;
    garbled += g;
  }
  return garbled == 2;
}

// How many garbled characters (GarbleNear) around a token show a stretch out
// of step: two, and more where the whole line reads as garble that often
// (classical verse and terse technical text hold rare pairs everywhere; a
// stream out of step garbles one stretch of otherwise clean text).
int GarbleNeeded(const std::vector<char32_t>& cps, const std::vector<bool>& in_reading,
                 double han_floor) {
  int counted = 0, garbled = 0;
  for (size_t k = 0; k < cps.size(); ++k) {
    const int g = GarbleAt(cps, in_reading, k, han_floor);
    if (g < 0) continue;
    ++counted;
    garbled += g;
  }
  if (counted == 0) return 2;
  return std::max(2, 1 + (kGarbleWindow * garbled + counted - 1) / counted);
}

// The line reads as garble from its start (two of its first three counted
// characters, and half of the first kGarbleWindow, at kStartGarbleHan): a
// line is in step where it starts (a line feed is never a trail byte), so
// such a line is mojibake of another kind (GBK read as Big5, UTF-8 read as
// GBK), not a stream that went out of step inside it, and realigning it only
// trades one garble for another.
constexpr double kStartGarbleHan = -10.0;
bool StartsAsGarble(const std::vector<char32_t>& cps, const std::vector<bool>& in_reading) {
  int counted = 0, garbled = 0, first = 0;
  for (size_t k = 0; k < cps.size() && counted < kGarbleWindow; ++k) {
    const int g = GarbleAt(cps, in_reading, k, kStartGarbleHan);
    if (g < 0) continue;
    ++counted;
    garbled += g;
    if (counted == 3) first = garbled;
  }
  return counted >= 6 && first >= 2 && 2 * garbled >= counted;
}

// cps[k] follows a reading in step, `(...)` right after a Han character
// (與(ㄩˇ)o位 is 與這位 in Big5 with the lead byte of 這 lost): the
// reading is not text, ruby removes it.
bool HanBeforeReading(const std::vector<char32_t>& cps, const std::vector<bool>& in_reading,
                      size_t k) {
  if (k == 0 || cps[k - 1] != ')' || !in_reading[k - 1]) return false;
  size_t j = k - 1;
  while (j > 0 && in_reading[j]) --j;
  return cps[j] == '(' && j > 0 && text::IsHan(cps[j - 1]);
}

// A U+FFFD between two double-byte characters (no ASCII beside it, no
// reading after it) with no more garble around it than the line holds on
// average: the mark of a lossy decoder that lost one character of text read
// in step (UTF-8 read as windows-1252 with `?` for its undefined bytes, then
// repaired by `mojibake`: 泉�在左，淇水在�). A double-byte decoder out of
// step writes one where a lone lead byte meets an ASCII byte, which is then
// beside it or swallowed (an orphaned reading follows), or for an invalid
// pair inside a stretch out of step; either way the characters before it
// were read out of step, which a line of classical verse, rare pairs
// throughout, shows no more there than elsewhere (GarbledBeside alone says
// such lines are garbled everywhere, and their searches, a few milliseconds
// each, found only wrong repairs). *needed caches GarbleNeeded (-1: not yet).
bool LostInStep(const std::vector<char32_t>& cps, const std::vector<bool>& in_reading, size_t k,
                int* needed) {
  if (k == 0 || k + 1 >= cps.size() || cps[k - 1] < 0x80 || cps[k + 1] < 0x80) return false;
  if (*needed < 0) *needed = GarbleNeeded(cps, in_reading, kGarbleHan);
  return GarbleNear(cps, in_reading, k) < *needed;
}

}  // namespace

bool FindSuspicious(const std::vector<char32_t>& cps, const std::vector<bool>& in_reading,
                    std::vector<size_t>* at, bool* strong) {
  at->clear();
  *strong = false;
  // Two U+FFFD in a row are what lossy decoding of UTF-8 (or mojibake of it)
  // leaves: a double-byte decoder writes one per invalid pair and reads on
  // in step or out of it, so a line holding them was not misaligned, and the
  // bytes behind them are gone.
  for (size_t k = 1; k < cps.size(); ++k) {
    if (cps[k] == 0xFFFD && cps[k - 1] == 0xFFFD) return false;
  }
  int needed = -1;  // GarbleNeeded, once a U+FFFD asks for it
  size_t last_rare = std::string_view::npos;
  double window[4] = {};
  size_t run = 0;  // Han characters in a row
  const size_t layout_symbols =
      static_cast<size_t>(std::count_if(cps.begin(), cps.end(), IsLayoutSymbol));
  for (size_t k = 0; k < cps.size(); ++k) {
    const char32_t c = cps[k];
    const char32_t prev = k > 0 ? cps[k - 1] : 0;
    const char32_t next = k + 1 < cps.size() ? cps[k + 1] : 0;
    const bool han_beside = text::IsHan(prev) || text::IsHan(next);
    if (IsLost(c)) {
      // A U+FFFD among text that reads well on either side is a character
      // some other decoder lost (lossy UTF-8 left one per character in
      // 莺�。旧尊俎): a double-byte decoder writes one where a lone lead
      // byte meets an ASCII byte, at the end of a stretch read out of step
      // (阅堋� in 导电性能。 with the lead byte of 在 lost) or at the start
      // of one (a `(` inside a character, where an orphaned reading follows).
      // The same test makes a `?` before a CJK letter weak evidence (below):
      // it is made once per mark, and only for those two.
      const bool question_before_cjk = c == '?' && text::IsCjkLetter(next);
      const bool reads_well = (c == 0xFFFD || question_before_cjk) && !ReadingEnd(cps, k) &&
                              (!GarbledBeside(cps, in_reading, k) ||
                               (c == 0xFFFD && LostInStep(cps, in_reading, k, &needed)));
      if (c == 0xFFFD && reads_well) {
        run = 0;
        continue;
      }
      // A reading that ends right before it (`現(ㄒㄧㄢˋ)?o身體`) is removed
      // later: the mark stands after the Han character the reading annotates,
      // as it does where the character has none (`現?o身體`, 她 = A66F with
      // its lead lost).
      const bool after_reading = HanBeforeReading(cps, in_reading, k);
      // An orphaned reading after it (`┥�téng)`: the decoder swallowed the
      // `(` with a lone byte) marks it whatever stands beside it.
      if (text::IsCjkLetter(prev) || IsCommonCjkPunct(prev) || after_reading ||
          text::IsCjkLetter(next) || ReadingEnd(cps, k)) {
        at->push_back(k);
        // U+FFFD, or `?` right before a double-byte character: what a
        // decoder or a transcoder leaves for a lost byte. (`?` before ASCII
        // is common in technical text.)
        const bool after_cjk = text::IsCjkLetter(prev) || IsCommonCjkPunct(prev) || after_reading;
        // A `?` that reads well on both sides is weak evidence: Chinese
        // prose typed with an ASCII question mark (什么主义?答：).
        const bool question_mark = question_before_cjk && reads_well;
        if (c == 0xFFFD || (after_cjk && next >= 0x80 && !IsProsePunct(next) && !question_mark))
          *strong = true;
      }
      run = 0;
      continue;
    }
    if (c < 0x80) {
      run = 0;
      // An ASCII symbol a trail byte can be (@[\]^_`{|}~) beside Han text.
      if (c >= 0x40 && c <= 0x7E && !IsAsciiLetter(c) && han_beside) at->push_back(k);
      if (IsAsciiLetter(c) && (text::IsHan(prev) || HanBeforeReading(cps, in_reading, k))) {
        size_t j = k;
        while (j < cps.size() && j < k + 3 && IsAsciiLetter(cps[j])) ++j;
        if (j < k + 3 && (j == cps.size() || !(cps[j] >= '0' && cps[j] <= '9'))) {
          at->push_back(k);
        }
      }
      continue;
    }
    if (text::IsHan(c)) {
      const double f = text_model::LogFreq(c);
      if (f < kRareHan) {
        if (last_rare != std::string_view::npos && k - last_rare <= 3) at->push_back(last_rare);
        last_rare = k;
      }
      // Four uncommon characters in a row.
      window[run % 4] = f;
      if (++run >= 4 && window[0] + window[1] + window[2] + window[3] < 4 * kUncommonHan) {
        at->push_back(k - 3);
      }
      continue;
    }
    run = 0;
    // Box drawing, blocks and bullets lay out tables and lists (│除了…│ in a
    // man page): a lone one between two Han characters is suspicious, one at
    // the edge of a cell, a list item or beside another is not, and none is
    // strong evidence.
    if (IsLayoutSymbol(c)) {
      if (text::IsHan(prev) && text::IsHan(next) && layout_symbols == 1) at->push_back(k);
      continue;
    }
    if (han_beside && !IsProsePunct(c) && c != ' ' && text_model::LogFreq(c) < -7.0) {
      at->push_back(k);
      // A double-byte symbol, kana or foreign letter in Chinese prose (a
      // full-width letter or digit, ＲＴＸ５０９０, zhuyin, ㄛ in Taiwanese
      // blogs, or a mark of typeset text, 2010年－2016年 or ②根据, is only
      // suspicious).
      if (!IsFullwidthAlnum(c) && !text::IsBopomofo(c) && !IsTypesetMark(c)) *strong = true;
    }
  }
  std::sort(at->begin(), at->end());
  at->erase(std::unique(at->begin(), at->end()), at->end());
  return !at->empty();
}

bool IsJapanese(const std::vector<char32_t>& cps) {
  size_t kana = 0, cjk = 0;
  for (char32_t c : cps) {
    if ((c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA)) ++kana;
    if (text::IsCjkLetter(c)) ++cjk;
  }
  return kana >= 3 && kana * 100 >= cjk * 15;
}

bool ShowsRubyDamage(const std::vector<char32_t>& cps) {
  int readings = 0;
  for (size_t k = 0; k < cps.size(); ++k) {
    if (!IsLost(cps[k]) && cps[k] != '(') continue;  // before ReadingEnd's scan
    if (!ReadingEnd(cps, k)) continue;
    if (IsLost(cps[k])) return true;
    if (cps[k] == '(' && k > 0 && text::IsHan(cps[k - 1]) && ++readings >= 2) return true;
  }
  return false;
}

namespace {

// Without strong traces of damage (see FindSuspicious) a repair must win by
// min_gain_undamaged per place the stream went out of step, which only text
// that reads as garble near a suspicious token can give: two characters at
// this bigram floor or below (nats) among the few around it.
constexpr double kWeakGarbleHan = -11.0;

// A plausibility bound before the search of a line without traces of its
// own (cheap rejection): whether a stream that went out of step at or after
// token `from` (within kShiftWindow before it) can come back in step on the
// line other than by a second stray byte. The search's ways back are an
// ASCII letter or symbol (0x40-0x7E) read as the trail of the byte before
// it, an ASCII mark (! ? , : ; ( )) read as the full-width one a converter
// folded, or a `?`/U+FFFD that swallowed a byte. Without any of them after
// `from` (a line of Han characters and full-width marks: classical verse),
// a stream that lost a byte would have stayed out of step to the line's
// end, where the decoder writes U+FFFD for the lone lead byte (a strong
// trace), or came back by a stray byte: a repair then pays misalign_cost +
// stray_byte_cost (19 nats) and min_gain_undamaged or min_gain_document
// (8-15) before it gains anything, which a line that reads as text does not
// give. Such a line is not searched.
bool MayResyncCheaply(const std::vector<char32_t>& cps, size_t from) {
  for (size_t k = from > kShiftWindow ? from - kShiftWindow : 0; k < cps.size(); ++k) {
    const char32_t c = cps[k];
    if ((c >= 0x40 && c <= 0x7E) || IsLost(c) || (c < 0x80 && text::FullwidthOfFolded(c))) {
      return true;
    }
  }
  return false;
}

// A lossy decoder's marks throughout the line (cheap rejection by the
// density of lost marks): at least kLossyMarks U+FFFD, or `?` beside a CJK
// letter, and at least one per kHanPerLostMark Han characters. A double-byte
// stream that lost a byte writes one such mark where it meets the ASCII byte
// that brings it back in step, so a line out of step at one or two places
// holds one or two; many, dense among the text, are what lossy UTF-8
// repaired by `mojibake` or `cjk-mojibake` keeps for every lost character
// (`凭�酒，…一鞭�陌，…。�匆匆`), or code pages crossed (Big5 read as GBK:
// each clause mark A141-A17E becomes U+FFFD and a letter, `海�A铛Τ�摺C`).
// The bytes behind them are gone or were never this codec's, so a search
// (milliseconds, often to its budget: these lines cost most of realign's
// time on mixed damage) only trades garble for garble. Lines with ruby
// damage (readings, orphaned ones) are searched whatever their marks: the
// find-and-replace that inserts readings misaligns the stream at many places.
constexpr int kLossyMarks = 3;
constexpr int kHanPerLostMark = 6;
bool BesideCjkLetter(const std::vector<char32_t>& cps, size_t k) {
  return (k > 0 && text::IsCjkLetter(cps[k - 1])) ||
         (k + 1 < cps.size() && text::IsCjkLetter(cps[k + 1]));
}
bool LossyThroughout(const std::vector<char32_t>& cps) {
  int lost = 0, han = 0;
  for (size_t k = 0; k < cps.size(); ++k) {
    const char32_t c = cps[k];
    if (text::IsHan(c)) {
      ++han;
    } else if (c == 0xFFFD || (c == '?' && BesideCjkLetter(cps, k))) {
      ++lost;
    }
  }
  return lost >= kLossyMarks && lost * kHanPerLostMark >= han;
}

// A `?` or U+FFFD beside a CJK letter: what a decoder or a transcoder
// writes for a lost byte.
bool HasLostMarkBesideCjk(const std::vector<char32_t>& cps) {
  for (size_t k = 0; k < cps.size(); ++k) {
    if (IsLost(cps[k]) && BesideCjkLetter(cps, k)) return true;
  }
  return false;
}

}  // namespace

bool WorthSearching(const std::vector<char32_t>& cps, const std::vector<bool>& in_reading,
                    const std::vector<size_t>& suspicious, bool strong, bool realigned_before) {
  const bool ruby = ShowsRubyDamage(cps);
  if (!ruby && (LossyThroughout(cps) || StartsAsGarble(cps, in_reading))) return false;
  if (strong || ruby) return true;
  if (!MayResyncCheaply(cps, suspicious.front())) return false;
  // A `?`/U+FFFD beside CJK text (weak on its own: `?b` is Big5 在 = A662
  // with its lead byte lost and marked, or an ASCII question mark) is
  // searched where the document shows the damage that writes such marks.
  if (realigned_before && HasLostMarkBesideCjk(cps)) return true;
  const int needed = GarbleNeeded(cps, in_reading, kWeakGarbleHan);
  return std::any_of(suspicious.begin(), suspicious.end(), [&](size_t s) {
    return GarbleNear(cps, in_reading, s, kWeakGarbleHan) >= needed;
  });
}

}  // namespace norm::realign
