#include "zh.h"

#include <gtest/gtest.h>
#include <opencc/Config.hpp>
#include <opencc/Converter.hpp>

#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "norm/document.h"
#include "norm/options.h"
#include "norm/report.h"
#include "reader.h"
#include "test_util.h"

namespace norm {
namespace {

// Sentences in Simplified, Traditional (Taiwan and Hong Kong usage) and
// Japanese forms, with ASCII, digits, emoji, astral ideographs and
// punctuation, so that every configuration has work to do.
const char* const kSentences[] = {
    "发布后台软件，鼠标和头发都很干净。乾隆皇帝在这里住过！",
    "後臺發佈軟體，滑鼠和頭髮都很乾淨。著名的台灣裡面有裏面？",
    "我们在 2026 年发布了 iPhone 的新版本：USB-C 接口、AI 芯片。",
    "香港的巴士站後台系統，旺角著數多，裏邊有個麵包舖。",
    "日本の国語審議会が発表した新字体、旧字体の対照表を参照。",
    "𠀀𪚥中文 emoji 👨\u200d👩\u200d👧 ａｂｃ 发财 头发 乾隆 干净 只有 隻 著 着",
    "计算机程序设计艺术，信息技术与网络安全。",
    "「你好」她说：『这是什么？』——他答道……",
    "",
    "plain ASCII only, nothing to convert.",
};

std::string Reference(const std::string& config, const std::string& text) {
  opencc::Config c;
  auto converter = c.NewFromFile("/usr/share/opencc/" + config + ".json");
  return converter->Convert(text);
}

TEST(ZhConverter, MatchesOpenCCOnEveryConfiguration) {
  ASSERT_EQ(ZhConfigNames().size(), 14u);
  for (const std::string& name : ZhConfigNames()) {
    Status status;
    auto converter = ZhConverter::Get(name, &status);
    ASSERT_NE(converter, nullptr) << status.message();
    EXPECT_TRUE(converter->compiled()) << name;
    std::string all;
    for (const char* s : kSentences) {
      std::string text = s;
      EXPECT_EQ(converter->Convert(text), Reference(name, text)) << name << ": " << text;
      all += text + "\n";
    }
    // The same text as one piece, and its own conversion converted again.
    std::string once = converter->Convert(all);
    EXPECT_EQ(once, Reference(name, all)) << name;
    EXPECT_EQ(converter->Convert(once), Reference(name, once)) << name;
  }
}

TEST(ZhConverter, KnownConversions) {
  Status status;
  auto s2t = ZhConverter::Get("s2t", &status);
  ASSERT_NE(s2t, nullptr);
  EXPECT_EQ(s2t->Convert("发布后台头发干净"), "發佈後臺頭髮乾淨");
  auto s2twp = ZhConverter::Get("s2twp.json", &status);
  ASSERT_NE(s2twp, nullptr);
  EXPECT_EQ(s2twp->Convert("软件鼠标"), "軟體滑鼠");
  auto t2s = ZhConverter::Get("t2s", &status);
  ASSERT_NE(t2s, nullptr);
  EXPECT_EQ(t2s->Convert("後臺發佈頭髮乾淨"), "后台发布头发干净");
  // Cached: the same object every time.
  EXPECT_EQ(ZhConverter::Get("s2t.json", &status).get(), s2t.get());
}

TEST(ZhConverter, OpenCCEngineInChunksAgreesWithCompiled) {
  Status status;
  auto compiled = ZhConverter::Get("s2twp", &status);
  auto opencc = ZhConverter::Build("s2twp", /*compile=*/false, &status);
  ASSERT_NE(opencc, nullptr) << status.message();
  EXPECT_FALSE(opencc->compiled());
  // Longer than one 64 KiB chunk, so that the fallback cuts at sentences.
  std::string text;
  while (text.size() < 200 * 1024) {
    for (const char* s : kSentences) text += s;
  }
  EXPECT_EQ(opencc->Convert(text), compiled->Convert(text));
}

TEST(ZhConverter, UnknownConfigNamesConfigAndPackage) {
  Status status;
  EXPECT_EQ(ZhConverter::Get("s2x", &status), nullptr);
  EXPECT_EQ(status.code(), StatusCode::kConfig);
  EXPECT_NE(status.message().find("s2x"), std::string::npos);
  EXPECT_NE(status.message().find("opencc"), std::string::npos);
}

TEST(ZhConverter, SharedAcrossThreads) {
  Status status;
  auto c = ZhConverter::Get("s2t", &status);
  ASSERT_NE(c, nullptr);
  std::string text = kSentences[0];
  std::string expected = c->Convert(text);
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      int good = 0;
      for (int i = 0; i < 200; ++i)
        good += ZhConverter::Get("s2t", &status)->Convert(text) == expected;
      ok[t] = good;
    });
  }
  for (auto& th : threads) th.join();
  for (int v : ok) EXPECT_EQ(v, 200);
}

