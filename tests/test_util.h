// Helpers shared by the tests: files, and running the real `norm` binary.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace norm::test {

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void WriteFile(const std::filesystem::path& p, const std::string& data) {
  std::ofstream out(p, std::ios::binary);
  out << data;
}

// A fresh directory under the system temp dir, removed at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "norm-test-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs NORM_CLI_PATH with args, feeding `input` on stdin.
inline CliResult RunCli(const std::vector<std::string>& args, const std::string& input = "") {
  TempDir dir;
  WriteFile(dir.path() / "in", input);
  std::string cmd = ShellQuote(NORM_CLI_PATH);
  for (const auto& a : args) cmd += " " + ShellQuote(a);
  cmd += " <" + ShellQuote((dir.path() / "in").string()) + " >" +
         ShellQuote((dir.path() / "out").string()) + " 2>" +
         ShellQuote((dir.path() / "err").string());
  int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadFile(dir.path() / "out");
  r.err = ReadFile(dir.path() / "err");
  return r;
}

}  // namespace norm::test
