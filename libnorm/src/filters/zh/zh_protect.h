// Internal: splits text into pieces that script conversion may rewrite and
// pieces it must keep byte for byte.
//
// Prose mode (a prose span of a Document): bare URLs (http://, https://,
// ftp://, www.) are kept; URLs may hold Chinese (https://example.com/发布/后台)
// and end at whitespace, <>"`, an unbalanced ')', CJK punctuation, and
// trailing .,:;!?'*_~.
//
// Markdown mode (`norm zh` on raw text or Markdown as it stands): as prose,
// plus front matter except the values of prose keys (title, description...),
// fenced code blocks, inline code spans, link and image destinations
// ("](...)"), reference definitions, HTML tags and autolinks ("<...>"), and
// the contents of <pre>, <code>, <script> and <style>.
#pragma once

#include <cstring>
#include <string_view>

#include "front_matter.h"
#include "norm/document.h"
#include "zh_trie.h"

namespace norm::zh_internal {

template <typename Emit>
class Protector {
 public:
  Protector(std::string_view text, Emit& emit) : t_(text), emit_(emit) {}

  void Prose() {
    Inline(0, t_.size(), /*markdown=*/false);
    Finish();
  }

  void Markdown() {
    size_t pos = FrontMatter();
    bool in_fence = false;
    char fence_char = 0;
    size_t fence_len = 0;
    size_t para = pos;  // start of the current run of ordinary lines
    while (pos < t_.size()) {
      size_t nl = t_.find('\n', pos);
      size_t end = nl == std::string_view::npos ? t_.size() : nl + 1;
      std::string_view line = t_.substr(pos, end - pos);
      char ch;
      size_t len;
      if (in_fence) {
        if (Fence(line, &ch, &len) && ch == fence_char && len >= fence_len &&
            OnlySpacesAfter(line, len)) {
          in_fence = false;
        }
        Protect(pos, end);
        para = end;
      } else if (Fence(line, &ch, &len)) {
        Inline(para, pos, true);
        Protect(pos, end);
        in_fence = true;
        fence_char = ch;
        fence_len = len;
        para = end;
      } else if (ReferenceDefinition(line)) {
        Inline(para, pos, true);
        Protect(pos, end);
        para = end;
      }
      pos = end;
    }
    if (!in_fence) Inline(para, t_.size(), true);
    Finish();
  }

 private:
  static bool IsAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  static bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
  static char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

  void Protect(size_t a, size_t b) {
    if (b <= a || a < start_) return;
    if (start_ < a) emit_(t_.substr(start_, a - start_), true);
    emit_(t_.substr(a, b - a), false);
    start_ = b;
  }
  void Finish() {
    if (start_ < t_.size()) emit_(t_.substr(start_), true);
    start_ = t_.size();
  }

  // "```" or "~~~" (3 or more) after at most 3 spaces.
  static bool Fence(std::string_view line, char* ch, size_t* len) {
    size_t i = 0;
    while (i < 3 && i < line.size() && line[i] == ' ') ++i;
    if (i >= line.size() || (line[i] != '`' && line[i] != '~')) return false;
    char c = line[i];
    size_t j = i;
    while (j < line.size() && line[j] == c) ++j;
    if (j - i < 3) return false;
    if (c == '`' && line.substr(j).find('`') != std::string_view::npos) return false;
    *ch = c;
    *len = j - i;
    return true;
  }
  // A closing fence: the fence characters, then only whitespace.
  static bool OnlySpacesAfter(std::string_view line, size_t /*fence_len*/) {
    size_t i = line.find_first_not_of(' ');
    char c = line[i];
    while (i < line.size() && line[i] == c) ++i;
    return line.find_first_not_of(" \t\r\n", i) == std::string_view::npos;
  }
  // "[label]: destination" after at most 3 spaces.
  static bool ReferenceDefinition(std::string_view line) {
    size_t i = 0;
    while (i < 3 && i < line.size() && line[i] == ' ') ++i;
    if (i >= line.size() || line[i] != '[' || (i + 1 < line.size() && line[i + 1] == '^'))
      return false;
    size_t close = line.find("]:", i);
    if (close == std::string_view::npos || close == i + 1) return false;
    if (line.substr(i + 1, close - i - 1).find(']') != std::string_view::npos) return false;
    size_t d = line.find_first_not_of(" \t", close + 2);
    return d != std::string_view::npos && line[d] != '\n' && line[d] != '\r';
  }

  // A leading YAML block (text/front_matter.h): keys and non-prose values
  // kept, prose values converted (URLs in them kept), their continuation
  // lines too when indented. Returns where the body starts.
  size_t FrontMatter() {
    const text::FrontMatterBlock block = text::FindFrontMatter(t_);
    if (!block.found) return 0;
    size_t pos = 0;
    for (const text::FrontMatterSpan& e : block.entries) {
      if (!IsProseFrontMatterKey(e.key)) continue;
      Protect(pos, e.colon + 1);
      size_t line = e.colon + 1;
      while (line < e.end) {
        size_t nl = t_.find('\n', line);
        size_t end = nl == std::string_view::npos || nl >= e.end ? e.end : nl + 1;
        if (line == e.colon + 1 || t_[line] == ' ' || t_[line] == '\t') {
          Inline(line, end, false);
        } else {
          Protect(line, end);
        }
        line = end;
      }
      pos = e.end;
    }
    Protect(pos, block.body);
    return block.body;
  }

