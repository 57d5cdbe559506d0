// What the zh engine reads from an OpenCC configuration, behind one small
// interface, so that the norm command can load OpenCC only when a conversion
// needs it (tools/norm/opencc_dlopen.cpp: libopencc and libmarisa bound at
// every start were a sixth of `norm detect small.txt`, docs/performance.md).
//
// zh_opencc.cpp implements Open() with OpenCC's C++ API; the library and
// the OpenCC plug-in of the norm command (tools/norm/opencc_plugin/) compile
// it. The norm command links its own Open(), which loads that plug-in with
// dlopen; zh.cpp cannot tell the two apart.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace norm::zh_opencc {

// One loaded configuration.
class Source {
 public:
  virtual ~Source() = default;
  // True when the configuration segments by maximum match, the only
  // segmentation the compiled engine reproduces.
  virtual bool MaxMatchSegmentation() const = 0;
  // Group 0 is the segmentation dictionary, groups 1.. the conversions of the
  // chain in order; each is the list of its leaf dictionaries in the order a
  // DictGroup consults them. A leaf's id is the same wherever the dictionary
  // is shared.
  virtual size_t Groups() const = 0;
  virtual std::vector<uintptr_t> Leaves(size_t group) const = 0;
  // Calls f(key, default value) for every entry of a leaf; false when OpenCC
  // failed (the engine then falls back to Convert).
  virtual bool ForEachEntry(
      uintptr_t leaf, const std::function<void(std::string_view, std::string_view)>& f) const = 0;
  // opencc::Converter::Convert; throws std::runtime_error when it fails.
  virtual std::string Convert(std::string_view text) const = 0;
};

struct OpenError {
  enum Kind {
    kOpencc,   // OpenCC rejected the configuration (opencc::Exception)
    kOther,    // another std::exception while loading it
    kLibrary,  // OpenCC itself could not be loaded (the norm command's plug-in)
  };
  Kind kind = kOther;
  std::string what;
};

// Loads the configuration file at path; null and *error on failure.
std::unique_ptr<Source> Open(const std::string& path, OpenError* error);

}  // namespace norm::zh_opencc
