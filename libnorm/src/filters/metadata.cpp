#include "metadata.h"

#include <array>
#include <cstdio>
#include <string>
#include <utility>

#include "ascii.h"
#include "han_script.h"
#include "script.h"
#include "utf8.h"

namespace norm {
namespace {

using text::TrimAscii;

const std::string* Hint(const Document& doc, std::string_view key) {
  for (const MetaHint& h : doc.hints)
    if (h.key == key) return &h.value;
  return nullptr;
}

// Days since 1970-01-01 to civil date (Howard Hinnant's algorithm).
void CivilFromDays(long long z, int* y, unsigned* m, unsigned* d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long yy = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int>(yy + (*m <= 2));
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string HeadingText(const Block& b) { return std::string(TrimAscii(PlainText(b))); }

// The first heading among the first few blocks.
const Block* FirstHeading(const Document& doc) {
  for (size_t i = 0; i < doc.blocks.size() && i < 8; ++i)
    if (doc.blocks[i].kind == BlockKind::kHeading) return &doc.blocks[i];
  return nullptr;
}

// Text for comparing a heading with a title: letters and digits only
// (ASCII folded to lower case), so quotes, dashes and spacing that differ
// between <title>, og:title and the page's heading do not count.
std::string ComparableText(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    char32_t c = utf8::Next(s, i);
    if (c < 0x80) {
      char a = static_cast<char>(c);
      if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
      if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) out += a;
      continue;
    }
    // Latin-1 signs and spaces, general punctuation, CJK and full-width
    // punctuation.
    if ((c >= 0xA0 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
        (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
        (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
        (c >= 0xFF5B && c <= 0xFF65))
      continue;
    utf8::Append(out, c);
  }
  return out;
}

// The title carries the heading's text: the same words, or the heading
// with the site's or section's name before or after it ("Headline | Site",
// "Opinion | Headline").
bool TitleCarries(std::string_view title, std::string_view heading) {
  std::string h = ComparableText(heading);
  if (h.empty()) return false;
  if (ComparableText(title) == h) return true;
  std::string_view t = TrimAscii(title);
  std::string_view raw = TrimAscii(heading);
  if (t.size() <= raw.size()) return false;
  static constexpr std::string_view kSeparators[] = {
      "|", "-", "\xE2\x80\x93", "\xE2\x80\x94", "::", "\xC2\xB7", "/"};
  if (t.starts_with(raw)) {
    std::string_view rest = TrimAscii(t.substr(raw.size()));
    for (std::string_view sep : kSeparators)
      if (rest.starts_with(sep)) return true;
  }
  if (t.ends_with(raw)) {
    std::string_view rest = TrimAscii(t.substr(0, t.size() - raw.size()));
    for (std::string_view sep : kSeparators)
      if (rest.ends_with(sep)) return true;
  }
  return false;
}

// The first word of s up to a space or ASCII punctuation, "Discuz!" kept whole.
std::string_view FirstWord(std::string_view s) {
  s = TrimAscii(s);
  size_t end = 0;
  while (end < s.size() && s[end] != ' ' && s[end] != '/' && s[end] != ',') ++end;
  return s.substr(0, end);
}

// An author meta that names the site's software or its domain rather than a
// person: the generator's name ("Discuz! Team" on a Discuz! page, "Beachbody"
// on a page made by "Beachbody Blog 1.0.0") or a host name ("51offer.com",
// "ORF.at"; "robert.stitz" is a user name). The site's name in the title is
// no evidence: personal sites carry their author's ("... | gnaddrig ad
// libitum", "... - Martin Rütter DOGS"). A front matter author is a claim about who
// wrote the text; these are not.
bool NamesTheSite(std::string_view author, const Document& doc) {
  std::string_view a = TrimAscii(author);
  if (a.empty()) return false;
  if (a.find(' ') == std::string_view::npos) {
    size_t dot = a.rfind('.');
    std::string_view tld = dot == std::string_view::npos ? "" : a.substr(dot + 1);
    auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    bool country = tld.size() == 2 && lower(tld[0]) && lower(tld[1]);
    if (dot != std::string_view::npos && dot > 0 &&
        (country || tld == "com" || tld == "net" || tld == "org" || tld == "info"))
      return true;
  }
  if (const std::string* generator = Hint(doc, "generator")) {
    std::string_view g = FirstWord(*generator), w = FirstWord(a);
    if (g.size() >= 3 && text::AsciiLowerCopy(g) == text::AsciiLowerCopy(w)) return true;
  }
  return false;
}

// The page's own absolute URL: its canonical link, else og:url; empty when
// neither is an http(s) URL.
std::string PageUrl(const Document& doc) {
  for (std::string_view key : {"canonical", "og:url"}) {
    const std::string* v = Hint(doc, key);
    if (v && (v->starts_with("http://") || v->starts_with("https://"))) return *v;
  }
  return {};
}

// A heading whose only content is one link: its URL.
const Inline* SoleLink(const Block& b) {
  const Inline* link = nullptr;
  for (const Inline& i : b.inlines) {
    if (i.kind == InlineKind::kLink && !link) {
      link = &i;
    } else if (!(i.kind == InlineKind::kText && TrimAscii(i.text).empty())) {
      return nullptr;
    }
  }
  return link;
}

// A date in a URL path: /2020/05/12/, /2020-05-12, /20200512/ (years
// 1995-2099), as YYYY-MM-DD; empty when there is none.
std::string UrlDate(std::string_view url) {
  auto digits = [&](size_t at, size_t n) {
    if (at + n > url.size()) return false;
    for (size_t k = 0; k < n; ++k)
      if (url[at + k] < '0' || url[at + k] > '9') return false;
    return true;
  };
  for (size_t i = url.find('/'); i != std::string_view::npos; i = url.find('/', i + 1)) {
    size_t y = i + 1;
    if (!digits(y, 4)) continue;
    int year = std::stoi(std::string(url.substr(y, 4)));
    if (year < 1995 || year > 2099) continue;
    size_t m = 0, d = 0;
    char sep = y + 4 < url.size() ? url[y + 4] : 0;
    if ((sep == '/' || sep == '-') && digits(y + 5, 2) && y + 7 < url.size() && url[y + 7] == sep &&
        digits(y + 8, 2)) {
      m = y + 5;
      d = y + 8;
      if (d + 2 < url.size() && url[d + 2] >= '0' && url[d + 2] <= '9') continue;
    } else if (digits(y, 8) && (y + 8 == url.size() || url[y + 8] == '/' || url[y + 8] == '-' ||
                                url[y + 8] == '_')) {
      m = y + 4;
      d = y + 6;
    } else {
      continue;
    }
    int month = std::stoi(std::string(url.substr(m, 2)));
    int day = std::stoi(std::string(url.substr(d, 2)));
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    return std::string(url.substr(y, 4)) + "-" + std::string(url.substr(m, 2)) + "-" +
           std::string(url.substr(d, 2));
  }
  return {};
}

// A date written in a line of text: 2024-03-05, 2024/03/05, 05.03.2024,
// 2024年3月5日, March 5, 2024, 5 March 2024; as YYYY-MM-DD, or empty.
std::string VisibleDate(std::string_view t) {
  auto num = [&](size_t at, size_t min, size_t max, size_t* end) {
    size_t k = at;
    int v = 0;
    while (k < t.size() && k - at < max && t[k] >= '0' && t[k] <= '9') v = v * 10 + (t[k++] - '0');
    if (k - at < min || (k < t.size() && t[k] >= '0' && t[k] <= '9')) return -1;
    if (at > 0 && t[at - 1] >= '0' && t[at - 1] <= '9') return -1;
    *end = k;
    return v;
  };
  auto make = [](int y, int m, int d) -> std::string {
    if (y < 1995 || y > 2099 || m < 1 || m > 12 || d < 1 || d > 31) return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
  };
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  const std::string lower = text::AsciiLowerCopy(t);
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] < '0' || t[i] > '9') continue;
    size_t e1 = 0, e2 = 0, e3 = 0;
    int a = num(i, 1, 4, &e1);
    if (a < 0) continue;
    if (e1 - i == 4 && e1 + 1 < t.size()) {
      // 2024-03-05, 2024/03/05, 2024.03.05, 2024年3月5日
      if (t[e1] == '-' || t[e1] == '/' || t[e1] == '.') {
        int m = num(e1 + 1, 1, 2, &e2);
        if (m > 0 && e2 < t.size() && t[e2] == t[e1]) {
          int d = num(e2 + 1, 1, 2, &e3);
          if (d > 0) return make(a, m, d);
        }
      } else if (t.substr(e1).starts_with("年")) {
        int m = num(e1 + 3, 1, 2, &e2);
        if (m > 0 && t.substr(e2).starts_with("月")) {
          int d = num(e2 + 3, 1, 2, &e3);
          if (d > 0) return make(a, m, d);
        }
      }
    } else if (e1 - i <= 2 && e1 < t.size() && t[e1] == '.') {
      // 05.03.2024 (day first, as written where dots are used)
      int m = num(e1 + 1, 1, 2, &e2);
      if (m > 0 && e2 < t.size() && t[e2] == '.') {
        int y = num(e2 + 1, 4, 4, &e3);
        if (y > 0) return make(y, m, a);
      }
    } else if (e1 - i <= 2) {
      // 5 March 2024
      size_t k = e1;
      while (k < t.size() && t[k] == ' ') ++k;
      for (int mi = 0; mi < 12; ++mi) {
        if (lower.compare(k, 3, kMonths[mi]) != 0) continue;
        size_t w = k;
        while (w < t.size() && ((lower[w] >= 'a' && lower[w] <= 'z') || lower[w] == '.')) ++w;
        while (w < t.size() && (t[w] == ' ' || t[w] == ',')) ++w;
        int y = num(w, 4, 4, &e3);
        if (y > 0) return make(y, mi + 1, a);
      }
    }
  }
  // March 5, 2024
  for (int mi = 0; mi < 12; ++mi) {
    for (size_t k = lower.find(kMonths[mi]); k != std::string::npos;
         k = lower.find(kMonths[mi], k + 1)) {
      if (k > 0 && lower[k - 1] >= 'a' && lower[k - 1] <= 'z') continue;
      size_t w = k;
      while (w < t.size() && ((lower[w] >= 'a' && lower[w] <= 'z') || lower[w] == '.')) ++w;
      while (w < t.size() && t[w] == ' ') ++w;
      size_t e = 0, f = 0;
      int d = num(w, 1, 2, &e);
      if (d <= 0) continue;
      while (e < t.size() && (t[e] == ',' || t[e] == ' ')) ++e;
      int y = num(e, 4, 4, &f);
      if (y > 0) return make(y, mi + 1, d);
    }
  }
  return {};
}

// The first date in a short line among the first blocks of the body (the
// dateline under a headline).
std::string DateLine(const Document& doc) {
  for (size_t i = 0; i < doc.blocks.size() && i < 12; ++i) {
    const Block& b = doc.blocks[i];
    if (b.kind != BlockKind::kParagraph && b.kind != BlockKind::kHeading) continue;
    std::string t = PlainText(b);
    if (t.size() > 200) continue;
    std::string d = VisibleDate(t);
    if (!d.empty()) return d;
  }
  return {};
}

// An author value fit for the front matter: a name, never a URL. "Name -
// http://site" keeps the name; a profile URL alone gives nothing.
std::string CleanAuthor(std::string_view v) {
  std::string a(TrimAscii(v));
  for (std::string_view cut : {" - http", " – http", " | http", " http://", " https://"}) {
    size_t at = a.find(cut);
    if (at != std::string::npos) a = std::string(TrimAscii(std::string_view(a).substr(0, at)));
  }
  std::string lower = text::AsciiLowerCopy(a);
  if (lower.starts_with("http") || lower.starts_with("www.") || lower.starts_with("/") ||
      lower.find("://") != std::string::npos || lower.find(".com/") != std::string::npos)
    return {};
  if (a.size() > 200) return {};
  // An e-mail address beside the name ("Lüder Hoppe info@buero-hoppe.de")
  // goes; with only a lower-case word left it was a form's placeholder
  // ("name, email@gmail.com"), not a name.
  bool had_email = false;
  std::string kept;
  for (size_t i = 0; i < a.size();) {
    size_t end = a.find(' ', i);
    if (end == std::string::npos) end = a.size();
    std::string_view word = std::string_view(a).substr(i, end - i);
    size_t at = word.find('@');
    if (at != std::string_view::npos && at > 0 && word.find('.', at) != std::string_view::npos) {
      had_email = true;
    } else if (!word.empty()) {
      if (!kept.empty()) kept += ' ';
      kept += word;
    }
    i = end + 1;
  }
  if (!had_email) return a;
  while (!kept.empty() && std::string_view(",;|/-<>()").find(kept.back()) != std::string_view::npos)
    kept.pop_back();
  kept = std::string(TrimAscii(kept));
  bool placeholder = true;
  for (char c : kept) placeholder = placeholder && ((c >= 'a' && c <= 'z') || c == ' ');
  return placeholder ? std::string() : kept;
}

}  // namespace

