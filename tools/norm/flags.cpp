#include "flags.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <thread>

#include "norm/registry.h"

namespace norm::cli {
namespace {

std::string SetOnInvalid(Config& c, std::string_view v) {
  if (v == "replace") {
    c.options.decode.on_invalid = OnInvalid::kReplace;
  } else if (v == "strict") {
    c.options.decode.on_invalid = OnInvalid::kStrict;
  } else if (v == "skip") {
    c.options.decode.on_invalid = OnInvalid::kSkip;
  } else {
    return "--on-invalid takes replace, strict or skip, not '" + std::string(v) + "'";
  }
  return {};
}

std::string SetFormat(Config& c, std::string_view v) {
  if (v == "auto") {
    c.options.format = InputFormat::kAuto;
  } else if (v == "text") {
    c.options.format = InputFormat::kText;
  } else if (v == "markdown" || v == "md") {
    c.options.format = InputFormat::kMarkdown;
  } else if (v == "html") {
    c.options.format = InputFormat::kHtml;
  } else {
    return "--format takes auto, text, markdown or html, not '" + std::string(v) + "'";
  }
  return {};
}

std::string SetNf(Config& c, std::string_view v) {
  if (v != "NFC" && v != "NFKC" && v != "none")
    return "--nf takes NFC, NFKC or none, not '" + std::string(v) + "'";
  c.options.unicode.form = v;
  return {};
}

std::string SetMaxSize(Config& c, std::string_view v) {
  uint64_t n = 0;
  std::string_view digits = v;
  uint64_t scale = 1;
  if (!digits.empty()) {
    switch (digits.back()) {
      case 'K':
      case 'k':
        scale = uint64_t{1} << 10;
        break;
      case 'M':
      case 'm':
        scale = uint64_t{1} << 20;
        break;
      case 'G':
      case 'g':
        scale = uint64_t{1} << 30;
        break;
      default:
        break;
    }
    if (scale != 1) digits.remove_suffix(1);
  }
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || digits.empty())
    return "--max-size takes a byte count such as 1048576 or 64M, not '" + std::string(v) + "'";
  c.options.max_size = n * scale;
  return {};
}

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

const std::vector<Flag> kFlags = {
    {"from-code", 'f', "ENC", "Input encoding (any ICU name), or auto to detect it. Default: auto.",
     "normalize decode detect fix zh html2md check",
     [](Config& c, std::string_view v) {
       c.options.decode.from_code = v;
       return std::string();
     }},
    {"lang", 0, "LANG", "Language hint (zh, ja, ko, ru...) that narrows encoding detection.",
     nullptr,
     [](Config& c, std::string_view v) {
       c.options.decode.lang = v;
       return std::string();
     }},
    {"on-invalid", 0, "MODE",
     "What undecodable bytes become: replace (U+FFFD, counted; default), strict (reject the "
     "input, exit 1, with the byte offset) or skip (drop, counted).",
     nullptr, SetOnInvalid},
    {"format", 0, "FORMAT", "Input format: auto (default), text, markdown or html.", nullptr,
     SetFormat},
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
    {"steps", 0, "LIST",
     "Comma-separated filters to run instead of the default pipeline (see --list-filters); "
     "'-name,...' runs the default pipeline without those.",
     nullptr,
     [](Config& c, std::string_view v) {
       c.options.steps = v;
       return std::string();
     }},
    {"zh", 0, "CONFIG", "Convert Chinese script with this OpenCC configuration (s2t, tw2sp...).",
     nullptr,
     [](Config& c, std::string_view v) {
       c.options.zh.config = v;
       return std::string();
     }},
    {"zh-target", 0, "TARGET",
     "Convert Chinese to zh-Hans, zh-Hant, zh-TW or zh-HK, detecting each document's script.",
     nullptr,
     [](Config& c, std::string_view v) {
       c.options.zh.target = v;
       return std::string();
     }},
    {"zh-dict", 0, "FILE", "User phrase pairs applied before OpenCC's dictionaries.", nullptr,
     [](Config& c, std::string_view v) {
       c.options.zh.dict_file = v;
       return std::string();
     }},
    {"nf", 0, "FORM", "Unicode normalization form: NFC (default), NFKC or none.", nullptr, SetNf},
    {"fold-spaces", 0, nullptr, "Turn NBSP and ideographic space into plain spaces.", nullptr,
     [](Config& c, std::string_view) {
       c.options.unicode.fold_spaces = true;
       return std::string();
     }},
    {"no-fold-width", 0, nullptr,
     "Keep full-width letters and digits and half-width katakana as they are.", nullptr,
     [](Config& c, std::string_view) {
       c.options.unicode.fold_width = false;
       return std::string();
     }},
    {"no-images", 0, nullptr, "Drop images.", nullptr,
     [](Config& c, std::string_view) {
       c.options.html.images = false;
       return std::string();
     }},
    {"no-boilerplate", 0, nullptr, "Convert everything; remove no ads, navigation or widgets.",
     nullptr,
     [](Config& c, std::string_view) {
       c.options.html.boilerplate = false;
       return std::string();
     }},
    {"keep-ruby", 0, nullptr,
     "Keep ruby readings in parentheses, 東京(とうきょう); by default an HTML <rt> reading is "
     "dropped (counted) and its base text kept, and the ruby filter removes flattened ones.",
     nullptr,
     [](Config& c, std::string_view) {
       c.options.html.keep_ruby = true;
       return std::string();
     }},
    {"adblock-list", 0, "FILE", "EasyList-format element-hiding rules to use instead of Debian's.",
     nullptr,
     [](Config& c, std::string_view v) {
       c.options.html.adblock_list = v;
       return std::string();
     }},
    {"base-url", 0, "URL", "Resolve relative links and images against URL.", nullptr,
     [](Config& c, std::string_view v) {
       c.options.html.base_url = v;
       return std::string();
     }},
    {"max-size", 0, "BYTES", "Reject inputs larger than BYTES (suffixes K, M, G). Default: 1G.",
     nullptr, SetMaxSize},
    {"binary", 0, nullptr, "Accept input holding NUL bytes instead of rejecting it.", nullptr,
     [](Config& c, std::string_view) {
       c.options.allow_binary = true;
       return std::string();
     }},
    {"explain", 0, nullptr, "Print what each filter changed, and why, on stderr.", nullptr,
     [](Config& c, std::string_view) {
       c.explain = true;
       c.options.explain = true;
       return std::string();
     }},
    {"strict", 0, nullptr,
     "Exit 1 when a document came out with a warning: rules left less than 10% of its "
     "visible text, or a non-blank input came out empty (the output is still written).",
     nullptr,
     [](Config& c, std::string_view) {
       c.strict = true;
       return std::string();
     }},
    {"stats", 0, nullptr,
     "Print each input's Report as one JSON line on stderr, with the visible characters after "
     "each stage (visible.*) and those each rule removed (removed.*).",
     nullptr,
     [](Config& c, std::string_view) {
       c.stats = true;
       return std::string();
     }},
    {"jsonl", 0, nullptr,
     "Records: each input line is a JSON object whose --text-key string is normalized; every "
     "other byte of the line is kept. One line out per line in, in order; a rejected record "
     "goes to --rejects FILE (without it, to stderr) instead of stdout, and the exit status is 1.",
     kBatchCommands,
     [](Config& c, std::string_view) { return SetRecords(c, RecordFormat::kJsonl); }},
    {"lines", 0, nullptr,
     "Records: each input line is a document; each output line its Markdown, inner line breaks "
     "folded to spaces.",
     kBatchCommands,
     [](Config& c, std::string_view) { return SetRecords(c, RecordFormat::kLines); }},
    {"null-data", 'z', nullptr,
     "Records: documents are NUL-terminated; output documents are NUL-terminated too.",
     kBatchCommands, [](Config& c, std::string_view) { return SetRecords(c, RecordFormat::kNul); }},
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
     "--jsonl: add each record's metadata (title, lang... what would be front matter) as member "
     "KEY, an object of strings (replacing its value if present). Records carry text only: "
     "without it, no metadata is written.",
     kBatchCommands,
     [](Config& c, std::string_view v) {
       c.record.meta_key = v;
       return std::string();
     }},
    {"rejects", 0, "FILE",
     "Records: write each rejected record to FILE as one JSON line (file, line or record number, "
     "id, error, and the input record as a string) instead of printing errors one by one.",
     kBatchCommands,
     [](Config& c, std::string_view v) {
       c.rejects = v;
       return std::string();
     }},
    {"jobs", 'j', "N",
     "Normalize documents or records on N threads (0: one per core); output order is kept. "
     "Default: 1.",
     kBatchCommands, SetJobs},
    {"recursive", 'r', nullptr, "Walk FILE arguments that are directories, in sorted order.",
     kBatchCommands,
     [](Config& c, std::string_view) {
       c.recursive = true;
       return std::string();
     }},
    {"output-dir", 0, "DIR",
     "Write one output file per input under DIR, mirroring the tree below each directory "
     "argument (a plain FILE keeps its base name). Documents get a .md extension; record files "
     "keep their name.",
     kBatchCommands,
     [](Config& c, std::string_view v) {
       c.output_dir = v;
       return std::string();
     }},
    {"progress", 0, "[WHEN]",
     "Show documents, MB, MB/s and ETA on stderr: auto (default: when stderr is a terminal), "
     "always (also --progress alone) or never.",
     kBatchCommands, SetProgress},
    {"json", 0, nullptr, "detect: print one JSON object per input.", "detect",
     [](Config& c, std::string_view) {
       c.json = true;
       return std::string();
     }},
    {"list-filters", 0, nullptr, "List the filters, their stage and description, and exit.",
     nullptr,
     [](Config& c, std::string_view) {
       c.list_filters = true;
       return std::string();
     }},
    {"help", 'h', nullptr, "Show this help and exit.", nullptr,
     [](Config& c, std::string_view) {
       c.help = true;
       return std::string();
     }},
    {"version", 0, nullptr,
     "Show the versions of libnorm, ICU, OpenCC, libxml2, uchardet and cmark-gfm, and exit.",
     nullptr,
     [](Config& c, std::string_view) {
       c.version = true;
       return std::string();
     }},
    {"man", 0, nullptr, "Print the man page (roff) and exit.", nullptr,
     [](Config& c, std::string_view) {
       c.man = true;
       return std::string();
     }},
};