TEST(ZhScript, Detects) {
  EXPECT_EQ(DetectZhScript("这是简体中文，发布后台。"), ZhScript::kHans);
  EXPECT_EQ(DetectZhScript("這是繁體中文，發佈後臺。"), ZhScript::kHant);
  EXPECT_EQ(DetectZhScript("中文"), ZhScript::kUnknown);  // same in both
  EXPECT_EQ(DetectZhScript("plain ASCII"), ZhScript::kUnknown);
}

TEST(ZhUserDict, LongestUserPhraseWinsBeforeOpenCC) {
  Status status;
  auto dict = ZhUserDict::FromText(
      "# domain choices\n头发\t頭发\n干\t幹\n干净\t乾淨\n\n后台 后台 extra\n", &status);
  ASSERT_NE(dict, nullptr) << status.message();
  EXPECT_EQ(dict->size(), 4u);
  auto s2t = ZhConverter::Get("s2t", &status);
  int64_t changed = 0, replaced = 0;
  std::string out = ZhConvert("头发干净，干活，后台发布", *s2t, dict.get(), &changed, &replaced);
  // 头发 and 后台 come from the user dictionary verbatim (not converted
  // again), 干净 beats 干 (longest match), the rest is OpenCC's.
  EXPECT_EQ(out, "頭发乾淨，幹活，后台發佈");
  EXPECT_EQ(replaced, 4);
  EXPECT_EQ(changed, 2);  // 发布 -> 發佈
}

TEST(ZhUserDict, RejectsBadLinesAndMissingFiles) {
  Status status;
  EXPECT_EQ(ZhUserDict::FromText("头发\n", &status), nullptr);
  EXPECT_EQ(status.code(), StatusCode::kConfig);
  EXPECT_NE(status.message().find("line 1"), std::string::npos);
  EXPECT_EQ(ZhUserDict::Load("/nonexistent/dict.txt", &status), nullptr);
  EXPECT_NE(status.message().find("/nonexistent/dict.txt"), std::string::npos);
}

Document LinkDocument() {
  Document doc;
  doc.front_matter.present = true;
  doc.front_matter.entries.push_back({"title", "\"发布后台\""});
  doc.front_matter.entries.push_back({"发布", "后台"});  // a key that is not prose
  Inline link;
  link.kind = InlineKind::kLink;
  link.url = "https://example.com/发布/后台";
  link.children.push_back(Inline::Text("发布后台"));
  Inline code;
  code.kind = InlineKind::kCode;
  code.text = "后台 = 发布()";
  Inline image;
  image.kind = InlineKind::kImage;
  image.url = "/图片/后台.png";
  image.text = "后台截图";
  doc.blocks.push_back(Block::Paragraph({Inline::Text("见"), link, code, image}));
  Block fence;
  fence.kind = BlockKind::kCode;
  fence.literal = "发布 后台\n";
  doc.blocks.push_back(fence);
  return doc;
}

