#include "flags.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <thread>

#include "norm/registry.h"

namespace norm::cli {
namespace {

std::string SetRecords(Config& c, RecordFormat format) {
  if (c.records && c.record.format != format)
    return "--jsonl, --lines and --null-data cannot be combined";
  c.records = true;
  c.record.format = format;
  return {};
}

std::string SetJobs(Config& c, std::string_view v) {
  int n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || ptr != v.data() + v.size() || n < 0 || n > 1024)
    return "--jobs takes a thread count from 0 to 1024, not '" + std::string(v) + "'";
  if (n == 0) n = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  c.jobs = n;
  return {};
}

std::string SetProgress(Config& c, std::string_view v) {
  if (v.empty() || v == "always") {
    c.progress = Config::Progress::kAlways;
  } else if (v == "auto") {
    c.progress = Config::Progress::kAuto;
  } else if (v == "never") {
    c.progress = Config::Progress::kNever;
  } else {
    return "--progress takes auto, always or never, not '" + std::string(v) + "'";
  }
  return {};
}

constexpr const char* kBatchCommands = "normalize decode fix zh html2md";

// The library's options (norm::NamedOptions) stand where Lib() names them,
// with the short name `norm` gives them; any other is appended.
Flag Lib(std::string_view name, char short_name = 0) {
  const OptionInfo* o = FindOption(name);
  return {o->name, short_name, o->arg, o->help, nullptr, nullptr};
}

std::vector<Flag> MakeFlags() {
  std::vector<Flag> flags = {
      Lib("from-code", 'f'),
      Lib("lang"),
      Lib("on-invalid"),
      Lib("format"),
      Lib("to"),
      {"output", 'o', "FILE", "Write output to FILE (replaced atomically) instead of stdout.",
       nullptr,
       [](Config& c, std::string_view v) {
         c.output = v;
         return std::string();
       }},
      {"in-place", 0, "[SUFFIX]",
       "Rewrite each FILE in place through a temporary file and a rename; with SUFFIX, keep the "
       "original as FILE+SUFFIX.",
       nullptr,
       [](Config& c, std::string_view v) {
         c.in_place = true;
         c.backup_suffix = v;
         return std::string();
       }},
      Lib("steps"),
      Lib("zh"),
      Lib("zh-target"),
      Lib("zh-dict"),
      Lib("nf"),
      Lib("fold-spaces"),
      Lib("no-fold-width"),
      Lib("no-images"),
      Lib("no-boilerplate"),
      Lib("keep-ruby"),
      Lib("adblock-list"),
      Lib("base-url"),
      Lib("max-size"),
      Lib("binary"),
      Lib("explain"),
      {"strict", 0, "",
       "Exit 1 when a document came out with a warning: rules left less than 5% of its "
       "visible text, or a non-blank input came out empty (the output is still written).",
       nullptr,
       [](Config& c, std::string_view) {
         c.strict = true;
         return std::string();
       }},
      {"stats", 0, "",
       "Print each input's Report as one JSON line on stderr, with the visible characters after "
       "each stage (visible.*) and those each rule removed (removed.*).",
       nullptr,
       [](Config& c, std::string_view) {
         c.stats = true;
         return std::string();
       }},
      {"jsonl", 0, "",
       "Records: each input line is a JSON object whose --text-key string is normalized; every "
       "other byte of the line is kept. One line out per line in, in order; a rejected record "
       "goes to --rejects FILE (without it, to stderr) instead of stdout, and the exit status "
       "is 1.",
       kBatchCommands,
       [](Config& c, std::string_view) { return SetRecords(c, RecordFormat::kJsonl); }},
      {"lines", 0, "",
       "Records: each input line is a document; each output line its Markdown, inner line "
       "breaks folded to spaces.",
       kBatchCommands,
       [](Config& c, std::string_view) { return SetRecords(c, RecordFormat::kLines); }},
      {"null-data", 'z', "",
       "Records: documents are NUL-terminated; output documents are NUL-terminated too.",
       kBatchCommands,
       [](Config& c, std::string_view) { return SetRecords(c, RecordFormat::kNul); }},
      {"text-key", 0, "KEY", "--jsonl: the member holding the text. Default: text.", kBatchCommands,
       [](Config& c, std::string_view v) {
         c.record.text_key = v;
         return std::string();
       }},
      {"id-key", 0, "KEY", "--jsonl: the member that identifies a record in errors. Default: id.",
       kBatchCommands,
       [](Config& c, std::string_view v) {
         c.record.id_key = v;
         return std::string();
       }},
      {"report-key", 0, "KEY",
       "--jsonl: add each record's Report as member KEY (replacing its value if present).",
       kBatchCommands,
       [](Config& c, std::string_view v) {
         c.record.report_key = v;
         return std::string();
       }},
      {"meta-key", 0, "KEY",
       "--jsonl: add each record's metadata (title, lang... what would be front matter) as "
       "member KEY, an object of strings (replacing its value if present). Records carry text "
       "only: without it, no metadata is written.",
       kBatchCommands,
       [](Config& c, std::string_view v) {
         c.record.meta_key = v;
         return std::string();
       }},
      {"rejects", 0, "FILE",
       "Records: write each rejected record to FILE as one JSON line (file, line or record "
       "number, id, error, and the input record as a string) instead of printing errors one by "
       "one.",
       kBatchCommands,
       [](Config& c, std::string_view v) {
         c.rejects = v;
         return std::string();
       }},
      {"jobs", 'j', "N",
       "Normalize documents or records on N threads (0: one per core); output order is kept. "
       "Default: 1.",
       kBatchCommands, SetJobs},
      {"recursive", 'r', "", "Walk FILE arguments that are directories, in sorted order.",
       kBatchCommands,
       [](Config& c, std::string_view) {
         c.recursive = true;
         return std::string();
       }},
      {"output-dir", 0, "DIR",
       "Write one output file per input under DIR, mirroring the tree below each directory "
       "argument (a plain FILE keeps its base name). Documents get a .md extension (.txt, .json "
       "with --to); record "
       "files keep their name.",
       kBatchCommands,
       [](Config& c, std::string_view v) {
         c.output_dir = v;
         return std::string();
       }},
      {"progress", 0, "[WHEN]",
       "Show documents, MB, MB/s and ETA on stderr: auto (default: when stderr is a terminal), "
       "always (also --progress alone) or never.",
       kBatchCommands, SetProgress},
      {"review", 0, "FILE",
       "Also write the review page of this run's documents (see norm review) to FILE; the output "
       "is the same as without it. With --jsonl, --lines or -z each record is a document.",
       kBatchCommands,
       [](Config& c, std::string_view v) {
         c.review = v;
         return std::string();
       }},
      {"review-max", 0, "N",
       "review, --review: show at most N documents in full, the most changed first (the others "
       "in a summary table). Default: 200.",
       "review normalize decode fix zh html2md",
       [](Config& c, std::string_view v) {
         size_t n = 0;
         auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
         if (ec != std::errc() || ptr != v.data() + v.size())
           return "--review-max takes a document count, not '" + std::string(v) + "'";
         c.review_max = n;
         return std::string();
       }},
      {"json", 0, "", "detect: print one JSON object per input.", "detect",
       [](Config& c, std::string_view) {
         c.json = true;
         return std::string();
       }},
      {"list-filters", 0, "", "List the filters, their stage and description, and exit.", nullptr,
       [](Config& c, std::string_view) {
         c.list_filters = true;
         return std::string();
       }},
      {"list-encodings", 0, "",
       "List every encoding -f accepts (ICU converters, then glibc iconv's), with its aliases, "
       "and exit.",
       nullptr,
       [](Config& c, std::string_view) {
         c.list_encodings = true;
         return std::string();
       }},
      {"help", 'h', "", "Show this help and exit.", nullptr,
       [](Config& c, std::string_view) {
         c.help = true;
         return std::string();
       }},
      {"version", 0, "",
       "Show the versions of libnorm, ICU, OpenCC, libxml2, uchardet and cmark-gfm, and exit.",
       nullptr,
       [](Config& c, std::string_view) {
         c.version = true;
         return std::string();
       }},
      {"man", 0, "", "Print the man page (roff) and exit.", nullptr,
       [](Config& c, std::string_view) {
         c.man = true;
         return std::string();
       }},
  };
  for (const OptionInfo& o : NamedOptions()) {
    bool placed = std::any_of(flags.begin(), flags.end(),
                              [&](const Flag& f) { return f.long_name == o.name; });
    if (!placed) flags.push_back(Lib(o.name));
  }
  return flags;
}

const std::vector<Flag>& FlagTable() {
  static const std::vector<Flag> flags = MakeFlags();
  return flags;
}

// `norm check`: the CLI's own command; the others are the library's.
constexpr Command kCheck = {"check",
                            "Normalize EXPECTED and ACTUAL (stdin if absent) and diff them; exit "
                            "1 if they differ.",
                            "EXPECTED [ACTUAL]"};
// `norm review`: the CLI's own too (an HTML page, see review.h).
constexpr Command kReview = {"review",
                             "Write one self-contained HTML page (-o FILE) showing, per document, "
                             "the input beside the rendered output with every repair and removal "
                             "marked, the most changed first.",
                             "-o FILE FILE..."};

const Flag* FindLong(std::string_view name) {
  for (const Flag& f : FlagTable())
    if (name == f.long_name) return &f;
  return nullptr;
}

const Flag* FindShort(char c) {
  for (const Flag& f : FlagTable())
    if (f.short_name == c) return &f;
  return nullptr;
}

// ".bak", "~", ".orig": a backup suffix, not a file (no such file exists).
bool LooksLikeSuffix(const std::string& arg) {
  if (arg.empty() || (arg[0] != '.' && arg[0] != '~') || arg.size() > 16) return false;
  if (arg.find('/') != std::string::npos || arg == "." || arg == "..") return false;
  std::error_code ec;
  return !std::filesystem::exists(arg, ec);
}

bool IsCommand(std::string_view name) {
  for (const Command& c : Commands())
    if (name == c.name) return true;
  return false;
}

std::string FlagSynopsis(const Flag& f) {
  std::string s = f.short_name ? std::string("-") + f.short_name + ", " : "    ";
  s += "--";
  s += f.long_name;
  if (!f.arg.empty())
    s += f.arg[0] == '[' ? "[=" + std::string(f.arg.substr(1)) : "=" + std::string(f.arg);
  return s;
}

std::string Wrap(std::string_view text, size_t indent, size_t width) {
  std::string out;
  size_t col = indent;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(pos, end - pos);
    if (col > indent && col + 1 + word.size() > width) {
      out += "\n" + std::string(indent, ' ');
      col = indent;
    } else if (col > indent) {
      out += ' ';
      ++col;
    }
    out += word;
    col += word.size();
    pos = end + 1;
  }
  return out;
}

