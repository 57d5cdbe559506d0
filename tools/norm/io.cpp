#include "io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace norm::cli {

bool ReadAll(const std::string& path, std::string* out, std::string* error) {
  int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = std::strerror(errno);
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    *error = "is a directory";
    if (fd != STDIN_FILENO) ::close(fd);
    return false;
  }
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
    out->reserve(static_cast<size_t>(st.st_size));
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error = std::strerror(errno);
      if (fd != STDIN_FILENO) ::close(fd);
      return false;
    }
    if (n == 0) break;
    out->append(buffer, static_cast<size_t>(n));
  }
  if (fd != STDIN_FILENO) ::close(fd);
  return true;
}

namespace {

bool WriteFd(int fd, std::string_view data, int* err) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *err = errno;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

bool WriteStdout(std::string_view data, bool* broken_pipe, std::string* error) {
  int err = 0;
  if (WriteFd(STDOUT_FILENO, data, &err)) return true;
  *broken_pipe = err == EPIPE;
  *error = std::strerror(err);
  return false;
}

bool WriteAtomically(const std::string& path, std::string_view data,
                     const std::string& backup_suffix, std::string* error) {
  std::string dir = ".";
  size_t slash = path.rfind('/');
  if (slash != std::string::npos) dir = slash == 0 ? "/" : path.substr(0, slash);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string tmp = dir + "/." + base + ".norm-XXXXXX";
  int fd = mkstemp(tmp.data());
  if (fd < 0) {
    *error = std::string("cannot create temporary file in ") + dir + ": " + std::strerror(errno);
    return false;
  }
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) fchmod(fd, st.st_mode & 07777);
  int err = 0;
  bool ok = WriteFd(fd, data, &err);
  if (ok && fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
    err = errno;
    ok = false;
  }
  if (::close(fd) != 0 && ok) {
    err = errno;
    ok = false;
  }
  if (ok && !backup_suffix.empty()) {
    std::string backup = path + backup_suffix;
    ::unlink(backup.c_str());
    if (::link(path.c_str(), backup.c_str()) != 0) {
      err = errno;
      ok = false;
    }
  }
  if (ok && ::rename(tmp.c_str(), path.c_str()) != 0) {
    err = errno;
    ok = false;
  }
  if (!ok) {
    ::unlink(tmp.c_str());
    *error = std::strerror(err);
  }
  return ok;
}

}  // namespace norm::cli
