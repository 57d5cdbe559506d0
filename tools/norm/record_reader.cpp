#include "record_reader.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace norm::cli {

RecordReader::RecordReader(int fd, char delimiter, size_t chunk)
    : fd_(fd), delimiter_(delimiter), chunk_(chunk == 0 ? 1 : chunk) {}

bool RecordReader::Fill() {
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  size_t old = buffer_.size();
  buffer_.resize(old + chunk_);
  for (;;) {
    ssize_t n = ::read(fd_, buffer_.data() + old, chunk_);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error_ = std::strerror(errno);
      buffer_.resize(old);
      return false;
    }
    buffer_.resize(old + static_cast<size_t>(n));
    if (n == 0) eof_ = true;
    return true;
  }
}

bool RecordReader::Next(std::string* record) {
  for (;;) {
    size_t from = pos_ + scanned_;
    const void* hit = from < buffer_.size()
                          ? std::memchr(buffer_.data() + from, delimiter_, buffer_.size() - from)
                          : nullptr;
    if (hit != nullptr) {
      size_t end = static_cast<const char*>(hit) - buffer_.data();
      record->assign(buffer_, pos_, end - pos_);
      consumed_ += end - pos_ + 1;
      pos_ = end + 1;
      scanned_ = 0;
      return true;
    }
    scanned_ = buffer_.size() - pos_;
    if (eof_) {
      if (pos_ >= buffer_.size()) return false;
      record->assign(buffer_, pos_, buffer_.size() - pos_);
      consumed_ += buffer_.size() - pos_;
      pos_ = buffer_.size();
      scanned_ = 0;
      return true;
    }
    if (!Fill()) return false;
  }
}

}  // namespace norm::cli
