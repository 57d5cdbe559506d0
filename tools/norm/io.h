// File I/O for the CLI: whole-file reads, atomic writes, quiet broken pipes.
#pragma once

#include <string>
#include <string_view>

namespace norm::cli {

// Reads a whole file ("-" is stdin). On failure returns false with *error.
bool ReadAll(const std::string& path, std::string* out, std::string* error);

// Writes data to stdout. Returns false on error; *broken_pipe tells EPIPE
// apart so the caller can stop quietly.
bool WriteStdout(std::string_view data, bool* broken_pipe, std::string* error);

// Writes data to path through a temporary file in the same directory and a
// rename, so readers never see a partial file. Keeps the mode of an
// existing file; with a non-empty backup_suffix the old file is kept as
// path+suffix. On error the original is untouched and the temporary removed.
bool WriteAtomically(const std::string& path, std::string_view data,
                     const std::string& backup_suffix, std::string* error);

}  // namespace norm::cli
