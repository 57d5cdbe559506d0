#include "cjk_punct.h"

#include <string>
#include <utility>
#include <vector>

#include "lines.h"
#include "script.h"
#include "utf8.h"

namespace norm {
namespace {

bool IsOpening(char32_t c) {
  return c == U'「' || c == U'『' || c == U'《' || c == U'〈' || c == U'（' || c == U'【' ||
         c == U'〔' || c == U'“' || c == U'‘';
}
bool IsClosing(char32_t c) {
  return c == U'」' || c == U'』' || c == U'》' || c == U'〉' || c == U'）' || c == U'】' ||
         c == U'〕' || c == U'”' || c == U'’' || c == U'…' || c == U'—';
}
bool IsClauseMark(char32_t c) {
  return c == U'。' || c == U'、' || c == U'；' || c == U'，' || c == U'：' || c == U'！' ||
         c == U'？';
}
// CJK text that can stand before a mark.
bool CjkBefore(char32_t c) { return text::IsCjkLetter(c) || IsClosing(c); }
// CJK text that can stand after a mark.
bool CjkAfter(char32_t c) { return text::IsCjkLetter(c) || IsOpening(c); }
bool IsAlnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsEol(char32_t c) { return c == 0 || c == '\n' || c == '\r'; }

char32_t Widen(char32_t c) {
  const char32_t wide = text::FullwidthOfFolded(c);
  return wide != 0 ? wide : c;
}

}  // namespace

bool CjkPunctFilter::MayChange(std::string_view text) const {
  bool ascii_mark = text.find_first_of(",;:!?()") != std::string_view::npos;
  if (!ascii_mark) return false;
  for (unsigned char c : text) {
    if (c >= 0xE3) return true;  // a code point at or above U+3000
  }
  return false;
}

std::string CjkPunctFilter::Transform(std::string_view text, Report& report) const {
  if (!MayChange(text)) return std::string(text);
  return text::RewriteLines(
      text, [&](std::string_view line) { return MayChange(line); },
      [&](std::string_view line, size_t base, std::string* out) {
        FixLine(line, base, report, out);
      });
}

void CjkPunctFilter::FixLine(std::string_view text, size_t base, Report& report,
                             std::string* result) const {
  // Code points with their byte offsets.
  std::vector<char32_t> cps;
  std::vector<size_t> offsets;
  cps.reserve(text.size());
  offsets.reserve(text.size() + 1);
  size_t cjk_letters = 0, other_letters = 0;
  for (size_t i = 0; i < text.size();) {
    offsets.push_back(i);
    char32_t c = utf8::Next(text, i);
    cps.push_back(c);
    if (text::IsCjkLetter(c)) {
      ++cjk_letters;
    } else if (IsAlnum(c) || c >= 0x80) {
      ++other_letters;
    }
  }
  offsets.push_back(text.size());
  const size_t n = cps.size();
  const bool mostly_cjk = cjk_letters > other_letters;
  auto at = [&](size_t k) -> char32_t { return k < n ? cps[k] : 0; };
  std::string& out = *result;

  // Whether a comma run [k, end) follows CJK text: in a mostly CJK line,
  // "DeepSeek-V3,,這" and "增长4.6%,略低于" are CJK punctuation too.
  auto comma_after_cjk = [&](size_t k, size_t end) {
    char32_t prev = k > 0 ? cps[k - 1] : 0;
    char32_t next = at(end);
    return CjkBefore(prev) || IsClauseMark(prev) || (prev == ')' && IsClauseMark(next)) ||
           (mostly_cjk && (IsAlnum(prev) || prev == '%') && (CjkAfter(next) || IsClauseMark(next)));
  };
  // A comma run right before a clause mark (`,。` `,、` `,；`, or `,;`
  // before CJK): the mark was there already.
  auto before_mark = [&](size_t end) {
    char32_t next = at(end);
    return IsClauseMark(next) || ((next == ';' || next == ':' || next == '!' || next == '?') &&
                                  (CjkAfter(at(end + 1)) || IsEol(at(end + 1))));
  };

  // Evidence first. Writers of Chinese and Japanese put ASCII `, ; : ( )`
  // beside CJK text on purpose (manual pages, code, half-width styles), so
  // nothing is widened without the converter's fingerprint in the line
  // itself: a stray comma before a clause mark, or doubled commas after CJK
  // text. A line that ends its sentences with ASCII full stops after CJK
  // text (`信息.这可以`) more often than with `。` is written in half-width
  // punctuation: the converter leaves `。` alone, so its commas are the
  // author's. (One dot in a damaged line is a name's separator:
  // `弗拉迪米爾.科馬洛夫`.)
  bool evidence = false, has_full_comma = false, dot_before_cjk = false;
  size_t half_stops = 0, full_stops = 0;
  for (size_t k = 0; k < n; ++k) {
    char32_t c = cps[k];
    if (c == U'。') ++full_stops;
    if (c == U'，') has_full_comma = true;
    if (c == '.' && text::IsCjkLetter(at(k + 1))) dot_before_cjk = true;
    if (c == '.' && k > 0 && text::IsCjkLetter(cps[k - 1]) &&
        (CjkAfter(at(k + 1)) || IsEol(at(k + 1)) || at(k + 1) == ' '))
      ++half_stops;
    if (c != ',') continue;
    size_t end = k;
    while (end < n && cps[end] == ',') ++end;
    if (comma_after_cjk(k, end) && (before_mark(end) || end - k > 1)) evidence = true;
    k = end - 1;
  }
  // Weaker evidence, for a line too short to show a stray or doubled comma:
  // a number inside Chinese prose followed by an ASCII comma and Han text
  // (`增长4.6%,略低于`) in a line that holds no full-width comma at all (the
  // converter folds every one) but ends a sentence with `。` and never with
  // an ASCII full stop. Writers who mix styles keep a `，` somewhere in the
  // line (`按下0,可以看到转换表。` after `若看不到，`) or write `.` between
  // sentences (manual pages: `返回0.错误时返回-1,并置`); `1,000` is never
  // touched (Han text must follow the comma).
  if (!evidence && mostly_cjk && full_stops > 0 && half_stops == 0 && !dot_before_cjk &&
      !has_full_comma) {
    for (size_t k = 1; k + 1 < n && !evidence; ++k) {
      if (cps[k] != ',' || !(IsDigit(cps[k - 1]) || cps[k - 1] == '%')) continue;
      size_t end = k;
      while (end < n && cps[end] == ',') ++end;
      if (!text::IsCjkLetter(at(end))) continue;
      size_t start = k;  // the number: digits, a decimal point, a percent sign
      while (start > 0 &&
             (IsDigit(cps[start - 1]) || cps[start - 1] == '.' || cps[start - 1] == '%'))
        --start;
      evidence = start > 0 && CjkBefore(cps[start - 1]);
    }
  }
  const bool folded = evidence && half_stops <= full_stops;
  if (!folded) {
    out.append(text);
    return;
  }

  // Parenthesis pairs on one line that sit in CJK context. A pair next to a
  // pair widened already sees a full-width parenthesis there, as a second
  // run over the output would: decided until nothing changes
  // ("默契(新歌+精选)(2008重装版)" widens both pairs on the first run).
  std::vector<char> widen_paren(n, 0);
  if (options_.widen) {
    struct Pair {
      size_t open, close;
      bool inner_cjk;
    };
    std::vector<Pair> pairs;
    std::vector<size_t> stack;
    for (size_t k = 0; k < n; ++k) {
      char32_t c = cps[k];
      if (c == '(') stack.push_back(k);
      if (c != ')' || stack.empty()) continue;
      size_t open = stack.back();
      stack.pop_back();
      bool inner_cjk = false;
      for (size_t m = open + 1; m < k && !inner_cjk; ++m) inner_cjk = text::IsCjkLetter(cps[m]);
      pairs.push_back({open, k, inner_cjk});
    }
    auto seen = [&](size_t k) -> char32_t {
      if (k >= n) return 0;
      return widen_paren[k] ? Widen(cps[k]) : cps[k];
    };
    auto decide = [&](const Pair& p) {
      if (widen_paren[p.open]) return false;
      char32_t before = p.open > 0 ? seen(p.open - 1) : 0;
      char32_t after = seen(p.close + 1);
      // A comma run after ')' hides what follows it.
      for (size_t m = p.close + 1; m < n && after == ','; ++m) after = seen(m + 1);
      bool cjk_before = CjkBefore(before) || IsClauseMark(before);
      bool cjk_after = CjkAfter(after) || IsClauseMark(after) || after == ',';
      // "(株)" with one character inside is what NFKC makes of ㈱: left as it
      // is, so that --nf=NFKC output stays a fixed point.
      bool enclosed_form = p.close == p.open + 2;
      if (enclosed_form || !(cjk_before || cjk_after) ||
          !(p.inner_cjk || (cjk_before && cjk_after)))
        return false;
      widen_paren[p.open] = widen_paren[p.close] = 1;
      return true;
    };
    // Sweeps forward and back carry a widening along a run of pairs either
    // way; a few rounds settle any real text.
    for (int round = 0; round < 8; ++round) {
      bool changed = false;
      for (const Pair& p : pairs) changed |= decide(p);
      for (auto p = pairs.rbegin(); p != pairs.rend(); ++p) changed |= decide(*p);
      if (!changed) break;
    }
  }

  char32_t prev = 0;  // the last code point written
  auto event = [&](size_t k, size_t end, std::string_view what, std::string after) {
    report.AddEvent(
        {std::string(name()), std::string(what), static_cast<int64_t>(base + offsets[k]),
         std::string(text.substr(offsets[k], offsets[end] - offsets[k])), std::move(after)});
  };
  for (size_t k = 0; k < n;) {
    char32_t c = cps[k];
    if (c == '(' || c == ')') {
      if (widen_paren[k]) {
        c = Widen(c);
        report.Count(name(), "widened");
        event(k, k + 1, "widened", c == U'（' ? "（" : "）");
      }
      utf8::Append(out, c);
      prev = c;
      ++k;
      continue;
    }
    bool prev_cjk = CjkBefore(prev);
    if (c == ',') {
      size_t end = k;
      while (end < n && cps[end] == ',') ++end;
      char32_t next = at(end);
      // `(以下簡稱《悲》),。`: an ASCII parenthesis before a stray comma.
      bool prev_ok =
          prev_cjk || (prev == ')' && IsClauseMark(next)) ||
          (mostly_cjk && (IsAlnum(prev) || prev == '%') && (CjkAfter(next) || IsClauseMark(next)));
      if (prev_ok && before_mark(end) && options_.stray_commas) {
        report.Count(name(), "stray-removed", static_cast<int64_t>(end - k));
        event(k, end, "stray-removed", "");
        k = end;
        continue;
      }
      // Spaces after the run hide what follows it: a converter folds `，` and
      // leaves the space a writer put after it (`紙條， 紙條上` -> `紙條,, 紙條上`).
      size_t after = end;
      while (after < n && cps[after] == ' ') ++after;
      bool next_ok = CjkAfter(next) || IsEol(next) || (next == '(' && widen_paren[end]) ||
                     (mostly_cjk && IsAlnum(next)) || (after > end && CjkAfter(at(after)));
      if (prev_ok && next_ok && options_.widen) {
        if (end - k > 1) report.Count(name(), "doubled-merged");
        report.Count(name(), "widened");
        event(k, end, end - k > 1 ? "doubled-merged" : "widened", "，");
        out += "，";
        prev = U'，';
        k = end;
        continue;
      }
      out.append(text.substr(offsets[k], offsets[end] - offsets[k]));
      prev = ',';
      k = end;
      continue;
    }
    if ((c == ';' || c == ':' || c == '!' || c == '?') && options_.widen && prev_cjk) {
      char32_t next = at(k + 1);
      // A closing quote or bracket ends the sentence the mark ends (`嗎?”`).
      bool next_ok = CjkAfter(next) || (c != ':' && (IsEol(next) || IsClosing(next))) ||
                     (next == '(' && widen_paren[k + 1]) || IsClauseMark(next);
      if (next_ok) {
        char32_t w = Widen(c);
        std::string ws;
        utf8::Append(ws, w);
        report.Count(name(), "widened");
        event(k, k + 1, "widened", ws);
        out += ws;
        prev = w;
        ++k;
        continue;
      }
    }
    out.append(text.substr(offsets[k], offsets[k + 1] - offsets[k]));
    prev = c;
    ++k;
  }
}

std::unique_ptr<Filter> CjkPunctFilter::Create(const norm::Options& /*options*/, Status* status) {
  *status = Status::Ok();
  return std::make_unique<CjkPunctFilter>();
}

}  // namespace norm
