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
  // Empty: the whole pipeline. A library command (norm::Commands()) also
  // sets options.command; `check` is the CLI's own.
  std::string command;
  Options options;
  std::vector<std::string> files;
  std::string output;  // -o
  bool in_place = false;
  std::string backup_suffix;
  bool stats = false;
  bool strict = false;  // --strict: a loss warning makes the exit status 1
  bool json = false;
  bool help = false;
  bool version = false;
  bool man = false;
  bool list_filters = false;
  bool list_encodings = false;
  size_t review_max = 200;  // review: documents shown in full
  std::string review;       // --review FILE: the run's review page
  // --explain prints the events on stderr; options.explain is also on for
  // a review page, which shows them.
  bool explain_to_stderr = false;
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
  std::string_view long_name;
  char short_name;       // 0: long only
  std::string_view arg;  // empty: no value; "[X]": optional value (--flag=X only)
  std::string_view help;
  const char* commands;  // space-separated commands it applies to; nullptr: all
  // Applies the value; returns an error message, or empty on success.
  // nullptr: a library option, set by norm::SetOption.
  std::string (*apply)(Config& config, std::string_view value);
};

struct Command {
  std::string_view name;
  std::string_view summary;
  std::string_view usage;  // argument synopsis after the command name
};

const std::vector<Flag>& Flags();
// The library's commands (norm::Commands()) and `check`.
std::vector<Command> Commands();

// Parses argv[1..]. On error returns false and sets *error.
bool ParseArgs(const std::vector<std::string>& args, Config* config, std::string* error);

// Reads an `args` fixture file: one argument per line, '#' comments.
std::vector<std::string> ReadArgsFile(std::string_view content);

std::string HelpText();
std::string ManPage();

}  // namespace norm::cli
