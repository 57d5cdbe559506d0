// `norm fix` line by line on a real-text bench file: throughput and the
// worst line (thread CPU time), per repair filter and for the whole repair stage. The file is
// the mixed mojibake bench (bench/make_mixed_bench.py), named by the
// environment variable NORM_MIXED_BENCH; without it the benchmarks are
// skipped. Figures go to docs/performance.md; they are never asserted.
//
//   NORM_MIXED_BENCH=/path/mixed.txt build/bench/norm_bench
//       --benchmark_filter=FixLines --benchmark_repetitions=3
//
// With NORM_FIX_LINES_SLOW=FILE, every line over 0.5 ms is appended to FILE
// (benchmark, line number, microseconds, the line) for profiling.
#include <benchmark/benchmark.h>

#include <time.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "build_pipeline.h"
#include "norm/document.h"
#include "norm/options.h"
#include "norm/registry.h"
#include "norm/report.h"

namespace {

const std::vector<std::string>* BenchLines() {
  static const std::vector<std::string> lines = [] {
    std::vector<std::string> v;
    const char* path = std::getenv("NORM_MIXED_BENCH");
    if (path == nullptr) return v;
    std::ifstream in(path, std::ios::binary);
    for (std::string l; std::getline(in, l);) v.push_back(l);
    return v;
  }();
  return lines.empty() ? nullptr : &lines;
}

// CPU time of this thread, in microseconds: a line's cost without the
// other processes of a shared machine.
double ThreadMicros() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

// Runs the repair filters named by `steps` ("" = the default repair stage)
// over every line alone, as `norm fix --lines` does.
void FixLines(benchmark::State& state, const std::string& steps) {
  const auto* lines = BenchLines();
  if (lines == nullptr) {
    state.SkipWithError("set NORM_MIXED_BENCH to the mixed bench file");
    return;
  }
  norm::Options options;
  options.steps = steps;
  norm::Status status;
  const norm::Stage stage = norm::Stage::kRepair;
  auto pipeline = norm::BuildPipeline(options, &status, {&stage, 1});
  if (!status.ok() || pipeline == nullptr) {
    state.SkipWithError("cannot build the pipeline");
    return;
  }
  size_t bytes = 0;
  for (const auto& l : *lines) bytes += l.size() + 1;
  double worst_us = 0;
  size_t worst_line = 0, over_1ms = 0;
  std::ofstream slow;
  if (const char* path = std::getenv("NORM_FIX_LINES_SLOW")) slow.open(path, std::ios::app);
  for (auto _ : state) {
    for (size_t i = 0; i < lines->size(); ++i) {
      double t0 = ThreadMicros();
      // Each line is a document of its own, with its own Report (budgets
      // per document must not hide what a line costs).
      norm::Report report;
      norm::Document doc;
      doc.blocks.push_back(norm::Block::Paragraph({norm::Inline::Text((*lines)[i])}));
      pipeline->Apply(doc, report);
      benchmark::DoNotOptimize(doc);
      double us = ThreadMicros() - t0;
      if (us > worst_us) worst_us = us, worst_line = i + 1;
      over_1ms += us > 1000;
      if (slow.is_open() && us > 500) {
        slow << (steps.empty() ? "all" : steps) << '\t' << i + 1 << '\t' << us << '\t'
             << (*lines)[i] << '\n';
      }
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["worst_line_us"] = worst_us;
  state.counters["worst_line_no"] = static_cast<double>(worst_line);
  state.counters["lines_over_1ms"] =
      static_cast<double>(over_1ms) / static_cast<double>(state.iterations());
}

void BM_FixLinesAllRepairs(benchmark::State& state) { FixLines(state, ""); }
void BM_FixLinesMojibake(benchmark::State& state) { FixLines(state, "mojibake"); }
void BM_FixLinesCjkMojibake(benchmark::State& state) { FixLines(state, "cjk-mojibake"); }
void BM_FixLinesRealign(benchmark::State& state) { FixLines(state, "realign"); }
void BM_FixLinesRuby(benchmark::State& state) { FixLines(state, "ruby"); }
void BM_FixLinesCjkPunct(benchmark::State& state) { FixLines(state, "cjk-punct"); }
BENCHMARK(BM_FixLinesAllRepairs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FixLinesMojibake)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FixLinesCjkMojibake)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FixLinesRealign)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FixLinesRuby)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FixLinesCjkPunct)->Unit(benchmark::kMillisecond);

}  // namespace
