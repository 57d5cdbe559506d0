// The norm command's zh_opencc::Open: OpenCC through the plug-in loaded on
// first use, instead of libnorm's zh_opencc.cpp, which links OpenCC into the
// process. Linked into the command itself, this definition comes before
// libnorm's archive, whose zh_opencc.o is then never pulled in (nothing else
// refers to it), and neither are libopencc, libmarisa nor (with
// -static-libstdc++) the shared libstdc++ at start (docs/performance.md).
#include <cstdlib>
#include <mutex>
#include <stdexcept>

#include "plugin_loader.h"
#include "zh_opencc.h"

#ifndef NORM_PLUGIN_INSTALL_REL
#define NORM_PLUGIN_INSTALL_REL "lib/norm"
#endif
#ifndef NORM_PLUGIN_INSTALL_DIR
#define NORM_PLUGIN_INSTALL_DIR "/usr/local/lib/norm"
#endif

namespace norm::zh_opencc {

namespace {

const NormOpenccApi* Api(std::string* error) {
  static std::once_flag once;
  static const NormOpenccApi* api = nullptr;
  static std::string load_error;
  std::call_once(once, [] {
    api = cli::LoadOpenccPlugin(
        cli::OpenccPluginCandidates(cli::ExecutableDir(), std::getenv("NORM_OPENCC_PLUGIN"),
                                    NORM_PLUGIN_INSTALL_REL, NORM_PLUGIN_INSTALL_DIR),
        &load_error);
  });
  if (api == nullptr) *error = load_error;
  return api;
}

std::string Take(const NormOpenccApi* api, char* s) {
  std::string out = s != nullptr ? s : "";
  api->free_string(s);
  return out;
}

class Plugin : public Source {
 public:
  Plugin(const NormOpenccApi* api, void* source) : api_(api), source_(source) {}
  ~Plugin() override { api_->close(source_); }
  Plugin(const Plugin&) = delete;
  Plugin& operator=(const Plugin&) = delete;

  bool MaxMatchSegmentation() const override { return api_->max_match_segmentation(source_); }
  size_t Groups() const override { return api_->groups(source_); }

  std::vector<uintptr_t> Leaves(size_t group) const override {
    std::vector<uintptr_t> ids(16);
    size_t n = api_->leaves(source_, group, ids.data(), ids.size());
    if (n > ids.size()) {
      ids.resize(n);
      n = api_->leaves(source_, group, ids.data(), ids.size());
    }
    ids.resize(n);
    return ids;
  }

  bool ForEachEntry(
      uintptr_t leaf,
      const std::function<void(std::string_view, std::string_view)>& f) const override {
    auto call = [](void* ctx, const char* k, size_t kl, const char* v, size_t vl) {
      (*static_cast<const std::function<void(std::string_view, std::string_view)>*>(ctx))(
          std::string_view(k, kl), std::string_view(v, vl));
    };
    return api_->for_each_entry(source_, leaf, call,
                                const_cast<void*>(static_cast<const void*>(&f)));
  }

  std::string Convert(std::string_view text) const override {
    size_t len = 0;
    char* error = nullptr;
    char* out = api_->convert(source_, text.data(), text.size(), &len, &error);
    if (out == nullptr) throw std::runtime_error(Take(api_, error));
    std::string s(out, len);
    api_->free_string(out);
    return s;
  }

 private:
  const NormOpenccApi* api_;
  void* source_;
};

}  // namespace

std::unique_ptr<Source> Open(const std::string& path, OpenError* error) {
  std::string load_error;
  const NormOpenccApi* api = Api(&load_error);
  if (api == nullptr) {
    *error = {OpenError::kLibrary, load_error};
    return nullptr;
  }
  int kind = OpenError::kOther;
  char* message = nullptr;
  void* source = api->open(path.c_str(), &kind, &message);
  if (source == nullptr) {
    *error = {static_cast<OpenError::Kind>(kind), Take(api, message)};
    return nullptr;
  }
  return std::make_unique<Plugin>(api, source);
}

}  // namespace norm::zh_opencc
