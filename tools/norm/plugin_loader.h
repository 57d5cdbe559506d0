// Finding and loading the norm command's OpenCC plug-in (norm-opencc.so,
// opencc_plugin/): OpenCC, libmarisa and the shared libstdc++ they need are
// mapped only when a conversion needs them (docs/performance.md, "Detection
// cost, round detcost").
#pragma once

#include <string>
#include <vector>

#include "opencc_plugin/plugin_abi.h"

namespace norm::cli {

// The Debian package that ships libopencc.so.1.1, named in load errors.
inline constexpr const char* kOpenccPackage = "libopencc1.1";

// Where to look, in order: env (the environment's NORM_OPENCC_PLUGIN) alone
// when set and not empty; else next to the executable (the build tree), then
// exe_dir/../install_rel (a moved installation), then install_path.
std::vector<std::string> OpenccPluginCandidates(const std::string& exe_dir, const char* env,
                                                const std::string& install_rel,
                                                const std::string& install_path);

// dlopens the first candidate that exists and returns its interface; null
// with *error (naming every path tried, or the loader's message, and the
// Debian package) when none exists, it fails to load, or its ABI differs.
const NormOpenccApi* LoadOpenccPlugin(const std::vector<std::string>& candidates,
                                      std::string* error);

// The directory of the running executable (/proc/self/exe); empty if unknown.
std::string ExecutableDir();

}  // namespace norm::cli