std::string MetadataFilter::NormalizeDate(std::string_view s) {
  s = TrimAscii(s);
  if (AllDigits(s) && (s.size() == 13 || s.size() == 10)) {
    long long v = std::stoll(std::string(s));
    long long ms = s.size() == 13 ? v % 1000 : 0;
    long long secs = s.size() == 13 ? v / 1000 : v;
    long long days = secs / 86400, rem = secs % 86400;
    int y;
    unsigned m, d;
    CivilFromDays(days, &y, &m, &d);
    char buf[48];
    if (ms)
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", y, m, d,
                    rem / 3600, rem / 60 % 60, rem % 60, ms);
    else
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lldZ", y, m, d, rem / 3600,
                    rem / 60 % 60, rem % 60);
    return buf;
  }
  // YYYY-MM-DD or YYYY/MM/DD, optionally followed by [T ]HH:MM[:SS[.fff]][Z|±HH:MM].
  if (s.size() < 10 || !AllDigits(s.substr(0, 4)) || !AllDigits(s.substr(5, 2)) ||
      !AllDigits(s.substr(8, 2)) || (s[4] != '-' && s[4] != '/') || s[7] != s[4])
    return {};
  std::string out(s.substr(0, 10));
  out[4] = out[7] = '-';
  int month = std::stoi(out.substr(5, 2)), day = std::stoi(out.substr(8, 2));
  if (month < 1 || month > 12 || day < 1 || day > 31) return {};
  std::string_view rest = s.substr(10);
  if (rest.empty()) return out;
  if ((rest[0] != 'T' && rest[0] != ' ') || rest.size() < 6 || !AllDigits(rest.substr(1, 2)) ||
      rest[3] != ':' || !AllDigits(rest.substr(4, 2)))
    return out;  // a date followed by something else: keep the date
  out += 'T';
  size_t i = 1;
  while (i < rest.size() &&
         ((rest[i] >= '0' && rest[i] <= '9') || rest[i] == ':' || rest[i] == '.'))
    out += rest[i++];
  if (i < rest.size() && (rest[i] == 'Z' || rest[i] == '+' || rest[i] == '-')) {
    size_t j = i;
    if (rest[i] == 'Z') {
      ++j;
    } else {
      ++j;
      while (j < rest.size() && ((rest[j] >= '0' && rest[j] <= '9') || rest[j] == ':')) ++j;
    }
    out += rest.substr(i, j - i);
  }
  return out;
}

