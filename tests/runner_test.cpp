// The runner in the library: commands, options by name, the caller's own
// filters, batches. (The CLI and the Python binding are shells over these.)
#include <gtest/gtest.h>

#include "norm/norm.h"
#include "norm/records.h"
#include "norm/registry.h"

namespace norm {
namespace {

Options With(Command command) {
  Options o;
  o.command = command;
  return o;
}

TEST(Runner, CommandsRunTheirStageOnly) {
  // GBK bytes read as windows-1252, in a Markdown page.
  const std::string text = "# T\n\n\xC3\xA4 *x*\n";
  EXPECT_EQ(Normalizer(With(Command::kDecode)).Normalize(text).markdown, text);
  // fix: the repair filters, the markup left as it is.
  EXPECT_EQ(Normalizer(With(Command::kFix)).Normalize(text).markdown, "# T\n\n\xC3\xA4 *x*\n");
  EXPECT_EQ(Normalizer(With(Command::kFix)).Normalize("caf\xC3\x83\xC2\xA9 *x*").markdown,
            "caf\xC3\xA9 *x*");
  // html2md: read and write, no text repairs.
  EXPECT_EQ(Normalizer(With(Command::kHtmlToMarkdown))
                .Normalize("<p>caf\xC3\x83\xC2\xA9 <b>x</b></p>")
                .markdown,
            "caf\xC3\x83\xC2\xA9 **x**\n");
}

TEST(Runner, DetectReportsTheEncodingOnly) {
  Result r = Normalizer(With(Command::kDetect)).Normalize("plain ascii");
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.markdown, "");
  EXPECT_EQ(*r.report.GetFact("decode", "encoding"), "UTF-8");
  EXPECT_EQ(*r.report.GetFact("decode", "source"), "utf8");
  Options bad = With(Command::kDetect);
  bad.decode.from_code = "no-such-encoding";
  EXPECT_EQ(Normalizer(bad).Normalize("x").status.code(), StatusCode::kConfig);
}

TEST(Runner, ZhGoesThroughTheRegistry) {
  Options o = With(Command::kZh);
  // Script consistency alone is something to do; without it, nothing.
  EXPECT_TRUE(Normalizer(o).status().ok()) << Normalizer(o).status().ToString();
  o.zh.consistency = false;
  EXPECT_EQ(Normalizer(o).status().code(), StatusCode::kConfig) << "nothing to convert with";
  o.zh.consistency = true;
  o.zh.config = "s2t";
  Result r = Normalizer(o).Normalize("# 汉字\n\n`汉字` 汉字\n");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.markdown, "# 漢字\n\n`汉字` 漢字\n");
  o.steps = "-zh";  // --steps applies to `norm zh` too
  EXPECT_EQ(Normalizer(o).status().code(), StatusCode::kConfig);
}

TEST(Runner, EveryCommandRefusesBinaryAndOversizedInput) {
  for (Command c :
       {Command::kNormalize, Command::kDecode, Command::kFix, Command::kHtmlToMarkdown}) {
    Options o = With(c);
    EXPECT_EQ(Normalizer(o).Normalize(std::string("a\0b", 3)).status.code(),
              StatusCode::kBinaryInput);
    o.max_size = 2;
    EXPECT_EQ(Normalizer(o).Normalize("abc").status.code(), StatusCode::kTooLarge);
  }
}

TEST(Runner, CommandsByName) {
  for (const char* name : {"detect", "decode", "fix", "html2md", "zh"})
    EXPECT_NE(FindCommand(name), nullptr) << name;
  EXPECT_EQ(FindCommand("check"), nullptr) << "the CLI's own";
  EXPECT_EQ(FindCommand("fix")->command, Command::kFix);
}

TEST(Options, SetByName) {
  Options o;
  EXPECT_TRUE(SetOption(o, "from-code", "GBK").ok());
  EXPECT_EQ(o.decode.from_code, "GBK");
  EXPECT_TRUE(SetOption(o, "max-size", "64M").ok());
  EXPECT_EQ(o.max_size, uint64_t{64} << 20);
  EXPECT_TRUE(SetOption(o, "no-images", "").ok());
  EXPECT_FALSE(o.html.images);
  EXPECT_TRUE(SetOption(o, "on-invalid", "strict").ok());
  EXPECT_EQ(o.decode.on_invalid, OnInvalid::kStrict);

  Status s = SetOption(o, "on-invalid", "maybe");
  EXPECT_EQ(s.code(), StatusCode::kConfig);
  EXPECT_EQ(s.message(), "--on-invalid takes replace, strict or skip, not 'maybe'");
  EXPECT_EQ(SetOption(o, "no-such-option", "").code(), StatusCode::kConfig);
  EXPECT_EQ(SetOption(o, "binary", "yes").code(), StatusCode::kConfig) << "a switch";
}

