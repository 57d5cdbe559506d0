#include "boilerplate.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include "ascii.h"
#include "script.h"
#include "url.h"
#include "utf8.h"
#include "visible.h"
#include "visible_count.h"
#include "whitespace.h"

namespace norm {
namespace {

using text::AsciiLowerCopy;
using text::StartsWithNoCase;
using text::TrimAscii;
using text::WeightedLength;

struct Measure {
  size_t weight = 0;
  size_t link = 0;
  size_t links = 0;            // number of links
  size_t images = 0;           // number of images
  bool nonimage_link = false;  // a link whose target is not an image file
  std::string text;            // plain text (links and alt text included)
};

void MeasureInlines(const Inlines& in, bool in_link, Measure* m) {
  for (const Inline& i : in) {
    switch (i.kind) {
      case InlineKind::kText:
      case InlineKind::kCode: {
        size_t w = WeightedLength(i.text);
        m->weight += w;
        if (in_link) m->link += w;
        m->text += i.text;
        break;
      }
      case InlineKind::kImage: {
        ++m->images;
        // An image weighs like a short word; inside a link it is link text.
        size_t w = std::max<size_t>(WeightedLength(i.text), 4);
        if (in_link) {
          m->weight += w;
          m->link += w;
        }
        break;
      }
      case InlineKind::kLink: {
        ++m->links;
        std::string u = AsciiLowerCopy(i.url.substr(0, i.url.find('?')));
        bool image_file = u.ends_with(".jpg") || u.ends_with(".jpeg") || u.ends_with(".png") ||
                          u.ends_with(".gif") || u.ends_with(".webp");
        if (!image_file) m->nonimage_link = true;
        MeasureInlines(i.children, true, m);
        break;
      }
      case InlineKind::kBreak:
        m->text += '\n';
        break;
      default:
        MeasureInlines(i.children, in_link, m);
    }
  }
}

void MeasureBlock(const Block& b, Measure* m) {
  MeasureInlines(b.inlines, false, m);
  for (const Block& c : b.children) {
    MeasureBlock(c, m);
    m->text += '\n';
  }
  for (const auto& row : b.rows)
    for (const Inlines& cell : row) {
      MeasureInlines(cell, false, m);
      m->text += ' ';
    }
  if (b.kind == BlockKind::kCode) {
    m->weight += WeightedLength(b.literal);
    m->text += b.literal;
  }
}

// Above it, a table is link furniture (see its use).
constexpr double kMaxTableLinkDensity = 0.8;

double LinkDensity(const Measure& m) {
  return m.weight ? static_cast<double>(m.link) / static_cast<double>(m.weight) : 0.0;
}

// "2024-11-12 10:33:27..." or "2024/11/12 10:33 ..." at the start of a line.
bool StartsWithTimestamp(std::string_view s) {
  s = TrimAscii(s);
  auto digits = [&](size_t pos, size_t n) {
    if (pos + n > s.size()) return false;
    for (size_t k = 0; k < n; ++k)
      if (s[pos + k] < '0' || s[pos + k] > '9') return false;
    return true;
  };
  if (!digits(0, 4) || s.size() < 16) return false;
  if ((s[4] != '-' && s[4] != '/') || !digits(5, 2) || s[7] != s[4] || !digits(8, 2)) return false;
  if ((s[10] != ' ' && s[10] != 'T') || !digits(11, 2) || s[13] != ':' || !digits(14, 2))
    return false;
  return true;
}

// A teaser cut off mid-sentence: its last character is no closing mark
// (。！？…」』”’）》 or .!?"')). Directly above a related-titles run it is that
// list's first entry, as in seed 004's last lines.
bool IsTruncatedTeaser(std::string_view text) {
  text = TrimAscii(text);
  if (text.empty() || StartsWithTimestamp(text)) return false;
  size_t i = text.size() - 1;
  while (i > 0 && utf8::IsContinuation(static_cast<unsigned char>(text[i]))) --i;
  static constexpr std::string_view kClosing[] = {"。", "！", "？", "…", "」", "』", "”", "’",
                                                  "）", "》", ".",  "!", "?",  "\"", "'", ")"};
  std::string_view last = text.substr(i);
  return std::none_of(std::begin(kClosing), std::end(kClosing),
                      [&](std::string_view c) { return last == c; });
}

// Copyright, licence, ICP registration and report-hotline lines.
std::string_view PatternReason(std::string_view text) {
  std::string_view t = TrimAscii(text);
  if (t.starts_with("©") || StartsWithNoCase(t, "copyright") || StartsWithNoCase(t, "(c) "))
    return "copyright";
  static constexpr std::string_view kCopyright[] = {"all rights reserved",
                                                    "版权所有",
                                                    "版權所有",
                                                    "版权声明",
                                                    "版權聲明",
                                                    "版权属于",
                                                    "版權屬於",
                                                    "無断転載",
                                                    "無斷轉載",
                                                    "无断转载",
                                                    "alle rechte vorbehalten",
                                                    "tous droits réservés",
                                                    "todos los derechos reservados",
                                                    "все права защищены",
                                                    "저작권자",
                                                    "무단전재"};
  // The phrases are lower case: fold the line once rather than per phrase.
  const std::string lower = AsciiLowerCopy(t);
  for (std::string_view p : kCopyright)
    if (lower.find(p) != std::string::npos) return "copyright";
  static constexpr std::string_view kIcp[] = {"ICP备",    "ICP证",    "ICP備",  "ICP證",
                                              "公网安备", "公網安備", "备案号", "備案號"};
  for (std::string_view p : kIcp)
    if (t.find(p) != std::string_view::npos) return "icp";
  static constexpr std::string_view kReport[] = {"举报电话", "舉報電話",     "举报邮箱",
                                                 "舉報郵箱", "有害信息举报", "违法和不良信息举报"};
  for (std::string_view p : kReport)
    if (t.find(p) != std::string_view::npos) return "report-hotline";
  if (StartsWithNoCase(t, "powered by ")) return "powered-by";
  return {};
}

// "分享 :", "Share", "シェア" and friends: the label of a share bar whose
// buttons are gone.
bool IsShareLabel(std::string_view text) {
  // The longest label with a colon and spaces is under 40 bytes.
  if (TrimAscii(text).size() > 40) return false;
  std::string t(TrimAscii(text));
  for (std::string_view colon : {":", "：", "："}) {
    if (t.size() >= colon.size() && t.ends_with(colon)) t.resize(t.size() - colon.size());
  }
  t = std::string(TrimAscii(t));
  std::string lower = AsciiLowerCopy(t);
  static constexpr std::array<std::string_view, 24> kLabels = {"分享",
                                                               "分享到",
                                                               "分享至",
                                                               "分享本文",
                                                               "分享此文",
                                                               "分享文章",
                                                               "share",
                                                               "share this",
                                                               "share this article",
                                                               "share this story",
                                                               "share on",
                                                               "シェア",
                                                               "シェアする",
                                                               "共有",
                                                               "teilen",
                                                               "artikel teilen",
                                                               "partager",
                                                               "compartir",
                                                               "condividi",
                                                               "поделиться",
                                                               "공유",
                                                               "공유하기",
                                                               "轉發",
                                                               "转发"};
  for (std::string_view l : kLabels)
    if (lower == l) return true;
  return false;
}

enum class Kind { kContent, kShort, kJunk };

struct Info {
  Measure m;
  Kind kind = Kind::kShort;
  std::string reason;  // for junk
};

std::string Fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

// Removes a trailing run of timestamped lines inside the last paragraph (a
// plain-text page whose related-titles list was read as one paragraph);
// adds the visible characters removed to *visible.
size_t StripTimestampedTail(Inlines* in, size_t* visible) {
  if (in->empty() || in->back().kind != InlineKind::kText) return 0;
  std::string& text = in->back().text;
  size_t cut = text.size();
  size_t lines = 0;
  while (true) {
    size_t nl = text.rfind('\n', cut == 0 ? 0 : cut - 1);
    if (nl == std::string::npos || nl >= cut) break;
    if (!StartsWithTimestamp(std::string_view(text).substr(nl + 1, cut - nl - 1))) break;
    cut = nl;
    ++lines;
  }
  if (lines < 2) return 0;
  // A truncated teaser line right above the run belongs to it.
  if (size_t nl = text.rfind('\n', cut == 0 ? 0 : cut - 1);
      nl != std::string::npos && nl < cut &&
      IsTruncatedTeaser(std::string_view(text).substr(nl + 1, cut - nl - 1))) {
    cut = nl;
    ++lines;
  }
  *visible += text::CountVisible(std::string_view(text).substr(cut));
  text.resize(cut);
  while (!text.empty() && text::IsAsciiSpace(text.back())) text.pop_back();
  return lines;
}

// Removes links to share endpoints (weibo share.php, facebook sharer...)
// from inline content; returns how many went, and adds their visible
// characters to *visible.
int64_t RemoveShareLinks(Inlines* in, size_t* visible) {
  int64_t n = 0;
  for (size_t k = 0; k < in->size();) {
    Inline& i = (*in)[k];
    if (i.kind == InlineKind::kLink && text::IsShareUrl(i.url)) {
      *visible += VisibleChars(i.children);
      in->erase(in->begin() + static_cast<std::ptrdiff_t>(k));
      ++n;
      // Spaces left before the gap.
      if (k > 0 && (*in)[k - 1].kind == InlineKind::kText &&
          (k == in->size() || (*in)[k].kind != InlineKind::kText || (*in)[k].text.empty() ||
           text::IsAsciiSpace((*in)[k].text.front()))) {
        std::string& t = (*in)[k - 1].text;
        while (!t.empty() && t.back() == ' ') t.pop_back();
      }
      continue;
    }
    n += RemoveShareLinks(&i.children, visible);
    ++k;
  }
  return n;
}

int64_t RemoveShareLinks(Block* b, size_t* visible) {
  int64_t n = RemoveShareLinks(&b->inlines, visible);
  for (Block& c : b->children) n += RemoveShareLinks(&c, visible);
  return n;
}

// The rule a removal reason names, for the removed.* counters:
// "link-density=0.83" -> "boilerplate:link-density", "pattern=icp" ->
// "boilerplate:pattern:icp", "outside-article weight=31" ->
// "boilerplate:outside-article".
std::string RuleOf(std::string_view reason) {
  if (reason.starts_with("pattern=")) return "boilerplate:pattern:" + std::string(reason.substr(8));
  return "boilerplate:" + std::string(reason.substr(0, reason.find_first_of(" =")));
}

// Short paragraphs repeated three times or more on a page (the date,
// "Quote" and "Reply" lines of every post in a thread) are page furniture:
// the later copies go, the first stays, so the text is never lost whole.
void MarkRepeatedFurniture(const std::vector<Block>& blocks, std::vector<Info>* info) {
  std::unordered_map<std::string, int> seen;
  const size_t n = blocks.size();
  for (size_t i = 0; i < n; ++i)
    if (blocks[i].kind == BlockKind::kParagraph && (*info)[i].m.weight < 40)
      ++seen[std::string(TrimAscii((*info)[i].m.text))];
  std::unordered_map<std::string, int> kept;
  for (size_t i = 0; i < n; ++i) {
    Info& f = (*info)[i];
    if (blocks[i].kind != BlockKind::kParagraph || f.m.weight >= 40) continue;
    std::string key(TrimAscii(f.m.text));
    if (key.empty() || seen[key] < 3 || f.kind == Kind::kJunk) continue;
    if (kept[key]++ == 0) continue;  // the first copy
    f.kind = Kind::kJunk;
    f.reason = "repeated x" + std::to_string(seen[key]);
  }
}

// The index of the title heading (see Apply), or blocks.size().
size_t TitleIndex(const std::vector<Block>& blocks, const std::vector<Info>& info) {
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (info[i].kind == Kind::kJunk) continue;
    return blocks[i].kind == BlockKind::kHeading ? i : blocks.size();
  }
  return blocks.size();
}

// --- Which rules may act: by where the Document came from -----------------
//
// A text's or a Markdown document's own content is never boilerplate: on a
// plain text the repeated-block rule does not run (a chorus, a refrain, a
// list of identical log lines are content); on Markdown, only a page dump
// (a page saved as Markdown: front matter naming its source URL, a title
// that links to it, a saved-at timestamp comment, or site navigation) has
// furniture, and then only blocks of site links count as navigation.
enum class Scope {
  kPage,          // HTML, or a Document built in code: every rule
  kText,          // plain text: every rule but the repeated-block one
  kMarkdownDump,  // a page dump in Markdown: furniture rules, on site links
  kMarkdownDoc,   // a Markdown document of its own: nothing is removed
};

// "https://www.solidot.org/story?sid=1" -> "www.solidot.org".
std::string_view UrlHost(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) {
    if (!url.starts_with("//")) return {};
    scheme = 0;
  } else {
    scheme += 1;  // url[scheme..] starts with "//"
  }
  std::string_view rest = url.substr(scheme + 2);
  return rest.substr(0, rest.find_first_of("/?#:"));
}

