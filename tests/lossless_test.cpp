// Nothing is lost silently (issue 9): for every fixture input (and every
// seed in ../shared/seeds), each prose character of the input must reach the
// output unless a named step removed or changed it and counted that in the
// Report.
//
// "Prose characters" are letters and numbers (Unicode L* and N*): markup
// syntax is punctuation, so comparing multisets of letters and numbers
// checks the text without caring how the writer spells emphasis or escapes.
// The data flow is checked stage by stage, each stage against its own
// reference:
//   read:    the visible text of the decoded input (comments, script and
//            style bodies, tags and entities stripped) against the Document;
//            a loss needs a counter of the reader (html.*, markdown.*, read.*)
//   filters: the Document before and after each filter of the default
//            pipeline; any change needs a counter under that filter's name
//   write:   the final Document against the output read back as Markdown;
//            a loss needs a write.* counter.
// Surpluses are fine (a URL the crude reference stripped as a tag); only
// losses count. LosslessCheck.* below proves that a silent drop is caught.
#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "build_pipeline.h"
#include "norm/decode.h"
#include "norm/norm.h"
#include "norm/registry.h"
#include "reader.h"
#include "test_util.h"
#include "utf8.h"
#include "write_markdown.h"

namespace fs = std::filesystem;

namespace norm::test {
namespace {

using Chars = std::map<char32_t, int64_t>;

bool IsProseChar(char32_t c) {
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
}

void AddChars(std::string_view s, Chars& out) {
  for (size_t i = 0; i < s.size();) {
    char32_t c = utf8::Next(s, i);
    if (IsProseChar(c)) ++out[c];
  }
}

void AddInlines(const Inlines& inlines, Chars& out) {
  for (const Inline& in : inlines) {
    AddChars(in.text, out);
    AddChars(in.url, out);
    AddChars(in.title, out);
    AddInlines(in.children, out);
  }
}

void AddBlocks(const std::vector<Block>& blocks, Chars& out) {
  for (const Block& b : blocks) {
    AddChars(b.info, out);
    AddChars(b.literal, out);
    AddInlines(b.inlines, out);
    AddBlocks(b.children, out);
    for (const auto& row : b.rows)
      for (const Inlines& cell : row) AddInlines(cell, out);
  }
}

// with_hints: also the reader's metadata hints (<title>, <meta>), which the
// metadata filter may move into front matter and the writer never writes.
Chars DocChars(const Document& doc, bool with_hints = true) {
  Chars out;
  for (const FrontMatterEntry& e : doc.front_matter.entries) {
    AddChars(e.key, out);
    AddChars(e.value, out);
  }
  if (with_hints)
    for (const MetaHint& h : doc.hints) AddChars(h.value, out);
  AddBlocks(doc.blocks, out);
  return out;
}

// Characters of `want` missing from `have`, as "x×2 y×1" (empty: none).
std::string Missing(const Chars& want, const Chars& have) {
  std::string out;
  int shown = 0;
  int64_t total = 0;
  for (const auto& [c, n] : want) {
    auto it = have.find(c);
    int64_t lost = n - (it == have.end() ? 0 : it->second);
    if (lost <= 0) continue;
    total += lost;
    if (shown++ < 12) {
      utf8::Append(out, c);
      out += "x" + std::to_string(lost) + " ";
    }
  }
  if (total == 0) return {};
  return std::to_string(total) + " lost: " + out;
}

bool Counted(const Report& report, std::initializer_list<std::string_view> filters) {
  for (const Report::Counter& c : report.counters())
    if (c.value > 0 && std::find(filters.begin(), filters.end(), c.filter) != filters.end())
      return true;
  return false;
}

// Length of a Markdown link reference definition line at the start of s.
size_t LinkDefinitionLength(std::string_view s) {
  size_t close = s.find("]:");
  size_t eol = s.find('\n');
  if (close == std::string_view::npos || (eol != std::string_view::npos && close > eol)) return 0;
  return eol == std::string_view::npos ? s.size() : eol;
}

// The visible text of markup, crudely: what a reader could keep.
std::string VisibleText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto lower_starts = [&](size_t i, std::string_view w) {
    if (i + w.size() > s.size()) return false;
    for (size_t k = 0; k < w.size(); ++k)
      if (std::tolower(static_cast<unsigned char>(s[i + k])) != w[k]) return false;
    return true;
  };
  for (size_t i = 0; i < s.size();) {
    bool line_start = i == 0 || s[i - 1] == '\n';
    if (line_start && s[i] == '[' && LinkDefinitionLength(s.substr(i)) > 0) {
      i += LinkDefinitionLength(s.substr(i));  // "[label]: url": Markdown syntax, not prose
    } else if (s.compare(i, 4, "<!--") == 0) {
      size_t end = s.find("-->", i + 4);
      i = end == std::string_view::npos ? s.size() : end + 3;
    } else if (lower_starts(i, "<script") || lower_starts(i, "<style")) {
      std::string_view close = lower_starts(i, "<script") ? "</script" : "</style";
      size_t j = i + 1;
      while (j < s.size() && !lower_starts(j, close)) ++j;
      i = j;
    } else if (s[i] == '<' && i + 1 < s.size() &&
               (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/' ||
                s[i + 1] == '!' || s[i + 1] == '?')) {
      size_t end = s.find('>', i);
      i = end == std::string_view::npos ? s.size() : end + 1;
      out += ' ';
    } else if (s[i] == '&') {
      size_t j = i + 1;
      while (j < s.size() && j - i < 32 &&
             (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '#'))
        ++j;
      if (j < s.size() && s[j] == ';' && j > i + 1) {
        out += ' ';  // an entity: its letters are not prose
        i = j + 1;
      } else {
        out += s[i++];
      }
    } else {
      out += s[i++];
    }
  }
  return out;
}

// Runs bytes through decode, read, every step of `pipeline` and the writer,
// checking each stage as described at the top. Returns one line per
// violation (empty: nothing lost silently).
std::vector<std::string> CheckLossless(std::string_view bytes, const Options& options,
                                       const Pipeline& pipeline) {
  std::vector<std::string> problems;
  Options opts = options;
  opts.allow_binary = true;
  Decoded decoded = DecodeBytes(bytes, opts.decode);
  if (!decoded.status.ok()) return {"decode failed: " + decoded.status.ToString()};

  Document doc;
  Report read_report;
  Status s = ReadDocument(decoded.text, opts.format, opts, &doc, read_report);
  if (!s.ok()) return {"read failed: " + s.ToString()};
  Chars visible;
  AddChars(VisibleText(decoded.text), visible);
  std::string lost = Missing(visible, DocChars(doc));
  if (!lost.empty() && !Counted(read_report, {"html", "markdown", "read", "text"}))
    problems.push_back("read: " + lost + "(no reader counter)");

  for (const auto& step : pipeline.steps()) {
    Chars before = DocChars(doc);
    Report r;
    step->Apply(doc, r);
    Chars after = DocChars(doc);
    if (before != after && !Counted(r, {step->name()})) {
      std::string what = Missing(before, after);
      problems.push_back(std::string(step->name()) + ": changed prose, counted nothing " +
                         (what.empty() ? "(characters added)" : what));
    }
  }

  Report write_report;
  std::string markdown = WriteMarkdown(doc, &write_report);
  Document back;
  Report back_report;
  Options plain;
  s = ReadMarkdown(markdown, plain, &back, back_report);
  if (!s.ok()) return {"reading the output back failed: " + s.ToString()};
  lost = Missing(DocChars(doc, false), DocChars(back));
  if (!lost.empty() && !Counted(write_report, {"write"}))
    problems.push_back("write: " + lost + "(no write counter)");
  return problems;
}

std::vector<fs::path> Inputs() {
  std::vector<fs::path> out;
  fs::path root = fs::path(NORM_SOURCE_DIR) / "fixtures";
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().filename().string().rfind("input", 0) == 0)
      out.push_back(e.path());
  std::error_code ec;
  if (fs::is_directory(NORM_SEEDS_DIR, ec))
    for (const auto& e : fs::directory_iterator(NORM_SEEDS_DIR, ec))
      if (e.is_regular_file()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Lossless, EveryFixtureAndSeedLosesNothingSilently) {
  Options options;
  Status status;
  std::unique_ptr<Pipeline> pipeline = BuildPipeline(options, &status);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_GT(pipeline->steps().size(), 3u);
  std::vector<fs::path> inputs = Inputs();
  ASSERT_GT(inputs.size(), 20u);
  for (const fs::path& p : inputs) {
    for (const std::string& problem : CheckLossless(ReadFile(p), options, *pipeline))
      ADD_FAILURE() << fs::relative(p, NORM_SOURCE_DIR).string() << ": " << problem;
  }
}

// Markdown text without list item markers ("1.", "2)", "- [x]"): syntax,
// whose digits and x the Document keeps as a list start and a task state.
std::string WithoutListMarkers(std::string_view s) {
  std::string out;
  for (size_t pos = 0; pos < s.size();) {
    size_t eol = s.find('\n', pos);
    std::string_view line = s.substr(pos, eol == std::string_view::npos ? s.npos : eol - pos + 1);
    pos = eol == std::string_view::npos ? s.size() : eol + 1;
    size_t i = line.find_first_not_of(' ');
    size_t j = i;
    while (j < line.size() && std::isdigit(static_cast<unsigned char>(line[j]))) ++j;
    bool ordered = j > i && j - i < 10 && j < line.size() && (line[j] == '.' || line[j] == ')');
    bool bullet = i < line.size() && (line[i] == '-' || line[i] == '*' || line[i] == '+');
    size_t marker_end = ordered ? j + 1 : bullet ? i + 1 : 0;
    if (marker_end == 0 || marker_end >= line.size() || line[marker_end] != ' ') {
      out += line;
      continue;
    }
    std::string_view rest = line.substr(marker_end + 1);
    if (rest.size() >= 4 && rest[0] == '[' &&
        (rest[1] == 'x' || rest[1] == 'X' || rest[1] == ' ') && rest[2] == ']' && rest[3] == ' ')
      rest.remove_prefix(4);
    out += rest;
  }
  return out;
}

// Ordinary Markdown documents are their own text (issue 15): this
// repository's README and docs, and the changelog and notes in several
// languages under tests/data/markdown (link lists, tables of contents,
// citations, repeated lines and headings, task lists, footnotes, front
// matter). Every letter and digit in reaches the output, read back, and
// nothing is removed at all, counted or not.
TEST(Lossless, MarkdownDocumentsKeepEveryLetter) {
  std::vector<fs::path> docs = {fs::path(NORM_SOURCE_DIR) / "README.md"};
  for (const char* dir : {"docs", "tests/data/markdown"})
    for (const auto& e : fs::directory_iterator(fs::path(NORM_SOURCE_DIR) / dir))
      if (e.path().extension() == ".md") docs.push_back(e.path());
  std::sort(docs.begin(), docs.end());
  ASSERT_GT(docs.size(), 8u);
  Normalizer normalizer{Options()};
  for (const fs::path& p : docs) {
    const std::string name = fs::relative(p, NORM_SOURCE_DIR).string();
    const std::string in = ReadFile(p);
    Result r = normalizer.Normalize(in, p.filename().string());
    ASSERT_TRUE(r.status.ok()) << name << ": " << r.status.ToString();
    Chars want;
    AddChars(VisibleText(WithoutListMarkers(in)), want);
    Document back;
    Report back_report;
    ASSERT_TRUE(ReadMarkdown(r.markdown, Options(), &back, back_report).ok()) << name;
    EXPECT_EQ(Missing(want, DocChars(back)), "") << name;
    EXPECT_EQ(r.report.Get("visible", "output"), r.report.Get("visible", "input")) << name;
    EXPECT_EQ(r.warning, "") << name;
  }
}

// A filter that deletes the first letter of every prose span; it counts
// the deletions only when asked to.
class DropFirstLetter : public Filter {
 public:
  explicit DropFirstLetter(bool count) : count_(count) {}
  std::string_view name() const override { return "drop-first-letter"; }
  void Apply(Document& doc, Report& report) const override {
    ForEachProse(doc, [&](std::string& s) {
      for (size_t i = 0; i < s.size();) {
        size_t start = i;
        if (IsProseChar(utf8::Next(s, i))) {
          s.erase(start, i - start);
          if (count_) report.Count(name(), "letters-removed");
          return;
        }
      }
    });
  }

