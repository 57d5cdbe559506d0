#include "progress.h"

#include <cstdio>

namespace norm::cli {

Progress::Progress(bool enabled, uint64_t total_bytes)
    : enabled_(enabled),
      total_bytes_(total_bytes),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void Progress::Add(uint64_t documents, uint64_t bytes) {
  documents_ += documents;
  bytes_ += bytes;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  Draw();
}

std::string Progress::Line(uint64_t documents, uint64_t bytes, uint64_t total_bytes,
                           double seconds) {
  double mb = static_cast<double>(bytes) / 1e6;
  double rate = seconds > 0 ? mb / seconds : 0.0;
  char buf[160];
  std::string line;
  if (total_bytes > 0) {
    double frac = static_cast<double>(bytes) / static_cast<double>(total_bytes);
    if (frac > 1) frac = 1;
    int filled = static_cast<int>(frac * 20);
    line = "[" + std::string(filled, '#') + std::string(20 - filled, ' ') + "] ";
    std::snprintf(buf, sizeof buf, "%3.0f%% ", frac * 100);
    line += buf;
  }
  std::snprintf(buf, sizeof buf, "%llu docs  %.1f MB  %.1f MB/s",
                static_cast<unsigned long long>(documents), mb, rate);
  line += buf;
  if (total_bytes > 0 && rate > 0 && bytes < total_bytes) {
    double left = static_cast<double>(total_bytes - bytes) / 1e6 / rate;
    long s = static_cast<long>(left + 0.5);
    std::snprintf(buf, sizeof buf, "  ETA %ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    line += buf;
  }
  return line;
}

void Progress::Draw() {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string line = "\rnorm: " + Line(documents_, bytes_, total_bytes_, seconds) + "\x1b[K";
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::Finish() {
  if (!enabled_ || finished_) return;
  finished_ = true;
  Draw();  // the final figures stay on screen
  std::fputs("\n", stderr);
  std::fflush(stderr);
}

}  // namespace norm::cli