// A link to the site itself: root-relative (/login, /?theme=blue),
// protocol-relative (//linux.solidot.org/), or to the page's own host.
bool IsSiteLink(std::string_view url, std::string_view site_host) {
  if (url.starts_with("//")) return true;
  if (url.starts_with("/")) return true;
  if (site_host.empty()) return false;
  std::string_view host = UrlHost(url);
  if (host.empty()) return false;
  // www.example.org and example.org are one site.
  auto bare = [](std::string_view h) { return h.starts_with("www.") ? h.substr(4) : h; };
  std::string_view a = bare(host), b = bare(site_host);
  return a == b || (a.size() > b.size() && a.ends_with(b) && a[a.size() - b.size() - 1] == '.') ||
         (b.size() > a.size() && b.ends_with(a) && b[b.size() - a.size() - 1] == '.');
}

bool LinksAreSiteLinks(const Inlines& in, std::string_view site_host, size_t* links) {
  for (const Inline& i : in) {
    if (i.kind == InlineKind::kLink) {
      ++*links;
      if (!IsSiteLink(i.url, site_host)) return false;
    }
    if (!LinksAreSiteLinks(i.children, site_host, links)) return false;
  }
  return true;
}

// Every link of the block (at least one) points into the site.
bool HoldsOnlySiteLinks(const Block& b, std::string_view site_host) {
  size_t links = 0;
  std::vector<const Block*> stack = {&b};
  while (!stack.empty()) {
    const Block* c = stack.back();
    stack.pop_back();
    if (!LinksAreSiteLinks(c->inlines, site_host, &links)) return false;
    for (const auto& row : c->rows)
      for (const Inlines& cell : row)
        if (!LinksAreSiteLinks(cell, site_host, &links)) return false;
    for (const Block& k : c->children) stack.push_back(&k);
  }
  return links > 0;
}