 private:
  bool count_;
};

TEST(LosslessCheck, CatchesAFilterThatDropsLettersSilently) {
  Pipeline silent;
  silent.Add(std::make_unique<DropFirstLetter>(false));
  std::vector<std::string> problems = CheckLossless("Hello world.\n", Options(), silent);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("drop-first-letter: changed prose, counted nothing 1 lost: Hx1"),
            std::string::npos)
      << problems[0];
}

TEST(LosslessCheck, AcceptsAFilterThatCountsWhatItDrops) {
  Pipeline counted;
  counted.Add(std::make_unique<DropFirstLetter>(true));
  EXPECT_TRUE(CheckLossless("Hello world.\n", Options(), counted).empty());
}

TEST(LosslessCheck, CatchesAReaderThatDropsText) {
  // The reference keeps the text of elements and drops markup, comments,
  // scripts and entities; one letter fewer in the Document is a loss.
  Chars visible, doc;
  AddChars(VisibleText("<p>caf&eacute; <b>bar</b><!-- gone --></p><script>x=1</script>"), visible);
  AddChars("caf bar", doc);
  EXPECT_EQ(Missing(visible, doc), "");
  Chars less;
  AddChars("caf ba", less);
  EXPECT_EQ(Missing(visible, less), "1 lost: rx1 ");
}

TEST(LosslessCheck, CatchesAWriterThatDropsText) {
  // Letters are compared through the output read back: a span the writer
  // turned into syntax (an unescaped "*a*" would still hold "a") or left
  // out would be missing.
  Document doc;
  doc.blocks.push_back(Block::Paragraph({Inline::Text("*keep* [these] <b>letters</b>")}));
  Report report;
  std::string md = WriteMarkdown(doc, &report);
  Document back;
  Report r;
  ASSERT_TRUE(ReadMarkdown(md, Options(), &back, r).ok());
  EXPECT_EQ(Missing(DocChars(doc), DocChars(back)), "");
  Document empty;
  EXPECT_EQ(Missing(DocChars(doc), DocChars(empty)).substr(0, 9), "18 lost: ");
}

}  // namespace
}  // namespace norm::test
