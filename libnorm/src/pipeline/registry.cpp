// The one table of filters, in default pipeline order. Add a row per filter.
#include "norm/registry.h"
#include "build_pipeline.h"

#include "boilerplate.h"
#include "metadata.h"
#include "unicode.h"
#include "zh.h"

#include <algorithm>
#include <array>
#include <vector>

#include "cjk_mojibake.h"
#include "cjk_punct.h"
#include "mojibake.h"
#include "realign.h"
#include "ruby.h"

namespace norm {
namespace {

template <typename T>
std::unique_ptr<Filter> Make(const Options& options, Status* status) {
  return T::Create(options, status);
}

std::span<const FilterInfo> Table() {
  // name, description, stage, in default pipeline, factory
  static const std::vector<FilterInfo> kFilters = {
      {"cjk-mojibake",
       "UTF-8 decoded as GBK/Big5/Shift_JIS/EUC, CJK bytes decoded as windows-1252, GBK<->Big5",
       Stage::kRepair, true, &Make<CjkMojibakeFilter>},
      {"mojibake", "UTF-8 decoded as a single-byte code page (once or more), CESU-8, C1 controls",
       Stage::kRepair, true, &Make<MojibakeFilter>},
      {"realign", "GBK/Big5 text decoded one byte out of step (inserted annotations, lost bytes)",
       Stage::kRepair, true, Make<RealignFilter>},
      {"ruby",
       "flattened ruby annotations (導(dǎo), 注(ㄓㄨˋ), 漢字(かんじ)) checked against Unihan",
       Stage::kRepair, true, Make<RubyFilter>},
      {"cjk-punct", "stray and doubled commas, ASCII , ; : ! ? ( ) between CJK made full-width",
       Stage::kRepair, true, Make<CjkPunctFilter>},
      {"boilerplate",
       "drop navigation, menus, link lists, share labels, copyright/ICP lines and related-title "
       "lists; keep the article (works on Markdown pages too)",
       Stage::kMarkup, true, &Make<BoilerplateFilter>},
      {"metadata",
       "fill missing front-matter keys (title, date, author, source, lang) from page metadata",
       Stage::kMarkup, true, &Make<MetadataFilter>},
      {"zh", "Chinese script variants with OpenCC (--zh=CONFIG, --zh-target), prose only",
       Stage::kScript, true, MakeZhFilter},
      {"unicode",
       "NFC/NFKC, width folding, controls, zero-width and BOMs, line endings, leftover entities",
       Stage::kUnicode, true, MakeUnicodeFilter},
  };
  return kFilters;
}

std::vector<std::string_view> SplitSteps(std::string_view steps) {
  std::vector<std::string_view> names;
  size_t pos = 0;
  while (pos <= steps.size()) {
    size_t end = steps.find(',', pos);
    if (end == std::string_view::npos) end = steps.size();
    std::string_view name = steps.substr(pos, end - pos);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (!name.empty()) names.push_back(name);
    pos = end + 1;
  }
  return names;
}

}  // namespace

std::span<const FilterInfo> Filters() { return Table(); }

const FilterInfo* FindFilter(std::string_view name) {
  for (const FilterInfo& f : Table())
    if (f.name == name) return &f;
  return nullptr;
}

std::string_view StageName(Stage stage) {
  switch (stage) {
    case Stage::kRepair:
      return "repair";
    case Stage::kMarkup:
      return "markup";
    case Stage::kScript:
      return "script";
    case Stage::kUnicode:
      return "unicode";
  }
  return "";
}

std::span<const CommandInfo> Commands() {
  struct Row {
    CommandInfo info;
    bool needs_stage;  // offered only when a filter of `stage` is registered
    Stage stage;
  };
  static const Row kRows[] = {
      {{"detect", "Print each input's encoding, confidence and evidence.", Command::kDetect},
       false,
       Stage::kRepair},
      {{"decode", "Decode to UTF-8 text; nothing else.", Command::kDecode}, false, Stage::kRepair},
      {{"fix", "Repair encoding damage in UTF-8 text (no markup parsing).", Command::kFix},
       true,
       Stage::kRepair},
      {{"html2md", "HTML or Markdown page to Markdown, with page cleanup; no text repairs.",
        Command::kHtmlToMarkdown},
       false,
       Stage::kMarkup},
      {{"zh", "Convert Chinese script variants (OpenCC) in text.", Command::kZh},
       true,
       Stage::kScript},
  };
  static const std::vector<CommandInfo> kOffered = [] {
    std::vector<CommandInfo> out;
    for (const Row& row : kRows) {
      bool has_filter = std::any_of(Table().begin(), Table().end(),
                                    [&](const FilterInfo& f) { return f.stage == row.stage; });
      if (!row.needs_stage || has_filter) out.push_back(row.info);
    }
    return out;
  }();
  return kOffered;
}

const CommandInfo* FindCommand(std::string_view name) {
  for (const CommandInfo& c : Commands())
    if (c.name == name) return &c;
  return nullptr;
}

namespace {

// One step of a pipeline being built: a registry row, or the caller's own
// filter custom[index].
struct Step {
  const FilterInfo* info = nullptr;
  size_t custom = 0;
};

size_t FindCustom(const std::vector<std::unique_ptr<Filter>>& custom, std::string_view name) {
  for (size_t i = 0; i < custom.size(); ++i)
    if (custom[i]->name() == name) return i;
  return custom.size();
}

// Checks the names of options.steps and of the custom filters, and puts
// them in order: the list as written, or the default pipeline without the
// '-name' removals, custom filters before the Unicode stage (which keeps
// the output normalized).
Status ChooseSteps(const Options& options, const std::vector<std::unique_ptr<Filter>>& custom,
                   std::vector<Step>* steps) {
  for (size_t i = 0; i < custom.size(); ++i) {
    if (custom[i] == nullptr) return Status(StatusCode::kConfig, "a custom filter is null");
    std::string_view name = custom[i]->name();
    if (FindFilter(name) != nullptr || FindCustom(custom, name) != i || name.empty() ||
        name.front() == '-')
      return Status(StatusCode::kConfig,
                    "filter name '" + std::string(name) + "' is taken or not a name");
  }
  std::vector<std::string_view> names = SplitSteps(options.steps);
  bool subtractive = !names.empty() && std::all_of(names.begin(), names.end(),
                                                   [](auto n) { return n.front() == '-'; });
  for (std::string_view name : names) {
    std::string_view bare = name.front() == '-' ? name.substr(1) : name;
    if (FindFilter(bare) == nullptr && FindCustom(custom, bare) == custom.size())
      return Status(StatusCode::kConfig,
                    "unknown filter '" + std::string(bare) + "' (see norm --list-filters)");
    if (name.front() == '-' && !subtractive)
      return Status(StatusCode::kConfig, "--steps mixes '-name' removals with names; use one form");
  }
  auto removed = [&](std::string_view name) {
    return std::any_of(names.begin(), names.end(), [&](auto n) { return n.substr(1) == name; });
  };
  if (names.empty() || subtractive) {
    for (const FilterInfo& f : Table())
      if (f.in_default_pipeline && !removed(f.name)) steps->push_back({&f, 0});
    auto unicode = std::find_if(steps->begin(), steps->end(),
                                [](const Step& s) { return s.info->stage == Stage::kUnicode; });
    size_t at = static_cast<size_t>(unicode - steps->begin());
    for (size_t i = 0; i < custom.size(); ++i)
      if (!removed(custom[i]->name())) steps->insert(steps->begin() + at++, {nullptr, i});
    return Status::Ok();
  }
  std::vector<bool> placed(custom.size());
  for (std::string_view name : names) {
    if (const FilterInfo* f = FindFilter(name)) {
      steps->push_back({f, 0});
      continue;
    }
    size_t i = FindCustom(custom, name);
    if (placed[i])
      return Status(StatusCode::kConfig, "--steps names '" + std::string(name) + "' twice");
    placed[i] = true;
    steps->push_back({nullptr, i});
  }
  for (size_t i = 0; i < custom.size(); ++i)
    if (!placed[i])
      return Status(StatusCode::kConfig, "filter '" + std::string(custom[i]->name()) +
                                             "' has no place: name it in --steps");
  return Status::Ok();
}

std::unique_ptr<Pipeline> Build(const Options& options, Status* status,
                                std::span<const Stage> stages,
                                std::vector<std::unique_ptr<Filter>> custom) {
  std::vector<Step> steps;
  *status = ChooseSteps(options, custom, &steps);
  if (!status->ok()) return nullptr;
  auto pipeline = std::make_unique<Pipeline>();
  for (const Step& step : steps) {
    if (step.info == nullptr) {
      pipeline->Add(std::move(custom[step.custom]));
      continue;
    }
    if (!stages.empty() &&
        std::find(stages.begin(), stages.end(), step.info->stage) == stages.end())
      continue;
    Status s;
    std::unique_ptr<Filter> filter = step.info->make(options, &s);
    if (!s.ok()) {
      *status = Status(s.code(), std::string(step.info->name) + ": " + s.message());
      return nullptr;
    }
    if (filter) pipeline->Add(std::move(filter));
  }
  return pipeline;
}

}  // namespace

std::unique_ptr<Pipeline> BuildPipeline(const Options& options, Status* status,
                                        std::span<const Stage> stages) {
  return Build(options, status, stages, {});
}

std::unique_ptr<Pipeline> BuildCommandPipeline(const Options& options,
                                               std::vector<std::unique_ptr<Filter>> custom,
                                               Status* status) {
  Stage stage;
  switch (options.command) {
    case Command::kNormalize:
      return Build(options, status, {}, std::move(custom));
    case Command::kDetect:
    case Command::kDecode: {
      std::vector<Step> unused;
      *status = ChooseSteps(options, {}, &unused);
      return status->ok() ? std::make_unique<Pipeline>() : nullptr;
    }
    case Command::kFix:
      stage = Stage::kRepair;
      break;
    case Command::kHtmlToMarkdown:
      stage = Stage::kMarkup;
      break;
    case Command::kZh:
      stage = Stage::kScript;
      break;
  }
  std::unique_ptr<Pipeline> pipeline = Build(options, status, {&stage, 1}, {});
  if (pipeline != nullptr && options.command == Command::kZh && pipeline->steps().empty()) {
    *status = Status(StatusCode::kConfig, "norm zh needs --zh=CONFIG or --zh-target=TARGET");
    return nullptr;
  }
  return pipeline;
}

}  // namespace norm
