// Detection + decoding throughput (DecodeBytes with from_code=auto), against
// ICU's one-call ucnv_convert to UTF-8 with the encoding already known (the
// peer, measured in the same run) and a plain memcpy (the memory-speed
// bound for UTF-8). Inputs: the detection corpus (bench/detect_corpus/,
// our own sentences) repeated to 4 MiB and encoded with ICU.
// Figures go to docs/performance.md; they are never asserted.
#include <benchmark/benchmark.h>
#include <unicode/ucnv.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "norm/decode.h"

namespace {

constexpr size_t kSize = 4 << 20;

std::string ReadCorpus(const char* lang) {
  std::ifstream in(std::string(NORM_SOURCE_DIR "/bench/detect_corpus/") + lang + ".txt",
                   std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Repeat(const std::string& s, size_t size) {
  std::string out;
  if (s.empty()) return out;
  while (out.size() < size) out += s;
  return out;
}

std::string Encode(const std::string& utf8, const char* encoding) {
  std::vector<char> buf(utf8.size() * 4 + 16);
  UErrorCode st = U_ZERO_ERROR;
  int32_t n = ucnv_convert(encoding, "UTF-8", buf.data(), static_cast<int32_t>(buf.size()),
                           utf8.data(), static_cast<int32_t>(utf8.size()), &st);
  return std::string(buf.data(), U_SUCCESS(st) ? static_cast<size_t>(n) : 0);
}

const std::string& Input(int which) {
  static const std::vector<std::string> inputs = [] {
    std::string all;
    for (const char* l : {"zh-Hans", "zh-Hant", "ja", "ko", "ru", "uk", "bg", "el", "he", "ar",
                          "th",      "vi",      "tr", "pl", "cs", "hu", "lt", "fr", "de", "es"}) {
      all += ReadCorpus(l);
    }
    std::string ascii;
    for (char c : ReadCorpus("de") + ReadCorpus("fr") + ReadCorpus("es")) {
      if (static_cast<unsigned char>(c) < 0x80) ascii.push_back(c);
    }
    return std::vector<std::string>{
        Repeat(all, kSize),                                       // 0 UTF-8, 20 languages
        Repeat(ascii, kSize),                                     // 1 ASCII
        Encode(Repeat(ReadCorpus("zh-Hans"), kSize), "GB18030"),  // 2
        Encode(Repeat(ReadCorpus("ja"), kSize), "Shift_JIS"),     // 3
        Encode(Repeat(ReadCorpus("zh-Hant"), kSize), "Big5"),     // 4
        Encode(Repeat(ReadCorpus("ko"), kSize), "EUC-KR"),        // 5
        Encode(Repeat(ReadCorpus("ru"), kSize), "windows-1251"),  // 6
        Encode(Repeat(ReadCorpus("de"), kSize), "windows-1252"),  // 7
    };
  }();
  return inputs[static_cast<size_t>(which)];
}

const char* const kIcuNames[] = {"UTF-8",      "UTF-8",       "GB18030",      "windows-31j",
                                 "Big5-HKSCS", "windows-949", "windows-1251", "windows-1252"};
const char* const kLabels[] = {"utf8-mixed", "ascii",  "gb18030",      "shift_jis",
                               "big5",       "euc-kr", "windows-1251", "windows-1252"};

void BM_DecodeBytes(benchmark::State& state) {
  const std::string& in = Input(static_cast<int>(state.range(0)));
  norm::DecodeOptions options;  // from_code=auto: detection included
  std::string encoding;
  for (auto _ : state) {
    norm::Decoded d = norm::DecodeBytes(in, options);
    encoding = d.detection.encoding;
    benchmark::DoNotOptimize(d.text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.size()));
  state.SetLabel(std::string(kLabels[state.range(0)]) + " as " + encoding);
}
BENCHMARK(BM_DecodeBytes)->DenseRange(0, 7)->Unit(benchmark::kMillisecond)->UseRealTime();

// Peer: ICU converting straight to UTF-8, encoding given (no detection).
void BM_IcuConvert(benchmark::State& state) {
  const std::string& in = Input(static_cast<int>(state.range(0)));
  std::vector<char> out(in.size() * 3 + 16);
  for (auto _ : state) {
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = ucnv_convert("UTF-8", kIcuNames[state.range(0)], out.data(),
                             static_cast<int32_t>(out.size()), in.data(),
                             static_cast<int32_t>(in.size()), &st);
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.size()));
  state.SetLabel(kLabels[state.range(0)]);
}
BENCHMARK(BM_IcuConvert)->DenseRange(0, 7)->Unit(benchmark::kMillisecond)->UseRealTime();

// Memory-speed bound: copying the bytes.
void BM_Memcpy(benchmark::State& state) {
  const std::string& in = Input(0);
  std::string out(in.size(), '\0');
  for (auto _ : state) {
    std::memcpy(out.data(), in.data(), in.size());
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.size()));
}
BENCHMARK(BM_Memcpy)->Unit(benchmark::kMillisecond)->UseRealTime();

// Detection alone on short records (the JSONL case): 1 KiB of GB18030.
void BM_DetectRecord(benchmark::State& state) {
  const std::string in = Input(static_cast<int>(state.range(0))).substr(0, 1024);
  norm::DecodeOptions options;
  for (auto _ : state) benchmark::DoNotOptimize(norm::DetectEncoding(in, options));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.size()));
  state.SetLabel(kLabels[state.range(0)]);
}
BENCHMARK(BM_DetectRecord)->Arg(2)->Arg(6)->Unit(benchmark::kMicrosecond);

}  // namespace
