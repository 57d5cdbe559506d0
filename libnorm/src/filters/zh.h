// zh: Chinese script variants (Simplified, Traditional, Taiwan, Hong Kong,
// Japanese Shinjitai) with OpenCC's configurations and dictionaries, on prose
// only.
//
//   norm --zh=s2t FILE            one OpenCC configuration for every document
//   norm --zh-target=zh-Hant FILE detect each document's script, convert only
//                                 when it is not already in the target
//   norm --zh=s2tw --zh-dict my.txt FILE   user phrase pairs win over OpenCC
//
// Options (ZhOptions in options.h):
//   config     ""   OpenCC configuration: a name Debian's opencc ships (s2t,
//                   t2s, s2tw, tw2s, s2twp, tw2sp, s2hk, hk2s, t2tw, t2hk,
//                   tw2t, hk2t, t2jp, jp2t; ".json" optional) or a path to a
//                   config file. Empty: no fixed configuration.
//   target     ""   zh-Hans | zh-Hant | zh-TW | zh-HK. Counts the characters
//                   of the document's prose that only Simplified (resp. only
//                   Traditional) writing uses and picks the configuration:
//                     target    source Hans   source Hant
//                     zh-Hans   (nothing)     t2s
//                     zh-Hant   s2t           (nothing)
//                     zh-TW     s2tw          t2tw
//                     zh-HK     s2hk          t2hk
//                   A document with no distinguishing character is left alone.
//   dict_file  ""   user dictionary: one "source<TAB>target" pair per line
//                   (OpenCC's text dictionary format; spaces also separate;
//                   '#' starts a comment; extra targets after the first are
//                   ignored). At each position the longest user phrase wins
//                   and its replacement is emitted as is, never converted by
//                   OpenCC again.
//
// Only prose is converted (see ForEachProse in document.h): link targets,
// image sources, code and front-matter keys keep their bytes, so that
// `https://example.com/发布/后台` stays a working URL. Bare URLs inside prose
// (http://, https://, ftp://, www.) are kept too.
//
// Engine. The configuration is loaded with OpenCC's own C++ API
// (opencc::Config), and its segmentation and conversion-chain dictionaries are
// compiled once per process into code-point tries. Conversion then follows
// OpenCC's algorithm exactly (maximum-match segmentation with the
// segmentation dictionary; each segment rewritten by every conversion in
// turn, longest prefix first, the first dictionary of a group that matches
// winning) without OpenCC's per-segment string allocations, streaming with
// constant extra memory. The tests compare it with opencc::Converter on every
// configuration. Configurations with another segmentation type fall back to
// opencc::Converter, fed in chunks of at most 64 KiB cut at sentence ends.
//
// Converters are cached per configuration and shared: building one costs tens
// of milliseconds, converting is const and thread-safe.
//
// Report (filter "zh"):
//   config=NAME            fact: the configuration used (last document)
//   detected=zh-Hans|zh-Hant|unknown   fact, with target only
//   chars-converted        characters OpenCC changed
//   user-dict-replaced     user-dictionary phrases replaced
//   skipped-in-target      documents left alone: already in the target
//   lang-updated           front-matter lang naming Chinese (zh, zh-Hans...)
//                          set to what the configuration writes (zh-Hant after
//                          s2t, zh-TW after s2tw...); t2jp leaves it alone
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "norm/document.h"
#include "norm/filter.h"
#include "norm/options.h"
#include "norm/status.h"

namespace norm {

namespace zh_internal {
class Consistency;
class Replay;
class TextCounts;
struct DocLines;
enum class PieceMode;
}  // namespace zh_internal

// A compiled OpenCC configuration. Immutable and thread-safe once built.
class ZhConverter {
 public:
  // The shared converter for `config` (a name such as "s2t" or "s2t.json",
  // or a path), built on first use. On failure returns null and sets *status
  // (kConfig, naming the configuration and the opencc package).
  static std::shared_ptr<const ZhConverter> Get(std::string_view config, Status* status);
  // A new, unshared converter. compile=false runs opencc::Converter itself
  // (in chunks of at most 64 KiB cut at sentence ends): the reference the
  // tests and benchmarks compare with.
  static std::shared_ptr<const ZhConverter> Build(std::string_view config, bool compile,
                                                  Status* status);

  // Appends the conversion of text (valid UTF-8) to *out and returns the
  // number of characters changed.
  int64_t ConvertAppend(std::string_view text, std::string* out) const;
  std::string Convert(std::string_view text) const;

  const std::string& name() const { return name_; }
  // False when the configuration is run by opencc::Converter itself.
  bool compiled() const { return compiled_; }

  // Internal: constructed by Get().
  struct Impl;
  explicit ZhConverter(std::string name, std::unique_ptr<Impl> impl, bool compiled);
  ~ZhConverter();

 private:
  std::string name_;
  std::unique_ptr<Impl> impl_;
  bool compiled_;
};

// The configuration names Debian's opencc package ships, in a fixed order.
const std::vector<std::string>& ZhConfigNames();

enum class ZhScript { kUnknown, kHans, kHant };

struct ZhScriptCounts {
  int64_t simplified_only = 0;  // characters only Simplified writing uses
  int64_t traditional_only = 0;
};
// Adds the distinguishing characters of text to *counts.
void CountZhScript(std::string_view text, ZhScriptCounts* counts);
ZhScript DecideZhScript(const ZhScriptCounts& counts);
ZhScript DetectZhScript(std::string_view text);

// A user phrase dictionary (--zh-dict).
class ZhUserDict {
 public:
  static std::shared_ptr<const ZhUserDict> Load(const std::string& path, Status* status);
  static std::shared_ptr<const ZhUserDict> FromText(std::string_view text, Status* status);
  size_t size() const;

