#include "visible_count.h"

#include <vector>

#include "visible.h"

namespace norm {

size_t VisibleChars(const Inlines& inlines) {
  size_t n = 0;
  for (const Inline& in : inlines) {
    switch (in.kind) {
      case InlineKind::kText:
      case InlineKind::kCode:
        n += text::CountVisible(in.text);
        break;
      case InlineKind::kImage:
      case InlineKind::kBreak:
      case InlineKind::kFootnoteRef:
        break;
      default:
        n += VisibleChars(in.children);
    }
  }
  return n;
}

size_t VisibleChars(const Block& block) {
  size_t n = 0;
  // An explicit stack: a Document built in code may nest without bound.
  std::vector<const Block*> stack = {&block};
  while (!stack.empty()) {
    const Block* b = stack.back();
    stack.pop_back();
    n += VisibleChars(b->inlines) + text::CountVisible(b->literal);
    for (const auto& row : b->rows)
      for (const Inlines& cell : row) n += VisibleChars(cell);
    for (const Block& c : b->children) stack.push_back(&c);
  }
  return n;
}

size_t VisibleChars(const Document& doc) {
  size_t n = 0;
  for (const Block& b : doc.blocks) n += VisibleChars(b);
  return n;
}

void CountRemoved(Report& report, std::string_view rule, size_t chars) {
  if (chars > 0) report.Count("removed", rule, static_cast<int64_t>(chars));
}

}  // namespace norm
