// Filter-level benchmarks for zh and unicode, each against a peer measured
// in the same run:
//   zh:      the compiled engine vs opencc::Converter on the same buffer
//            (whole, as the opencc library converts it, and in the 64 KiB
//            sentence chunks of our fallback path).
//   unicode: the filter on clean text vs a plain copy of the same bytes, and
//            on damaged text.
// Text: Simplified Chinese drawn from jieba's word list (python3-jieba), 4 MiB,
// deterministic; set NORM_BENCH_ZH_FILE to use another file.
#include <benchmark/benchmark.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <opencc/Config.hpp>
#include <opencc/Converter.hpp>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "norm/report.h"
#include "unicode.h"
#include "zh.h"

namespace {

const std::string& Text() {
  static const std::string text = [] {
    std::string out;
    if (const char* f = std::getenv("NORM_BENCH_ZH_FILE")) {
      std::ifstream in(f, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      return ss.str();
    }
    std::vector<std::string> words;
    std::ifstream dict("/usr/lib/python3/dist-packages/jieba/dict.txt");
    std::string line;
    while (std::getline(dict, line) && words.size() < 60000) {
      std::string w = line.substr(0, line.find(' '));
      if (w.size() >= 3 && static_cast<unsigned char>(w[0]) >= 0xE4) words.push_back(w);
    }
    if (words.empty()) words = {"发布", "后台", "头发", "干净", "软件", "中国", "我们"};
    std::mt19937 rng(20261122);
    const char* punct[] = {"，", "，", "、", "。", "。", "！", "？", "；"};
    const size_t target = 4u << 20;
    while (out.size() < target) {
      for (int s = 0; s < 4; ++s) {
        int n = 4 + rng() % 12;
        for (int i = 0; i < n; ++i) out += words[rng() % words.size()];
        if (rng() % 8 == 0) out += " GPU 2026 ";
        out += punct[rng() % 8];
      }
      out += "\n\n";
    }
    return out;
  }();
  return text;
}

void ZhCompiled(benchmark::State& state, const char* config) {
  norm::Status status;
  auto c = norm::ZhConverter::Get(config, &status);
  const std::string& text = Text();
  for (auto _ : state) {
    std::string out = c->Convert(text);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void ZhOpenCCWhole(benchmark::State& state, const char* config) {
  opencc::Config cfg;
  auto c = cfg.NewFromFile(std::string("/usr/share/opencc/") + config + ".json");
  const std::string& text = Text();
  for (auto _ : state) {
    std::string out = c->Convert(text);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void ZhOpenCCChunked(benchmark::State& state, const char* config) {
  norm::Status status;
  auto c = norm::ZhConverter::Build(config, /*compile=*/false, &status);
  const std::string& text = Text();
  for (auto _ : state) {
    std::string out = c->Convert(text);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void ZhBuild(benchmark::State& state, const char* config) {
  for (auto _ : state) {
    norm::Status status;
    auto c = norm::ZhConverter::Build(config, /*compile=*/true, &status);
    benchmark::DoNotOptimize(c.get());
  }
}

BENCHMARK_CAPTURE(ZhCompiled, s2t, "s2t")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(ZhOpenCCWhole, s2t, "s2t")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(ZhOpenCCChunked, s2t, "s2t")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(ZhCompiled, s2twp, "s2twp")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(ZhOpenCCWhole, s2twp, "s2twp")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(ZhBuild, s2t, "s2t")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(ZhBuild, s2twp, "s2twp")->Unit(benchmark::kMillisecond);

std::unique_ptr<norm::UnicodeFilter> MakeUnicode() {
  norm::Status status;
  return norm::UnicodeFilter::Make(norm::UnicodeOptions(), &status);
}

// What TextFilter::Apply does per span: the pre-check, and Transform only
// when it says so.
void UnicodeClean(benchmark::State& state) {
  auto f = MakeUnicode();
  const std::string& text = Text();
  for (auto _ : state) {
    norm::Report report;
    bool may = f->MayChange(text);
    benchmark::DoNotOptimize(may);
    if (may) {
      std::string out = f->Transform(text, report);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void MemoryCopy(benchmark::State& state) {
  const std::string& text = Text();
  for (auto _ : state) {
    std::string copy(text);
    benchmark::DoNotOptimize(copy.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

// Peers: ICU's own quick check over the whole span, and normalizing every
// span unconditionally.
void IcuIsNormalizedUtf8(benchmark::State& state) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  const std::string& text = Text();
  for (auto _ : state) {
    bool yes = nfc->isNormalizedUTF8(text, err);
    benchmark::DoNotOptimize(yes);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void IcuNormalizeUtf8(benchmark::State& state) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  const std::string& text = Text();
  for (auto _ : state) {
    std::string out;
    icu::StringByteSink<std::string> sink(&out);
    nfc->normalizeUTF8(0, text, sink, nullptr, err);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void UnicodeDamaged(benchmark::State& state) {
  auto f = MakeUnicode();
  static const std::string damaged = [] {
    std::string t = Text().substr(0, 1u << 20);
    std::string out;
    size_t i = 0;
    int k = 0;
    while (i < t.size()) {
      size_t n = 1;
      unsigned char c = static_cast<unsigned char>(t[i]);
      if (c >= 0xE0) n = 3;
      out.append(t, i, n);
      i += n;
      if (++k % 97 == 0) out += "\u200B";
      if (k % 211 == 0) out += "\r\n";
      if (k % 307 == 0) out += "Ｎｖｉｄｉａ&amp;";
      if (k % 401 == 0) out += "e\u0301";
    }
    return out;
  }();
  for (auto _ : state) {
    norm::Report report;
    std::string out = f->Transform(damaged, report);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * damaged.size()));
}

BENCHMARK(UnicodeClean)->Unit(benchmark::kMillisecond);
BENCHMARK(MemoryCopy)->Unit(benchmark::kMillisecond);
BENCHMARK(IcuIsNormalizedUtf8)->Unit(benchmark::kMillisecond);
BENCHMARK(IcuNormalizeUtf8)->Unit(benchmark::kMillisecond);
BENCHMARK(UnicodeDamaged)->Unit(benchmark::kMillisecond);

}  // namespace
