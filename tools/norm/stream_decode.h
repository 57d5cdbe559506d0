// `norm decode FILE` for large regular files: detection on the first window,
// then StreamDecoder over 1 MiB chunks, each written out as it is decoded, so
// memory stays flat whatever the file size (peak ~ a few MiB over start-up).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "norm/options.h"

namespace norm::cli {

// Inputs below this size take the whole-file path.
inline constexpr size_t kStreamDecodeMinSize = size_t{1} << 20;

enum class StreamOutcome {
  kNotStreamed,  // not a case for streaming: the caller reads the file whole
  kDone,         // decoded and emitted
  kFailed,       // an error was printed (read error) or emit returned false
};

// Streams `path` when the result is certain to equal the whole-file decode:
// a regular file of at least kStreamDecodeMinSize bytes (and within
// max_size), no NUL byte unless allow_binary, an encoding that DecodeBytes
// would not retry with a second converter, not UTF-16/32, not strict mode.
// Otherwise returns kNotStreamed having emitted nothing.
StreamOutcome StreamDecodeFile(const std::string& path, const Options& options,
                               const std::function<bool(std::string_view)>& emit);

}  // namespace norm::cli