  struct Impl;
  explicit ZhUserDict(std::unique_ptr<Impl> impl);
  ~ZhUserDict();
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// Converts all of text (nothing protected) with the user dictionary first
// (may be null) and the converter for everything between user phrases. Counts into *chars_changed
// and *user_replaced when non-null.
std::string ZhConvert(std::string_view text, const ZhConverter& converter,
                      const ZhUserDict* user_dict, int64_t* chars_changed = nullptr,
                      int64_t* user_replaced = nullptr);

// Where the prose of a Markdown body is (MarkdownProseRanges in
// norm/reader.h): `norm zh` hands the reader's function to the filter.
using MarkdownProseFn =
    std::function<std::vector<ProseRange>(std::string_view body, size_t* unmapped)>;

class ZhFilter : public TextFilter {
 public:
  // Builds from options.zh; null with *status set on a bad configuration,
  // target or dictionary file. With neither config nor target set, builds
  // a filter that changes nothing.
  static std::unique_ptr<ZhFilter> Make(const Options& options, Status* status);

  std::string_view name() const override { return "zh"; }
  std::string Transform(std::string_view text, Report& report) const override;
  bool MayChange(std::string_view text) const override;
  // Detects the script of the whole document first when a target is set.
  void Apply(Document& doc, Report& report) const override;
  // `norm zh`: raw text or Markdown as it stands, converted in place of
  // opencc. Keeps byte for byte everything but prose: front matter (except
  // the values of prose keys such as title), fenced and inline code, link
  // and image destinations, reference definitions, HTML tags, autolinks and
  // bare URLs, and the contents of <pre>, <code>, <script> and <style>.
  std::string TransformMarkdown(std::string_view text, Report& report) const;
  // The Markdown reader's prose ranges for TransformMarkdown and
  // TransformRaw's kMarkdown (without them Markdown is read as kText).
  void set_markdown_prose(MarkdownProseFn prose) { markdown_prose_ = std::move(prose); }
  // The same for text in a given format (kAuto is not resolved here): kText
  // converts the whole body (front matter aside) as prose, kMarkdown what
  // cmark-gfm reads as prose, kHtml the text between tags. Counts
  // zh.prose-unmapped for Markdown text whose position could not be
  // verified (kept). prose: the reader's prose ranges for kMarkdown, instead
  // of those set with set_markdown_prose.
  std::string TransformRaw(std::string_view text, InputFormat format, Report& report,
                           const MarkdownProseFn& prose = nullptr) const;

  // True when the filter may change anything: a configuration, a target or
  // script consistency.
  bool active() const { return converts() || consistency_ != nullptr; }
  // True when a configuration or a target is set (`norm zh` needs one or
  // consistency).
  bool converts() const { return fixed_ != nullptr || !target_.empty(); }

 private:
  ZhFilter() = default;
  const ZhConverter* Choose(ZhScript script) const;
  // What to run on a document detected as `script`: the converter (null:
  // none) and whether script consistency runs first.
  const ZhConverter* Plan(ZhScript script, bool* consistency) const;
  void UpdateLang(Document& doc, std::string_view config, Report& report) const;
  // Detection and reporting shared by Apply, Transform and
  // TransformMarkdown: the converter to run (or null) and the document
  // script consistency fixes towards (kUnknown: no consistency).
  struct Consistent {
    bool on = false;
    ZhScript doc_script = ZhScript::kUnknown;  // the document's clear script
  };
  const ZhConverter* Start(const ZhScriptCounts& counts, Consistent* consistency,
                           Report& report) const;
  std::string Run(std::string_view text, const ZhConverter* converter,
                  const Consistent& consistency, ZhScript fallback, Report& report,
                  zh_internal::PieceMode mode, const MarkdownProseFn& prose,
                  zh_internal::TextCounts* doc = nullptr, size_t doc_offset = 0,
                  zh_internal::Replay* replay = nullptr,
                  const zh_internal::DocLines* lines = nullptr, bool* same = nullptr) const;
  // (same, with consistency alone: set when the output is text itself, and
  // then nothing is returned: the pass that changes nothing copies nothing.)
  // Runs `pass` (one pass of the stage over the document or text; true when
  // it changed anything) and, when consistency runs alone, again until
  // nothing changes (at most four passes), the document's script taken
  // anew from `recount` before each: Apply and ConvertText alike, so that
  // `norm` and `norm zh` outputs are their own normal forms.
  void Settle(const ZhConverter* converter, Consistent* consistency,
              const std::function<bool()>& pass,
              const std::function<ZhScriptCounts()>& recount) const;
  // One raw text, detected as a whole (Transform, TransformRaw).
  std::string ConvertText(std::string_view text, zh_internal::PieceMode mode,
                          const MarkdownProseFn& prose, Report& report) const;

  std::shared_ptr<const ZhConverter> fixed_;
  std::string target_;
  std::shared_ptr<const ZhConverter> from_hans_;
  std::shared_ptr<const ZhConverter> from_hant_;
  std::shared_ptr<const ZhUserDict> user_dict_;
  std::shared_ptr<const zh_internal::Consistency> consistency_;
  MarkdownProseFn markdown_prose_;
};

// The registry's constructor.
std::unique_ptr<Filter> MakeZhFilter(const Options& options, Status* status);

}  // namespace norm
