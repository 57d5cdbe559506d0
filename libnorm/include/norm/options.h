// Every knob of the pipeline, with its default. Each filter reads only its
// own section. Defaults are what `norm` does with no flags.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "norm/document.h"  // InputFormat
#include "norm/status.h"

namespace norm {

enum class OnInvalid {
  kReplace,  // undecodable bytes become U+FFFD, counted (default)
  kStrict,   // reject the input: Status kInvalidInput with the byte offset
  kSkip,     // drop undecodable bytes, counted
};

// What the runner writes for a document (--to): Markdown (default), plain
// text or one JSON object (libnorm/src/write/text_writer.h and
// json_writer.h). Commands that write no Document (detect, decode, fix, zh)
// take Markdown only.
enum class OutputFormat { kMarkdown, kText, kJson };

// What a Normalizer does with its input: the whole pipeline, or one part of
// it (the `norm` commands of the same names; see Commands() in registry.h).
enum class Command {
  kNormalize,       // `norm`: decode, read, the filters of `steps`, write Markdown
  kDetect,          // `norm detect`: the encoding only (the Report's decode facts)
  kDecode,          // `norm decode`: UTF-8 text; nothing else
  kFix,             // `norm fix`: the repair filters on the text as one prose span
  kHtmlToMarkdown,  // `norm html2md`: read, the markup filters, write Markdown
  kZh,              // `norm zh`: the zh filter on the prose of the text as it stands
};

struct DecodeOptions {
  std::string from_code = "auto";  // an encoding name, or "auto"
  std::string lang;                // BCP 47 hint ("zh", "ja", "ru") narrows candidates
  OnInvalid on_invalid = OnInvalid::kReplace;
  size_t detect_window = 64 * 1024;  // bytes of prefix the detector looks at
};

struct HtmlOptions {
  bool images = true;        // --no-images drops images
  bool boilerplate = true;   // --no-boilerplate keeps everything
  std::string adblock_list;  // --adblock-list FILE; empty: Debian's EasyList if installed
  std::string base_url;      // resolves relative links when set
  bool keep_ruby = false;  // --keep-ruby: ruby readings kept as 東京(とうきょう), not dropped
};

struct ZhOptions {
  std::string config;       // OpenCC config name (s2t, tw2sp...); empty: none
  std::string target;       // zh-Hans|zh-Hant|zh-TW|zh-HK: pick config per document
  std::string dict_file;    // user phrase pairs applied before OpenCC
  bool consistency = true;  // --no-zh-consistency: keep stray characters of the other script
};

struct UnicodeOptions {
  std::string form = "NFC";  // NFC|NFKC|none
  bool fold_width = true;    // full-width ASCII and half-width katakana
  bool fold_spaces = false;  // NBSP and ideographic space to ' '
};

struct Options {
  Command command = Command::kNormalize;
  DecodeOptions decode;
  InputFormat format = InputFormat::kAuto;
  OutputFormat to = OutputFormat::kMarkdown;  // --to
  // Comma-separated filter names; empty means the default pipeline. A name
  // prefixed with '-' removes that filter from the default pipeline.
  std::string steps;
  HtmlOptions html;
  ZhOptions zh;
  UnicodeOptions unicode;
  uint64_t max_size = uint64_t{1} << 30;  // --max-size; inputs above are rejected
  bool allow_binary = false;              // --binary: accept NUL bytes
  bool explain = false;                   // keep per-change events in the Report
};

// Options by name, as `norm` spells them (its long flags without "--"), for
// command lines and bindings: "from-code", "zh", "nf", "no-images"...
struct OptionInfo {
  std::string_view name;
  std::string_view arg;   // the value's placeholder ("ENC"); empty: a switch, set by its name
  std::string_view help;  // one paragraph, for --help and the man page
};

// In the order `norm --help` lists them.
std::span<const OptionInfo> NamedOptions();
const OptionInfo* FindOption(std::string_view name);

// Sets the named option from its value as written on a command line ("64M",
// "strict"); a switch takes an empty value. Returns kConfig for an unknown
// name or a bad value, with a message that says what the option takes.
Status SetOption(Options& options, std::string_view name, std::string_view value);

}  // namespace norm
