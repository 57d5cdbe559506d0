#include "norm/document.h"

#include <array>

#include "json.h"
#include "utf8.h"

namespace norm {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsSingleLineScalar(std::string_view raw) {
  std::string_view v = Trim(raw);
  if (v.empty() || v.find('\n') != std::string_view::npos) return false;
  // Flow collections, block scalars, anchors, aliases and tags are not prose.
  return std::string_view("[{|>&*!").find(v.front()) == std::string_view::npos;
}

void VisitInlines(Inlines& inlines, const std::function<void(std::string&)>& fn) {
  for (Inline& in : inlines) {
    switch (in.kind) {
      case InlineKind::kText:
        fn(in.text);
        break;
      case InlineKind::kEmphasis:
      case InlineKind::kStrong:
      case InlineKind::kStrike:
        VisitInlines(in.children, fn);
        break;
      case InlineKind::kLink:
        VisitInlines(in.children, fn);
        if (!in.title.empty()) fn(in.title);
        break;
      case InlineKind::kImage:
        if (!in.text.empty()) fn(in.text);
        if (!in.title.empty()) fn(in.title);
        break;
      case InlineKind::kCode:
      case InlineKind::kBreak:
      case InlineKind::kFootnoteRef:
        break;
    }
  }
}

void VisitBlocks(std::vector<Block>& blocks, const std::function<void(std::string&)>& fn) {
  for (Block& b : blocks) {
    VisitInlines(b.inlines, fn);
    VisitBlocks(b.children, fn);
    for (auto& row : b.rows)
      for (auto& cell : row) VisitInlines(cell, fn);
  }
}

void AppendPlain(const Inlines& inlines, std::string& out) {
  for (const Inline& in : inlines) {
    switch (in.kind) {
      case InlineKind::kText:
      case InlineKind::kCode:
      case InlineKind::kImage:
        out += in.text;
        break;
      case InlineKind::kBreak:
        out += '\n';
        break;
      default:
        AppendPlain(in.children, out);
    }
  }
}

void AppendPlain(const Block& b, std::string& out) {
  if (b.kind == BlockKind::kCode) out += b.literal;
  AppendPlain(b.inlines, out);
  for (const auto& row : b.rows) {
    for (const auto& cell : row) {
      AppendPlain(cell, out);
      out += ' ';
    }
    out += '\n';
  }
  for (const Block& child : b.children) {
    AppendPlain(child, out);
    if (!out.empty() && out.back() != '\n') out += '\n';
  }
}

}  // namespace

const FrontMatterEntry* FrontMatter::Find(std::string_view key) const {
  for (const auto& e : entries)
    if (e.key == key) return &e;
  return nullptr;
}

bool FrontMatter::AddIfMissing(std::string_view key, std::string_view plain_value) {
  if (Find(key) != nullptr) return false;
  entries.push_back({std::string(key), " " + Quote(plain_value)});  // "key: value"
  present = true;
  return true;
}

std::string FrontMatter::Unquote(std::string_view raw) {
  std::string_view v = Trim(raw);
  std::string out;
  if (v.size() >= 2 && v.front() == '\'' && v.back() == '\'') {
    v = v.substr(1, v.size() - 2);
    for (size_t i = 0; i < v.size(); ++i) {
      out.push_back(v[i]);
      if (v[i] == '\'' && i + 1 < v.size() && v[i + 1] == '\'') ++i;
    }
    return out;
  }
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
    v = v.substr(1, v.size() - 2);
    for (size_t i = 0; i < v.size(); ++i) {
      if (v[i] != '\\' || i + 1 == v.size()) {
        out.push_back(v[i]);
        continue;
      }
      char e = v[++i];
      switch (e) {
        case 'n':
          out.push_back('\n');
          break;
        case 't':
          out.push_back('\t');
          break;
        case '0':
          out.push_back('\0');
          break;
        case '"':
          out.push_back('"');
          break;
        case '\\':
          out.push_back('\\');
          break;
        case '/':
          out.push_back('/');
          break;
        case 'x':
        case 'u':
        case 'U': {
          size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          uint32_t cp = 0;
          bool ok = i + digits < v.size() + 1;
          for (size_t k = 1; ok && k <= digits; ++k) {
            int h = i + k < v.size() ? HexValue(v[i + k]) : -1;
            if (h < 0) ok = false;
            cp = cp * 16 + static_cast<uint32_t>(h);
          }
          if (ok && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)) {
            utf8::Append(out, cp);
            i += digits;
          } else {
            out.push_back('\\');
            out.push_back(e);
          }
          break;
        }
        default:
          out.push_back('\\');
          out.push_back(e);
      }
    }
    return out;
  }
  // A plain scalar may carry a trailing comment.
  size_t hash = v.find(" #");
  if (hash != std::string_view::npos) v = Trim(v.substr(0, hash));
  return std::string(v);
}

std::string FrontMatter::Quote(std::string_view s) {
  std::string out;
  json::AppendYamlString(out, s);
  return out;
}

std::string FrontMatter::SourceUrl() const {
  for (std::string_view key :
       {"url", "source", "from", "link", "canonical", "original_url", "source_url", "origin"}) {
    if (const FrontMatterEntry* e = Find(key)) {
      std::string v(Trim(Unquote(e->value)));
      if (v.starts_with("http://") || v.starts_with("https://")) return v;
    }
  }
  return {};
}

bool IsProseFrontMatterKey(std::string_view key) {
  static constexpr std::array<std::string_view, 7> kProse = {
      "title", "subtitle", "description", "summary", "excerpt", "abstract", "caption"};
  for (auto k : kProse)
    if (k == key) return true;
  return false;
}

void ForEachProse(Document& doc, const std::function<void(std::string&)>& fn) {
  for (FrontMatterEntry& e : doc.front_matter.entries) {
    if (!IsProseFrontMatterKey(e.key) || !IsSingleLineScalar(e.value)) continue;
    std::string plain = FrontMatter::Unquote(e.value);
    std::string before = plain;
    fn(plain);
    if (plain != before) {
      // Keep the leading space the raw value had after "key:".
      std::string lead = e.value.substr(0, e.value.find_first_not_of(' '));
      e.value = lead + FrontMatter::Quote(plain);
    }
  }
  // Hints that become prose front-matter values are prose already: repaired
  // on the run that adds them, they are what a second run finds.
  for (MetaHint& h : doc.hints)
    if (IsProseFrontMatterKey(h.key) || h.key == "og:title" || h.key == "h1" || h.key == "headline")
      fn(h.value);
  VisitBlocks(doc.blocks, fn);
}

std::string PlainText(const Inlines& inlines) {
  std::string out;
  AppendPlain(inlines, out);
  return out;
}

std::string PlainText(const Block& block) {
  std::string out;
  AppendPlain(block, out);
  return out;
}

std::string PlainText(const Document& doc) {
  std::string out;
  for (const Block& b : doc.blocks) {
    AppendPlain(b, out);
    if (!out.empty() && out.back() != '\n') out += '\n';
  }
  return out;
}

}  // namespace norm