TEST(Options, EveryNamedOptionSetsSomething) {
  for (const OptionInfo& info : NamedOptions()) {
    Options o;
    std::string value = info.arg.empty()            ? ""
                        : info.name == "on-invalid" ? "skip"
                        : info.name == "format"     ? "html"
                        : info.name == "nf"         ? "NFKC"
                        : info.name == "max-size"   ? "1K"
                        : info.name == "to"         ? "json"
                                                    : "x";
    ASSERT_TRUE(SetOption(o, info.name, value).ok()) << info.name;
    Options defaults;
    bool changed =
        o.decode.from_code != defaults.decode.from_code || o.decode.lang != defaults.decode.lang ||
        o.decode.on_invalid != defaults.decode.on_invalid || o.format != defaults.format ||
        o.steps != defaults.steps || o.html.images != defaults.html.images ||
        o.html.boilerplate != defaults.html.boilerplate ||
        o.html.keep_ruby != defaults.html.keep_ruby ||
        o.html.adblock_list != defaults.html.adblock_list ||
        o.html.base_url != defaults.html.base_url || o.zh.config != defaults.zh.config ||
        o.zh.target != defaults.zh.target || o.zh.dict_file != defaults.zh.dict_file ||
        o.zh.consistency != defaults.zh.consistency || o.unicode.form != defaults.unicode.form ||
        o.unicode.fold_width != defaults.unicode.fold_width ||
        o.unicode.fold_spaces != defaults.unicode.fold_spaces || o.max_size != defaults.max_size ||
        o.allow_binary != defaults.allow_binary || o.explain != defaults.explain ||
        o.to != defaults.to;
    EXPECT_TRUE(changed) << info.name;
    EXPECT_FALSE(info.help.empty()) << info.name;
  }
}

TEST(Status, CodeNames) {
  EXPECT_EQ(StatusCodeName(StatusCode::kOk), "ok");
  EXPECT_EQ(StatusCodeName(StatusCode::kInvalidInput), "invalid-input");
  EXPECT_EQ(StatusCodeName(StatusCode::kBinaryInput), "binary-input");
  EXPECT_EQ(StatusCodeName(StatusCode::kTooLarge), "too-large");
  EXPECT_EQ(StatusCodeName(StatusCode::kIoError), "io-error");
  EXPECT_EQ(StatusCodeName(StatusCode::kConfig), "config");
}

// A filter a user writes: upper-cases ASCII prose, and counts it.
class Shout : public TextFilter {
 public:
  explicit Shout(std::string name = "shout") : name_(std::move(name)) {}
  std::string_view name() const override { return name_; }
  std::string Transform(std::string_view text, Report& report) const override {
    std::string out(text);
    for (char& c : out)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    report.Count(name_, "spans");
    return out;
  }

 private:
  std::string name_;
};

std::vector<std::unique_ptr<Filter>> Shouting(std::string name = "shout") {
  std::vector<std::unique_ptr<Filter>> v;
  v.push_back(std::make_unique<Shout>(std::move(name)));
  return v;
}

std::vector<std::string> StepNames(const Normalizer& n) {
  std::vector<std::string> names;
  for (const auto& f : n.pipeline().steps()) names.emplace_back(f->name());
  return names;
}

TEST(CustomFilter, RunsBeforeUnicodeInTheDefaultPipeline) {
  Normalizer n(Options{}, Shouting());
  ASSERT_TRUE(n.status().ok()) << n.status().ToString();
  std::vector<std::string> names = StepNames(n);
  ASSERT_GE(names.size(), 2u);
  EXPECT_EQ(names[names.size() - 2], "shout");
  EXPECT_EQ(names.back(), "unicode");
  Result r = n.Normalize("<p>hello <a href='x'>world</a></p>");
  EXPECT_EQ(r.markdown, "HELLO [WORLD](x)\n");
  EXPECT_EQ(r.report.Get("shout", "spans"), 2);
}

TEST(CustomFilter, PlacedWhereStepsNameIt) {
  Options o;
  o.steps = "shout,unicode";
  Normalizer n(o, Shouting());
  ASSERT_TRUE(n.status().ok());
  EXPECT_EQ(StepNames(n), (std::vector<std::string>{"shout", "unicode"}));
  o.steps = "-shout";
  EXPECT_EQ(StepNames(Normalizer(o, Shouting())).back(), "unicode");
  o.steps = "-boilerplate";
  EXPECT_NE(StepNames(Normalizer(o, Shouting())).size(), 0u);
}

TEST(CustomFilter, BadPlacementsAreConfigErrors) {
  Options o;
  o.steps = "unicode";  // an explicit list must place it
  EXPECT_EQ(Normalizer(o, Shouting()).status().code(), StatusCode::kConfig);
  o.steps = "shout,shout";
  EXPECT_EQ(Normalizer(o, Shouting()).status().code(), StatusCode::kConfig);
  EXPECT_EQ(Normalizer(Options{}, Shouting("unicode")).status().code(), StatusCode::kConfig)
      << "a registered name";
}

TEST(CustomFilter, OnlyTheWholePipelineRunsIt) {
  Normalizer n(With(Command::kFix), Shouting());
  ASSERT_TRUE(n.status().ok());
  EXPECT_EQ(n.Normalize("quiet").markdown, "quiet");
}

TEST(Batch, KeepsOrderOnThreads) {
  std::vector<std::string> docs;
  for (int i = 0; i < 40; ++i) docs.push_back("doc " + std::to_string(i) + "\n\n\n  x");
  docs[7] = "bad \xE9";
  Options o;
  o.decode.from_code = "UTF-8";
  o.decode.on_invalid = OnInvalid::kStrict;
  Normalizer n(o);
  std::vector<Result> results = n.NormalizeBatch(docs, 3);
  ASSERT_EQ(results.size(), docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    if (i == 7) {
      EXPECT_EQ(results[i].status.code(), StatusCode::kInvalidInput);
    } else {
      EXPECT_EQ(results[i].markdown, n.Normalize(docs[i]).markdown);
    }
  }
  std::vector<std::string> lines = {R"({"text":"a  b"})", "{broken", R"({"text":"c"})"};
  std::vector<RecordResult> records = NormalizeRecords(n, lines, RecordOptions{}, 2);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].output, R"({"text":"a b\n"})");
  EXPECT_FALSE(records[1].status.ok());
  EXPECT_EQ(records[2].output, R"({"text":"c\n"})");
}

}  // namespace
}  // namespace norm