bool MetadataFilter::IsBareChinese(std::string_view lang) {
  return lang.size() == 2 && (lang[0] | 0x20) == 'z' && (lang[1] | 0x20) == 'h';
}

std::string MetadataFilter::DetectLang(std::string_view text) {
  size_t han = 0, kana = 0, hangul = 0, letters = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t c = utf8::Next(text, i);
    if (c < 0x80) {
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ++letters;
      continue;
    }
    if (text::IsKana(c)) {
      ++kana;
    } else if (text::IsHangul(c)) {
      ++hangul;
    } else if (text::IsHan(c)) {
      ++han;
    } else {
      ++letters;
    }
  }
  size_t cjk = han + kana + hangul;
  if (cjk < 10 || cjk * 3 < letters) return {};
  if (kana * 20 >= han + kana && kana >= 3) return "ja";
  if (hangul > han) return "ko";
  text_model::HanScriptCounts scripts;
  text_model::CountHanScript(text, &scripts);
  switch (text_model::DecideHanScript(scripts)) {
    case text_model::HanScript::kSimplified:
      return "zh-Hans";
    case text_model::HanScript::kTraditional:
      return "zh-Hant";
    case text_model::HanScript::kEither:
      break;
  }
  return "zh";
}

std::unique_ptr<Filter> MetadataFilter::Create(const Options& options, Status* /*status*/) {
  return std::make_unique<MetadataFilter>(options.to != OutputFormat::kMarkdown);
}

