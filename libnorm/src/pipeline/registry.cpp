// The one table of filters, in default pipeline order. Add a row per filter.
#include "norm/registry.h"

#include "norm/boilerplate.h"
#include "norm/metadata.h"
#include "norm/unicode.h"
#include "norm/zh.h"

#include <algorithm>
#include <array>
#include <vector>

#include "norm/cjk_mojibake.h"
#include "norm/cjk_punct.h"
#include "norm/mojibake.h"
#include "norm/realign.h"
#include "norm/ruby.h"

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

std::unique_ptr<Pipeline> BuildPipeline(const Options& options, Status* status,
                                        std::span<const Stage> stages) {
  *status = Status::Ok();
  std::vector<std::string_view> names = SplitSteps(options.steps);
  bool subtractive = !names.empty() && std::all_of(names.begin(), names.end(),
                                                   [](auto n) { return n.front() == '-'; });
  for (std::string_view name : names) {
    std::string_view bare = name.front() == '-' ? name.substr(1) : name;
    if (FindFilter(bare) == nullptr) {
      *status = Status(StatusCode::kConfig,
                       "unknown filter '" + std::string(bare) + "' (see norm --list-filters)");
      return nullptr;
    }
    if (name.front() == '-' && !subtractive) {
      *status =
          Status(StatusCode::kConfig, "--steps mixes '-name' removals with names; use one form");
      return nullptr;
    }
  }
  std::vector<const FilterInfo*> chosen;
  if (names.empty() || subtractive) {
    for (const FilterInfo& f : Table()) {
      bool removed =
          std::any_of(names.begin(), names.end(), [&](auto n) { return n.substr(1) == f.name; });
      if (f.in_default_pipeline && !removed) chosen.push_back(&f);
    }
  } else {
    for (std::string_view name : names) chosen.push_back(FindFilter(name));
  }
  auto pipeline = std::make_unique<Pipeline>();
  for (const FilterInfo* f : chosen) {
    if (!stages.empty() && std::find(stages.begin(), stages.end(), f->stage) == stages.end())
      continue;
    Status s;
    std::unique_ptr<Filter> filter = f->make(options, &s);
    if (!s.ok()) {
      *status = Status(s.code(), std::string(f->name) + ": " + s.message());
      return nullptr;
    }
    if (filter) pipeline->Add(std::move(filter));
  }
  return pipeline;
}

}  // namespace norm
