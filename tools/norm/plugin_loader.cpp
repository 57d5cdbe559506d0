#include "plugin_loader.h"

#include <dlfcn.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

namespace norm::cli {

namespace {

constexpr const char* kPluginName = "norm-opencc.so";

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

}  // namespace

std::vector<std::string> OpenccPluginCandidates(const std::string& exe_dir, const char* env,
                                                const std::string& install_rel,
                                                const std::string& install_path) {
  if (env != nullptr && *env != '\0') return {env};
  std::vector<std::string> out;
  if (!exe_dir.empty()) {
    out.push_back(exe_dir + "/" + kPluginName);
    out.push_back(exe_dir + "/../" + install_rel + "/" + kPluginName);
  }
  out.push_back(install_path + "/" + kPluginName);
  return out;
}

const NormOpenccApi* LoadOpenccPlugin(const std::vector<std::string>& candidates,
                                      std::string* error) {
  for (const auto& path : candidates) {
    if (!Exists(path)) continue;
    // RTLD_LOCAL: the plug-in's libstdc++ and OpenCC symbols stay its own.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = dlerror();
      *error = "OpenCC could not be loaded: " + std::string(why ? why : path) +
               " (Debian package " + kOpenccPackage + ")";
      return nullptr;
    }
    using Entry = const NormOpenccApi* (*)();
    auto entry = reinterpret_cast<Entry>(dlsym(handle, "norm_opencc_plugin_api"));
    const NormOpenccApi* api = entry != nullptr ? entry() : nullptr;
    if (api == nullptr || api->abi != NORM_OPENCC_PLUGIN_ABI) {
      dlclose(handle);
      *error = path + " is not this norm's OpenCC plug-in (interface version " +
               std::to_string(NORM_OPENCC_PLUGIN_ABI) + " expected)";
      return nullptr;
    }
    return api;  // kept loaded for the life of the process
  }
  std::string tried;
  for (const auto& path : candidates) tried += (tried.empty() ? "" : ", ") + path;
  *error = "OpenCC could not be loaded: the norm command's plug-in " + std::string(kPluginName) +
           " is missing (looked for " + tried +
           "; it comes with norm and needs the Debian package " + kOpenccPackage + ")";
  return nullptr;
}

std::string ExecutableDir() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return {};
  std::string path(buf, static_cast<size_t>(n));
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

}  // namespace norm::cli
