// HTML page throughput on the generated extraction corpus
// (bench/gen_html_corpus.py): pages per second in one process, for the whole
// pipeline and for two peers measured in the same run (the reader alone, and
// the pipeline without boilerplate removal).
//
//   /usr/bin/python3 bench/gen_html_corpus.py /tmp/html-corpus
//   NORM_HTML_CORPUS=/tmp/html-corpus build/bench/norm_bench --benchmark_filter=HtmlCorpus
//
// Without NORM_HTML_CORPUS the benchmarks report an error and skip.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "norm/norm.h"
#include "reader.h"

namespace {

const std::vector<std::string>& Corpus() {
  static const std::vector<std::string> pages = [] {
    std::vector<std::string> out;
    const char* dir = std::getenv("NORM_HTML_CORPUS");
    if (!dir) return out;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.path().extension() == ".html") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      out.push_back(ss.str());
    }
    return out;
  }();
  return pages;
}

void Run(benchmark::State& state, const norm::Options& options, bool read_only) {
  const auto& pages = Corpus();
  if (pages.empty()) {
    state.SkipWithError("set NORM_HTML_CORPUS to a directory from bench/gen_html_corpus.py");
    return;
  }
  norm::Normalizer normalizer(options);
  size_t bytes = 0;
  for (const auto& p : pages) bytes += p.size();
  for (auto _ : state) {
    for (const auto& p : pages) {
      if (read_only) {
        norm::Document doc;
        norm::Report report;
        benchmark::DoNotOptimize(norm::ReadHtml(p, options, &doc, report));
        benchmark::DoNotOptimize(doc);
      } else {
        benchmark::DoNotOptimize(normalizer.Normalize(p));
      }
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * pages.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

void BM_HtmlCorpus_Pipeline(benchmark::State& state) { Run(state, norm::Options{}, false); }
BENCHMARK(BM_HtmlCorpus_Pipeline)->Unit(benchmark::kMillisecond);

void BM_HtmlCorpus_NoBoilerplate(benchmark::State& state) {
  norm::Options o;
  o.html.boilerplate = false;
  Run(state, o, false);
}
BENCHMARK(BM_HtmlCorpus_NoBoilerplate)->Unit(benchmark::kMillisecond);

void BM_HtmlCorpus_ReadHtmlOnly(benchmark::State& state) { Run(state, norm::Options{}, true); }
BENCHMARK(BM_HtmlCorpus_ReadHtmlOnly)->Unit(benchmark::kMillisecond);

}  // namespace
