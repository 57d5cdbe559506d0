// File I/O for the CLI: whole-file reads, atomic writes, quiet broken pipes;
// exit statuses and error lines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "norm/status.h"

namespace norm::cli {

// `norm`'s exit statuses: see --help.
enum Exit { kOk = 0, kRejected = 1, kTrouble = 2 };

// kRejected for an input refused (strict decoding, binary, too large),
// kTrouble for configuration and I/O errors.
int ExitFor(const Status& s);

// Prints `norm: FILE: message` (without FILE when empty) on stderr.
void Error(std::string_view file, std::string_view message);

// Reads a whole file ("-" is stdin), or its first limit bytes. On failure
// returns false with *error.
bool ReadAll(const std::string& path, std::string* out, std::string* error,
             size_t limit = SIZE_MAX);

// Writes data to stdout. Returns false on error; *broken_pipe tells EPIPE
// apart so the caller can stop quietly.
bool WriteStdout(std::string_view data, bool* broken_pipe, std::string* error);

// Writes data to path through a temporary file in the same directory and a
// rename, so readers never see a partial file. Keeps the mode of an
// existing file; with a non-empty backup_suffix the old file is kept as
// path+suffix. On error the original is untouched and the temporary removed.
bool WriteAtomically(const std::string& path, std::string_view data,
                     const std::string& backup_suffix, std::string* error);

// A file written in pieces and put in place atomically: Open creates a
// temporary file beside path; Commit renames it over path (syncing it first
// when it replaces an existing file)
// (keeping path's mode, and with backup_suffix the old file as
// path+suffix); destruction without Commit removes the temporary. A symlink
// is followed; a device or FIFO (-o /dev/stdout) is written directly.
class AtomicFile {
 public:
  AtomicFile() = default;
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  bool Open(const std::string& path, std::string* error);
  bool Write(std::string_view data, std::string* error);
  bool Commit(const std::string& backup_suffix, std::string* error);
  bool is_open() const { return fd_ >= 0; }

 private:
  std::string path_;
  std::string tmp_;
  int fd_ = -1;
  bool direct_ = false;    // a device or FIFO: written in place, nothing to rename
  bool replaces_ = false;  // path existed: sync before the rename
};

// Creates dir and its parents (like mkdir -p).
bool MakeDirs(const std::string& dir, std::string* error);

}  // namespace norm::cli
