// A one-line progress display on stderr for batch and record runs:
// documents, MB, MB/s and, when the total is known, a bar and an ETA.
// Redrawn at most ten times a second; silent when disabled.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace norm::cli {

class Progress {
 public:
  // total_bytes 0: unknown (no bar, no ETA).
  Progress(bool enabled, uint64_t total_bytes);
  ~Progress() { Finish(); }

  void Add(uint64_t documents, uint64_t bytes);
  void AddTotal(uint64_t bytes) { total_bytes_ += bytes; }
  // Draws the final figures and ends the line.
  void Finish();

  // The text of the line for these figures (exposed for tests).
  static std::string Line(uint64_t documents, uint64_t bytes, uint64_t total_bytes, double seconds);

 private:
  void Draw();

  bool enabled_;
  bool drawn_ = false;
  bool finished_ = false;
  uint64_t total_bytes_;
  uint64_t documents_ = 0;
  uint64_t bytes_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace norm::cli
