#include "inline_util.h"

#include "ascii.h"
#include "whitespace.h"

namespace norm {
namespace {

bool IsContainer(InlineKind k) {
  return k == InlineKind::kEmphasis || k == InlineKind::kStrong || k == InlineKind::kStrike ||
         k == InlineKind::kLink;
}

void MergeAndCollapse(Inlines& inlines) {
  Inlines out;
  out.reserve(inlines.size());
  for (Inline& in : inlines) {
    if (IsContainer(in.kind)) MergeAndCollapse(in.children);
    if (in.kind == InlineKind::kText && !out.empty() && out.back().kind == InlineKind::kText) {
      out.back().text += in.text;
      continue;
    }
    // <em>a</em><em>b</em> is one emphasis (and Markdown could not tell
    // them apart anyway).
    if (IsContainer(in.kind) && in.kind != InlineKind::kLink && !out.empty() &&
        out.back().kind == in.kind) {
      for (Inline& child : in.children) out.back().children.push_back(std::move(child));
      MergeAndCollapse(out.back().children);
      continue;
    }
    out.push_back(std::move(in));
  }
  for (Inline& in : out)
    if (in.kind == InlineKind::kText) in.text = text::CollapseWhitespace(in.text);
  inlines = std::move(out);
}

// Trailing/leading text of a run, reached through containers.
std::string* EdgeText(Inlines& inlines, bool front) {
  if (inlines.empty()) return nullptr;
  Inline& in = front ? inlines.front() : inlines.back();
  if (in.kind == InlineKind::kText) return &in.text;
  if (IsContainer(in.kind)) return EdgeText(in.children, front);
  return nullptr;
}

// A space right inside an emphasis edge moves outside it, and a space right
// after another space goes, so "a <b> b</b>" becomes "a **b**".
void HoistSpaces(Inlines& inlines) {
  for (size_t i = 0; i < inlines.size(); ++i) {
    Inline& in = inlines[i];
    if (!IsContainer(in.kind)) continue;
    HoistSpaces(in.children);
    std::string* first = EdgeText(in.children, true);
    if (first != nullptr && !first->empty() && first->front() == ' ') {
      first->erase(0, 1);
      if (i == 0 || inlines[i - 1].kind != InlineKind::kText) {
        inlines.insert(inlines.begin() + static_cast<long>(i), Inline::Text(" "));
        ++i;
      } else if (inlines[i - 1].text.empty() || inlines[i - 1].text.back() != ' ') {
        inlines[i - 1].text.push_back(' ');
      }
    }
    Inline& cur = inlines[i];
    std::string* last = EdgeText(cur.children, false);
    if (last != nullptr && !last->empty() && last->back() == ' ') {
      last->pop_back();
      if (i + 1 < inlines.size() && inlines[i + 1].kind == InlineKind::kText) {
        if (inlines[i + 1].text.empty() || inlines[i + 1].text.front() != ' ')
          inlines[i + 1].text = " " + inlines[i + 1].text;
      } else {
        inlines.insert(inlines.begin() + static_cast<long>(i) + 1, Inline::Text(" "));
      }
    }
  }
}

void DropEmpty(Inlines& inlines) {
  Inlines out;
  for (Inline& in : inlines) {
    if (IsContainer(in.kind)) {
      DropEmpty(in.children);
      if (in.children.empty()) continue;
    }
    if (in.kind == InlineKind::kText && in.text.empty()) continue;
    if (in.kind == InlineKind::kCode && in.text.empty()) continue;
    out.push_back(std::move(in));
  }
  inlines = std::move(out);
}

// Removes breaks at one edge of a run, looking into containers there.
bool StripEdgeBreak(Inlines& inlines, bool front) {
  if (inlines.empty()) return false;
  Inline& edge = front ? inlines.front() : inlines.back();
  if (edge.kind == InlineKind::kBreak) {
    inlines.erase(front ? inlines.begin() : inlines.end() - 1);
    return true;
  }
  return IsContainer(edge.kind) && StripEdgeBreak(edge.children, front);
}

void TrimRun(Inlines& inlines) {
  // Leading spaces, breaks and spaces after breaks.
  while (!inlines.empty()) {
    if (StripEdgeBreak(inlines, true)) {
      DropEmpty(inlines);
      continue;
    }
    std::string* t = EdgeText(inlines, true);
    if (t == nullptr || t->empty() || t->front() != ' ') break;
    t->erase(0, 1);
    DropEmpty(inlines);
  }
  while (!inlines.empty()) {
    if (StripEdgeBreak(inlines, false)) {
      DropEmpty(inlines);
      continue;
    }
    std::string* t = EdgeText(inlines, false);
    if (t == nullptr || t->empty() || t->back() != ' ') break;
    t->pop_back();
    DropEmpty(inlines);
  }
  for (size_t i = 0; i < inlines.size(); ++i) {
    if (inlines[i].kind != InlineKind::kBreak) continue;
    if (i > 0 && inlines[i - 1].kind == InlineKind::kText) {
      std::string& t = inlines[i - 1].text;
      while (!t.empty() && t.back() == ' ') t.pop_back();
    }
    if (i + 1 < inlines.size() && inlines[i + 1].kind == InlineKind::kText) {
      std::string& t = inlines[i + 1].text;
      size_t n = t.find_first_not_of(' ');
      t.erase(0, n == std::string::npos ? t.size() : n);
    }
  }
  DropEmpty(inlines);
  // Two breaks in a row are one paragraph break's worth of nothing.
  Inlines out;
  for (Inline& in : inlines) {
    if (in.kind == InlineKind::kBreak && !out.empty() && out.back().kind == InlineKind::kBreak)
      continue;
    out.push_back(std::move(in));
  }
  inlines = std::move(out);
}

// Collapses "a " + " b" across span boundaries.
void DedupeSpaces(Inlines& inlines, bool& last_space) {
  for (Inline& in : inlines) {
    if (in.kind == InlineKind::kText) {
      if (last_space && !in.text.empty() && in.text.front() == ' ') in.text.erase(0, 1);
      if (!in.text.empty()) last_space = in.text.back() == ' ';
    } else if (IsContainer(in.kind)) {
      DedupeSpaces(in.children, last_space);
    } else {
      last_space = in.kind == InlineKind::kBreak;
    }
  }
}

}  // namespace

void TidyInlines(Inlines& inlines) {
  MergeAndCollapse(inlines);
  HoistSpaces(inlines);
  MergeAndCollapse(inlines);
  bool last_space = true;
  DedupeSpaces(inlines, last_space);
  DropEmpty(inlines);
  TrimRun(inlines);
}

bool IsBlank(const Inlines& inlines) {
  for (const Inline& in : inlines) {
    switch (in.kind) {
      case InlineKind::kText:
      case InlineKind::kCode:
        if (!text::TrimAscii(in.text).empty()) return false;
        break;
      case InlineKind::kImage:
        return false;
      case InlineKind::kBreak:
        break;
      default:
        if (!IsBlank(in.children)) return false;
    }
  }
  return true;
}

}  // namespace norm
