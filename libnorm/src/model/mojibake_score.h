// Plausibility scorers shared by the mojibake and cjk-mojibake filters: the
// double-byte code pages (ICU converters, one set per thread, with a
// per-thread memo of encodings) and text-model scores of candidate
// readings. Each filter asks here what a run would read as under the other
// filter's damage, so neither filter calls the other.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace norm::mojibake_internal {

// The double-byte code pages involved, by index.
enum Dbcs { kGbk, kBig5, kSjis, kEucJp, kEucKr, kNumDbcs };
extern const char* const kDbcsShortNames[kNumDbcs];  // "gbk", "big5", ...

// Encodes one code point with a double-byte code page; returns the byte
// count (0 when unmappable). Memoized per thread for the BMP.
int EncodeDbcs(int dbcs, int32_t cp, unsigned char* out);

// Decodes bytes strictly; false on any invalid or unmappable sequence (or
// when the converter is missing).
bool DecodeDbcsStrict(int dbcs, const std::string& bytes, std::vector<int32_t>* out);

// CJK text, full-width forms, private use, U+FFFD, the euro sign and Hangul
// jamo: what a wrong double-byte decoder produces.
inline bool IsCjkish(int32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) || c == 0xFFFD ||
         (c >= 0xE000 && c <= 0xF8FF) || c == 0x20AC || (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

// Text-model log-likelihood (sum, nats) of cps between the code points prev
// and next (0: none). A lost character (U+FFFD, or U+001A from ICU's
// Shift_JIS decoder) scores `lost` and breaks the context.
double TextModelScore(const std::vector<int32_t>& cps, int32_t prev, int32_t next, double lost = 0);

// The best reading of `bytes` as GBK, Big5, Shift_JIS or EUC-KR that decodes
// cleanly to at least two CJK characters and nothing else outside ASCII,
// scored between prev and next; -1e18 when there is none.
double BestDoubleByteScore(const std::string& bytes, int32_t prev, int32_t next);

// The best reading of cps as UTF-8 decoded by one of the Western code pages
// (a run of `ä¸­æ–‡`-like text): each code page that holds every character
// re-encodes the run, valid UTF-8 sequences decode and other bytes keep
// their character; scored between prev and next. -1e18 when no code page
// gives at least one multi-byte sequence.
double BestWesternUtf8Score(const std::vector<int32_t>& cps, int32_t prev, int32_t next);

}  // namespace norm::mojibake_internal
