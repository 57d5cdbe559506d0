#include "html_removed_text.h"

#include <libxml/HTMLparser.h>

#include <climits>
#include <memory>
#include <unordered_map>

#include "html_after_body.h"
#include "html_clean.h"
#include "html_convert.h"
#include "html_dom.h"
#include "html_page.h"
#include "html_prescan.h"
#include "whitespace.h"

namespace norm::html {
namespace {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

using Removed = std::unordered_map<const xmlNode*, int>;  // element -> event index

bool InRemoved(const xmlNode* node, const Removed& removed) {
  for (const xmlNode* n = node; n != nullptr; n = n->parent)
    if (removed.contains(n)) return true;
  return false;
}

// The Excerpt of node's text as xmlNodeGetContent gave it to the reader
// when it removed node: without the elements removed before. It stops
// reading once the excerpt is cut.
std::string ExcerptNow(const xmlNode* node, const Removed& removed) {
  std::string content;
  std::vector<const xmlNode*> stack = {node};
  while (!stack.empty()) {
    const xmlNode* n = stack.back();
    stack.pop_back();
    if (n != node && removed.contains(n)) continue;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      content += Content(n);
      if (content.size() > 1024) {
        std::string cut = text::Excerpt(content);
        if (cut.ends_with("…")) return cut;
      }
      continue;
    }
    if (n != node && n->type != XML_ELEMENT_NODE) continue;
    for (const xmlNode* k = n->last; k; k = k->prev) stack.push_back(k);  // in document order
  }
  return text::Excerpt(content);
}

class RunWriter {
 public:
  void Text(std::string_view t, int removal) {
    std::string s = text::CollapseWhitespace(t);
    if (at_line_start_ && s.starts_with(' ')) s.erase(0, 1);
    if (s.empty()) return;
    Append(s, removal);
    at_line_start_ = false;
  }
  void Break(int removal) {
    if (at_line_start_) return;
    Append("\n", removal);
    at_line_start_ = true;
  }
  std::vector<VisibleRun> Take() { return std::move(runs_); }

 private:
  void Append(std::string_view s, int removal) {
    if (runs_.empty() || runs_.back().removal != removal) runs_.push_back({"", removal});
    runs_.back().text += s;
  }
  std::vector<VisibleRun> runs_;
  bool at_line_start_ = true;
};

}  // namespace

std::vector<VisibleRun> VisibleTextWithRemovals(std::string_view html,
                                                const std::vector<ReportEvent>& events,
                                                std::vector<bool>* placed) {
  placed->assign(events.size(), false);
  std::string prescanned;
  PrescanResult prescan;
  if (PrescanForParse(html, &prescanned, &prescan)) html = prescanned;
  if (html.size() > static_cast<size_t>(INT_MAX)) return {};
  std::unique_ptr<xmlDoc, DocFree> dom(htmlReadMemory(html.data(), static_cast<int>(html.size()),
                                                      nullptr, "UTF-8",
                                                      kHtmlParseOptions | XML_PARSE_HUGE));
  if (!dom) return {};
  // The tree the reader converted (html_page.cpp does the same).
  MoveAfterBodyIntoBody(xmlDocGetRootElement(dom.get()));

  // Elements by their description (DescribeElement), in document order.
  std::unordered_map<std::string, std::vector<const xmlNode*>> by_description;
  std::vector<const xmlNode*> stack = {reinterpret_cast<const xmlNode*>(dom.get())};
  while (!stack.empty()) {
    const xmlNode* n = stack.back();
    stack.pop_back();
    if (IsElement(n)) by_description[DescribeElement(n)].push_back(n);
    for (const xmlNode* k = n->last; k; k = k->prev)
      if (IsElement(k)) stack.push_back(k);
  }

  // A page of thousands of alike elements, many removed, would make this
  // quadratic: past the budget, the rest are left to the caller.
  size_t budget = size_t{1} << 20;
  Removed removed;
  for (size_t i = 0; i < events.size() && budget > 0; ++i) {
    const ReportEvent& e = events[i];
    if (e.filter != "html" || !e.what.starts_with("removed <")) continue;
    size_t end = e.what.find("> (", 8);  // "removed <div class=\"ad\"> (why)"
    if (end == std::string::npos) continue;
    auto it = by_description.find(e.what.substr(8, end + 1 - 8));
    if (it == by_description.end()) continue;
    for (const xmlNode* n : it->second) {
      if (budget-- == 0) break;
      if (InRemoved(n, removed) || ExcerptNow(n, removed) != e.before) continue;
      removed[n] = static_cast<int>(i);
      (*placed)[i] = true;
      break;
    }
  }

  // The visible text (html_visible.h's rules), blocks on lines of their own.
  RunWriter out;
  struct Step {
    const xmlNode* node;
    int removal;
    bool leave;  // the end of a block element
  };
  std::vector<Step> steps = {{reinterpret_cast<const xmlNode*>(dom.get()), -1, false}};
  while (!steps.empty()) {
    Step s = steps.back();
    steps.pop_back();
    const xmlNode* n = s.node;
    if (s.leave) {
      out.Break(s.removal);
      continue;
    }
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      out.Text(Content(n), s.removal);
      continue;
    }
    int removal = s.removal;
    if (IsElement(n)) {
      std::string_view name = Name(n);
      if (IsOneOf(name, {"script", "style", "template", "noscript", "head", "title"})) continue;
      if (name == "br") {
        out.Break(removal);
        continue;
      }
      if (auto r = removed.find(n); r != removed.end()) removal = r->second;
      if (IsBlockElement(name)) {
        out.Break(removal);
        steps.push_back({n, removal, true});
      }
    } else if (n->type != XML_DOCUMENT_NODE && n->type != XML_HTML_DOCUMENT_NODE) {
      continue;
    }
    for (const xmlNode* k = n->last; k; k = k->prev) steps.push_back({k, removal, false});
  }
  return out.Take();
}

}  // namespace norm::html
