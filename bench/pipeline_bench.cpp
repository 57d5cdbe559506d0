// Whole-pipeline microbenchmarks on the bundled sample and on generated
// inputs. Figures go to docs/performance.md; they are never asserted.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "norm/decode.h"
#include "norm/norm.h"

namespace {

std::string Sample() {
  std::ifstream in(NORM_SOURCE_DIR "/fixtures/sample/gbk-article/input.html", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string CleanHtml(size_t paragraphs) {
  std::string html = "<html><body><article><h1>Title</h1>";
  for (size_t i = 0; i < paragraphs; ++i) {
    html += "<p>第" + std::to_string(i) +
            "段：图书馆的夜间阅览室每周五和周六开放到凌晨一点，<b>方便</b>上夜班的市民。"
            "The reading room stays open late on <a href='/x'>weekends</a>.</p>";
  }
  return html + "</article></body></html>";
}

void BM_NormalizeSample(benchmark::State& state) {
  std::string input = Sample();
  norm::Normalizer normalizer{norm::Options{}};
  for (auto _ : state) benchmark::DoNotOptimize(normalizer.Normalize(input));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.size()));
}
BENCHMARK(BM_NormalizeSample);

void BM_NormalizeHtml(benchmark::State& state) {
  std::string input = CleanHtml(static_cast<size_t>(state.range(0)));
  norm::Normalizer normalizer{norm::Options{}};
  for (auto _ : state) benchmark::DoNotOptimize(normalizer.Normalize(input));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.size()));
}
BENCHMARK(BM_NormalizeHtml)->Arg(10)->Arg(1000);

void BM_ValidateUtf8(benchmark::State& state) {
  std::string input;
  while (input.size() < (1 << 20)) input += "ASCII text and 中文字符 mixed together. ";
  for (auto _ : state) benchmark::DoNotOptimize(norm::IsValidUtf8(input));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.size()));
}
BENCHMARK(BM_ValidateUtf8);

}  // namespace