std::string RoffEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out.push_back(c);
    }
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

}  // namespace

const std::vector<Flag>& Flags() { return FlagTable(); }

std::vector<Command> Commands() {
  std::vector<Command> out;
  for (const CommandInfo& c : norm::Commands()) out.push_back({c.name, c.summary, "[FILE...]"});
  out.push_back(kCheck);
  out.push_back(kReview);
  return out;
}

bool ParseArgs(const std::vector<std::string>& args, Config* config, std::string* error) {
  size_t i = 0;
  if (!args.empty() && IsCommand(args[0])) {
    config->command = args[i++];
    if (const CommandInfo* c = FindCommand(config->command)) config->options.command = c->command;
  }
  bool options_done = false;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (options_done || a == "-" || a.size() < 2 || a[0] != '-') {
      config->files.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    const Flag* flag = nullptr;
    std::string value;
    bool has_value = false;
    if (a[1] == '-') {
      std::string name = a.substr(2);
      size_t eq = name.find('=');
      if (eq != std::string::npos) {
        value = name.substr(eq + 1);
        has_value = true;
        name.resize(eq);
      }
      flag = FindLong(name);
      if (flag == nullptr) {
        *error = "unknown option --" + name + " (see norm --help)";
        return false;
      }
    } else {
      flag = FindShort(a[1]);
      if (flag == nullptr) {
        *error = std::string("unknown option -") + a[1] + " (see norm --help)";
        return false;
      }
      if (a.size() > 2) {
        if (flag->arg.empty()) {
          *error = std::string("option -") + a[1] + " takes no value";
          return false;
        }
        value = a.substr(2);
        has_value = true;
      }
    }
    bool optional = !flag->arg.empty() && flag->arg[0] == '[';
    if (flag->arg.empty() && has_value) {
      *error = "option --" + std::string(flag->long_name) + " takes no value";
      return false;
    }
    // `--in-place .bak FILE`: the suffix goes after '=' (as for sed -i);
    // taken for a FILE it would rewrite FILE without a backup.
    if (optional && !has_value && std::string_view(flag->long_name) == "in-place" &&
        i + 1 < args.size() && LooksLikeSuffix(args[i + 1])) {
      *error = "--in-place takes its suffix after '=': --in-place=" + args[i + 1];
      return false;
    }
    if (!flag->arg.empty() && !optional && !has_value) {
      if (i + 1 >= args.size()) {
        *error = "option --" + std::string(flag->long_name) + " needs a value (" +
                 std::string(flag->arg) + ")";
        return false;
      }
      value = args[++i];
    }
    if (flag->commands != nullptr) {
      std::string cmd = config->command.empty() ? "normalize" : config->command;
      std::string list = std::string(" ") + flag->commands + " ";
      if (list.find(" " + cmd + " ") == std::string::npos) {
        *error = "option --" + std::string(flag->long_name) + " does not apply to " +
                 (config->command.empty() ? std::string("norm") : "norm " + config->command);
        return false;
      }
    }
    std::string err = flag->apply != nullptr
                          ? flag->apply(*config, value)
                          : SetOption(config->options, flag->long_name, value).message();
    if (!err.empty()) {
      *error = err;
      return false;
    }
  }
  if (config->in_place && !config->output.empty()) {
    *error = "--in-place and --output cannot be combined";
    return false;
  }
  if (config->in_place && config->files.empty()) {
    *error = "--in-place needs FILE arguments";
    return false;
  }
  // Every FILE must be there before the first is rewritten.
  for (const std::string& f : config->in_place ? config->files : std::vector<std::string>{}) {
    std::error_code ec;
    if (f == "-" || !std::filesystem::exists(f, ec)) {
      *error = f == "-" ? "--in-place cannot rewrite standard input"
                        : f + ": No such file or directory (nothing was rewritten)";
      return false;
    }
  }
  if (!config->output_dir.empty() && (config->in_place || !config->output.empty())) {
    *error = "--output-dir cannot be combined with --output or --in-place";
    return false;
  }
  const RecordOptions& rec = config->record;
  if (!config->records && (!config->rejects.empty() || !rec.report_key.empty() ||
                           !rec.meta_key.empty() || rec.text_key != "text" || rec.id_key != "id")) {
    *error =
        "--rejects, --report-key, --meta-key, --text-key and --id-key need --jsonl, --lines or -z";
    return false;
  }
  if (config->records && rec.format != RecordFormat::kJsonl &&
      (!rec.report_key.empty() || !rec.meta_key.empty() || rec.text_key != "text" ||
       rec.id_key != "id")) {
    *error = "--report-key, --meta-key, --text-key and --id-key need --jsonl";
    return false;
  }
  if ((!rec.report_key.empty() && rec.report_key == rec.text_key) ||
      (!rec.meta_key.empty() && (rec.meta_key == rec.text_key || rec.meta_key == rec.report_key))) {
    *error = "--text-key, --report-key and --meta-key must name different members";
    return false;
  }
  if (config->records && config->in_place && config->rejects.empty()) {
    *error = "--in-place with --jsonl, --lines or -z needs --rejects FILE, so no record is lost";
    return false;
  }
  config->record.strict = config->options.decode.on_invalid == OnInvalid::kStrict;
  config->explain_to_stderr = config->options.explain && config->command != "review";
  if (!config->review.empty()) {
    if (config->review == config->output || config->review == config->rejects) {
      *error = "--review needs a file of its own, not that of --output or --rejects";
      return false;
    }
    config->options.explain = true;  // the page shows every event
  }
  if (config->command == "review") {
    if (config->output.empty() || config->files.empty()) {
      *error = "review takes -o FILE.html and one or more FILE";
      return false;
    }
    config->options.explain = true;  // the page shows every event
  }
  if (config->command == "check" && (config->files.empty() || config->files.size() > 2)) {
    *error = "check takes EXPECTED [ACTUAL]";
    return false;
  }
  return true;
}

