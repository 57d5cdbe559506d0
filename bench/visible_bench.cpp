// text::CountVisible, the visible-character count of the "nothing lost"
// accounting: the whole document is recounted after every filter that
// changed it, and each removed element's text is counted, so it runs over
// a page's text several times. Bytes per second on 1 MB of Chinese,
// accented Latin and ASCII prose.
//
//   build/bench/norm_bench --benchmark_filter=CountVisible
#include <benchmark/benchmark.h>

#include <string>

#include "visible.h"

namespace {

std::string Repeat(const std::string& unit, size_t bytes) {
  std::string s;
  while (s.size() < bytes) s += unit;
  return s;
}

void Count(benchmark::State& state, const std::string& text) {
  for (auto _ : state) benchmark::DoNotOptimize(norm::text::CountVisible(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_CountVisibleChinese(benchmark::State& state) {
  static const std::string text =
      Repeat("北京时间昨日，国家统计局发布数据显示：全年经济增长 5.2%，好于预期。\n", 1 << 20);
  Count(state, text);
}

void BM_CountVisibleLatin(benchmark::State& state) {
  static const std::string text = Repeat(
      "Sich kurz zu fassen, ist ein wesentliches Prinzip – überzeugt, naïve café.\n", 1 << 20);
  Count(state, text);
}

void BM_CountVisibleAscii(benchmark::State& state) {
  static const std::string text =
      Repeat("The quick brown fox jumps over the lazy dog, again and again.\n", 1 << 20);
  Count(state, text);
}

}  // namespace

BENCHMARK(BM_CountVisibleChinese);
BENCHMARK(BM_CountVisibleLatin);
BENCHMARK(BM_CountVisibleAscii);
