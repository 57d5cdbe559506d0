// One microbenchmark per registered filter (read from the registry, so a new
// filter is measured without touching this file), each applied alone to
// the same ~1 MB Document of the team's multilingual sentences, clean and
// with every 4th line damaged by a kind from that filter's family. With a
// copy of the Document as the floor, measured in the same run. Figures go
// to docs/performance.md; they are never asserted.
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

#include "damage.h"
#include "norm/document.h"
#include "norm/registry.h"
#include "reader.h"

namespace {

std::vector<std::string> Sentences() {
  std::ifstream in(NORM_SOURCE_DIR "/bench/corpus/sentences.txt", std::ios::binary);
  std::vector<std::string> out;
  for (std::string l; std::getline(in, l);)
    if (!l.empty() && l[0] != '#') out.push_back(l);
  return out;
}

// The damage kinds that exercise each repair; other filters see them all.
std::vector<std::string> KindsFor(std::string_view filter) {
  if (filter == "realign") return {"gbk-drop-byte", "gbk-insert-byte", "big5-drop-byte"};
  if (filter == "ruby") return {"ruby"};
  if (filter == "cjk-punct") return {"ruby-punct"};
  if (filter == "cjk-mojibake") return {"utf8-as-gbk", "gbk-as-windows-1252", "gbk-as-big5"};
  return {"utf8-as-windows-1252", "utf8-as-windows-1251", "utf8-as-windows-1252-x2",
          "utf8-as-gbk",          "ruby-punct",           "gbk-drop-byte"};
}

// About 1 MB of text, one paragraph per sentence; with damage, every 4th
// sentence is damaged by the next kind that applies to it.
std::string Text(std::string_view filter, bool damaged) {
  static const std::vector<std::string> sentences = Sentences();
  const std::vector<std::string> kinds = KindsFor(filter);
  std::string text;
  size_t n = 0, k = 0;
  while (text.size() < (1u << 20)) {
    const std::string& line = sentences[n % sentences.size()];
    std::string out = line, error;
    if (damaged && n % 4 == 0) {
      for (size_t tries = 0; tries < kinds.size(); ++tries) {
        if (norm::damage::Apply(norm::damage::ResolveKind(kinds[k++ % kinds.size()]), line, n, &out,
                                &error) &&
            out != line)
          break;
        out = line;
      }
    }
    text += out;
    text += "\n\n";
    ++n;
  }
  return text;
}

void ApplyOne(benchmark::State& state, const norm::FilterInfo* info, bool damaged) {
  norm::Options options;
  if (info->name == "zh") options.zh.config = "s2t";
  norm::Status status;
  std::unique_ptr<norm::Filter> filter = info->make(options, &status);
  if (!filter) {
    state.SkipWithError(("cannot build filter: " + status.ToString()).c_str());
    return;
  }
  const std::string text = Text(info->name, damaged);
  norm::Document source;
  norm::Report read_report;
  if (!norm::ReadText(text, options, &source, read_report).ok()) {
    state.SkipWithError("ReadText failed");
    return;
  }
  for (auto _ : state) {
    state.PauseTiming();
    norm::Document doc = source;
    norm::Report report;
    state.ResumeTiming();
    filter->Apply(doc, report);
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void CopyFloor(benchmark::State& state) {
  const std::string text = Text("", false);
  norm::Document source;
  norm::Report report;
  if (!norm::ReadText(text, norm::Options(), &source, report).ok()) {
    state.SkipWithError("ReadText failed");
    return;
  }
  for (auto _ : state) {
    norm::Document doc = source;
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

[[maybe_unused]] const bool kRegistered = [] {
  benchmark::RegisterBenchmark("Filter/copy-document-floor", CopyFloor)
      ->Unit(benchmark::kMillisecond);
  for (const norm::FilterInfo& info : norm::Filters()) {
    for (bool damaged : {false, true}) {
      std::string name = "Filter/" + std::string(info.name) + (damaged ? "/damaged" : "/clean");
      benchmark::RegisterBenchmark(name.c_str(), ApplyOne, &info, damaged)
          ->Unit(benchmark::kMillisecond);
    }
  }
  return true;
}();

}  // namespace