std::vector<std::string> ReadArgsFile(std::string_view content) {
  std::vector<std::string> args;
  size_t pos = 0;
  while (pos < content.size()) {
    size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(pos, end - pos);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (!line.empty() && line.front() != '#') args.emplace_back(line);
    pos = end + 1;
  }
  return args;
}

std::string HelpText() {
  std::string out =
      "norm: damaged multilingual text in, clean UTF-8 Markdown out.\n\n"
      "Usage: norm [OPTIONS] [--] [FILE...]\n"
      "       norm COMMAND [OPTIONS] [FILE...]\n\n"
      "Reads each FILE (standard input when none, or for -) and writes Markdown to standard\n"
      "output. Exit status: 0 success, 1 input rejected (or check found a difference, or\n"
      "with --strict a warning), 2 usage, I/O or configuration error. A document that kept\n"
      "less than 5% of its visible text, or came out empty, gets a warning on stderr.\n\n"
      "Commands:\n";
  for (const Command& c : Commands()) {
    std::string head = "  " + std::string(c.name) + " " + std::string(c.usage);
    head.resize(std::max<size_t>(head.size() + 1, 28), ' ');
    out += head + Wrap(c.summary, 28, 92) + "\n";
  }
  out += "\nOptions:\n";
  for (const Flag& f : FlagTable()) {
    std::string head = "  " + FlagSynopsis(f);
    head.resize(std::max<size_t>(head.size() + 1, 28), ' ');
    out += head + Wrap(f.help, 28, 92) + "\n";
  }
  return out;
}