// The URL of the page a Markdown dump was saved from: in the front matter,
// or the link of a title heading that is one link (`[Title](https://…)`).
std::string SourceUrl(const Document& doc) {
  if (std::string url = doc.front_matter.SourceUrl(); !url.empty()) return url;
  if (!doc.blocks.empty() && doc.blocks[0].kind == BlockKind::kHeading &&
      doc.blocks[0].inlines.size() == 1 && doc.blocks[0].inlines[0].kind == InlineKind::kLink) {
    std::string_view url = doc.blocks[0].inlines[0].url;
    if (url.starts_with("http://") || url.starts_with("https://")) return std::string(url);
  }
  return {};
}

// Evidence that a Markdown document is a saved page: its source URL, a
// saved-at timestamp comment (<!--1666342980000-->, a reader hint), or a
// block of two or more links that all point into the site (navigation,
// login links).
bool IsPageDump(const Document& doc, std::string_view site_host) {
  if (!SourceUrl(doc).empty() || doc.front_matter.Find("fetch_date") != nullptr) return true;
  for (const MetaHint& h : doc.hints)
    if (h.key == "timestamp") return true;
  for (const Block& b : doc.blocks) {
    if (b.kind != BlockKind::kParagraph && b.kind != BlockKind::kList) continue;
    Measure m;
    MeasureBlock(b, &m);
    if (m.links >= 2 && LinkDensity(m) > 0.5 && HoldsOnlySiteLinks(b, site_host)) return true;
  }
  return false;
}

