#include "html_prescan.h"

#include <utility>
#include <vector>

#include "html_util.h"

namespace norm::html {
namespace {

bool IsTagSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool EqualsNoCase(std::string_view s, std::string_view lower) {
  return s.size() == lower.size() && StartsWithNoCase(s, lower);
}

// Position of the first "</name" at or after from (case-insensitive, a
// prefix match as libxml2's recover mode does), or npos.
size_t FindEndTag(std::string_view html, size_t from, std::string_view name) {
  for (size_t i = html.find("</", from); i != std::string_view::npos; i = html.find("</", i + 2)) {
    if (i + 2 + name.size() > html.size()) return std::string_view::npos;
    if (EqualsNoCase(html.substr(i + 2, name.size()), name)) return i;
  }
  return std::string_view::npos;
}

class Scanner {
 public:
  Scanner(std::string_view html, PrescanResult* result) : html_(html), result_(result) {}

  // Fills cuts_ with the [from, to) ranges to leave out.
  void Run() {
    const size_t n = html_.size();
    size_t i = 0;
    while ((i = html_.find('<', i)) != std::string_view::npos) {
      ++i;
      if (i >= n) break;
      if (html_.substr(i, 3) == "!--") {
        size_t end = html_.find("-->", i + 3);
        if (end == std::string_view::npos) break;
        i = end + 3;
      } else if (html_[i] == '?' ||
                 (html_[i] == '!' && i + 1 < n && AsciiLower(html_[i + 1]) == 'd')) {
        // A processing instruction or a doctype runs to the next '>'.
        size_t end = html_.find('>', i);
        if (end == std::string_view::npos) break;
        i = end + 1;
      } else if (IsAsciiLetter(html_[i])) {
        i = StartTag(i);
      }
    }
  }

  bool Apply(std::string* out) const {
    if (cuts_.empty()) return false;
    out->clear();
    out->reserve(html_.size());
    size_t from = 0;
    for (auto [a, b] : cuts_) {
      out->append(html_.substr(from, a - from));
      from = b;
    }
    out->append(html_.substr(from));
    return true;
  }

 private:
  // Scans a start tag whose name begins at i; returns where scanning goes on.
  size_t StartTag(size_t i) {
    const size_t n = html_.size();
    const size_t name_start = i;
    while (i < n && !IsTagSpace(html_[i]) && html_[i] != '>' && html_[i] != '/') ++i;
    std::string_view name = html_.substr(name_start, i - name_start);
    size_t count = 0, cut_from = 0;
    bool slash_before_end = false;
    for (;;) {
      size_t separator = i;
      while (i < n && (IsTagSpace(html_[i]) || html_[i] == '/')) ++i;
      if (i >= n) return n;
      if (html_[i] == '>') {
        slash_before_end = i > separator && html_[i - 1] == '/';
        break;
      }
      size_t attr_start = i;
      ++i;  // a name's first character may be anything but space, '/' or '>'
      while (i < n && !IsTagSpace(html_[i]) && html_[i] != '>' && html_[i] != '/' &&
             html_[i] != '=')
        ++i;
      size_t j = i;
      while (j < n && IsTagSpace(html_[j])) ++j;
      if (j < n && html_[j] == '=') {
        i = j + 1;
        while (i < n && IsTagSpace(html_[i])) ++i;
        if (i < n && (html_[i] == '"' || html_[i] == '\'')) {
          size_t close = html_.find(html_[i], i + 1);
          i = close == std::string_view::npos ? n : close + 1;
        } else {
          while (i < n && !IsTagSpace(html_[i]) && html_[i] != '>') ++i;
        }
      }
      if (++count == kMaxAttributes + 1) cut_from = attr_start;
    }
    if (count > kMaxAttributes) {
      cuts_.push_back({cut_from, i});
      result_->attributes_dropped += static_cast<int64_t>(count - kMaxAttributes);
    }
    ++i;                             // past '>'
    if (slash_before_end) return i;  // libxml2 closes <script/> at once
    std::string_view raw;
    if (EqualsNoCase(name, "script")) {
      // JSON-LD is page metadata (dates, authors): its body stays.
      if (text::ContainsNoCase(html_.substr(name_start, i - name_start), "ld+json")) return i;
      raw = "script";
    } else if (EqualsNoCase(name, "style")) {
      raw = "style";
    } else if (EqualsNoCase(name, "noscript")) {
      // A browser with scripting on reads a noscript body as raw text and
      // shows none of it; libxml2 parses it as markup, and an unclosed
      // <div> in it swallows the rest of the page.
      raw = "noscript";
    } else {
      return i;
    }
    size_t end = FindEndTag(html_, i, raw);
    if (end == std::string_view::npos) return i;  // libxml2 reads to the end: leave it be
    if (end > i) {
      cuts_.push_back({i, end});
      result_->raw_text_bytes_skipped += static_cast<int64_t>(end - i);
      if (raw == "noscript") ++result_->noscript_bodies_skipped;
    }
    return end;
  }

  std::string_view html_;
  PrescanResult* result_;
  std::vector<std::pair<size_t, size_t>> cuts_;
};

}  // namespace

bool PrescanForParse(std::string_view html, std::string* out, PrescanResult* result) {
  Scanner scanner(html, result);
  scanner.Run();
  return scanner.Apply(out);
}

}  // namespace norm::html
