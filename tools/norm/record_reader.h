// Streaming record input for `norm --jsonl`, `--lines` and `-z`: records
// are cut from a file descriptor without reading the whole input, so memory
// is bounded by the largest record plus one read buffer.
#pragma once

#include <cstdint>
#include <string>

namespace norm::cli {

class RecordReader {
 public:
  // fd stays owned by the caller. chunk is the read size (tests use tiny ones).
  RecordReader(int fd, char delimiter, size_t chunk = size_t{1} << 20);

  // The next record, without its delimiter. The last record may lack one.
  // Returns false at the end of input or on a read error (see error()).
  bool Next(std::string* record);

  const std::string& error() const { return error_; }
  uint64_t bytes_consumed() const { return consumed_; }

 private:
  bool Fill();

  int fd_;
  char delimiter_;
  size_t chunk_;
  std::string buffer_;
  size_t pos_ = 0;      // start of the unread part of buffer_
  size_t scanned_ = 0;  // bytes after pos_ known to hold no delimiter
  bool eof_ = false;
  uint64_t consumed_ = 0;
  std::string error_;
};

}  // namespace norm::cli