  bool UrlStart(size_t i, size_t b) const {
    if (i > 0 && (IsAlnum(t_[i - 1]) || t_[i - 1] == '/' || t_[i - 1] == '.')) return false;
    std::string_view s = t_.substr(i, std::min<size_t>(b - i, 8));
    auto starts = [&](const char* p) {
      size_t n = std::strlen(p);
      if (s.size() < n) return false;
      for (size_t k = 0; k < n; ++k)
        if (Lower(s[k]) != p[k]) return false;
      return true;
    };
    if (starts("http://") || starts("https://") || starts("ftp://")) return true;
    return starts("www.") && s.size() > 4 && IsAlnum(s[4]);
  }

  static bool CjkPunctuation(uint32_t cp) {
    return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
           (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
           (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0x2018 && cp <= 0x201F) || cp == 0x2026 ||
           cp == 0x2014;
  }

  size_t UrlEnd(size_t i, size_t b) const {
    size_t j = i;
    int paren = 0;
    while (j < b) {
      unsigned char c = static_cast<unsigned char>(t_[j]);
      if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '`' || c == 0x7F) break;
      if (c == '(') ++paren;
      if (c == ')') {
        if (paren == 0) break;
        --paren;
      }
      if (c >= 0x80) {
        size_t n;
        uint32_t cp = DecodeUtf8(t_.data() + j, t_.data() + b, &n);
        if (CjkPunctuation(cp)) break;
        j += n;
        continue;
      }
      ++j;
    }
    while (j > i && std::strchr(".,:;!?'*_~", t_[j - 1]) != nullptr) --j;
    return j;
  }

  // Inline pieces of [a, b).
  void Inline(size_t a, size_t b, bool markdown) {
    size_t i = a;
    while (i < b) {
      char c = t_[i];
      if (static_cast<unsigned char>(c) >= 0x80) {
        ++i;
        continue;
      }
      if ((c == 'h' || c == 'H' || c == 'f' || c == 'F' || c == 'w' || c == 'W') &&
          UrlStart(i, b)) {
        size_t e = UrlEnd(i, b);
        if (e > i + 4) {
          Protect(i, e);
          i = e;
          continue;
        }
      }
      if (!markdown) {
        ++i;
        continue;
      }
      if (c == '`') {
        size_t k = i;
        while (k < b && t_[k] == '`') ++k;
        size_t run = k - i;
        size_t limit = t_.find("\n\n", k);
        limit = limit == std::string_view::npos ? b : std::min(limit, b);
        size_t j = k;
        bool found = false;
        while (j < limit) {
          size_t q = t_.find('`', j);
          if (q == std::string_view::npos || q >= limit) break;
          size_t r = q;
          while (r < limit && t_[r] == '`') ++r;
          if (r - q == run) {
            Protect(i, r);
            i = r;
            found = true;
            break;
          }
          j = r;
        }
        if (!found) i = k;
        continue;
      }
      if (c == ']' && i + 1 < b && t_[i + 1] == '(') {
        size_t d = i + 2;
        while (d < b && (t_[d] == ' ' || t_[d] == '\t')) ++d;
        size_t e = d;
        if (d < b && t_[d] == '<') {
          size_t gt = t_.find('>', d);
          e = (gt == std::string_view::npos || gt >= b) ? d : gt + 1;
        } else {
          int paren = 0;
          while (e < b) {
            unsigned char ch = static_cast<unsigned char>(t_[e]);
            if (ch <= ' ') break;
            if (ch == '(') ++paren;
            if (ch == ')') {
              if (paren == 0) break;
              --paren;
            }
            ++e;
          }
        }
        Protect(i + 2, e);
        i = std::max(e, i + 2);
        continue;
      }
      if (c == '<' && i + 1 < b && (IsAlpha(t_[i + 1]) || t_[i + 1] == '/' || t_[i + 1] == '!')) {
        size_t e = i + 1;
        while (e < b && t_[e] != '>' && t_[e] != '<' && t_[e] != '\n') ++e;
        if (e < b && t_[e] == '>') {
          size_t n0 = i + 1;
          size_t n1 = n0;
          while (n1 < e && IsAlnum(t_[n1])) ++n1;
          std::string name;
          for (size_t k = n0; k < n1; ++k) name.push_back(Lower(t_[k]));
          size_t end = e + 1;
          if ((name == "pre" || name == "code" || name == "script" || name == "style") &&
              t_[e - 1] != '/') {
            end = CloseTag(end, b, name);
          }
          Protect(i, end);
          i = end;
          continue;
        }
      }
      ++i;
    }
  }

  // End of "</name>" at or after from (case-insensitive), or b.
  size_t CloseTag(size_t from, size_t b, const std::string& name) const {
    for (size_t p = t_.find("</", from); p != std::string_view::npos && p < b;
         p = t_.find("</", p + 2)) {
      size_t k = 0;
      while (k < name.size() && p + 2 + k < b && Lower(t_[p + 2 + k]) == name[k]) ++k;
      if (k == name.size()) {
        size_t gt = t_.find('>', p);
        return (gt == std::string_view::npos || gt >= b) ? b : gt + 1;
      }
    }
    return b;
  }

  std::string_view t_;
  Emit& emit_;
  size_t start_ = 0;
};

template <typename Emit>
void ForEachPiece(std::string_view text, bool markdown, Emit&& emit) {
  Protector<std::remove_reference_t<Emit>> p(text, emit);
  if (markdown) {
    p.Markdown();
  } else {
    p.Prose();
  }
}

}  // namespace norm::zh_internal
