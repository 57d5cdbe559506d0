// Throughput of the mojibake and cjk-mojibake filters on a mixed file where
// most lines are clean, with peers measured in the same run: a memchr scan
// and UTF-8 validation over the same bytes. Figures go to
// docs/performance.md; they are never asserted.
#include <benchmark/benchmark.h>

#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "cjk_mojibake.h"
#include "damage.h"
#include "mojibake.h"
#include "norm/decode.h"
#include "norm/norm.h"

namespace {

std::vector<std::string> ReadLines(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> out;
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l[0] != '#') out.push_back(l);
  }
  return out;
}

// About 2 MB of lines: the clean corpus and the benchmark sentences, where
// every `damaged_every`-th line is damaged with a kind chosen round-robin
// (0: no damage at all).
const std::vector<std::string>& Mixed(int damaged_every) {
  static std::vector<std::string> cache[4];
  int slot = damaged_every == 0 ? 0 : damaged_every == 1 ? 1 : damaged_every == 20 ? 2 : 3;
  auto& lines = cache[slot];
  if (!lines.empty()) return lines;
  std::vector<std::string> clean = ReadLines(NORM_SOURCE_DIR "/bench/corpus/sentences.txt");
  std::vector<std::string> odd = ReadLines(NORM_SOURCE_DIR "/tests/data/clean_corpus.txt");
  clean.insert(clean.end(), odd.begin(), odd.end());
  const char* kinds[] = {"utf8-as-windows-1252", "utf8-as-windows-1251",    "utf8-as-gbk",
                         "gbk-as-windows-1252",  "utf8-as-windows-1252-x2", "utf8-as-macintosh"};
  size_t bytes = 0, n = 0, k = 0;
  while (bytes < (2u << 20)) {
    const std::string& line = clean[n % clean.size()];
    std::string out = line, error;
    if (damaged_every > 0 && n % damaged_every == 0) {
      for (size_t tries = 0; tries < 6; ++tries) {
        if (norm::damage::Apply(kinds[k++ % 6], line, n, &out, &error)) break;
        out = line;
      }
    }
    bytes += out.size() + 1;
    lines.push_back(std::move(out));
    ++n;
  }
  return lines;
}

size_t TotalBytes(const std::vector<std::string>& lines) {
  size_t b = 0;
  for (const auto& l : lines) b += l.size();
  return b;
}

// What TextFilter::Apply does for each prose span.
void RunFilter(benchmark::State& state, const norm::TextFilter& f, int damaged_every) {
  const auto& lines = Mixed(damaged_every);
  for (auto _ : state) {
    norm::Report report;
    size_t changed = 0;
    for (const auto& l : lines) {
      if (!f.MayChange(l)) continue;
      std::string out = f.Transform(l, report);
      changed += out != l;
    }
    benchmark::DoNotOptimize(changed);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes(lines)));
}

void BM_Mojibake(benchmark::State& state) {
  RunFilter(state, norm::MojibakeFilter(), static_cast<int>(state.range(0)));
}
BENCHMARK(BM_Mojibake)->Arg(0)->Arg(20)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_CjkMojibake(benchmark::State& state) {
  RunFilter(state, norm::CjkMojibakeFilter(), static_cast<int>(state.range(0)));
}
BENCHMARK(BM_CjkMojibake)->Arg(0)->Arg(20)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_BothRepairs(benchmark::State& state) {
  norm::MojibakeFilter a;
  norm::CjkMojibakeFilter b;
  const auto& lines = Mixed(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    norm::Report report;
    size_t changed = 0;
    for (const auto& l : lines) {
      // Registry order: cjk-mojibake, then mojibake.
      std::string cur = b.MayChange(l) ? b.Transform(l, report) : l;
      if (a.MayChange(cur)) cur = a.Transform(cur, report);
      changed += cur != l;
    }
    benchmark::DoNotOptimize(changed);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes(lines)));
}
BENCHMARK(BM_BothRepairs)->Arg(0)->Arg(20)->Arg(1)->Unit(benchmark::kMillisecond);

// Peers over the same lines.
void BM_PeerMemchr(benchmark::State& state) {
  const auto& lines = Mixed(20);
  for (auto _ : state) {
    size_t hits = 0;
    for (const auto& l : lines) hits += std::memchr(l.data(), 0xFF, l.size()) != nullptr;
    benchmark::DoNotOptimize(hits);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes(lines)));
}
BENCHMARK(BM_PeerMemchr)->Unit(benchmark::kMillisecond);

void BM_PeerValidateUtf8(benchmark::State& state) {
  const auto& lines = Mixed(20);
  for (auto _ : state) {
    size_t ok = 0;
    for (const auto& l : lines) ok += norm::IsValidUtf8(l);
    benchmark::DoNotOptimize(ok);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes(lines)));
}
BENCHMARK(BM_PeerValidateUtf8)->Unit(benchmark::kMillisecond);

}  // namespace
