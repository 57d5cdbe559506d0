// norm-mojibake-eval: measures repairs against a damage corpus.
//
//   norm-mojibake-eval [--steps a,b,...] [--show N] CORPUS.tsv [--clean FILE]...
//
// CORPUS.tsv rows are `kind <TAB> damaged <TAB> clean` (norm-damage --corpus).
// Each damaged line goes through the text filters named by --steps (default
// cjk-mojibake,mojibake, the registry order, built from the registry with default
// options); a row is restored when the output equals the clean line byte for
// byte. Rows whose damaged text holds U+FFFD or U+001A lost bytes to the
// damaging decoder and are also counted separately ("lossy").
// Every --clean file (one text per line, '#' lines skipped) must come out
// unchanged: changed lines are false positives and are printed.
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "damage.h"
#include "norm/registry.h"

namespace {

struct Tally {
  int rows = 0, exact = 0, lossy = 0, lossy_exact = 0, changed = 0;
};

void Print(const std::string& name, const Tally& t) {
  int lossless = t.rows - t.lossy;
  std::printf("%-34s %5d rows  exact %5d (%6.2f%%)  lossless %5d/%-5d (%6.2f%%)  lossy %4d/%-4d\n",
              name.c_str(), t.rows, t.exact, t.rows ? 100.0 * t.exact / t.rows : 0.0,
              t.exact - t.lossy_exact, lossless,
              lossless ? 100.0 * (t.exact - t.lossy_exact) / lossless : 0.0, t.lossy_exact,
              t.lossy);
}

}  // namespace

int main(int argc, char** argv) {
  std::string steps = "cjk-mojibake,mojibake", corpus;
  std::vector<std::string> clean_files;
  int show = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--steps" && i + 1 < argc) {
      steps = argv[++i];
    } else if (a == "--clean" && i + 1 < argc) {
      clean_files.push_back(argv[++i]);
    } else if (a == "--show" && i + 1 < argc) {
      show = std::stoi(argv[++i]);
    } else if (!a.empty() && a[0] != '-') {
      corpus = a;
    } else {
      std::fprintf(stderr,
                   "usage: norm-mojibake-eval [--steps LIST] [--show N] CORPUS.tsv "
                   "[--clean FILE]...\n");
      return 2;
    }
  }
  std::vector<std::unique_ptr<norm::Filter>> owned;
  std::vector<const norm::TextFilter*> filters;
  {
    std::stringstream ss(steps);
    std::string name;
    norm::Options options;
    while (std::getline(ss, name, ',')) {
      const norm::FilterInfo* info = norm::FindFilter(name);
      norm::Status status;
      if (info == nullptr) {
        std::fprintf(stderr, "norm-mojibake-eval: unknown filter %s\n", name.c_str());
        return 2;
      }
      auto f = info->make(options, &status);
      const auto* tf = dynamic_cast<const norm::TextFilter*>(f.get());
      if (!f || tf == nullptr) {
        std::fprintf(stderr, "norm-mojibake-eval: %s: not a text filter %s\n", name.c_str(),
                     status.message().c_str());
        return 2;
      }
      filters.push_back(tf);
      owned.push_back(std::move(f));
    }
  }
  auto run = [&](const std::string& text) {
    std::string cur = text;
    norm::Report report;
    for (const auto* f : filters) {
      if (f->MayChange(cur)) cur = f->Transform(cur, report);
    }
    return cur;
  };
  int failures_shown = 0;
  if (!corpus.empty()) {
    std::ifstream in(corpus, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "norm-mojibake-eval: %s: cannot open\n", corpus.c_str());
      return 2;
    }
    std::map<std::string, Tally> by_kind, by_family;
    std::map<std::string, std::string> family_of;
    for (const auto& k : norm::damage::ListKinds()) family_of[k.name] = k.family;
    Tally total;
    std::string line;
    while (std::getline(in, line)) {
      size_t t1 = line.find('\t');
      size_t t2 = line.find('\t', t1 + 1);
      if (t1 == std::string::npos || t2 == std::string::npos) continue;
      std::string kind = line.substr(0, t1);
      std::string damaged = norm::damage::UnescapeField(line.substr(t1 + 1, t2 - t1 - 1));
      std::string clean = norm::damage::UnescapeField(line.substr(t2 + 1));
      std::string out = run(damaged);
      bool exact = out == clean;
      bool lossy = damaged.find("\xEF\xBF\xBD") != std::string::npos ||
                   damaged.find('\x1A') != std::string::npos;
      std::string fam = family_of.count(kind) ? family_of[kind] : "other";
      // Split the families by what the clean line is: CJK text or not.
      bool cjk_text = false;
      for (size_t i = 0; i + 2 < clean.size(); ++i) {
        unsigned char b = static_cast<unsigned char>(clean[i]);
        if (b >= 0xE3 && b <= 0xED) cjk_text = true;
      }
      fam += cjk_text ? " (CJK text)" : " (other text)";
      for (Tally* t : {&by_kind[kind], &by_family[fam], &total}) {
        t->rows++;
        t->exact += exact;
        t->lossy += lossy;
        t->lossy_exact += lossy && exact;
        t->changed += out != damaged;
      }
      if (!exact && failures_shown < show) {
        ++failures_shown;
        std::printf("FAIL %s\n  damaged: %s\n  output:  %s\n  clean:   %s\n", kind.c_str(),
                    damaged.c_str(), out.c_str(), clean.c_str());
      }
    }
    std::printf("== by kind (steps: %s)\n", steps.c_str());
    for (const auto& [k, t] : by_kind) Print(k, t);
    std::printf("== by family\n");
    for (const auto& [k, t] : by_family) Print(k, t);
    Print("TOTAL", total);
  }
  int fp = 0, clean_lines = 0;
  for (const auto& file : clean_files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "norm-mojibake-eval: %s: cannot open\n", file.c_str());
      return 2;
    }
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      ++clean_lines;
      std::string out = run(line);
      if (out != line) {
        ++fp;
        std::printf("FALSE POSITIVE\n  clean:  %s\n  output: %s\n", line.c_str(), out.c_str());
      }
    }
  }
  if (!clean_files.empty()) {
    std::printf("== clean corpus: %d lines, %d changed (false positives)\n", clean_lines, fp);
  }
  return 0;
}