void MetadataFilter::Apply(Document& doc, Report& report) const {
  FrontMatter& fm = doc.front_matter;
  const Block* heading = FirstHeading(doc);
  std::string heading_text = heading ? HeadingText(*heading) : std::string();

  // The page's own headline: its h1, else the document's first heading.
  const std::string* h1 = Hint(doc, "h1");
  const std::string& h = h1 ? *h1 : heading_text;
  std::string title;
  if (const std::string* v = Hint(doc, "og:title")) {
    title = *v;
    // A quote inside the headline ends a carelessly written attribute
    // (content="Prize!"Nobel"..."): the page's heading holds it whole.
    if (!title.empty() && h.size() > title.size() && h.starts_with(title) &&
        (h[title.size()] == '"' || h[title.size()] == '\'')) {
      title = h;
    }
  }
  if (title.empty()) {
    if (const std::string* v = Hint(doc, "title")) {
      title = *v;
      // "Headline - Site": prefer the page's own heading.
      if (!h.empty() && title.size() > h.size() && title.starts_with(h)) title = h;
    }
  }
  if (title.empty()) title = heading_text;

  // The page's headline repeats the front matter's title: the body starts
  // with its text instead. Only for an article the HTML reader selected
  // from a whole page (hint "article"); the headline is the heading the
  // reader named, or the heading the body opens with (the reader's pick can
  // be a hidden notice's h1 while the article brings its own). Dropped
  // before the other keys are found, so that a second run over the output
  // finds the same (lang from the text, source from a heading link).
  const std::string* headline = Hint(doc, "headline");
  const FrontMatterEntry* fm_title = fm.Find("title");
  std::string shown_title = fm_title ? FrontMatter::Unquote(fm_title->value) : title;
  // A heading that links elsewhere than the page's own URL keeps its link.
  const Inline* heading_link = heading ? SoleLink(*heading) : nullptr;
  // The page's own URL (canonical, else og:url): also the source below.
  const std::string page_url = PageUrl(doc);
  if (!keep_title_heading_ && heading && Hint(doc, "article") &&
      (!heading_link || heading_link->url == page_url) &&
      (heading == doc.blocks.data() ||
       (headline && ComparableText(heading_text) == ComparableText(*headline))) &&
      TitleCarries(shown_title, heading_text)) {
    doc.blocks.erase(doc.blocks.begin() + (heading - doc.blocks.data()));
    report.Count("metadata", "title-heading-dropped");
    heading = FirstHeading(doc);
  }

  // In order of trust: structured data, meta tags, <time>, the URL.
  std::string date;
  for (std::string_view key : {"jsonld:date", "article:published_time", "time"}) {
    if (const std::string* v = Hint(doc, key)) date = NormalizeDate(*v);
    if (!date.empty()) break;
  }
  for (std::string_view key : {"canonical", "og:url"}) {
    if (!date.empty()) break;
    if (const std::string* v = Hint(doc, key)) date = UrlDate(*v);
  }
  if (date.empty())
    if (const std::string* v = Hint(doc, "timestamp")) date = NormalizeDate(*v);
  if (date.empty() && Hint(doc, "title") != nullptr) date = DateLine(doc);  // pages only

  std::string author;
  for (std::string_view key : {"jsonld:author", "rel:author", "itemprop:author", "author"}) {
    if (const std::string* v = Hint(doc, key)) author = CleanAuthor(*v);
    if (!author.empty() && NamesTheSite(author, doc)) {
      // The page names no person; a less trusted key would not either.
      report.Count("metadata", "site-author-dropped");
      author.clear();
      break;
    }
    if (!author.empty()) break;
  }

  std::string source = page_url;
  const Inline* title_link = heading ? SoleLink(*heading) : nullptr;
  if (source.empty() && title_link &&
      (title_link->url.starts_with("http://") || title_link->url.starts_with("https://")))
    source = title_link->url;

  std::string lang;
  if (const std::string* v = Hint(doc, "lang")) lang = *v;
  if (lang.empty()) {
    lang = DetectLang(PlainText(doc));
  } else if (IsBareChinese(lang)) {
    // A page declaring only "zh" gets the script its text is written in, so
    // a corpus reads one field (zh-Hans/zh-Hant) whether pages declare or not;
    // a region (zh-CN, zh-TW) or a script the page names stays as written.
    std::string detected = DetectLang(PlainText(doc));
    if (detected == "zh-Hans" || detected == "zh-Hant") {
      lang = std::move(detected);
      report.Count("metadata", "lang-script-added");
    }
  }

  int64_t added = 0;
  auto add = [&](std::string_view key, const std::string& value) {
    if (value.empty()) return;
    if (fm.AddIfMissing(key, value)) ++added;
  };
  add("title", title);
  add("date", date);
  add("author", author);
  add("source", source);
  add("lang", lang);
  if (added) {
    fm.present = true;
    report.Count("metadata", "keys-added", added);
  }

  // "[title](url)" heading whose URL now sits in the front matter.
  if (title_link) {
    std::string url = title_link->url;
    bool recorded = false;
    for (std::string_view key : {"source", "url", "from", "link"}) {
      const FrontMatterEntry* e = fm.Find(key);
      if (e && FrontMatter::Unquote(e->value) == url) recorded = true;
    }
    if (recorded) {
      Block& h = *const_cast<Block*>(heading);
      Inlines text;
      for (Inline& i : h.inlines) {
        if (i.kind == InlineKind::kLink) {
          for (Inline& c : i.children) text.push_back(std::move(c));
        } else {
          text.push_back(std::move(i));
        }
      }
      h.inlines = std::move(text);
      report.Count("metadata", "heading-link-unwrapped");
    }
  }
}

}  // namespace norm
