// The norm command's OpenCC plug-in: libnorm's zh_opencc::Open behind the C
// interface of plugin_abi.h.
#include <cstdlib>
#include <cstring>
#include <exception>

#include "plugin_abi.h"
#include "zh_opencc.h"

namespace {

using norm::zh_opencc::Source;

// A malloc'ed copy of s with a terminating NUL (s may hold NULs of its own),
// freed by FreeString on the command's side.
char* Copy(const std::string& s) {
  char* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (p != nullptr) std::memcpy(p, s.c_str(), s.size() + 1);
  return p;
}

void* Open(const char* path, int* kind, char** error) {
  try {
    norm::zh_opencc::OpenError e;
    auto source = norm::zh_opencc::Open(path, &e);
    if (source != nullptr) return source.release();
    *kind = e.kind;
    *error = Copy(e.what);
  } catch (const std::exception& e) {
    *kind = norm::zh_opencc::OpenError::kOther;
    *error = Copy(e.what());
  }
  return nullptr;
}

void Close(void* source) { delete static_cast<Source*>(source); }

int MaxMatch(const void* source) {
  return static_cast<const Source*>(source)->MaxMatchSegmentation() ? 1 : 0;
}

size_t Groups(const void* source) { return static_cast<const Source*>(source)->Groups(); }

size_t Leaves(const void* source, size_t group, uintptr_t* out, size_t cap) {
  try {
    auto ids = static_cast<const Source*>(source)->Leaves(group);
    for (size_t i = 0; i < ids.size() && i < cap; ++i) out[i] = ids[i];
    return ids.size();
  } catch (const std::exception&) {
    return 0;
  }
}

int ForEachEntry(const void* source, uintptr_t leaf, NormOpenccEntryFn fn, void* ctx) {
  try {
    return static_cast<const Source*>(source)->ForEachEntry(
               leaf, [&](std::string_view k,
                         std::string_view v) { fn(ctx, k.data(), k.size(), v.data(), v.size()); })
               ? 1
               : 0;
  } catch (const std::exception&) {
    return 0;
  }
}

char* Convert(const void* source, const char* text, size_t len, size_t* out_len, char** error) {
  try {
    std::string out = static_cast<const Source*>(source)->Convert(std::string_view(text, len));
    *out_len = out.size();
    char* p = Copy(out);
    if (p == nullptr) *error = Copy("out of memory");
    return p;
  } catch (const std::exception& e) {
    *error = Copy(e.what());
    return nullptr;
  }
}

void FreeString(char* s) { std::free(s); }

const NormOpenccApi kApi = {NORM_OPENCC_PLUGIN_ABI, Open,    Close,     MaxMatch, Groups, Leaves,
                            ForEachEntry,           Convert, FreeString};

}  // namespace

extern "C" __attribute__((visibility("default"))) const NormOpenccApi* norm_opencc_plugin_api(
    void) {
  return &kApi;
}
