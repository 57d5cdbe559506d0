#include "stream_decode.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "io.h"
#include "norm/decode.h"

namespace norm::cli {
namespace {

constexpr size_t kChunk = size_t{1} << 20;

class Fd {
 public:
  explicit Fd(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Reads up to n bytes at offset into buf; -1 on error.
ssize_t ReadAt(int fd, char* buf, size_t n, off_t offset) {
  size_t got = 0;
  while (got < n) {
    const ssize_t r = ::pread(fd, buf + got, n - got, offset + static_cast<off_t>(got));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return -1;
    if (r == 0) break;
    got += static_cast<size_t>(r);
  }
  return static_cast<ssize_t>(got);
}

// True when the file holds a NUL byte (or cannot be read: the whole-file
// path then reports the error).
bool HasNul(int fd, std::string& buf) {
  for (off_t at = 0;; at += static_cast<off_t>(kChunk)) {
    const ssize_t n = ReadAt(fd, buf.data(), kChunk, at);
    if (n < 0) return true;
    if (n == 0) return false;
    if (std::memchr(buf.data(), 0, static_cast<size_t>(n)) != nullptr) return true;
  }
}

}  // namespace

StreamOutcome StreamDecodeFile(const std::string& path, const Options& options,
                               const std::function<bool(std::string_view)>& emit) {
  const DecodeOptions& dopt = options.decode;
  if (path == "-" || dopt.on_invalid == OnInvalid::kStrict) return StreamOutcome::kNotStreamed;
  Fd fd(path);
  struct stat st {};
  if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
    return StreamOutcome::kNotStreamed;
  const auto size = static_cast<uint64_t>(st.st_size);
  const size_t window = DetectionWindow(dopt);
  if (size < kStreamDecodeMinSize || size <= window || size > options.max_size)
    return StreamOutcome::kNotStreamed;

  std::string in(std::max(kChunk, window + 1), '\0');
  // The detector reads its window only; one byte more tells it the input
  // goes on, as the whole file would.
  const ssize_t head = ReadAt(fd.get(), in.data(), window + 1, 0);
  if (head != static_cast<ssize_t>(window + 1)) return StreamOutcome::kNotStreamed;
  const Detection d = DetectEncoding(std::string_view(in.data(), window + 1), dopt);
  if (d.encoding.empty() || d.encoding.rfind("UTF-16", 0) == 0 ||
      d.encoding.rfind("UTF-32", 0) == 0)
    return StreamOutcome::kNotStreamed;
  StreamDecoder decoder(d.encoding, dopt.on_invalid);
  if (!decoder.ok() || !decoder.same_as_whole()) return StreamOutcome::kNotStreamed;
  if (!options.allow_binary && HasNul(fd.get(), in)) return StreamOutcome::kNotStreamed;

  std::string out;
  out.reserve(kChunk * 2);
  for (auto at = static_cast<off_t>(d.bom_length);;) {
    const ssize_t n = ReadAt(fd.get(), in.data(), kChunk, at);
    if (n < 0) {
      Error(path, std::string("read error: ") + std::strerror(errno));
      return StreamOutcome::kFailed;
    }
    at += n;
    const bool last = static_cast<size_t>(n) < kChunk;  // a short read is the end of the file
    out.clear();
    Status st = decoder.Decode(std::string_view(in.data(), static_cast<size_t>(n)), last, out);
    if (!st.ok()) {
      Error(path, st.ToString());
      return StreamOutcome::kFailed;
    }
    if (!out.empty() && !emit(out)) return StreamOutcome::kFailed;
    if (last) break;
  }
  return StreamOutcome::kDone;
}

}  // namespace norm::cli
