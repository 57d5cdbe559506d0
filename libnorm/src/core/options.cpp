// Options by name: the one table the `norm` flags, its --help and man page,
// and the Python binding's keyword arguments are made from.
#include <charconv>
#include <string>
#include <vector>

#include "norm/options.h"

namespace norm {
namespace {

// Sets one option from its value; returns an error message, or empty.
using Setter = std::string (*)(Options& o, std::string_view value);

struct Row {
  OptionInfo info;
  Setter set;
};

std::string SetOnInvalid(Options& o, std::string_view v) {
  if (v == "replace") {
    o.decode.on_invalid = OnInvalid::kReplace;
  } else if (v == "strict") {
    o.decode.on_invalid = OnInvalid::kStrict;
  } else if (v == "skip") {
    o.decode.on_invalid = OnInvalid::kSkip;
  } else {
    return "--on-invalid takes replace, strict or skip, not '" + std::string(v) + "'";
  }
  return {};
}

std::string SetFormat(Options& o, std::string_view v) {
  if (v == "auto") {
    o.format = InputFormat::kAuto;
  } else if (v == "text") {
    o.format = InputFormat::kText;
  } else if (v == "markdown" || v == "md") {
    o.format = InputFormat::kMarkdown;
  } else if (v == "html") {
    o.format = InputFormat::kHtml;
  } else {
    return "--format takes auto, text, markdown or html, not '" + std::string(v) + "'";
  }
  return {};
}

std::string SetTo(Options& o, std::string_view v) {
  if (v == "markdown" || v == "md") {
    o.to = OutputFormat::kMarkdown;
  } else if (v == "text") {
    o.to = OutputFormat::kText;
  } else if (v == "json") {
    o.to = OutputFormat::kJson;
  } else {
    return "--to takes markdown, text or json, not '" + std::string(v) + "'";
  }
  return {};
}

std::string SetNf(Options& o, std::string_view v) {
  if (v != "NFC" && v != "NFKC" && v != "none")
    return "--nf takes NFC, NFKC or none, not '" + std::string(v) + "'";
  o.unicode.form = v;
  return {};
}

std::string SetMaxSize(Options& o, std::string_view v) {
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
  uint64_t n = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || digits.empty())
    return "--max-size takes a byte count such as 1048576 or 64M, not '" + std::string(v) + "'";
  o.max_size = n * scale;
  return {};
}

// A string option: the value as it is.
template <auto Member>
std::string SetString(Options& o, std::string_view v) {
  (o.*Member) = v;
  return {};
}
template <auto Section, auto Member>
std::string SetSectionString(Options& o, std::string_view v) {
  (o.*Section).*Member = v;
  return {};
}
// A switch: sets a flag to `value`.
template <auto Member, bool value>
std::string SetSwitch(Options& o, std::string_view) {
  o.*Member = value;
  return {};
}
template <auto Section, auto Member, bool value>
std::string SetSectionSwitch(Options& o, std::string_view) {
  (o.*Section).*Member = value;
  return {};
}

const Row kRows[] = {
    {{"from-code", "ENC",
      "Input encoding (any name ICU or glibc iconv knows; see --list-encodings), or auto to "
      "detect it. Default: auto."},
     SetSectionString<&Options::decode, &DecodeOptions::from_code>},
    {{"lang", "LANG", "Language hint (zh, ja, ko, ru...) that narrows encoding detection."},
     SetSectionString<&Options::decode, &DecodeOptions::lang>},
    {{"on-invalid", "MODE",
      "What undecodable bytes become: replace (U+FFFD, counted; default), strict (reject the "
      "input, exit 1, with the byte offset) or skip (drop, counted)."},
     SetOnInvalid},
    {{"format", "FORMAT", "Input format: auto (default), text, markdown or html."}, SetFormat},
    {{"to", "FORMAT",
      "Output format: markdown (default); text (plain UTF-8 text for tokenizers and language "
      "models: no Markdown syntax or escapes, links as their text, images as their alt text, "
      "table rows as tab-separated cells, paragraphs separated by blank lines); or json (one "
      "JSON object per document: metadata, the text as --to=text writes it, and its blocks "
      "with their offsets in that text; see docs/output.schema.json). In records modes the "
      "text member holds this output (with json, the object itself)."},
     SetTo},
    {{"steps", "LIST",
      "Comma-separated filters to run instead of the default pipeline (see --list-filters); "
      "'-name,...' runs the default pipeline without those."},
     SetString<&Options::steps>},
    {{"zh", "CONFIG", "Convert Chinese script with this OpenCC configuration (s2t, tw2sp...)."},
     SetSectionString<&Options::zh, &ZhOptions::config>},
    {{"zh-target", "TARGET",
      "Convert Chinese to zh-Hans, zh-Hant, zh-TW or zh-HK, detecting each document's script."},
     SetSectionString<&Options::zh, &ZhOptions::target>},
    {{"zh-dict", "FILE", "User phrase pairs applied before OpenCC's dictionaries."},
     SetSectionString<&Options::zh, &ZhOptions::dict_file>},
    {{"no-zh-consistency", "",
      "Keep stray characters of the other Chinese script (by default a document or paragraph "
      "clearly in one script has them converted in context)."},
     SetSectionSwitch<&Options::zh, &ZhOptions::consistency, false>},
    {{"nf", "FORM", "Unicode normalization form: NFC (default), NFKC or none."}, SetNf},
    {{"fold-spaces", "", "Turn NBSP and ideographic space into plain spaces."},
     SetSectionSwitch<&Options::unicode, &UnicodeOptions::fold_spaces, true>},
    {{"no-fold-width", "",
      "Keep full-width letters and digits and half-width katakana as they are."},
     SetSectionSwitch<&Options::unicode, &UnicodeOptions::fold_width, false>},
    {{"no-images", "", "Drop images."},
     SetSectionSwitch<&Options::html, &HtmlOptions::images, false>},
    {{"no-boilerplate", "", "Convert everything; remove no ads, navigation or widgets."},
     SetSectionSwitch<&Options::html, &HtmlOptions::boilerplate, false>},
    {{"keep-ruby", "",
      "Keep ruby readings in parentheses, 東京(とうきょう); by default an HTML <rt> reading is "
      "dropped (counted) and its base text kept, and the ruby filter removes flattened ones."},
     SetSectionSwitch<&Options::html, &HtmlOptions::keep_ruby, true>},
    {{"adblock-list", "FILE", "EasyList-format element-hiding rules to use instead of Debian's."},
     SetSectionString<&Options::html, &HtmlOptions::adblock_list>},
    {{"base-url", "URL", "Resolve relative links and images against URL."},
     SetSectionString<&Options::html, &HtmlOptions::base_url>},
    {{"max-size", "BYTES", "Reject inputs larger than BYTES (suffixes K, M, G). Default: 1G."},
     SetMaxSize},
    {{"binary", "", "Accept input holding NUL bytes instead of rejecting it."},
     SetSwitch<&Options::allow_binary, true>},
    {{"explain", "", "Print what each filter changed, and why, on stderr."},
     SetSwitch<&Options::explain, true>},
};

const Row* FindRow(std::string_view name) {
  for (const Row& r : kRows)
    if (r.info.name == name) return &r;
  return nullptr;
}

}  // namespace

std::span<const OptionInfo> NamedOptions() {
  static const std::vector<OptionInfo> infos = [] {
    std::vector<OptionInfo> v;
    for (const Row& r : kRows) v.push_back(r.info);
    return v;
  }();
  return infos;
}

const OptionInfo* FindOption(std::string_view name) {
  const Row* row = FindRow(name);
  return row == nullptr ? nullptr : &row->info;
}

Status SetOption(Options& options, std::string_view name, std::string_view value) {
  const Row* row = FindRow(name);
  if (row == nullptr) return Status(StatusCode::kConfig, "unknown option " + std::string(name));
  if (row->info.arg.empty() && !value.empty())
    return Status(StatusCode::kConfig, "option --" + std::string(name) + " takes no value");
  std::string error = row->set(options, value);
  if (!error.empty()) return Status(StatusCode::kConfig, std::move(error));
  return Status::Ok();
}

}  // namespace norm
