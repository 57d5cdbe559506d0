#include "review.h"

#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "html_removed_text.h"  // libnorm/src/read

namespace norm::cli {
namespace {

// Filters whose events are repairs of the text (highlighted in the output);
// the others' events are removals (struck through).
bool IsRepairFilter(std::string_view f) {
  return f == "mojibake" || f == "cjk-mojibake" || f == "realign" || f == "ruby" ||
         f == "cjk-punct" || f == "zh" || f == "unicode";
}

std::string Escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// The value of attribute `name` in tag (as cmark writes it: name="...").
std::string_view AttrOf(std::string_view tag, std::string_view name) {
  std::string key = " " + std::string(name) + "=\"";
  size_t at = tag.find(key);
  if (at == std::string_view::npos) return {};
  at += key.size();
  size_t end = tag.find('"', at);
  return end == std::string_view::npos ? std::string_view() : tag.substr(at, end - at);
}

// cmark's <img src="URL" alt="ALT" /> as [image: ALT], the URL on hover:
// the page loads nothing from outside.
std::string WithoutImages(std::string_view html) {
  std::string out;
  size_t pos = 0;
  for (size_t at = html.find("<img "); at != std::string_view::npos; at = html.find("<img ", pos)) {
    size_t end = html.find('>', at);
    if (end == std::string_view::npos) break;
    std::string_view tag = html.substr(at, end + 1 - at);
    out += html.substr(pos, at - pos);
    out += "<span class=\"img\" title=\"image: ";
    out += AttrOf(tag, "src");  // escaped by cmark
    out += "\">[image: ";
    out += AttrOf(tag, "alt");
    out += "]</span>";
    pos = end + 1;
  }
  out += html.substr(pos);
  return out;
}

// The output as a reader sees it: front matter as a block of its own (cmark
// would read it as a heading), the Markdown rendered by cmark-gfm.
std::string RenderMarkdown(std::string_view md) {
  std::string out;
  if (md.starts_with("---\n")) {
    size_t end = md.find("\n---\n", 3);
    if (end != std::string_view::npos) {
      out += "<pre class=\"front\">" + Escape(md.substr(4, end - 3)) + "</pre>\n";
      md.remove_prefix(end + 5);
    }
  }
  char* html = cmark_markdown_to_html(md.data(), md.size(), CMARK_OPT_DEFAULT);
  if (html != nullptr) out += WithoutImages(html);
  std::free(html);
  return out;
}

struct Mark {
  std::string text;   // escaped, as it appears in the HTML
  std::string open;   // the opening tag
  std::string close;  // the closing tag
};

// Wraps each mark's text where it next occurs in the text (not the tags) of
// html: events come in document order, so the search goes on from the last
// mark placed, and falls back to the start for the others; text already
// inside a mark is not marked twice. Returns how many were placed.
int PlaceMarks(std::string& html, const std::vector<Mark>& marks) {
  int placed = 0;
  size_t cursor = 0;
  auto place = [&](const Mark& m, size_t from) {
    while (true) {
      size_t at = html.find(m.text, from);
      if (at == std::string::npos) return false;
      from = at + 1;
      size_t lt = html.rfind('<', at);
      size_t gt = html.rfind('>', at);
      if (lt != std::string::npos && (gt == std::string::npos || gt < lt)) continue;  // in a tag
      if (lt != std::string::npos &&
          (html.compare(lt, 5, "<mark") == 0 || html.compare(lt, 4, "<del") == 0))
        continue;  // marked already
      html.insert(at + m.text.size(), m.close);
      html.insert(at, m.open);
      cursor = at + m.open.size() + m.text.size() + m.close.size();
      ++placed;
      return true;
    }
  };
  for (const Mark& m : marks) {
    if (m.text.empty()) continue;
    if (!place(m, cursor)) place(m, 0);
  }
  return placed;
}

using Scored = ReviewPage::Scored;

void Score(Scored& s) {
  for (const Report::Counter& c : s.doc.report.counters()) {
    // Facts about the input and the work done, not changes.
    bool bookkeeping =
        c.filter == "decode" || c.filter == "read" ||
        (c.filter == "realign" && (c.key == "lines-searched" || c.key == "chars-searched"));
    if (bookkeeping) continue;
    bool removal =
        c.key.find("removed") != std::string::npos || c.key.find("dropped") != std::string::npos;
    if (IsRepairFilter(c.filter) && !removal)
      s.repaired += c.value;
    else if (removal)
      s.removed += c.value;
  }
}

// The page's order: most changed first, ties in the run's order.
bool ShownBefore(const Scored& a, const Scored& b) {
  int64_t ca = a.removed + a.repaired, cb = b.removed + b.repaired;
  return ca != cb ? ca > cb : a.order < b.order;
}

constexpr const char* kStyle = R"css(
body{font:14px/1.5 system-ui,sans-serif;margin:0 1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin:0}
table.counts td,table.counts th{padding:0 .8em 0 0;text-align:left}
section.doc{border-top:2px solid #888;padding:.8em 0;content-visibility:auto;
contain-intrinsic-size:auto 50em}
table.rest{content-visibility:auto;contain-intrinsic-size:auto 200em}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1em}
.cols>div{overflow:auto;max-height:40em;border:1px solid #ccc;padding:.5em}
pre.front{color:#555;background:#f6f6f6;margin:0;white-space:pre-wrap}
pre.input{white-space:pre-wrap;word-break:break-all;margin:0;font-size:13px}
mark.fix{background:#ffe066;outline:1px solid #d9a400}
del.fix{background:#ffd0d0;color:#900}
del.rm{background:#eee;color:#888}
span.img{color:#555;background:#f0f0f0}
.why{font-size:11px;color:#fff;background:#888;border-radius:3px;padding:0 .3em;margin-right:.2em}
ul.removed li{color:#666}
.meta{color:#555;font-size:.9em}
button{margin-right:.5em}
)css";

constexpr const char* kScript = R"js(
function sortDocs(key){var box=document.getElementById('docs');
var s=Array.prototype.slice.call(box.children);
s.sort(function(a,b){return key==='name'?a.dataset.name.localeCompare(b.dataset.name):
(+b.dataset[key])-(+a.dataset[key]);});s.forEach(function(e){box.appendChild(e);});}
function visible(sel){var n=0;document.querySelectorAll(sel).forEach(function(e){
var r=e.getBoundingClientRect(),st=getComputedStyle(e);
if(r.width>0&&r.height>0&&st.visibility!=='hidden'&&st.display!=='none')n++;});return n;}
window.addEventListener('load',function(){if(location.hash==='#selftest'){
document.body.dataset.loadMs=Math.round(performance.now());
document.body.dataset.visibleRepairs=visible('mark.fix');
document.body.dataset.visibleRemovals=visible('del.rm');
document.body.dataset.repairs=document.querySelectorAll('mark.fix').length;
document.body.dataset.removals=document.querySelectorAll('del.rm').length;}});
)js";

// "removed <div class="ad"> (adblock: ##.ad) weight=12" -> "adblock: ##.ad":
// the rule or score, as a label beside the region.
std::string RemovalLabel(std::string_view what) {
  size_t open = what.find("> (");
  size_t close = what.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open + 3)
    return "removed";
  std::string label(what.substr(open + 3, close - open - 3));
  if (label.size() > 48) label = label.substr(0, 45) + "...";
  return label;
}

// An HTML input as a person reads it: its visible text, each region the
// reader removed struck through in place and labelled with its rule or
// score. (*placed)[i]: event i was placed so.
std::string VisibleInput(const ReviewDoc& d, std::vector<bool>* placed) {
  const std::vector<ReportEvent>& events = d.report.events();
  std::vector<html::VisibleRun> runs = html::VisibleTextWithRemovals(d.input, events, placed);
  std::vector<bool> labelled(events.size());
  std::string out = "<pre class=\"input\">";
  for (const html::VisibleRun& run : runs) {
    if (run.removal < 0) {
      out += Escape(run.text);
      continue;
    }
    // The line breaks at its ends stay outside the strike-through.
    std::string_view core = run.text;
    size_t lead = core.find_first_not_of(" \n");
    if (lead == std::string_view::npos) {
      out += Escape(core);
      continue;
    }
    size_t trail = core.find_last_not_of(" \n") + 1;
    const ReportEvent& e = events[run.removal];
    out += Escape(core.substr(0, lead));
    if (!labelled[run.removal]) {
      labelled[run.removal] = true;
      out += "<span class=\"why\">" + Escape(RemovalLabel(e.what)) + "</span>";
    }
    out += "<del class=\"rm\" title=\"" + Escape(e.filter + ": " + e.what) + "\">" +
           Escape(core.substr(lead, trail - lead)) + "</del>" + Escape(core.substr(trail));
  }
  return out + "</pre>";
}

void Document(std::string& out, const Scored& s) {
  const ReviewDoc& d = s.doc;
  out += "<section class=\"doc\" data-name=\"" + Escape(d.name) + "\" data-removed=\"" +
         std::to_string(s.removed) + "\" data-repaired=\"" + std::to_string(s.repaired) +
         "\" data-changed=\"" + std::to_string(s.removed + s.repaired) + "\">\n";
  out += "<h2>" + Escape(d.name) + "</h2>\n<p class=\"meta\">";
  if (const std::string* enc = d.report.GetFact("decode", "encoding"))
    out += "encoding " + Escape(*enc) + " · ";
  out += std::to_string(s.repaired) + " repaired · " + std::to_string(s.removed) + " removed";
  if (!d.status.ok()) out += " · <b>rejected: " + Escape(d.status.ToString()) + "</b>";
  out += "</p>\n";
  const std::string* format = d.report.GetFact("read", "format");
  const bool html = format != nullptr && *format == "html" && !d.input.empty();
  std::vector<bool> placed;  // removals struck through in the visible text
  std::string input =
      html ? VisibleInput(d, &placed) : "<pre class=\"input\">" + Escape(d.input) + "</pre>";
  std::vector<Mark> input_marks, output_marks;
  std::vector<std::string> removed_items;
  for (size_t i = 0; i < d.report.events().size(); ++i) {
    const ReportEvent& e = d.report.events()[i];
    std::string title = e.filter + ": " + e.what;
    if (IsRepairFilter(e.filter) && !e.after.empty()) {
      std::string t = Escape(title + ": " + e.before + " → " + e.after);
      input_marks.push_back(
          {Escape(e.before), "<del class=\"fix\" title=\"" + t + "\">", "</del>"});
      output_marks.push_back(
          {Escape(e.after), "<mark class=\"fix\" title=\"" + t + "\">", "</mark>"});
    } else if (!IsRepairFilter(e.filter) && e.what.starts_with("removed")) {
      // A removal: its text struck through where the input shows it, and
      // listed with the rule or score that removed it (an element without
      // text by its description).
      std::string t = Escape(title);
      if (!e.before.empty() && (placed.empty() || !placed[i]))
        input_marks.push_back(
            {Escape(e.before), "<del class=\"rm\" title=\"" + t + "\">", "</del>"});
      removed_items.push_back("<li><del class=\"rm\" title=\"" + t + "\">" +
                              Escape(e.before.empty() ? "(no text)" : e.before) +
                              "</del> <span class=\"meta\">" + t + "</span></li>");
    }
  }
  PlaceMarks(input, input_marks);
  std::string output;
  if (d.status.ok())
    output = d.output_is_markdown ? RenderMarkdown(d.markdown)
                                  : "<pre class=\"input\">" + Escape(d.markdown) + "</pre>";
  PlaceMarks(output, output_marks);
  out += std::string("<div class=\"cols\"><div><b>Input") +
         (html ? " (the page's visible text)" : "") + "</b>\n" + input +
         "</div><div><b>Output</b>\n" + output + "</div></div>\n";
  if (!removed_items.empty()) {
    out += "<details open><summary>Removed (" + std::to_string(removed_items.size()) +
           ")</summary><ul class=\"removed\">";
    for (const std::string& li : removed_items) out += li;
    out += "</ul></details>\n";
  }
  out += "</section>\n";
}

}  // namespace

void ReviewPage::Add(ReviewDoc doc) {
  Scored s{std::move(doc)};
  s.order = added_++;
  Score(s);
  for (const Report::Counter& c : s.doc.report.counters())
    totals_[c.filter + "." + c.key] += c.value;
  // Keeps s in heap (at most `limit` entries); returns the one it pushed out.
  auto keep = [](std::vector<Scored>& heap, size_t limit, Scored s) -> std::optional<Scored> {
    if (heap.size() < limit) {
      heap.push_back(std::move(s));
      std::push_heap(heap.begin(), heap.end(), ShownBefore);
      return std::nullopt;
    }
    if (limit == 0 || !ShownBefore(s, heap.front())) return s;
    std::pop_heap(heap.begin(), heap.end(), ShownBefore);
    std::swap(heap.back(), s);
    std::push_heap(heap.begin(), heap.end(), ShownBefore);
    return s;
  };
  std::optional<Scored> out = keep(full_, max_full_, std::move(s));
  if (!out) return;
  ReviewDoc summarised;  // a summary row needs the name only
  summarised.name = std::move(out->doc.name);
  out->doc = std::move(summarised);
  out = keep(summary_, kMaxSummaryRows, std::move(*out));
  if (!out) return;
  ++unlisted_;
  unlisted_removed_ += out->removed;
  unlisted_repaired_ += out->repaired;
}

std::string ReviewPage::Html() const {
  std::vector<const Scored*> full, rest;
  for (const Scored& s : full_) full.push_back(&s);
  for (const Scored& s : summary_) rest.push_back(&s);
  auto by_page_order = [](const Scored* a, const Scored* b) { return ShownBefore(*a, *b); };
  std::sort(full.begin(), full.end(), by_page_order);
  std::sort(rest.begin(), rest.end(), by_page_order);
  std::string out =
      "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>norm review</title><style>";
  out += kStyle;
  out += "</style><script>";
  out += kScript;
  out += "</script></head><body>\n<h1>norm review: " + std::to_string(added_) +
         " documents</h1>\n<table class=\"counts\"><tr><th>counter</th><th>total</th></tr>";
  for (const auto& [key, value] : totals_)
    out += "<tr><td>" + Escape(key) + "</td><td>" + std::to_string(value) + "</td></tr>";
  out +=
      "</table>\n<p>Sort: <button onclick=\"sortDocs('changed')\">most changed</button>"
      "<button onclick=\"sortDocs('removed')\">most removed</button>"
      "<button onclick=\"sortDocs('repaired')\">most repaired</button>"
      "<button onclick=\"sortDocs('name')\">name</button></p>\n<div id=\"docs\">\n";
  for (const Scored* s : full) Document(out, *s);
  out += "</div>\n";
  if (!rest.empty()) {
    out += "<h2>" + std::to_string(added_ - full.size()) +
           " more documents (less changed)</h2>\n<table class=\"counts rest\"><tr><th>document</th>"
           "<th>repaired</th><th>removed</th></tr>";
    for (const Scored* s : rest)
      out += "<tr><td>" + Escape(s->doc.name) + "</td><td>" + std::to_string(s->repaired) +
             "</td><td>" + std::to_string(s->removed) + "</td></tr>";
    if (unlisted_ > 0)
      out += "<tr><td>" + std::to_string(unlisted_) + " more, not listed</td><td>" +
             std::to_string(unlisted_repaired_) + "</td><td>" + std::to_string(unlisted_removed_) +
             "</td></tr>";
    out += "</table>\n";
  }
  out += "</body></html>\n";
  return out;
}

std::string RenderReviewPage(std::vector<ReviewDoc> docs, size_t max_full) {
  ReviewPage page(max_full);
  for (ReviewDoc& d : docs) page.Add(std::move(d));
  return page.Html();
}

}  // namespace norm::cli
