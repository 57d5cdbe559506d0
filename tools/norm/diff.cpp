#include "diff.h"

#include <algorithm>
#include <vector>

namespace norm::cli {
namespace {

std::vector<std::string_view> Lines(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t end = s.find('\n', pos);
    if (end == std::string_view::npos) end = s.size();
    lines.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

struct Edit {
  char op;  // ' ', '-', '+'
  size_t a, b;
};

constexpr long kMaxEditDistance = 2000;

// Myers' O(ND) shortest edit script.
std::vector<Edit> Script(const std::vector<std::string_view>& a,
                         const std::vector<std::string_view>& b) {
  const long n = static_cast<long>(a.size()), m = static_cast<long>(b.size());
  const long max = n + m;
  std::vector<long> v(2 * static_cast<size_t>(max) + 2, 0);
  std::vector<std::vector<long>> trace;
  long d_end = 0;
  for (long d = 0; d <= max; ++d) {
    if (d > kMaxEditDistance) {
      // Too different to be worth an exact script (the trace would grow
      // quadratically): replace everything.
      std::vector<Edit> all;
      for (long i = 0; i < n; ++i) all.push_back({'-', static_cast<size_t>(i), 0});
      for (long j = 0; j < m; ++j)
        all.push_back({'+', static_cast<size_t>(n), static_cast<size_t>(j)});
      return all;
    }
    trace.push_back(v);
    bool done = false;
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[k - 1 + max] < v[k + 1 + max])) ? v[k + 1 + max]
                                                                        : v[k - 1 + max] + 1;
      long y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[k + max] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
    if (done) {
      d_end = d;
      trace.push_back(v);
      break;
    }
  }
  std::vector<Edit> edits;
  long x = n, y = m;
  for (long d = d_end; d > 0; --d) {
    const std::vector<long>& pv = trace[d];
    long k = x - y;
    long prev_k = (k == -d || (k != d && pv[k - 1 + max] < pv[k + 1 + max])) ? k + 1 : k - 1;
    long prev_x = pv[prev_k + max];
    long prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y)
      edits.push_back({' ', static_cast<size_t>(--x), static_cast<size_t>(--y)});
    if (x == prev_x) {
      edits.push_back({'+', static_cast<size_t>(x), static_cast<size_t>(--y)});
    } else {
      edits.push_back({'-', static_cast<size_t>(--x), static_cast<size_t>(y)});
    }
  }
  while (x > 0 && y > 0) edits.push_back({' ', static_cast<size_t>(--x), static_cast<size_t>(--y)});
  std::reverse(edits.begin(), edits.end());
  return edits;
}

}  // namespace

std::string UnifiedDiff(std::string_view a_text, std::string_view b_text, std::string_view a_name,
                        std::string_view b_name) {
  if (a_text == b_text) return {};
  auto a = Lines(a_text), b = Lines(b_text);
  std::vector<Edit> edits = Script(a, b);
  std::string out = "--- " + std::string(a_name) + "\n+++ " + std::string(b_name) + "\n";
  const size_t context = 3;
  size_t i = 0;
  while (i < edits.size()) {
    if (edits[i].op == ' ') {
      ++i;
      continue;
    }
    size_t start = i >= context ? i - context : 0;
    size_t end = i;
    // Extend the hunk while changes are within 2*context of each other.
    size_t last_change = i;
    while (end < edits.size()) {
      if (edits[end].op != ' ') last_change = end;
      if (end - last_change > 2 * context) break;
      ++end;
    }
    end = std::min(edits.size(), last_change + context + 1);
    size_t a_start = edits[start].a, b_start = edits[start].b, a_len = 0, b_len = 0;
    std::string body;
    for (size_t j = start; j < end; ++j) {
      const Edit& e = edits[j];
      std::string_view line = e.op == '+' ? b[e.b] : a[e.a];
      body += e.op;
      body += line;
      body += '\n';
      if (e.op != '+') ++a_len;
      if (e.op != '-') ++b_len;
    }
    out += "@@ -" + std::to_string(a_start + (a_len ? 1 : 0)) + "," + std::to_string(a_len) + " +" +
           std::to_string(b_start + (b_len ? 1 : 0)) + "," + std::to_string(b_len) + " @@\n" + body;
    i = end;
  }
  return out;
}

}  // namespace norm::cli
