#include "io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace norm::cli {

int ExitFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk:
      return kOk;
    case StatusCode::kInvalidInput:
    case StatusCode::kBinaryInput:
    case StatusCode::kTooLarge:
      return kRejected;
    default:
      return kTrouble;
  }
}

void Error(std::string_view file, std::string_view message) {
  std::string line = "norm: ";
  if (!file.empty()) line += std::string(file) + ": ";
  line += std::string(message) + "\n";
  std::fputs(line.c_str(), stderr);
}

bool ReadAll(const std::string& path, std::string* out, std::string* error, size_t limit) {
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
    out->reserve(std::min(static_cast<size_t>(st.st_size), limit));
  char buffer[1 << 16];
  while (out->size() < limit) {
    ssize_t n = ::read(fd, buffer, std::min(sizeof buffer, limit - out->size()));
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
  AtomicFile file;
  return file.Open(path, error) && file.Write(data, error) && file.Commit(backup_suffix, error);
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) {
    ::close(fd_);
    if (!direct_) ::unlink(tmp_.c_str());
  }
}

bool AtomicFile::Open(const std::string& target, std::string* error) {
  path_ = target;
  struct stat lst;
  if (::lstat(path_.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
    // Replace the file the link points to, not the link itself.
    if (char* real = ::realpath(path_.c_str(), nullptr)) {
      path_ = real;
      std::free(real);
    }
  }
  struct stat existing;
  const bool exists = ::stat(path_.c_str(), &existing) == 0;
  if (exists && S_ISDIR(existing.st_mode)) {
    *error = "is a directory";
    return false;
  }
  if (exists && !S_ISREG(existing.st_mode)) {
    // A device, FIFO or terminal (-o /dev/stdout, /dev/full): write to it
    // directly; renaming over it would replace the device node.
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) {
      *error = std::strerror(errno);
      return false;
    }
    direct_ = true;
    return true;
  }
  std::string dir = ".";
  size_t slash = path_.rfind('/');
  if (slash != std::string::npos) dir = slash == 0 ? "/" : path_.substr(0, slash);
  std::string base = slash == std::string::npos ? path_ : path_.substr(slash + 1);
  tmp_ = dir + "/." + base + ".norm-XXXXXX";
  fd_ = mkstemp(tmp_.data());
  if (fd_ < 0) {
    *error = std::string("cannot create temporary file in ") + dir + ": " + std::strerror(errno);
    return false;
  }
  replaces_ = exists;
  if (exists) {
    fchmod(fd_, existing.st_mode & 07777);
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    fchmod(fd_, 0666 & ~mask);
  }
  return true;
}

bool AtomicFile::Write(std::string_view data, std::string* error) {
  int err = 0;
  if (WriteFd(fd_, data, &err)) return true;
  *error = std::strerror(err);
  return false;
}

bool AtomicFile::Commit(const std::string& backup_suffix, std::string* error) {
  int err = 0;
  bool ok = true;
  // Only a file that replaces one is synced before the rename: a crash must
  // never leave the user's old file gone and the new one empty. A new file
  // (one of thousands under --output-dir) risks nothing that existed, and a
  // sync per file made writing many small outputs wait on the disk.
  if (!direct_ && replaces_ && fsync(fd_) != 0 && errno != EINVAL && errno != EROFS) {
    err = errno;
    ok = false;
  }
  if (::close(fd_) != 0 && ok) {
    err = errno;
    ok = false;
  }
  fd_ = -1;
  if (direct_) {
    if (!ok) *error = std::strerror(err);
    return ok;
  }
  if (ok && !backup_suffix.empty()) {
    std::string backup = path_ + backup_suffix;
    ::unlink(backup.c_str());
    if (::link(path_.c_str(), backup.c_str()) != 0) {
      err = errno;
      ok = false;
    }
  }
  if (ok && ::rename(tmp_.c_str(), path_.c_str()) != 0) {
    err = errno;
    ok = false;
  }
  if (!ok) {
    ::unlink(tmp_.c_str());
    *error = std::strerror(err);
  }
  return ok;
}

bool MakeDirs(const std::string& dir, std::string* error) {
  struct stat st;
  // Most calls name a directory an earlier file already created.
  if (::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return true;
  std::string partial;
  size_t pos = 0;
  while (pos <= dir.size()) {
    size_t slash = dir.find('/', pos);
    if (slash == std::string::npos) slash = dir.size();
    partial = dir.substr(0, slash);
    pos = slash + 1;
    if (partial.empty()) continue;
    if (::mkdir(partial.c_str(), 0777) != 0 && errno != EEXIST) {
      *error = "cannot create directory " + partial + ": " + std::strerror(errno);
      return false;
    }
  }
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    *error = "cannot create directory " + dir + ": not a directory";
    return false;
  }
  return true;
}

}  // namespace norm::cli