TEST(ZhFilter, ConvertsProseOnlyAndKeepsUrlsCodeAndKeys) {
  Options options;
  options.zh.config = "s2t";
  Status status;
  auto filter = MakeZhFilter(options, &status);
  ASSERT_NE(filter, nullptr) << status.message();
  Document doc = LinkDocument();
  Report report;
  filter->Apply(doc, report);
  const Inlines& in = doc.blocks[0].inlines;
  EXPECT_EQ(in[0].text, "見");
  EXPECT_EQ(in[1].url, "https://example.com/发布/后台");  // byte-identical
  EXPECT_EQ(in[1].children[0].text, "發佈後臺");
  EXPECT_EQ(in[2].text, "后台 = 发布()");
  EXPECT_EQ(in[3].url, "/图片/后台.png");
  EXPECT_EQ(in[3].text, "後臺截圖");
  EXPECT_EQ(doc.blocks[1].literal, "发布 后台\n");
  EXPECT_EQ(doc.front_matter.entries[0].value, "\"發佈後臺\"");
  EXPECT_EQ(doc.front_matter.entries[1].key, "发布");
  EXPECT_GT(report.Get("zh", "chars-converted"), 0);
  ASSERT_NE(report.GetFact("zh", "config"), nullptr);
  EXPECT_EQ(*report.GetFact("zh", "config"), "s2t");
}

TEST(ZhFilter, TargetConvertsOnlyDocumentsNotInTarget) {
  Options options;
  options.zh.target = "zh-Hant";
  Status status;
  auto filter = MakeZhFilter(options, &status);
  ASSERT_NE(filter, nullptr) << status.message();

  Document hans;
  hans.blocks.push_back(Block::Paragraph({Inline::Text("这是简体中文，发布后台。")}));
  Report r1;
  filter->Apply(hans, r1);
  EXPECT_EQ(hans.blocks[0].inlines[0].text, "這是簡體中文，發佈後臺。");
  EXPECT_EQ(*r1.GetFact("zh", "detected"), "zh-Hans");

  Document hant;
  hant.blocks.push_back(Block::Paragraph({Inline::Text("這是繁體中文，著名的裏面。")}));
  Report r2;
  filter->Apply(hant, r2);
  EXPECT_EQ(hant.blocks[0].inlines[0].text, "這是繁體中文，著名的裏面。");
  EXPECT_EQ(*r2.GetFact("zh", "detected"), "zh-Hant");
  EXPECT_EQ(r2.Get("zh", "skipped-in-target"), 1);
  EXPECT_EQ(r2.Get("zh", "chars-converted"), 0);
}

TEST(ZhFilter, TargetTaiwanPicksByScript) {
  Options options;
  options.zh.target = "zh-TW";
  Status status;
  auto filter = ZhFilter::Make(options, &status);
  ASSERT_NE(filter, nullptr);
  Report r;
  // Taiwan vocabulary (s2twp): 发布 is 釋出 there, 软件 軟體.
  EXPECT_EQ(filter->Transform("发布后台，着名的软件", r), "釋出後臺，著名的軟體");
  EXPECT_EQ(*r.GetFact("zh", "config"), "s2twp");
  EXPECT_EQ(filter->Transform("著名的裏面", r), "著名的裡面");
  EXPECT_EQ(*r.GetFact("zh", "config"), "t2tw");
}

TEST(ZhFilter, BadOptionsAreConfigErrors) {
  Status status;
  Options a;
  a.zh.target = "zh-XX";
  EXPECT_EQ(MakeZhFilter(a, &status), nullptr);
  EXPECT_EQ(status.code(), StatusCode::kConfig);
  Options b;
  b.zh.config = "nonesuch";
  EXPECT_EQ(MakeZhFilter(b, &status), nullptr);
  EXPECT_NE(status.message().find("nonesuch"), std::string::npos);
  Options c;
  c.zh.config = "s2t";
  c.zh.dict_file = "/nonexistent/zh.txt";
  EXPECT_EQ(MakeZhFilter(c, &status), nullptr);
}

