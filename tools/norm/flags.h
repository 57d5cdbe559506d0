// The one flag table of the `norm` CLI: parsing, --help and the man page
// (docs/norm.1) are all generated from it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "norm/options.h"
#include "norm/records.h"

namespace norm::cli {

struct Config {
  std::string command;  // empty: the whole pipeline
  Options options;
  std::vector<std::string> files;
  std::string output;  // -o
  bool in_place = false;
  std::string backup_suffix;
  bool explain = false;
  bool stats = false;
  bool strict = false;  // --strict: a loss warning makes the exit status 1
  bool json = false;
  bool help = false;
  bool version = false;
  bool man = false;
  bool list_filters = false;
  // Records and batches (see batch.h).
  bool records = false;  // --jsonl, --lines or -z chose record.format
  RecordOptions record;
  std::string rejects;  // --rejects FILE
  int jobs = 1;         // -j
  bool recursive = false;
  std::string output_dir;
  enum class Progress { kAuto, kAlways, kNever } progress = Progress::kAuto;
};

struct Flag {
  const char* long_name;
  char short_name;  // 0: long only
  const char* arg;  // nullptr: no value; "[X]": optional value (--flag=X only)
  const char* help;
  const char* commands;  // space-separated commands it applies to; nullptr: all
  // Applies the value; returns an error message, or empty on success.
  std::string (*apply)(Config& config, std::string_view value);
};

struct Command {
  const char* name;
  const char* summary;
  const char* usage;  // argument synopsis after the command name
};

const std::vector<Flag>& Flags();
// Commands whose filters exist (a stage with no registered filter is not
// offered).
std::vector<Command> Commands();

// Parses argv[1..]. On error returns false and sets *error.
bool ParseArgs(const std::vector<std::string>& args, Config* config, std::string* error);

// Reads an `args` fixture file: one argument per line, '#' comments.
std::vector<std::string> ReadArgsFile(std::string_view content);

std::string HelpText();
std::string ManPage();

}  // namespace norm::cli
