// norm::WriteText: the document as plain text (--to=text).
#include "text_writer.h"

namespace norm::writer {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

class Layout {
 public:
  explicit Layout(Report* report) : report_(report) {}

  TextLayout Run(const Document& doc) {
    Container(doc.blocks, "\n\n", &out_.blocks);
    if (!out_.text.empty()) out_.text += '\n';
    if (report_ != nullptr) {
      if (images_dropped_ > 0) report_->Count("write", "images-dropped", images_dropped_);
      if (urls_dropped_ > 0) report_->Count("write", "link-urls-dropped", urls_dropped_);
    }
    return std::move(out_);
  }

 private:
  // Lays out blocks one after another, `separator` between those that
  // write text.
  void Container(const std::vector<Block>& blocks, const char* separator,
                 std::vector<LaidOutBlock>* laid) {
    for (const Block& b : blocks) {
      size_t mark = out_.text.size();
      size_t links = out_.links.size();
      if (!laid->empty()) out_.text += separator;
      size_t begin = out_.text.size();
      LaidOutBlock l;
      OneBlock(b, &l);
      if (out_.text.size() == begin) {  // nothing written: no block
        out_.text.resize(mark);
        out_.links.resize(links);
        continue;
      }
      l.kind = b.kind;
      l.begin = begin;
      l.end = out_.text.size();
      laid->push_back(std::move(l));
    }
  }

  void OneBlock(const Block& b, LaidOutBlock* l) {
    switch (b.kind) {
      case BlockKind::kParagraph:
        Prose(b.inlines, false);
        return;
      case BlockKind::kHeading:
        l->level = b.level;
        Prose(b.inlines, false);
        return;
      case BlockKind::kRule:
        return;
      case BlockKind::kCode: {
        l->info = b.info;
        std::string_view literal = b.literal;
        while (!literal.empty() && (literal.back() == '\n' || literal.back() == '\r'))
          literal.remove_suffix(1);
        out_.text += literal;
        return;
      }
      case BlockKind::kQuote:
        Container(b.children, "\n\n", &l->children);
        return;
      case BlockKind::kFootnote:  // its text where Markdown puts it; the label in JSON
        l->info = b.info;
        Container(b.children, "\n\n", &l->children);
        return;
      case BlockKind::kList:
        l->ordered = b.ordered;
        l->start = b.start;
        Container(b.children, "\n", &l->children);
        return;
      case BlockKind::kListItem:
        Container(b.children, "\n", &l->children);
        return;
      case BlockKind::kTable:
        for (const auto& row : b.rows) {
          std::vector<std::string> cells;
          size_t row_begin = out_.text.size();
          if (!l->rows.empty()) out_.text += '\n';
          for (size_t i = 0; i < row.size(); ++i) {
            if (i > 0) out_.text += '\t';
            size_t cell_begin = out_.text.size();
            Prose(row[i], true);
            cells.push_back(out_.text.substr(cell_begin));
          }
          // A row of empty cells writes only tabs: no text.
          bool empty = true;
          for (const std::string& c : cells) empty = empty && c.empty();
          if (empty) {
            out_.text.resize(row_begin);
            continue;
          }
          l->rows.push_back(std::move(cells));
        }
        return;
    }
  }

  // Inline text of one block; one_line: breaks become spaces (table cells).
  void Prose(const Inlines& inlines, bool one_line) {
    line_start_ = out_.text.size();
    Inlines_(inlines, one_line);
    while (out_.text.size() > line_start_ && out_.text.back() == ' ') out_.text.pop_back();
  }

  void Inlines_(const Inlines& inlines, bool one_line) {
    for (const Inline& in : inlines) {
      switch (in.kind) {
        case InlineKind::kText:
        case InlineKind::kCode:
          Words(in.text);
          break;
        case InlineKind::kBreak:
          if (one_line) {
            Words(" ");
          } else {
            while (out_.text.size() > line_start_ && out_.text.back() == ' ') out_.text.pop_back();
            if (out_.text.size() > line_start_) out_.text += '\n';
            line_start_ = out_.text.size();
          }
          break;
        case InlineKind::kImage: {
          size_t before = out_.text.size();
          Words(in.text);
          if (out_.text.size() == before) ++images_dropped_;
          break;
        }
        case InlineKind::kLink: {
          size_t begin = out_.text.size();
          Inlines_(in.children, one_line);
          size_t end = out_.text.size();
          while (end > begin && out_.text[end - 1] == ' ') --end;
          while (begin < end && out_.text[begin] == ' ') ++begin;
          if (!in.url.empty()) {
            if (end > begin) out_.links.push_back({in.url, begin, end});
            ++urls_dropped_;
          }
          break;
        }
        case InlineKind::kFootnoteRef:  // as plain text writes a note's mark
          Words("[" + in.text + "]");
          break;
        case InlineKind::kEmphasis:
        case InlineKind::kStrong:
        case InlineKind::kStrike:
          Inlines_(in.children, one_line);
          break;
      }
    }
  }

  // Appends s with each run of whitespace as one space, none at a line's
  // start or after a space already written.
  void Words(std::string_view s) {
    for (char c : s) {
      if (IsSpace(c)) {
        if (out_.text.size() > line_start_ && out_.text.back() != ' ') out_.text += ' ';
      } else {
        out_.text += c;
      }
    }
  }

  Report* report_;
  TextLayout out_;
  size_t line_start_ = 0;
  int64_t images_dropped_ = 0;
  int64_t urls_dropped_ = 0;
};

}  // namespace

TextLayout LayOutText(const Document& doc, Report* report) { return Layout(report).Run(doc); }

}  // namespace norm::writer

namespace norm {

std::string WriteText(const Document& doc, Report* report) {
  return writer::LayOutText(doc, report).text;
}

}  // namespace norm
