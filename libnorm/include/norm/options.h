// Every knob of the pipeline, with its default. Each filter reads only its
// own section. Defaults are what `norm` does with no flags.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "norm/document.h"  // InputFormat

namespace norm {

enum class OnInvalid {
  kReplace,  // undecodable bytes become U+FFFD, counted (default)
  kStrict,   // reject the input: Status kInvalidInput with the byte offset
  kSkip,     // drop undecodable bytes, counted
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
  std::string config;     // OpenCC config name (s2t, tw2sp...); empty: none
  std::string target;     // zh-Hans|zh-Hant|zh-TW|zh-HK: pick config per document
  std::string dict_file;  // user phrase pairs applied before OpenCC
};

struct UnicodeOptions {
  std::string form = "NFC";  // NFC|NFKC|none
  bool fold_width = true;    // full-width ASCII and half-width katakana
  bool fold_spaces = false;  // NBSP and ideographic space to ' '
};

struct Options {
  DecodeOptions decode;
  InputFormat format = InputFormat::kAuto;
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

}  // namespace norm
