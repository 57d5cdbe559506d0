// Script consistency: a text clearly in one Chinese script keeps stray
// characters of the other (an upstream character-by-character conversion,
// copy and paste): `用于`, `前后`, `圣誕節` in Traditional prose, `於`, `後` in
// Simplified prose. This step finds those characters and converts just them,
// in context, with OpenCC's phrase dictionaries; everything else keeps its
// bytes.
//
// Which characters. The one Simplified/Traditional detector
// (model/han_script.h, text_model::ScriptOf) marks the characters only one
// script uses. A line's script is its own when it is clear (the
// majority script has at least kClearMin distinguishing characters and
// kClearRatio times the other's), else the document's. Characters of the
// other script are candidates unless they look deliberate:
//   - a sentence (cut at 。！？；!?; and at quotation marks and brackets) with
//     at least two of them and no fewer than its own script's: a quotation
//     or a clause in the other script;
//   - a run of kForeignRunMax or more of them in a row: a name or a term.
//
// How they are converted. The run of Han characters around a candidate (at
// most kWindow characters each side) is rewritten whole into the other
// script (t2s for Traditional prose) and back with OpenCC's phrase
// dictionaries (s2tw by default; s2t for --zh-target=zh-Hant, s2hk for zh-HK;
// t2s for Simplified prose), so `用于` becomes `用於` and `頭发` `頭髮`. Only the
// candidate positions are taken from the result. A candidate stays when any
// of OpenCC's standards (s2t, s2tw, s2hk; t2s) keeps it in that context:
// `皇后`, `于右任`, `台灣`, `茶几` are valid Traditional. Windows whose
// conversion changes their length are cut down to the candidate itself.
//
// Cost: one table lookup per character on clean text; the OpenCC converters
// are loaded on the first candidate only.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "norm/report.h"
#include "norm/zh.h"

namespace norm::zh_internal {

inline constexpr int64_t kClearMin = 2;
inline constexpr int64_t kClearRatio = 4;
inline constexpr int kForeignRunMax = 3;
inline constexpr int kWindow = 8;

class Consistency {
 public:
  // target: "", zh-Hans, zh-Hant, zh-TW or zh-HK (picks the Traditional
  // converter: s2t for zh-Hant, s2hk for zh-HK, else s2tw).
  explicit Consistency(std::string_view target);
  ~Consistency();

  // The script a document (or any text) is clearly in, from its counts;
  // kUnknown when neither script is clear.
  static ZhScript Clear(const ZhScriptCounts& counts);

  // Fixes the other script's characters in one prose string, line by line.
  // doc_script is the document's clear script (kUnknown: only clear lines
  // are fixed).
  // Counts zh.consistency-chars and adds one event per change.
  void Fix(std::string& text, ZhScript doc_script, Report& report) const;

  // The converter that writes Traditional fixes ("s2tw", "s2t", "s2hk").
  const std::string& traditional_config() const { return hant_name_; }

 private:
  void FixLine(std::string& line, ZhScript doc_script, size_t offset, Report& report) const;
  struct Converters;
  const Converters* Load(Report& report) const;

  std::string hant_name_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<Converters> converters_;
};

}  // namespace norm::zh_internal
