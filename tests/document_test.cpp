#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "build_pipeline.h"
#include "norm/norm.h"
#include "norm/registry.h"

namespace norm {
namespace {

TEST(FrontMatter, QuoteAndUnquoteRoundTrip) {
  for (std::string s :
       {"plain", "with \"quotes\"", "back\\slash", "tab\tand\nnewline", "中文: 标题"})
    EXPECT_EQ(FrontMatter::Unquote(FrontMatter::Quote(s)), s);
  EXPECT_EQ(FrontMatter::Unquote(" 'it''s'"), "it's");
  EXPECT_EQ(FrontMatter::Unquote(" plain value # comment"), "plain value");
  EXPECT_EQ(FrontMatter::Unquote(" \"\\u4e2d\""), "中");
}

// YAML's form of control characters, not JSON's (json::AppendYamlString).
TEST(FrontMatter, QuoteEscapesControlsTheYamlWay) {
  EXPECT_EQ(FrontMatter::Quote("a\"b\\c\nd\te\rf\x01g\x7Fh中"),
            "\"a\\\"b\\\\c\\nd\\te\\x0Df\\x01g\\x7Fh中\"");
  EXPECT_EQ(FrontMatter::Unquote(FrontMatter::Quote("e\rf\x01g\x7Fh")), "e\rf\x01g\x7Fh");
}

TEST(FrontMatter, AddIfMissingNeverOverwrites) {
  FrontMatter fm;
  EXPECT_TRUE(fm.AddIfMissing("title", "A: b"));
  EXPECT_FALSE(fm.AddIfMissing("title", "other"));
  ASSERT_EQ(fm.entries.size(), 1u);
  EXPECT_EQ(FrontMatter::Unquote(fm.entries[0].value), "A: b");
}

TEST(ForEachProse, VisitsProseOnly) {
  Document doc;
  doc.front_matter.present = true;
  doc.front_matter.entries = {{"title", " 发布"}, {"url", " https://x/发布"}};
  Inline link;
  link.kind = InlineKind::kLink;
  link.url = "https://example.com/发布/后台";
  link.children.push_back(Inline::Text("发布"));
  Inline code{InlineKind::kCode, "发布", {}, {}, {}};
  doc.blocks.push_back(Block::Paragraph({Inline::Text("发布 "), link, code}));
  Block codeblock;
  codeblock.kind = BlockKind::kCode;
  codeblock.literal = "发布\n";
  doc.blocks.push_back(codeblock);

  int visits = 0;
  ForEachProse(doc, [&](std::string& s) {
    ++visits;
    size_t pos;
    while ((pos = s.find("发布")) != std::string::npos) s.replace(pos, 6, "發佈");
  });
  EXPECT_EQ(visits, 3);  // title, text, link text
  EXPECT_EQ(doc.front_matter.entries[0].value, " \"發佈\"");
  EXPECT_EQ(doc.front_matter.entries[1].value, " https://x/发布");
  EXPECT_EQ(doc.blocks[0].inlines[1].url, "https://example.com/发布/后台");
  EXPECT_EQ(doc.blocks[0].inlines[1].children[0].text, "發佈");
  EXPECT_EQ(doc.blocks[0].inlines[2].text, "发布");
  EXPECT_EQ(doc.blocks[1].literal, "发布\n");
}

class Upper : public TextFilter {
 public:
  std::string_view name() const override { return "upper"; }
  std::string Transform(std::string_view text, Report& report) const override {
    std::string out(text);
    for (char& c : out)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    report.Count(name(), "spans");
    return out;
  }
};

TEST(Pipeline, IsAFilterThatAppliesStepsInOrder) {
  Pipeline p;
  p.Add(std::make_unique<Upper>());
  Document doc;
  doc.blocks.push_back(Block::Paragraph({Inline::Text("abc")}));
  Report report;
  p.Apply(doc, report);
  EXPECT_EQ(doc.blocks[0].inlines[0].text, "ABC");
  EXPECT_EQ(report.Get("upper", "spans"), 1);
}

TEST(Report, JsonAndTextAreDeterministic) {
  Report r;
  r.Set("decode", "encoding", "GB18030");
  r.Count("ruby", "removed", 2);
  r.Count("ruby", "removed", 3);
  r.AddEvent({"ruby", "removed reading", 4, "導(dǎo)", "導"});
  EXPECT_EQ(r.ToJson(), "{\"decode\":{\"encoding\":\"GB18030\"},\"ruby\":{\"removed\":5}}");
  EXPECT_EQ(r.ToText(),
            "decode.encoding=GB18030\nruby.removed=5\nruby: removed reading at 4: \"導(dǎo)\" -> "
            "\"導\"\n");
}

TEST(Registry, UnknownStepIsAConfigError) {
  Options o;
  o.steps = "definitely-not-a-filter";
  Status s;
  EXPECT_EQ(BuildPipeline(o, &s), nullptr);
  EXPECT_EQ(s.code(), StatusCode::kConfig);
  EXPECT_NE(s.message().find("definitely-not-a-filter"), std::string::npos);
}

TEST(Registry, EveryFilterHasNameDescriptionAndFactory) {
  for (const FilterInfo& f : Filters()) {
    EXPECT_FALSE(f.name.empty());
    EXPECT_FALSE(f.description.empty()) << f.name;
    EXPECT_NE(f.make, nullptr) << f.name;
    EXPECT_EQ(FindFilter(f.name), &f);
  }
}

}  // namespace
}  // namespace norm

namespace norm {
namespace {

TEST(Registry, EveryFilterIsDocumented) {
  std::ifstream in(NORM_SOURCE_DIR "/docs/filters.md");
  std::stringstream ss;
  ss << in.rdbuf();
  for (const FilterInfo& f : Filters())
    EXPECT_NE(ss.str().find("`" + std::string(f.name) + "`"), std::string::npos)
        << "docs/filters.md has no line for filter " << f.name;
}

}  // namespace
}  // namespace norm