Scope ScopeOf(const Document& doc, std::string_view site_host) {
  switch (doc.read_as) {
    case InputFormat::kText:
      return Scope::kText;
    case InputFormat::kMarkdown:
      return IsPageDump(doc, site_host) ? Scope::kMarkdownDump : Scope::kMarkdownDoc;
    default:
      return Scope::kPage;
  }
}

// The HTML reader selected the article's container already (its
// "main-content" hint): the article span then holds every content block of
// it (picking one cluster among them would second-guess a decision made with
// the page's structure in view); what lies before the first and after the
// last still goes as on any page, so a second pass over the output (read as
// Markdown) finds the same span and removes nothing more.
bool ReaderSelectedArticle(const Document& doc) {
  for (const MetaHint& h : doc.hints)
    if (h.key == "main-content") return h.value == "selected";
  return false;
}

}  // namespace

std::unique_ptr<Filter> BoilerplateFilter::Create(const norm::Options& options,
                                                  Status* /*status*/) {
  if (!options.html.boilerplate) return nullptr;  // --no-boilerplate: nothing to do
  Options o;
  o.explain = options.explain;
  return std::make_unique<BoilerplateFilter>(o);
}

void BoilerplateFilter::Apply(Document& doc, Report& report) const {
  if (!options_.enabled || doc.blocks.empty()) return;
  const std::string source_url = SourceUrl(doc);
  const std::string_view site_host = UrlHost(source_url);
  const Scope scope = ScopeOf(doc, site_host);
  std::vector<Block>& blocks = doc.blocks;
  // A link to a share endpoint (sharer.php, intent/tweet) is a share button
  // wherever it is.
  int64_t share_links = 0;
  size_t share_visible = 0;
  for (Block& b : blocks) share_links += RemoveShareLinks(&b, &share_visible);
  CountRemoved(report, "boilerplate:share-links", share_visible);
  if (share_links) {
    report.Count("boilerplate", "share-links-removed", share_links);
    if (options_.explain)
      report.AddEvent({"boilerplate",
                       "removed " + std::to_string(share_links) + " share link(s) (share URL)", -1,
                       "", ""});
  }
  std::erase_if(
      blocks, [](const Block& b) { return b.kind == BlockKind::kParagraph && b.inlines.empty(); });
  if (scope == Scope::kMarkdownDoc) return;
  const size_t n = blocks.size();
  if (n == 0) return;
  std::vector<Info> info(n);
  for (size_t i = 0; i < n; ++i) {
    Info& f = info[i];
    MeasureBlock(blocks[i], &f.m);
    const Block& b = blocks[i];
    double ld = LinkDensity(f.m);
    if (b.kind == BlockKind::kHeading || b.kind == BlockKind::kRule) {
      f.kind = Kind::kShort;
      continue;
    }
    // A table whose text is nearly all links is a layout table of
    // navigation or headline links (old table-built pages), not data: a
    // data table's numbers and labels are not links.
    if (b.kind == BlockKind::kTable && ld > kMaxTableLinkDensity && f.m.links >= 3 &&
        (scope != Scope::kMarkdownDump || HoldsOnlySiteLinks(b, site_host))) {
      f.kind = Kind::kJunk;
      f.reason = Fmt("link-density=%.2f", ld);
      continue;
    }
    if (b.kind == BlockKind::kCode || b.kind == BlockKind::kTable) {
      f.kind = f.m.weight >= options_.min_content_weight ? Kind::kContent : Kind::kShort;
      continue;
    }
    std::string_view pattern = f.m.weight < 450 ? PatternReason(f.m.text) : std::string_view();
    if (!pattern.empty()) {
      f.kind = Kind::kJunk;
      f.reason = "pattern=" + std::string(pattern);
    } else if (b.kind != BlockKind::kQuote && ld > options_.max_link_density &&
               (f.m.links >= 2 || b.kind == BlockKind::kList) &&
               (scope != Scope::kMarkdownDump || HoldsOnlySiteLinks(b, site_host))) {
      f.kind = Kind::kJunk;
      f.reason = Fmt("link-density=%.2f", ld);
    } else if (b.kind == BlockKind::kParagraph && f.m.images > 0 && ld > 0.99 &&
               f.m.nonimage_link && f.m.weight < 60 &&
               (scope != Scope::kMarkdownDump || HoldsOnlySiteLinks(b, site_host))) {
      f.kind = Kind::kJunk;  // badges, topic icons: images linking to pages
      f.reason = "image-links";
    } else if (f.m.weight < 60 && IsShareLabel(f.m.text)) {
      f.kind = Kind::kJunk;
      f.reason = "share-label";
    } else if (f.m.weight >= options_.min_content_weight && ld < 0.35) {
      f.kind = Kind::kContent;
    } else {
      f.kind = Kind::kShort;
    }
  }
  // A short paragraph that is mostly one link and does not end like a
  // sentence ("Read more: [headline]", "[>> headline <<]", "Zum Shop")
  // points the reader to another page; beside an article it is furniture.
  // Without an article (a link page, a note) it may be the content, so it
  // stays; inside one it neither breaks nor joins the article span.
  if (std::any_of(info.begin(), info.end(), [](const Info& f) { return f.kind == Kind::kContent; }))
    for (size_t i = 0; i < n; ++i) {
      Info& f = info[i];
      if (blocks[i].kind == BlockKind::kParagraph && f.kind == Kind::kShort && f.m.links == 1 &&
          f.m.images == 0 && f.m.weight < 200 && LinkDensity(f.m) > 0.6 &&
          IsTruncatedTeaser(f.m.text) &&
          (scope != Scope::kMarkdownDump || HoldsOnlySiteLinks(blocks[i], site_host))) {
        f.kind = Kind::kJunk;
        f.reason = Fmt("link-line=%.2f", LinkDensity(f.m));
      }
    }
  // In a text or a Markdown document a copyright line is a footer only when
  // no content or sentence follows it: above a licence's or a README's own text it is
  // that text's first line ("Copyright (c) 2013, Kim Davies").
  if (scope != Scope::kPage) {
    bool content_after = false;
    for (size_t i = n; i > 0; --i) {
      Info& f = info[i - 1];
      if (content_after && f.reason == "pattern=copyright") {
        f.kind = Kind::kShort;
        f.reason.clear();
      }
      // A sentence counts too: a licence's short clauses are its text.
      content_after = content_after || f.kind == Kind::kContent ||
                      (f.kind == Kind::kShort && blocks[i - 1].kind == BlockKind::kParagraph &&
                       f.m.weight >= 60);
    }
  }
  if (scope == Scope::kPage) MarkRepeatedFurniture(blocks, &info);
  // Trailing related-titles run: blocks starting with a timestamp.
  {
    size_t run = 0;
    for (size_t i = n; i > 0 && StartsWithTimestamp(info[i - 1].m.text); --i) ++run;
    if (run >= 2) {
      for (size_t i = n - run; i < n; ++i) {
        info[i].kind = Kind::kJunk;
        info[i].reason = "timestamped-list";
      }
      const size_t teaser = n - run - 1;
      if (n > run + 1 && blocks[teaser].kind == BlockKind::kParagraph &&
          IsTruncatedTeaser(info[teaser].m.text)) {
        info[teaser].kind = Kind::kJunk;
        info[teaser].reason = "related-teaser";
      }
    }
  }
  std::vector<bool> keep(n, true);
  // The title: the first block that is not junk, when it is a heading. It is
  // what the first block will be once junk is gone, so that a second run
  // over the output finds the same title (idempotence).
  const size_t title = TitleIndex(blocks, info);
  // The article span: content blocks clustered around the heaviest one.
  size_t heaviest = n;
  for (size_t i = 0; i < n; ++i)
    if (info[i].kind == Kind::kContent &&
        (heaviest == n || info[i].m.weight > info[heaviest].m.weight))
      heaviest = i;
  std::vector<std::string> outside_reason(n);
  if (heaviest != n) {
    // Clusters break at two consecutive junk blocks, unless the reader
    // selected the article already: then every content block is in it.
    const bool unbroken = ReaderSelectedArticle(doc);
    size_t first = heaviest, last = heaviest;
    // Repeated lines (post dates in a thread) and link lines inside the
    // article neither break nor join the clusters, nor stop the span's
    // extension over short blocks.
    auto repeated = [&](size_t k) {
      return info[k].reason.starts_with("repeated") || info[k].reason.starts_with("link-line");
    };
    for (size_t j = heaviest, junk = 0; j > 0 && junk < 2; --j) {
      if (repeated(j - 1)) continue;
      junk = info[j - 1].kind == Kind::kJunk && !unbroken ? junk + 1 : 0;
      if (info[j - 1].kind == Kind::kContent) first = j - 1;
    }
    for (size_t j = heaviest + 1, junk = 0; j < n && junk < 2; ++j) {
      if (repeated(j)) continue;
      junk = info[j].kind == Kind::kJunk && !unbroken ? junk + 1 : 0;
      if (info[j].kind == Kind::kContent) last = j;
    }
    // Upward: short blocks (byline, date, lead image) up to the nearest heading.
    size_t start = first;
    for (size_t j = first; j > 0; --j) {
      size_t k = j - 1;
      if (repeated(k)) continue;
      if (info[k].kind == Kind::kJunk) {
        if (k > 0 && info[k - 1].kind == Kind::kJunk) break;
        continue;
      }
      if (blocks[k].kind == BlockKind::kList) break;  // menus above the article
      start = k;
      if (blocks[k].kind == BlockKind::kHeading) break;
    }
    // Downward: short non-junk blocks until junk.
    size_t end = last;
    for (size_t k = last + 1; k < n; ++k) {
      if (repeated(k)) continue;
      if (info[k].kind == Kind::kJunk) break;
      if (blocks[k].kind == BlockKind::kList && LinkDensity(info[k].m) > 0.3) break;
      end = k;
    }
    for (size_t i = 0; i < n; ++i) {
      if (i >= start && i <= end) continue;
      if (i == title) continue;
      // A Markdown dump's own prose outside the span (a README's lead under
      // its linked title) stays: there only site links are furniture.
      if (scope == Scope::kMarkdownDump && !HoldsOnlySiteLinks(blocks[i], site_host)) continue;
      if (info[i].kind != Kind::kJunk) {
        keep[i] = false;
        outside_reason[i] = "outside-article weight=" + std::to_string(info[i].m.weight);
      }
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (info[i].kind == Kind::kJunk) {
      keep[i] = false;
      outside_reason[i] = info[i].reason;
    }
  }
  // A heading over blocks that all went here (a link list, teasers, a
  // contact box outside the article) heads nothing: it goes too when the
  // next block kept is a heading of its level or higher, or there is none.
  // From the end backwards, so a heading over such a heading goes with it,
  // and a second run finds nothing to remove. A label paragraph ("Read
  // also:") stays: as often as not the page's own text leads up to the
  // list with it.
  for (size_t i = n; i > 0; --i) {
    const size_t k = i - 1;
    if (!keep[k] || k == title || blocks[k].kind != BlockKind::kHeading) continue;
    size_t next = k + 1;
    while (next < n && !keep[next]) ++next;
    if (next == k + 1) continue;  // nothing under it went
    if (next < n &&
        (blocks[next].kind != BlockKind::kHeading || blocks[next].level > blocks[k].level))
      continue;
    keep[k] = false;
    outside_reason[k] = "orphan-heading";
  }
  // Headings repeating the title: the first block kept, when it is a
  // heading (what a second run over the output finds first).
  size_t first_kept = 0;
  while (first_kept < n && !keep[first_kept]) ++first_kept;
  if (first_kept < n && blocks[first_kept].kind == BlockKind::kHeading) {
    std::string_view title_text = TrimAscii(info[first_kept].m.text);
    for (size_t i = first_kept + 1; i < n; ++i)
      if (keep[i] && blocks[i].kind == BlockKind::kHeading &&
          TrimAscii(info[i].m.text) == title_text && !title_text.empty()) {
        keep[i] = false;
        outside_reason[i] = "duplicate-title";
      }
  }
  std::vector<Block> out;
  out.reserve(n);
  int64_t removed = 0;
  for (size_t i = 0; i < n; ++i) {
    if (keep[i]) {
      out.push_back(std::move(blocks[i]));
      continue;
    }
    ++removed;
    CountRemoved(report, RuleOf(outside_reason[i]), VisibleChars(blocks[i]));
    if (options_.explain)
      report.AddEvent(
          {"boilerplate", "removed " + outside_reason[i], -1, text::Excerpt(info[i].m.text), ""});
  }
  // A related-titles list glued to the last paragraph's lines.
  if (!out.empty() && out.back().kind == BlockKind::kParagraph) {
    size_t tail_visible = 0;
    size_t lines = StripTimestampedTail(&out.back().inlines, &tail_visible);
    CountRemoved(report, "boilerplate:timestamped-list", tail_visible);
    if (lines > 0) {
      report.Count("boilerplate", "lines-removed", static_cast<int64_t>(lines));
      if (options_.explain)
        report.AddEvent(
            {"boilerplate", "removed timestamped-list lines=" + std::to_string(lines), -1, "", ""});
    }
  }
  if (removed) report.Count("boilerplate", "blocks-removed", removed);
  blocks = std::move(out);
}

}  // namespace norm