struct CommandEntry {
  Command command;
  bool needs_stage;
  Stage stage;
};

const CommandEntry kCommands[] = {
    {{"detect", "Print each input's encoding, confidence and evidence.", "[FILE...]"},
     false,
     Stage::kRepair},
    {{"decode", "Decode to UTF-8 text; nothing else.", "[FILE...]"}, false, Stage::kRepair},
    {{"fix", "Repair encoding damage in UTF-8 text (no markup parsing).", "[FILE...]"},
     true,
     Stage::kRepair},
    {{"html2md", "HTML or Markdown page to Markdown, with page cleanup; no text repairs.",
      "[FILE...]"},
     false,
     Stage::kMarkup},
    {{"zh", "Convert Chinese script variants (OpenCC) in text.", "[FILE...]"},
     true,
     Stage::kScript},
    {{"check",
      "Normalize EXPECTED and ACTUAL (stdin if absent) and diff them; exit 1 if they "
      "differ.",
      "EXPECTED [ACTUAL]"},
     false,
     Stage::kRepair},
};

const Flag* FindLong(std::string_view name) {
  for (const Flag& f : kFlags)
    if (name == f.long_name) return &f;
  return nullptr;
}

const Flag* FindShort(char c) {
  for (const Flag& f : kFlags)
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
  if (f.arg != nullptr)
    s += f.arg[0] == '[' ? std::string("[=") + (f.arg + 1) : "=" + std::string(f.arg);
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

const std::vector<Flag>& Flags() { return kFlags; }

std::vector<Command> Commands() {
  std::vector<Command> out;
  for (const CommandEntry& e : kCommands) {
    if (e.needs_stage) {
      auto filters = norm::Filters();
      bool any = std::any_of(filters.begin(), filters.end(),
                             [&](const FilterInfo& f) { return f.stage == e.stage; });
      if (!any) continue;
    }
    out.push_back(e.command);
  }
  return out;
}

bool ParseArgs(const std::vector<std::string>& args, Config* config, std::string* error) {
  size_t i = 0;
  if (!args.empty() && IsCommand(args[0])) config->command = args[i++];
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
        if (flag->arg == nullptr) {
          *error = std::string("option -") + a[1] + " takes no value";
          return false;
        }
        value = a.substr(2);
        has_value = true;
      }
    }
    bool optional = flag->arg != nullptr && flag->arg[0] == '[';
    if (flag->arg == nullptr && has_value) {
      *error = std::string("option --") + flag->long_name + " takes no value";
      return false;
    }
    // `--in-place .bak FILE`: the suffix goes after '=' (as for sed -i);
    // taken for a FILE it would rewrite FILE without a backup.
    if (optional && !has_value && std::string_view(flag->long_name) == "in-place" &&
        i + 1 < args.size() && LooksLikeSuffix(args[i + 1])) {
      *error = "--in-place takes its suffix after '=': --in-place=" + args[i + 1];
      return false;
    }
    if (flag->arg != nullptr && !optional && !has_value) {
      if (i + 1 >= args.size()) {
        *error = std::string("option --") + flag->long_name + " needs a value (" + flag->arg + ")";
        return false;
      }
      value = args[++i];
    }
    if (flag->commands != nullptr) {
      std::string cmd = config->command.empty() ? "normalize" : config->command;
      std::string list = std::string(" ") + flag->commands + " ";
      if (list.find(" " + cmd + " ") == std::string::npos) {
        *error = std::string("option --") + flag->long_name + " does not apply to " +
                 (config->command.empty() ? std::string("norm") : "norm " + config->command);
        return false;
      }
    }
    std::string err = flag->apply(*config, value);
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
      "less than 10% of its visible text, or came out empty, gets a warning on stderr.\n\n"
      "Commands:\n";
  for (const Command& c : Commands()) {
    std::string head = std::string("  ") + c.name + " " + c.usage;
    head.resize(std::max<size_t>(head.size() + 1, 28), ' ');
    out += head + Wrap(c.summary, 28, 92) + "\n";
  }
  out += "\nOptions:\n";
  for (const Flag& f : kFlags) {
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
  for (const Flag& f : kFlags) {
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
      ".SH WARNINGS\nWhen rules leave less than 10% of a document's visible text, or a "
      "non\\-blank input comes out empty, one line goes to stderr: \\fBnorm: FILE: warning: "
      "output keeps 3% of the visible text (120 of 4000 characters); rule heuristic:widget "
      "removed 3700; \\-\\-no\\-boilerplate keeps it\\fR. Visible characters are all but white "
      "space, controls and format characters; \\-\\-stats gives them per stage. The exit "
      "status stays 0 unless \\-\\-strict.\n"
      ".SH DIAGNOSTICS\nErrors are printed as \\fBnorm: FILE: message at byte N\\fR.\n";
  return out;
}

}  // namespace norm::cli
