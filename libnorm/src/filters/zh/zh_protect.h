// Internal: splits text into pieces that script conversion may rewrite and
// pieces it must keep byte for byte.
//
// Prose mode (a prose span of a Document): bare URLs (http://, https://,
// ftp://, www.) are kept; URLs may hold Chinese (https://example.com/发布/后台)
// and end at whitespace, <>"`, an unbalanced ')', CJK punctuation, and
// trailing .,:;!?'*_~.
//
// URLs end before a Han character that follows a letter, digit or '.'
// directly (`https://example.com/page说明` keeps `说明` as prose); a Han
// character after '/', '=', '#', '?', '&', '-' or '_' belongs to the URL.
//
// `norm zh` keeps everything but prose byte for byte; what is prose comes
// from the reader of the input's format, never from a scan of its own:
//   Text mode: front matter except the values of prose keys (title,
//   description...) is kept; the body is prose (as the text reader reads
//   it: `<code>` and `[x]: text` are words).
//   Markdown mode: the same front matter; in the body, the text ranges
//   cmark-gfm reads as prose (MarkdownProseRanges in norm/reader.h, handed
//   in by the caller: filters sit below the reader); HTML blocks are
//   scanned as HTML. Without the reader's ranges, the body is read as in
//   Text mode.
//   Html mode (HTML input): HTML tags and the contents of <pre>, <code>,
//   <script> and <style> are kept, fenced code blocks, code spans, link
//   destinations and reference definitions too.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "front_matter.h"
#include "norm/document.h"
#include "zh.h"
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

  void Text() {
    size_t pos = FrontMatter();
    Inline(pos, t_.size(), /*markdown=*/false);
    Finish();
  }

  void Markdown(const MarkdownProseFn& prose, size_t* unmapped) {
    if (!prose) {
      Text();
      return;
    }
    const size_t body = FrontMatter();
    size_t prev = body;
    for (const ProseRange& r : prose(t_.substr(body), unmapped)) {
      const size_t a = body + r.begin, b = body + r.end;
      if (a < prev) continue;
      Protect(prev, a);
      Inline(a, b, /*markdown=*/r.kind == ProseRange::kHtml);
      prev = b;
    }
    Protect(prev, t_.size());
    Finish();
  }

  void Html() {
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

  static bool IsHanCp(uint32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
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
        // Chinese glued to a URL: a Han run right after a letter, digit or
        // '.' is text; after '/', '=', '?'... it is a path segment or value.
        if (IsHanCp(cp) && j > i) {
          unsigned char p = static_cast<unsigned char>(t_[j - 1]);
          if (p < 0x80 && (IsAlnum(static_cast<char>(p)) || p == '.')) break;
        }
        j += n;
        continue;
      }
      ++j;
    }
    while (j > i && std::strchr(".,:;!?'*_~", t_[j - 1]) != nullptr) --j;
    return j;
  }

  // The first byte at or after i (before b) below 0x80: nothing this scan
  // looks for starts with a byte of a multi-byte character, and Chinese
  // prose is mostly such bytes, so they are skipped eight at a time.
  size_t SkipNonAscii(size_t i, size_t b) const {
    constexpr uint64_t kHigh = 0x8080808080808080ULL;
    while (i + 8 <= b) {
      uint64_t w;
      std::memcpy(&w, t_.data() + i, 8);
      if ((w & kHigh) != kHigh) break;
      i += 8;
    }
    while (i < b && static_cast<unsigned char>(t_[i]) >= 0x80) ++i;
    return i;
  }

  // Outside Markdown only a URL matters: the first byte at or after i
  // (before b) that may start one (h, f or w in either case), else b;
  // searched eight bytes at a time.
  size_t SkipToUrlLead(size_t i, size_t b) const {
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    constexpr uint64_t kHigh = kOnes * 0x80;
    // The high bit of each zero byte of v, exact up to the lowest one (a
    // borrow may mark bytes above it).
    const auto zeros = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
#if defined(__SSE2__)
    // Sixteen at a time where the instructions are there (every x86-64).
    const __m128i lower = _mm_set1_epi8(0x20);
    const __m128i h = _mm_set1_epi8('h'), f = _mm_set1_epi8('f'), w = _mm_set1_epi8('w');
    while (i + 16 <= b) {
      const __m128i x =
          _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t_.data() + i)), lower);
      const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, h), _mm_cmpeq_epi8(x, f)),
                                       _mm_cmpeq_epi8(x, w));
      const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
      if (mask != 0) return i + static_cast<size_t>(std::countr_zero(mask));
      i += 16;
    }
#endif
    if constexpr (std::endian::native == std::endian::little) {
      while (i + 8 <= b) {
        uint64_t w;
        std::memcpy(&w, t_.data() + i, 8);
        const uint64_t x = w | (kOnes * 0x20);  // 'H' reads as 'h'; no other byte does
        const uint64_t m =
            zeros(x ^ (kOnes * 'h')) | zeros(x ^ (kOnes * 'f')) | zeros(x ^ (kOnes * 'w'));
        if (m != 0) return i + static_cast<size_t>(std::countr_zero(m)) / 8;
        i += 8;
      }
    }
    for (; i < b; ++i) {
      const char c = static_cast<char>(t_[i] | 0x20);
      if (c == 'h' || c == 'f' || c == 'w') return i;
    }
    return b;
  }

  // Inline pieces of [a, b).
  void Inline(size_t a, size_t b, bool markdown) {
    size_t i = a;
    while (i < b) {
      if (!markdown) {
        i = SkipToUrlLead(i, b);
        if (i >= b) break;
      }
      char c = t_[i];
      if (static_cast<unsigned char>(c) >= 0x80) {
        i = SkipNonAscii(i + 1, b);
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

enum class PieceMode { kProse, kText, kMarkdown, kHtml };

// Calls emit(piece, convertible) on consecutive pieces of text. *unmapped
// (Markdown mode) counts text the Markdown reader reads as prose whose
// position could not be verified (kept as it is).
template <typename Emit>
void ForEachPiece(std::string_view text, PieceMode mode, Emit&& emit, size_t* unmapped = nullptr,
                  const MarkdownProseFn& prose = nullptr) {
  Protector<std::remove_reference_t<Emit>> p(text, emit);
  size_t ignored = 0;
  switch (mode) {
    case PieceMode::kProse:
      p.Prose();
      break;
    case PieceMode::kText:
      p.Text();
      break;
    case PieceMode::kMarkdown:
      p.Markdown(prose, unmapped != nullptr ? unmapped : &ignored);
      break;
    case PieceMode::kHtml:
      p.Html();
      break;
  }
}

}  // namespace norm::zh_internal
