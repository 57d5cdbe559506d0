// norm-damage: damages clean text in the ways libnorm repairs.
//
//   norm-damage --list
//       the named damage kinds: name, family, spec
//   norm-damage --kind KIND [--seed N] [FILE]
//       each input line damaged with KIND (a name from --list or a spec,
//       see damage.h); lines the kind cannot apply to are copied unchanged
//   norm-damage --corpus [--seed N] [--kinds K1,K2] [--families F1,F2] [FILE]
//       a TSV corpus: kind <TAB> damaged <TAB> clean, one row per input line
//       and kind that applies and changes the line (fields escaped with
//       \\ \t \n \r). The seed of each row is derived from --seed, the line
//       number and the kind, so rows are reproducible one by one.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>

#include "damage.h"

namespace {

int Usage() {
  std::fprintf(stderr,
               "usage: norm-damage --list\n"
               "       norm-damage --kind KIND [--seed N] [FILE]\n"
               "       norm-damage --corpus [--seed N] [--kinds LIST] [--families LIST] [FILE]\n");
  return 2;
}

std::set<std::string> SplitList(const std::string& s) {
  std::set<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) out.insert(item);
  }
  return out;
}

uint64_t Mix(uint64_t seed, uint64_t line, std::string_view kind) {
  uint64_t h = 1469598103934665603ull;
  for (char c : kind) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return seed ^ (line * 0x9E3779B97F4A7C15ull) ^ h;
}

}  // namespace

int main(int argc, char** argv) {
  std::string kind, file, kinds, families;
  uint64_t seed = 1;
  bool list = false, corpus = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (a == "--list") {
      list = true;
    } else if (a == "--corpus") {
      corpus = true;
    } else if (a == "--kind") {
      if (!value(&kind)) return Usage();
    } else if (a == "--kinds") {
      if (!value(&kinds)) return Usage();
    } else if (a == "--families") {
      if (!value(&families)) return Usage();
    } else if (a == "--seed") {
      if (!value(&v)) return Usage();
      seed = std::stoull(v);
    } else if (a == "-h" || a == "--help") {
      Usage();
      return 0;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return Usage();
    } else {
      file = a;
    }
  }
  if (list) {
    for (const auto& k : norm::damage::ListKinds()) {
      std::printf("%s\t%s\t%s\n", k.name.c_str(), k.family.c_str(), k.spec.c_str());
    }
    return 0;
  }
  if (kind.empty() == !corpus) return Usage();
  std::ifstream fin;
  std::istream* in = &std::cin;
  if (!file.empty() && file != "-") {
    fin.open(file, std::ios::binary);
    if (!fin) {
      std::fprintf(stderr, "norm-damage: %s: cannot open\n", file.c_str());
      return 2;
    }
    in = &fin;
  }
  std::string line, out, error;
  uint64_t lineno = 0, skipped = 0, rows = 0;
  std::set<std::string> want_kinds = SplitList(kinds), want_families = SplitList(families);
  while (std::getline(*in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!corpus) {
      if (norm::damage::Apply(kind, line, Mix(seed, lineno, kind), &out, &error)) {
        std::cout << out << '\n';
      } else {
        if (error.rfind("unmappable", 0) != 0) {
          std::fprintf(stderr, "norm-damage: %s\n", error.c_str());
          return 2;
        }
        ++skipped;
        std::cout << line << '\n';
      }
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    for (const auto& k : norm::damage::ListKinds()) {
      if (!want_kinds.empty() && !want_kinds.count(k.name)) continue;
      if (!want_families.empty() && !want_families.count(k.family)) continue;
      if (!norm::damage::Apply(k.spec, line, Mix(seed, lineno, k.name), &out, &error)) {
        if (error.rfind("unmappable", 0) != 0) {
          std::fprintf(stderr, "norm-damage: %s\n", error.c_str());
          return 2;
        }
        continue;
      }
      if (out == line) continue;
      std::cout << k.name << '\t' << norm::damage::EscapeField(out) << '\t'
                << norm::damage::EscapeField(line) << '\n';
      ++rows;
    }
  }
  if (corpus)
    std::fprintf(stderr, "norm-damage: %llu rows\n", static_cast<unsigned long long>(rows));
  if (skipped) {
    std::fprintf(stderr, "norm-damage: %llu lines not damaged (kind does not apply)\n",
                 static_cast<unsigned long long>(skipped));
  }
  return 0;
}