TEST(ZhFilter, InactiveWithoutConfigOrTarget) {
  Status status;
  auto consistent = ZhFilter::Make(Options(), &status);
  ASSERT_NE(consistent, nullptr);
  EXPECT_TRUE(consistent->active());  // script consistency, by default
  EXPECT_FALSE(consistent->converts());
  Options off;
  off.zh.consistency = false;
  auto filter = ZhFilter::Make(off, &status);
  ASSERT_NE(filter, nullptr);
  EXPECT_FALSE(filter->active());
  Document doc = LinkDocument();
  Report report;
  filter->Apply(doc, report);
  EXPECT_EQ(doc.blocks[0].inlines[0].text, "见");
  EXPECT_TRUE(report.counters().empty());
}

TEST(ZhFilter, UserDictFromFile) {
  char path[] = "/tmp/norm_zh_dictXXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  {
    std::ofstream out(path);
    out << "后台\t後台\n";
  }
  Options options;
  options.zh.config = "s2t";
  options.zh.dict_file = path;
  Status status;
  auto filter = ZhFilter::Make(options, &status);
  std::remove(path);
  ASSERT_NE(filter, nullptr) << status.message();
  Report r;
  EXPECT_EQ(filter->Transform("发布后台", r), "發佈後台");
  EXPECT_EQ(r.Get("zh", "user-dict-replaced"), 1);
}

}  // namespace
}  // namespace norm

