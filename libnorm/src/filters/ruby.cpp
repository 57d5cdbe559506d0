#include "ruby.h"

#include <algorithm>
#include <string>
#include <vector>

#include "readings.h"
#include "script.h"
#include "utf8.h"

namespace norm {
namespace {

enum class Script { kNone, kPinyin, kPinyinNumbered, kZhuyin, kKana };

bool IsPinyinLetter(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  static constexpr std::u32string_view kMarked = U"āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜêńňǹḿ";
  return kMarked.find(c) != std::u32string_view::npos;
}
bool IsSeparator(char32_t c) { return c == ' ' || c == '\'' || c == '-' || c == 0x2019; }
bool IsZhuyinMark(char32_t c) { return c == 0x02CA || c == 0x02C7 || c == 0x02CB || c == 0x02D9; }

// Classifies an annotation's content and returns it with separators removed
// (katakana folded to hiragana, ASCII lower-cased).
Script Classify(std::string_view content, std::string& folded) {
  folded.clear();
  bool letters = false, digits = false, zhuyin = false, kana = false;
  size_t i = 0;
  while (i < content.size()) {
    char32_t c = utf8::Next(content, i);
    if (IsSeparator(c)) continue;
    if (IsPinyinLetter(c)) {
      letters = true;
      if (c >= 'A' && c <= 'Z') c += 32;
    } else if (c >= '1' && c <= '5') {
      digits = true;
    } else if (text::IsBopomofo(c) || IsZhuyinMark(c)) {
      zhuyin = true;
    } else if ((c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30F6) || c == 0x30FC) {
      kana = true;
      if (c >= 0x30A1 && c <= 0x30F6) c -= 0x60;  // katakana -> hiragana
    } else {
      return Script::kNone;
    }
    utf8::Append(folded, c);
  }
  if (folded.empty()) return Script::kNone;
  int kinds = (letters ? 1 : 0) + (zhuyin ? 1 : 0) + (kana ? 1 : 0);
  if (kinds != 1) return Script::kNone;
  if (letters) return digits ? Script::kPinyinNumbered : Script::kPinyin;
  if (digits) return Script::kNone;
  return zhuyin ? Script::kZhuyin : Script::kKana;
}

// The readings of cp written in the annotation's script.
std::vector<std::string> ReadingsIn(char32_t cp, Script script) {
  std::vector<std::string> out;
  std::string_view all = script == Script::kKana ? readings::Japanese(cp) : readings::Mandarin(cp);
  size_t pos = 0;
  while (pos < all.size()) {
    size_t end = all.find(' ', pos);
    if (end == std::string_view::npos) end = all.size();
    std::string_view r = all.substr(pos, end - pos);
    pos = end + 1;
    if (r.empty()) continue;
    std::string s;
    switch (script) {
      case Script::kPinyin:
        s = std::string(r);
        break;
      case Script::kPinyinNumbered:
        s = readings::PinyinToNumbered(r);
        break;
      case Script::kZhuyin:
        s = readings::PinyinToZhuyin(r);
        break;
      case Script::kKana: {
        std::string romaji;
        for (char c : r) {
          if (c != '-') romaji += c;
        }
        s = readings::RomajiToHiragana(romaji);
        break;
      }
      case Script::kNone:
        break;
    }
    if (!s.empty()) out.push_back(std::move(s));
  }
  return out;
}

// True when `reading` (separators removed) spells one reading of each of
// chars[k..] in order. Kana readings of the last character may be cut short
// (okurigana stays outside the parentheses).
bool MatchFrom(const std::vector<std::vector<std::string>>& options, size_t k,
               std::string_view reading, Script script) {
  if (k == options.size()) return reading.empty();
  for (const std::string& r : options[k]) {
    if (reading.starts_with(r) && MatchFrom(options, k + 1, reading.substr(r.size()), script)) {
      return true;
    }
    if (script == Script::kKana && k + 1 == options.size() && reading.size() >= 6 &&
        reading.size() < r.size() && std::string_view(r).starts_with(reading)) {
      return true;  // at least two kana (3 bytes each), a prefix of a kun reading
    }
  }
  return false;
}

}  // namespace

bool RubyFilter::MayChange(std::string_view text) const {
  return text.find('(') != std::string_view::npos ||
         text.find("\xEF\xBC\x88") != std::string_view::npos;
}

int RubyFilter::Process(std::string_view text, bool remove, std::string* out, Report* report,
                        int* strong) const {
  int found = 0;
  size_t copied = 0;
  size_t i = 0;
  std::string folded;
  while (i < text.size()) {
    size_t open = i;
    size_t open_len = 0;
    if (text[i] == '(') {
      open_len = 1;
    } else if (text.compare(i, 3, "\xEF\xBC\x88") == 0) {
      open_len = 3;
    } else {
      ++i;
      continue;
    }
    i += open_len;
    // The closing parenthesis, within a short distance and without nesting.
    size_t close = std::string_view::npos, close_len = 0;
    for (size_t j = i; j < text.size() && j < i + 64; ++j) {
      if (text[j] == '(' || text[j] == '\n' || text.compare(j, 3, "\xEF\xBC\x88") == 0) break;
      if (text[j] == ')') {
        close = j;
        close_len = 1;
        break;
      }
      if (text.compare(j, 3, "\xEF\xBC\x89") == 0) {
        close = j;
        close_len = 3;
        break;
      }
    }
    if (close == std::string_view::npos || open == 0) continue;
    Script script = Classify(text.substr(i, close - i), folded);
    if (script == Script::kNone ||
        ((script == Script::kPinyin || script == Script::kPinyinNumbered) && !options_.pinyin) ||
        (script == Script::kZhuyin && !options_.zhuyin) ||
        (script == Script::kKana && !options_.kana)) {
      continue;
    }
    // The Han characters right before the parenthesis, nearest first.
    std::vector<char32_t> han;
    size_t back = open;
    size_t word_start = open;
    while (back > 0 && static_cast<int>(han.size()) < options_.max_word) {
      size_t b = back;
      char32_t c = utf8::Back(text, b);
      if (!text::IsHan(c)) break;
      han.push_back(c);
      back = b;
    }
    if (han.empty()) continue;
    bool matched = false;
    std::vector<std::vector<std::string>> options;
    for (size_t k = 1; k <= han.size() && !matched; ++k) {
      options.insert(options.begin(), ReadingsIn(han[k - 1], script));
      matched = MatchFrom(options, 0, folded, script);
      if (matched) {
        word_start = open;
        for (size_t n = 0; n < k; ++n) utf8::Back(text, word_start);
      }
    }
    if (!matched) continue;
    ++found;
    // Toneless pinyin ("de", "ma") is weak evidence: it is removed along with
    // the others but does not count towards min_annotations.
    bool weak = script == Script::kPinyin && std::all_of(folded.begin(), folded.end(), [](char c) {
                  return static_cast<unsigned char>(c) < 0x80;
                });
    if (!weak && strong) ++*strong;
    size_t end = close + close_len;
    if (remove) {
      out->append(text.substr(copied, open - copied));
      copied = end;
      if (report) {
        report->AddEvent({"ruby", "ruby-removed", static_cast<int64_t>(word_start),
                          std::string(text.substr(word_start, end - word_start)),
                          std::string(text.substr(word_start, open - word_start))});
      }
    }
    i = end;
  }
  if (remove) out->append(text.substr(copied));
  return found;
}

int RubyFilter::CountAnnotations(std::string_view text) const {
  if (!MayChange(text)) return 0;
  int strong = 0;
  Process(text, false, nullptr, nullptr, &strong);
  return strong;
}

std::string RubyFilter::Transform(std::string_view text, Report& report) const {
  int n = CountAnnotations(text);
  if (n == 0) return std::string(text);
  report.Count(name(), "candidates", n);
  if (n < options_.min_annotations) return std::string(text);
  std::string out;
  out.reserve(text.size());
  int removed = Process(text, true, &out, &report, nullptr);
  report.Count(name(), "removed", removed);
  return out;
}

void RubyFilter::Apply(Document& doc, Report& report) const {
  int total = 0;
  ForEachProse(doc, [&](std::string& s) { total += CountAnnotations(s); });
  if (total == 0) return;
  report.Count(name(), "candidates", total);
  if (total < options_.min_annotations) return;
  int removed = 0;
  ForEachProse(doc, [&](std::string& s) {
    if (!MayChange(s)) return;
    std::string out;
    out.reserve(s.size());
    int n = Process(s, true, &out, &report, nullptr);
    if (n > 0) {
      removed += n;
      s = std::move(out);
    }
  });
  report.Count(name(), "removed", removed);
}

std::unique_ptr<Filter> RubyFilter::Create(const norm::Options& options, Status* status) {
  *status = Status::Ok();
  // --keep-ruby asks for readings in parentheses: none is removed.
  if (options.html.keep_ruby) return nullptr;
  return std::make_unique<RubyFilter>();
}

}  // namespace norm
