// Traces of a double-byte stream read out of step on one line (GBK or Big5
// bytes decoded one byte early or late): where realign (realign.h) looks, and
// the cheap tests that decide whether a line is worth its search. Characters
// arrive as code points of one line.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <vector>

namespace norm::realign {

// A stream goes out of step at most this many characters before the first
// implausible one: the character that lost a byte reads as a pair of its
// neighbours' bytes at once, but such a pair can look plausible for a few
// characters before one does not.
constexpr size_t kShiftWindow = 4;

// A `?` or U+FFFD: where a decoder marked a byte it could not read.
bool IsLost(char32_t c);

// cps[k] is followed by a reading (up to 9 letters) and `)`: the index of
// `)`, or 0.
size_t ReadingEnd(const std::vector<char32_t>& cps, size_t k);

// The clause and quotation marks of running Chinese text: 、。《》「」『』
// （），：；！？“”
bool IsCommonCjkPunct(char32_t c);

bool IsFullwidthAlnum(char32_t c);

// Characters that clean Chinese prose holds beside Han ones and that a
// misaligned stream seldom makes: clause and quotation marks, the middle dot
// of foreign names, dashes and ellipses, book-title and corner brackets.
bool IsProsePunct(char32_t c);

// Marks the letters and `)` of the readings on the line, `(...)` after a
// character or orphaned `?...)`: never read out of step.
void MarkReadings(const std::vector<char32_t>& cps, std::vector<bool>* in_reading);

// Marks the tokens of a line that look like the traces of a stream read out
// of step: a `?`/U+FFFD beside CJK text; a double-byte symbol, kana,
// full-width form or foreign letter beside a Han character; two rare Han
// characters within three; a lone ASCII letter or two between Han
// characters. Returns whether any was found.
bool FindSuspicious(const std::vector<char32_t>& cps, const std::vector<bool>& in_reading,
                    std::vector<size_t>* at, bool* strong);

// A Japanese line (kana among its letters): realign repairs Chinese text,
// and kana read as GBK or Big5 would look like garble.
bool IsJapanese(const std::vector<char32_t>& cps);

// The line holds an orphaned reading (`?qū)`) or two readings after Han
// characters (`導(dǎo)`): the find-and-replace that misaligns streams.
bool ShowsRubyDamage(const std::vector<char32_t>& cps);

// Whether a line with suspicious tokens is worth a search, which costs
// milliseconds (cheap tests; most such lines of real text are not out of
// step): not when the line reads as garble from its start (mojibake of
// another kind) or holds a lossy decoder's marks throughout, nor, without
// strong traces of damage or readings on the line, when no suspicious token
// has garble around it (classical verse, man pages: rare characters, lone
// letters). A span realigned elsewhere in the document alone is no reason
// to search a line (it lowers the gain a repair needs, min_gain_document),
// only with a mark of a lost byte on the line itself: whether a line is
// searched, and so its cost, depends on what the line holds. (Before, every
// line with a suspicious token was searched once a span had been realigned:
// on 2.3 MB of mixed damage as one document, 198 of 279 searches were of
// such lines, and the spans repaired were the same without them.)
bool WorthSearching(const std::vector<char32_t>& cps, const std::vector<bool>& in_reading,
                    const std::vector<size_t>& suspicious, bool strong, bool realigned_before);

}  // namespace norm::realign
