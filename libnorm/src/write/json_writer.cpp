// norm::WriteJson: the document as one JSON object (--to=json), laid out
// by the text writer (text_writer.h); docs/output.schema.json is its schema.
#include "json_writer.h"

#include "json.h"
#include "text_writer.h"

namespace norm::writer {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

// A YAML flow sequence of scalars ("[ a, "b" ]") as its items; false for
// anything else (nested collections, quoted commas), which stays a string.
bool FlowSequence(std::string_view raw, std::vector<std::string>* items) {
  raw = Trim(raw);
  if (raw.size() < 2 || raw.front() != '[' || raw.back() != ']') return false;
  std::string_view inner = Trim(raw.substr(1, raw.size() - 2));
  if (inner.find_first_of("[]{}") != std::string_view::npos) return false;
  if (inner.empty()) return true;
  size_t pos = 0;
  while (pos <= inner.size()) {
    size_t comma = inner.find(',', pos);
    if (comma == std::string_view::npos) comma = inner.size();
    std::string_view item = Trim(inner.substr(pos, comma - pos));
    if (!item.empty() && (item.front() == '"' || item.front() == '\'') &&
        (item.size() < 2 || item.back() != item.front()))
      return false;  // a quoted item with a comma inside
    items->push_back(FrontMatter::Unquote(item));
    pos = comma + 1;
  }
  return true;
}

void Key(std::string& out, std::string_view key) {
  json::AppendString(out, key);
  out += ':';
}

void Offsets(std::string& out, const LaidOutBlock& b) {
  out += ",\"start\":" + std::to_string(b.begin) + ",\"end\":" + std::to_string(b.end);
}

std::string_view TypeName(BlockKind kind) {
  switch (kind) {
    case BlockKind::kParagraph:
      return "paragraph";
    case BlockKind::kHeading:
      return "heading";
    case BlockKind::kList:
      return "list";
    case BlockKind::kListItem:
      return "item";
    case BlockKind::kQuote:
      return "quote";
    case BlockKind::kCode:
      return "code";
    case BlockKind::kTable:
      return "table";
    case BlockKind::kRule:
      return "rule";
    case BlockKind::kFootnote:
      return "footnote";
  }
  return "";
}

void Blocks(std::string& out, const std::vector<LaidOutBlock>& blocks);

void OneBlock(std::string& out, const LaidOutBlock& b) {
  out += "{\"type\":\"";
  out += TypeName(b.kind);
  out += '"';
  Offsets(out, b);
  switch (b.kind) {
    case BlockKind::kHeading:
      out += ",\"level\":" + std::to_string(b.level);
      break;
    case BlockKind::kList:
      out += b.ordered ? ",\"ordered\":true" : ",\"ordered\":false";
      if (b.ordered) out += ",\"first_number\":" + std::to_string(b.start);
      out += ",\"items\":";
      Blocks(out, b.children);
      break;
    case BlockKind::kListItem:
    case BlockKind::kQuote:
      out += ",\"blocks\":";
      Blocks(out, b.children);
      break;
    case BlockKind::kFootnote:
      out += ",\"label\":";
      json::AppendString(out, b.info);
      out += ",\"blocks\":";
      Blocks(out, b.children);
      break;
    case BlockKind::kCode:
      if (!b.info.empty()) {
        out += ",\"language\":";
        json::AppendString(out, b.info);
      }
      break;
    case BlockKind::kTable:
      out += ",\"rows\":[";
      for (size_t r = 0; r < b.rows.size(); ++r) {
        if (r > 0) out += ',';
        out += '[';
        for (size_t c = 0; c < b.rows[r].size(); ++c) {
          if (c > 0) out += ',';
          json::AppendString(out, b.rows[r][c]);
        }
        out += ']';
      }
      out += ']';
      break;
    case BlockKind::kParagraph:
    case BlockKind::kRule:
      break;
  }
  out += '}';
}

void Blocks(std::string& out, const std::vector<LaidOutBlock>& blocks) {
  out += '[';
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (i > 0) out += ',';
    OneBlock(out, blocks[i]);
  }
  out += ']';
}

void Metadata(std::string& out, const FrontMatter& fm) {
  out += '{';
  bool first = true;
  for (const FrontMatterEntry& e : fm.entries) {
    // A key given twice keeps its first value (as FrontMatter::Find does).
    if (fm.Find(e.key) != &e) continue;
    if (!first) out += ',';
    first = false;
    Key(out, e.key);
    std::vector<std::string> items;
    if (FlowSequence(e.value, &items)) {
      out += '[';
      for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ',';
        json::AppendString(out, items[i]);
      }
      out += ']';
    } else {
      json::AppendString(out, FrontMatter::Unquote(Trim(e.value)));
    }
  }
  out += '}';
}

}  // namespace
}  // namespace norm::writer

namespace norm {

std::string WriteJson(const Document& doc, Report* report) {
  writer::TextLayout layout = writer::LayOutText(doc, report);
  std::string out;
  out.reserve(layout.text.size() * 5 / 4 + 256);
  out += "{\"metadata\":";
  writer::Metadata(out, doc.front_matter);
  out += ",\"text\":";
  json::AppendString(out, layout.text);
  out += ",\"blocks\":";
  writer::Blocks(out, layout.blocks);
  out += ",\"links\":[";
  for (size_t i = 0; i < layout.links.size(); ++i) {
    const writer::LaidOutLink& l = layout.links[i];
    if (i > 0) out += ',';
    out += "{\"url\":";
    json::AppendString(out, l.url);
    out += ",\"start\":" + std::to_string(l.begin) + ",\"end\":" + std::to_string(l.end) + '}';
  }
  out += "]}\n";
  return out;
}

}  // namespace norm
