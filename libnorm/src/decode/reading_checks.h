// Checks of a single-byte reading's spelling and of a lone CJK character,
// for the encoding detector (detect.cpp): each looks at the sample's high
// bytes through a code page's table (256 code points), so that the race
// can weigh a reading without decoding it again.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace norm::detect {

// How many characters of the sample's drawn lines the code page reads:
// box-drawing characters that join into a drawn line ("├── año.conf",
// "╔════╗": DOS tree listings and tables): the generic model, learned from
// prose, scores each a rare symbol, and an IBM code page's tree of Spanish
// file names lost to windows-1256 reading the same bytes as Arabic letters.
// Each character of a run of box-drawing characters that holds the same
// horizontal line twice in a row earns a single-byte reading kDrawnLine nats.
// Letters of other code pages on those bytes seldom make such runs (no
// language doubles windows-1251's Д or windows-1252's Ä, which IBM866 and
// IBM850 draw as ─). Added to the prior, so that pass 1 keeps the reading.
constexpr double kDrawnLine = 5.0;
bool BoxDrawing(char32_t c);      // U+2500..U+257F
bool HorizontalLine(char32_t c);  // ─ ━ ═
size_t DrawnLines(std::string_view sample, const std::vector<uint32_t>& high,
                  const char32_t* table);

// The high bytes that stand twice in a row in the sample: a drawn line
// doubles one (DrawnLines), so a code page that reads none of them as a
// horizontal line has none, and the sample is not read again for it.
std::vector<uint8_t> DoubledHighBytes(std::string_view sample, const std::vector<uint32_t>& high);

// Non-ASCII punctuation marks and symbols standing between two letters
// ("kompressions„ndelser", "diagn—stico": IBM850's ä and MacRoman's ó read
// as windows-1250): words are not spelt with them, so each costs a
// single-byte reading kGluedSymbol nats, which the generic model, scoring
// character pairs, does not charge. Marks written inside words are not
// counted: apostrophes, the middle dot (Catalan l·l), hyphens, Hebrew
// geresh and gershayim, Armenian's marks. (Double-byte readings are not
// weighed: CJK punctuation stands between Han characters.)
constexpr double kGluedSymbol = 4.0;
bool WordInternalMark(char32_t c);

// An opening quote that closes a word ("Algeri‘", "oorwe‘": MacRoman's ë
// read as windows-1250's ‘): the low quotes „ ‚ only open; ‘ and “ close
// only in the languages that open with „ ‚ (German „Wort“), so after a
// letter and before a space, a line end or punctuation they are
// misreadings unless the sample holds a low quote before them. Each costs
// a single-byte reading kMisplacedQuote nats (the generic model, scoring
// pairs, takes a quote after a letter for a closing one).
constexpr double kMisplacedQuote = 6.0;

// An upper-case letter between two lower-case ones ("seĄales": IBM850's ñ
// read as IBM852's Ą) is no spelling; the letter model, which reads
// letters in lower case, does not see it. Each costs a single-byte reading
// kGluedSymbol nats, like a symbol inside a word.

// A letter, combining mark or digit of a non-Latin script touching an
// ASCII letter ("Saudi-Arabiً": windows-1252's ë read as ISO-8859-6's
// fathatan; "๐ablonas": windows-1257's š as TIS-620's Thai zero; "keistumπα")
// is no spelling either: the letter model weighs a script's letters against
// its own languages only, and an Arabic or Hebrew mark or a Thai digit
// against none. Each costs a single-byte reading kGluedSymbol nats. μ and Ω
// stand next to Latin letters in units (μs, kΩ) and are not counted; Latin
// combining marks (windows-1258's tones) are below U+0370.
bool OtherScriptInWord(char32_t c);

// The spelling faults of a single-byte reading, in nats to take off its
// score: symbols, capitals and other scripts' letters inside words
// (kGluedSymbol each), opening quotes that close one (kMisplacedQuote
// each). The sample's last byte is judged too, its end taken for a word's
// end or cut: after a letter, an opening quote there (unless a low quote
// opened before it) and a capital after two lower-case letters ("MambŽ"
// for MacRoman's é) cost kGluedSymbol. One pass over the sample's high
// bytes, one property lookup each.
double SpellingFaults(std::string_view sample, const std::vector<uint32_t>& high,
                      const char32_t* table);

// A lone double-byte letter amid ASCII text ("e 系 loc", "Zuid-Ege不",
// "(礦uatorial", "Sie m《"): a Latin text's one accented letter and the ASCII letter
// after it read as a CJK character, which the generic model may score a
// nat or two above the letter it is (a lone Han character is common, "ü"
// before "s" only in some languages). Real CJK text puts its characters in
// runs; a reading with at most kFewCjkChars non-ASCII characters must beat,
// by kFewCjkMargin nats, every clean single-byte reading whose high bytes
// are all Latin letters inside words (LatinLettersInWords). Two characters
// are too many: Big5's "七八" and Shift_JIS's "集計" read as Latin letters
// in words too ("ĪCĪK", "ÅWîv").
constexpr size_t kFewCjkChars = 1;
constexpr double kFewCjkMargin = 10.0;

// Whether the text's non-ASCII characters are all letters (Han, kana,
// Hangul, full-width Latin) or opening brackets and quotes: CJK closing
// punctuation after a Latin word ("DAP。", "Klein）", "o’s") is how CJK
// pages write, and stays CJK; an opening one glued to a word's end ("m《")
// opens nothing.
bool CjkLettersOrOpeners(std::string_view utf8);

// How many non-ASCII characters the UTF-8 text holds.
size_t NonAsciiChars(std::string_view utf8);

// Whether each high byte of `sample` reads in `table` as a Latin letter
// inside a word, at most two such letters in a row (two only inside a word,
// or lower-case ones ending a word after an ASCII letter: "Lisää"; "müs", "în",
// "Äquatorial", "d'ús", a word cut by the sample's end: "la žu"), and no
// lower-case letter next to it is followed by
// an upper-case one ("ēV": a Big5 character's trail byte): accented letters
// spelling Latin words, not a run of high bytes that double-byte
// characters make.
bool LatinLettersInWords(std::string_view sample, const std::vector<uint32_t>& high,
                         const char32_t* table);

}  // namespace norm::detect