namespace norm {
namespace {

std::unique_ptr<ZhFilter> S2T() {
  Options options;
  options.zh.config = "s2t";
  Status status;
  auto f = ZhFilter::Make(options, &status);
  EXPECT_NE(f, nullptr) << status.message();
  if (f != nullptr) f->set_markdown_prose(MarkdownProseRanges);
  return f;
}

TEST(ZhFilter, BareUrlsInProseKept) {
  auto f = S2T();
  Report r;
  EXPECT_EQ(f->Transform("访问https://example.com/发布/后台。后台 www.example.com/后台 发布", r),
            "訪問https://example.com/发布/后台。後臺 www.example.com/后台 發佈");
  EXPECT_EQ(f->Transform("见(https://example.com/后台_(发布))后台", r),
            "見(https://example.com/后台_(发布))後臺");
}

// The prose scan skips eight bytes at a time where none can start a URL
// (zh_protect.h): a URL is found at every alignment, in either case, after
// any mix of Han characters and ASCII.
TEST(ZhFilter, BareUrlsFoundAtEveryAlignment) {
  auto f = S2T();
  for (const char* url :
       {"https://example.com/后台", "HTTP://example.com/后台", "ftp://example.com/后台",
        "www.example.com/后台", "WWW.example.com/后台"}) {
    for (size_t pad = 0; pad < 12; ++pad) {
      const std::string lead = std::string(pad, 'x') + " 发布后台发布后台 ";
      Report r;
      EXPECT_EQ(f->Transform(lead + url + " 后台", r),
                std::string(pad, 'x') + " 發佈後臺發佈後臺 " + url + " 後臺")
          << url << " after " << pad;
    }
  }
}

TEST(ZhFilter, MarkdownStageKeepsEverythingButProse) {
  auto f = S2T();
  const std::string in =
      "---\ntitle: 发布后台\n发布: 后台\nlist:\n  - 后台\n---\n"
      "# 发布后台\n\n见 [发布](https://example.com/发布/后台 \"发布\") 和 ``后台 ` 发布`` 后台\n"
      "![后台](/图/后台.png) <https://example.com/后台> <span title=\"后台\">后台</span>\n"
      "<pre>\n发布\n\n后台\n</pre>\n后台\n\n"
      "```\n发布\n```\n~~~~ 后台\n后台\n~~~~\n\n[后台]: /发布/后台 \"后台\"\n"
      "https://example.com/发布/后台\n";
  const std::string want =
      "---\ntitle: 發佈後臺\n发布: 后台\nlist:\n  - 后台\n---\n"
      "# 發佈後臺\n\n見 [發佈](https://example.com/发布/后台 \"發佈\") 和 ``后台 ` 发布`` 後臺\n"
      "![後臺](/图/后台.png) <https://example.com/后台> <span title=\"后台\">後臺</span>\n"
      "<pre>\n发布\n\n后台\n</pre>\n後臺\n\n"
      "```\n发布\n```\n~~~~ 后台\n后台\n~~~~\n\n[后台]: /发布/后台 \"后台\"\n"
      "https://example.com/发布/后台\n";
  Report r;
  EXPECT_EQ(f->TransformMarkdown(in, r), want);
  // An unclosed fence protects to the end; unmatched backticks are text.
  EXPECT_EQ(f->TransformMarkdown("后台\n```\n后台\n", r), "後臺\n```\n后台\n");
  EXPECT_EQ(f->TransformMarkdown("`后台 发布", r), "`後臺 發佈");
}

TEST(ZhCli, StageKeepsUrlAndConverts) {
  test::CliResult r =
      test::RunCli({"zh", "--zh=s2t"},
                   "[发布后台](https://example.com/发布/后台) https://example.com/发布/后台\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "[發佈後臺](https://example.com/发布/后台) https://example.com/发布/后台\n");
  test::CliResult none = test::RunCli({"zh", "--no-zh-consistency"}, "后台\n");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("--zh"), std::string::npos) << none.err;
  test::CliResult bad = test::RunCli({"--zh=s2q"}, "后台\n");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("s2q"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace norm

namespace norm {
namespace {

TEST(ZhFilter, FrontMatterLangFollowsConversion) {
  Options options;
  options.zh.config = "s2tw";
  Status status;
  auto filter = MakeZhFilter(options, &status);
  ASSERT_NE(filter, nullptr);
  Document doc;
  doc.front_matter.present = true;
  doc.front_matter.entries.push_back({"lang", " \"zh-Hans\""});
  doc.blocks.push_back(Block::Paragraph({Inline::Text("发布")}));
  Report report;
  filter->Apply(doc, report);
  EXPECT_EQ(doc.front_matter.entries[0].value, " \"zh-TW\"");
  EXPECT_EQ(report.Get("zh", "lang-updated"), 1);
  // Not Chinese: left alone.
  Document en;
  en.front_matter.entries.push_back({"lang", "en"});
  filter->Apply(en, report);
  EXPECT_EQ(en.front_matter.entries[0].value, "en");
}

}  // namespace
}  // namespace norm

namespace norm {
namespace {

// `norm zh` (TransformMarkdown) and `norm --zh` (the reader, then the
// filter on prose front-matter values) use one front-matter parser
// (text/front_matter.h). Each input below was front matter for one and not
// for the other before.
TEST(ZhFilter, MarkdownStageAndReaderAgreeOnTheFrontMatter) {
  Options options;
  options.zh.config = "s2t";
  Status status;
  auto f = ZhFilter::Make(options, &status);
  ASSERT_NE(f, nullptr) << status.message();
  f->set_markdown_prose(MarkdownProseRanges);
  struct Case {
    std::string in, want;
    bool front_matter;
  };
  const Case cases[] = {
      // A fence with trailing spaces opens and closes the block (a key that
      // is not prose keeps its value).
      {"--- \n发布: 后台\n--- \n后台\n", "--- \n发布: 后台\n--- \n後臺\n", true},
      // "key:value" without a space is no key: the line continues the
      // entry before it, and a continuation that is not indented is kept.
      {"---\nsummary: 后台\ntitle:后台\n---\n", "---\nsummary: 後臺\ntitle:后台\n---\n", true},
      // Text before the first key: not front matter, all of it is prose.
      {"---\n后台\n---\n", "---\n後臺\n---\n", false},
  };
  for (const Case& c : cases) {
    Report r;
    EXPECT_EQ(f->TransformMarkdown(c.in, r), c.want) << c.in;
    FrontMatter fm;
    EXPECT_EQ(SplitFrontMatter(c.in, &fm).size() != c.in.size(), c.front_matter) << c.in;
    EXPECT_EQ(fm.present, c.front_matter) << c.in;
  }
}

}  // namespace
}  // namespace norm