std::string ManPage() {
  std::string out =
      ".TH NORM 1 \"\" \"libnorm\" \"User Commands\"\n"
      ".SH NAME\nnorm \\- damaged multilingual text in, clean UTF\\-8 Markdown out\n"
      ".SH SYNOPSIS\n.B norm\n[\\fIOPTIONS\\fR] [\\-\\-] [\\fIFILE\\fR...]\n.br\n"
      ".B norm\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIFILE\\fR...]\n"
      ".SH DESCRIPTION\nReads each FILE (standard input when none, or for \\-), detects its "
      "encoding, repairs encoding damage, removes page boilerplate and writes deterministic "
      "UTF\\-8 Markdown with front matter to standard output.\n.SH COMMANDS\n";
  for (const Command& c : Commands()) {
    out += ".TP\n.B " + RoffEscape(c.name) + " " + RoffEscape(c.usage) + "\n" +
           RoffEscape(c.summary) + "\n";
  }
  out += ".SH OPTIONS\n";
  for (const Flag& f : FlagTable()) {
    out += ".TP\n.B " + RoffEscape(FlagSynopsis(f)) + "\n" + RoffEscape(f.help) + "\n";
  }
  out += ".SH FILTERS\n";
  for (const FilterInfo& f : norm::Filters()) {
    out += ".TP\n.B " + RoffEscape(f.name) + "\n" + RoffEscape(f.description) + "\n";
  }
  out +=
      ".SH EXIT STATUS\n0 success; 1 input rejected (strict decoding, binary or oversized input), "
      "with \\-\\-strict a warning, or, for check, a difference; 2 usage, I/O or configuration "
      "error.\n"
      ".SH WARNINGS\nWhen rules leave less than 5% of a document's visible text, or a "
      "non\\-blank input comes out empty, one line goes to stderr: \\fBnorm: FILE: warning: "
      "output keeps 3% of the visible text (120 of 4000 characters); rule heuristic:widget "
      "removed 3700; \\-\\-no\\-boilerplate keeps it\\fR. Visible characters are all but white "
      "space, controls and format characters; \\-\\-stats gives them per stage. The exit "
      "status stays 0 unless \\-\\-strict.\n"
      ".SH DIAGNOSTICS\nErrors are printed as \\fBnorm: FILE: message at byte N\\fR.\n";
  return out;
}

}  // namespace norm::cli
