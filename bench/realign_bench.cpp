// The realign filter's cost per line (issue 18: a damaged line at most 5 ms
// median and 50 ms at p99, clean lines at full speed).
//   Realign/DamagedLine: the misaligned lines of tests/data/realign_*.tsv
//     (scripts/cjk_damage.py output, our own sentences), one line a call, in
//     turn; counters median_ms and p99_ms are the per-line latencies of one
//     pass over all of them, measured before the timed loop.
//   Realign/CleanLine: the clean sentences of tests/data/cjk_sentences_*.txt,
//     one line a call; bytes_per_second is the clean-text throughput.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "norm/report.h"
#include "realign.h"

namespace {

std::vector<std::string> DamagedLines() {
  std::vector<std::string> out;
  for (const char* name : {"realign_gbk.tsv", "realign_lost.tsv"}) {
    std::ifstream in(std::string(NORM_SOURCE_DIR) + "/tests/data/" + name);
    std::string line;
    while (std::getline(in, line)) {
      size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
      if (t1 == std::string::npos || t2 == std::string::npos) continue;
      if (std::stoi(line.substr(t2 + 1)) > 0) out.push_back(line.substr(0, t1));
    }
  }
  return out;
}

std::vector<std::string> CleanLines() {
  std::vector<std::string> out;
  for (const char* name : {"cjk_sentences_hans.txt", "cjk_sentences_hant.txt"}) {
    std::ifstream in(std::string(NORM_SOURCE_DIR) + "/tests/data/" + name);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty()) out.push_back(line);
    }
  }
  return out;
}

void BM_RealignDamagedLine(benchmark::State& state) {
  const std::vector<std::string> lines = DamagedLines();
  if (lines.empty()) {
    state.SkipWithError("tests/data/realign_*.tsv missing");
    return;
  }
  const norm::RealignFilter filter;
  std::vector<double> ms;
  for (const std::string& line : lines) {
    norm::Report report;
    auto t0 = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(filter.Transform(line, report));
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  state.counters["median_ms"] = ms[ms.size() / 2];
  state.counters["p99_ms"] = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  state.counters["lines"] = static_cast<double>(lines.size());
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    norm::Report report;
    const std::string& line = lines[i++ % lines.size()];
    benchmark::DoNotOptimize(filter.Transform(line, report));
    bytes += line.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_RealignDamagedLine)->Name("Realign/DamagedLine")->Unit(benchmark::kMillisecond);

void BM_RealignCleanLine(benchmark::State& state) {
  const std::vector<std::string> lines = CleanLines();
  if (lines.empty()) {
    state.SkipWithError("tests/data/cjk_sentences_*.txt missing");
    return;
  }
  const norm::RealignFilter filter;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    norm::Report report;
    const std::string& line = lines[i++ % lines.size()];
    benchmark::DoNotOptimize(filter.Transform(line, report));
    bytes += line.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_RealignCleanLine)->Name("Realign/CleanLine");

}  // namespace
