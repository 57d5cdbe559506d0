#include "zh.h"

#include <sys/stat.h>
#include <exception>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>

#include "han_script.h"
#include "utf8.h"
#include "zh_consistency.h"
#include "zh_opencc.h"
#include "zh_protect.h"
#include "zh_trie.h"

#ifndef NORM_OPENCC_DIR
#define NORM_OPENCC_DIR "/usr/share/opencc"
#endif

namespace norm {

using zh_internal::DecodeUtf8;
using zh_internal::Trie;

namespace {

constexpr size_t kChunk = 64 * 1024;  // fallback path: bytes per OpenCC call

bool FileExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// Characters that differ between in and out: position by position when both
// have the same number of characters, else the larger count.
int64_t CountChanged(std::string_view in, std::string_view out) {
  if (in == out) return 0;
  auto a = static_cast<int64_t>(utf8::Count(in)), b = static_cast<int64_t>(utf8::Count(out));
  if (a != b) return std::max(a, b);
  int64_t changed = 0;
  const char *p = in.data(), *pe = p + in.size();
  const char *q = out.data(), *qe = q + out.size();
  while (p < pe && q < qe) {
    size_t n, m;
    uint32_t c1 = DecodeUtf8(p, pe, &n), c2 = DecodeUtf8(q, qe, &m);
    changed += c1 != c2;
    p += n;
    q += m;
  }
  return changed;
}

// Largest prefix of text of at most max bytes that ends after a sentence
// end (。！？!?；\n) when one exists, else at a character boundary.
size_t SentenceCut(std::string_view text, size_t max) {
  if (text.size() <= max) return text.size();
  size_t limit = utf8::CharStart(text, max);
  for (size_t i = limit; i > limit / 2; --i) {
    unsigned char c = static_cast<unsigned char>(text[i - 1]);
    if (c == '\n' || c == '!' || c == '?') return i;
    if (i >= 3 && static_cast<unsigned char>(text[i - 3]) == 0xE3 &&
        static_cast<unsigned char>(text[i - 2]) == 0x80 && c == 0x82)
      return i;  // 。
    if (i >= 3 && static_cast<unsigned char>(text[i - 3]) == 0xEF &&
        static_cast<unsigned char>(text[i - 2]) == 0xBC && (c == 0x81 || c == 0x9F || c == 0x9B))
      return i;  // ！ ？ ；
  }
  return limit == 0 ? max : limit;
}

}  // namespace

using Group = zh_internal::MatchGroup<Trie>;

struct ZhConverter::Impl {
  std::unique_ptr<zh_opencc::Source> opencc;  // keeps the dictionaries alive; fallback engine
  std::vector<std::unique_ptr<Trie>> tries;
  Group segmentation;
  std::vector<Group> chain;

  // Converts one segment through the chain, appending to *out; returns the
  // characters changed.
  int64_t Segment(const char* p, const char* end, std::string* out, std::string* a,
                  std::string* b) const {
    size_t start = out->size();
    zh_internal::ConvertChain(chain, p, end, out, a, b);
    std::string_view in(p, static_cast<size_t>(end - p));
    std::string_view converted = std::string_view(*out).substr(start);
    return CountChanged(in, converted);
  }

  int64_t Compiled(std::string_view text, std::string* out) const {
    std::string a, b;
    int64_t changed = 0;
    zh_internal::ForEachMatch(
        text, segmentation, segmentation.ascii_keys,
        [&](const char* begin, const char* end) { changed += Segment(begin, end, out, &a, &b); },
        [&](const char* begin, const char* end, std::string_view) {
          changed += Segment(begin, end, out, &a, &b);
        });
    return changed;
  }

  int64_t Fallback(std::string_view text, std::string* out) const {
    int64_t changed = 0;
    while (!text.empty()) {
      size_t cut = SentenceCut(text, kChunk);
      std::string chunk(text.substr(0, cut));
      std::string converted = opencc->Convert(chunk);
      changed += CountChanged(chunk, converted);
      out->append(converted);
      text.remove_prefix(cut);
    }
    return changed;
  }
};

ZhConverter::ZhConverter(std::string name, std::unique_ptr<Impl> impl, bool compiled)
    : name_(std::move(name)), impl_(std::move(impl)), compiled_(compiled) {}
ZhConverter::~ZhConverter() = default;

int64_t ZhConverter::ConvertAppend(std::string_view text, std::string* out) const {
  return compiled_ ? impl_->Compiled(text, out) : impl_->Fallback(text, out);
}

std::string ZhConverter::Convert(std::string_view text) const {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  ConvertAppend(text, &out);
  return out;
}

const std::vector<std::string>& ZhConfigNames() {
  static const std::vector<std::string> names = {"s2t",   "t2s",  "s2tw", "tw2s", "s2twp",
                                                 "tw2sp", "s2hk", "hk2s", "t2tw", "t2hk",
                                                 "tw2t",  "hk2t", "t2jp", "jp2t"};
  return names;
}

namespace {

std::string KnownConfigs() {
  std::string s;
  for (const auto& n : ZhConfigNames()) {
    if (!s.empty()) s += ", ";
    s += n;
  }
  return s;
}

// Config name to file path; empty when it names nothing that exists.
std::string ConfigPath(std::string_view config) {
  std::string name(config);
  if (name.find('/') != std::string::npos) return FileExists(name) ? name : std::string();
  if (name.size() < 5 || name.compare(name.size() - 5, 5, ".json") != 0) name += ".json";
  std::string path = std::string(NORM_OPENCC_DIR) + "/" + name;
  return FileExists(path) ? path : std::string();
}

class Compiler {
 public:
  explicit Compiler(ZhConverter::Impl* impl) : impl_(impl) {}

  // Group `group` of the configuration (zh_opencc::Source::Leaves); false
  // when OpenCC could not list a dictionary's entries.
  bool Compile(size_t group, Group* g) {
    for (uintptr_t leaf : impl_->opencc->Leaves(group)) {
      const Trie* t = Leaf(leaf);
      if (t == nullptr) return false;
      g->tries.push_back(t);
      g->ascii_keys = g->ascii_keys || t->ascii_keys();
    }
    return true;
  }

 private:
  const Trie* Leaf(uintptr_t leaf) {
    auto it = cache_.find(leaf);
    if (it != cache_.end()) return it->second;
    auto trie = std::make_unique<Trie>();
    bool ok = impl_->opencc->ForEachEntry(
        leaf, [&](std::string_view key, std::string_view value) { trie->Insert(key, value); });
    if (!ok) return nullptr;
    trie->Finish();
    const Trie* raw = trie.get();
    impl_->tries.push_back(std::move(trie));
    cache_[leaf] = raw;
    return raw;
  }

  ZhConverter::Impl* impl_;
  std::map<uintptr_t, const Trie*> cache_;
};

std::shared_ptr<const ZhConverter> BuildFrom(const std::string& name, const std::string& path,
                                             bool compile, Status* status) {
  auto impl = std::make_unique<ZhConverter::Impl>();
  zh_opencc::OpenError error;
  impl->opencc = zh_opencc::Open(path, &error);
  if (impl->opencc == nullptr) {
    switch (error.kind) {
      case zh_opencc::OpenError::kOpencc:
        *status = Status(StatusCode::kConfig, "OpenCC config '" + name + "' (" + path +
                                                  ") failed to load: " + error.what +
                                                  " (Debian packages opencc, libopencc-data)");
        break;
      case zh_opencc::OpenError::kOther:
        *status = Status(StatusCode::kConfig,
                         "OpenCC config '" + name + "' failed to load: " + error.what);
        break;
      case zh_opencc::OpenError::kLibrary:
        *status = Status(StatusCode::kConfig, "OpenCC config '" + name + "': " + error.what);
        break;
    }
    return nullptr;
  }
  bool compiled = false;
  if (impl->opencc->MaxMatchSegmentation() && compile) {
    Compiler compiler(impl.get());
    compiled = impl->opencc->Groups() > 1 && compiler.Compile(0, &impl->segmentation);
    for (size_t g = 1; compiled && g < impl->opencc->Groups(); ++g) {
      impl->chain.emplace_back();
      compiled = compiler.Compile(g, &impl->chain.back());
    }
    if (!compiled) {
      impl->tries.clear();
      impl->chain.clear();
      impl->segmentation = Group();
    }
  }
  return std::make_shared<ZhConverter>(name, std::move(impl), compiled);
}

Status UnknownConfig(std::string_view config) {
  return Status(StatusCode::kConfig, "unknown OpenCC config '" + std::string(config) +
                                         "': no such file in " + NORM_OPENCC_DIR +
                                         " (known: " + KnownConfigs() +
                                         "; Debian packages opencc, libopencc-data)");
}

}  // namespace

std::shared_ptr<const ZhConverter> ZhConverter::Get(std::string_view config, Status* status) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const ZhConverter>, std::less<>> cache;
  std::string path = ConfigPath(config);
  if (path.empty()) {
    *status = UnknownConfig(config);
    return nullptr;
  }
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(path);
  if (it != cache.end()) return it->second;
  auto built = Build(config, /*compile=*/true, status);
  if (built != nullptr) cache.emplace(path, built);
  return built;
}

std::shared_ptr<const ZhConverter> ZhConverter::Build(std::string_view config, bool compile,
                                                      Status* status) {
  std::string path = ConfigPath(config);
  if (path.empty()) {
    *status = UnknownConfig(config);
    return nullptr;
  }
  std::string name(config);
  if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0)
    name.resize(name.size() - 5);
  return BuildFrom(name, path, compile, status);
}

// ---------------------------------------------------------------------------
// Script detection: the library's one detector (model/han_script.h).

void CountZhScript(std::string_view text, ZhScriptCounts* counts) {
  text_model::HanScriptCounts c;
  text_model::CountHanScript(text, &c);
  counts->simplified_only += c.simplified_only;
  counts->traditional_only += c.traditional_only;
}

ZhScript DecideZhScript(const ZhScriptCounts& c) {
  switch (text_model::DecideHanScript({c.simplified_only, c.traditional_only})) {
    case text_model::HanScript::kSimplified:
      return ZhScript::kHans;
    case text_model::HanScript::kTraditional:
      return ZhScript::kHant;
    case text_model::HanScript::kEither:
      break;
  }
  return ZhScript::kUnknown;
}

ZhScript DetectZhScript(std::string_view text) {
  ZhScriptCounts counts;
  CountZhScript(text, &counts);
  return DecideZhScript(counts);
}

// ---------------------------------------------------------------------------
// User dictionary

struct ZhUserDict::Impl {
  Trie trie;
};

ZhUserDict::ZhUserDict(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZhUserDict::~ZhUserDict() = default;
size_t ZhUserDict::size() const { return impl_->trie.size(); }

std::shared_ptr<const ZhUserDict> ZhUserDict::FromText(std::string_view text, Status* status) {
  auto impl = std::make_unique<Impl>();
  size_t line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    line.remove_prefix(first);
    size_t sep = line.find_first_of(" \t");
    if (sep == std::string_view::npos) {
      *status = Status(StatusCode::kConfig, "zh user dictionary line " + std::to_string(line_no) +
                                                ": expected \"source<TAB>target\"");
      return nullptr;
    }
    std::string_view key = line.substr(0, sep);
    std::string_view rest = line.substr(sep);
    size_t v = rest.find_first_not_of(" \t");
    if (v == std::string_view::npos) {
      *status = Status(StatusCode::kConfig, "zh user dictionary line " + std::to_string(line_no) +
                                                ": missing target for '" + std::string(key) + "'");
      return nullptr;
    }
    rest.remove_prefix(v);
    std::string_view value = rest.substr(0, rest.find_first_of(" \t"));
    impl->trie.Insert(key, value);
  }
  impl->trie.Finish();
  return std::make_shared<ZhUserDict>(std::move(impl));
}

std::shared_ptr<const ZhUserDict> ZhUserDict::Load(const std::string& path, Status* status) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *status = Status(StatusCode::kConfig, "cannot read zh user dictionary '" + path + "'");
    return nullptr;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  auto dict = FromText(ss.str(), status);
  if (dict == nullptr) *status = Status(StatusCode::kConfig, path + ": " + status->message());
  return dict;
}

namespace {

// The user dictionary first, the converter between user phrases; appends to
// *out.
void ConvertPiece(std::string_view text, const ZhConverter& converter, const ZhUserDict* user_dict,
                  std::string* out, int64_t* changed, int64_t* replaced) {
  if (user_dict == nullptr || user_dict->size() == 0) {
    *changed += converter.ConvertAppend(text, out);
    return;
  }
  const Trie& trie = user_dict->impl().trie;
  zh_internal::ForEachMatch(
      text, trie, trie.ascii_keys(),
      [&](const char* begin, const char* end) {
        *changed += converter.ConvertAppend(std::string_view(begin, end - begin), out);
      },
      [&](const char*, const char*, std::string_view value) {
        out->append(value);
        ++*replaced;
      });
}

}  // namespace

std::string ZhConvert(std::string_view text, const ZhConverter& converter,
                      const ZhUserDict* user_dict, int64_t* chars_changed, int64_t* user_replaced) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  int64_t changed = 0, replaced = 0;
  ConvertPiece(text, converter, user_dict, &out, &changed, &replaced);
  if (chars_changed != nullptr) *chars_changed += changed;
  if (user_replaced != nullptr) *user_replaced += replaced;
  return out;
}

// ---------------------------------------------------------------------------
// The filter

std::unique_ptr<ZhFilter> ZhFilter::Make(const Options& options, Status* status) {
  std::unique_ptr<ZhFilter> f(new ZhFilter());
  const ZhOptions& o = options.zh;
  if (!o.config.empty()) {
    f->fixed_ = ZhConverter::Get(o.config, status);
    if (f->fixed_ == nullptr) return nullptr;
  } else if (!o.target.empty()) {
    std::string hans, hant;
    if (o.target == "zh-Hans") {
      hant = "t2s";
    } else if (o.target == "zh-Hant") {
      hans = "s2t";
    } else if (o.target == "zh-TW") {
      hans = "s2twp";  // Taiwan vocabulary: 軟件→軟體, 網絡→網路, 芯片→晶片
      hant = "t2tw";
    } else if (o.target == "zh-HK") {
      hans = "s2hk";
      hant = "t2hk";
    } else {
      *status = Status(StatusCode::kConfig, "unknown --zh-target '" + o.target +
                                                "' (expected zh-Hans, zh-Hant, zh-TW or zh-HK)");
      return nullptr;
    }
    f->target_ = o.target;
    if (!hans.empty() && (f->from_hans_ = ZhConverter::Get(hans, status)) == nullptr)
      return nullptr;
    if (!hant.empty() && (f->from_hant_ = ZhConverter::Get(hant, status)) == nullptr)
      return nullptr;
  }
  if (!o.dict_file.empty()) {
    f->user_dict_ = ZhUserDict::Load(o.dict_file, status);
    if (f->user_dict_ == nullptr) return nullptr;
  }
  // An explicit configuration converts everything; consistency has nothing
  // to add.
  if (o.consistency && f->fixed_ == nullptr)
    f->consistency_ = std::make_shared<zh_internal::Consistency>(o.target);
  return f;
}

const ZhConverter* ZhFilter::Plan(ZhScript script, bool* consistency) const {
  const ZhConverter* c = Choose(script);
  // Consistency first when the document stays in its script: no target, the
  // target's script (skipped), or a regional variant of it (t2tw, t2hk).
  ZhScript target_script = target_ == "zh-Hans" ? ZhScript::kHans : ZhScript::kHant;
  *consistency = consistency_ != nullptr && script != ZhScript::kUnknown &&
                 (target_.empty() || target_script == script);
  return c;
}

const ZhConverter* ZhFilter::Choose(ZhScript script) const {
  if (fixed_ != nullptr) return fixed_.get();
  if (script == ZhScript::kHans) return from_hans_.get();
  if (script == ZhScript::kHant) return from_hant_.get();
  return nullptr;
}

namespace {
const char* ScriptName(ZhScript s) {
  switch (s) {
    case ZhScript::kHans:
      return "zh-Hans";
    case ZhScript::kHant:
      return "zh-Hant";
    default:
      return "unknown";
  }
}
}  // namespace

std::string ZhFilter::Run(std::string_view text, const ZhConverter* converter,
                          const Consistent& consistency, ZhScript fallback, Report& report,
                          zh_internal::PieceMode mode, const MarkdownProseFn& prose,
                          zh_internal::TextCounts* doc, size_t doc_offset,
                          zh_internal::Replay* replay, const zh_internal::DocLines* lines,
                          bool* same) const {
  int64_t changed = 0, replaced = 0;
  std::string out;
  // Pieces that come out as they went in, one after another from the start
  // of text, are not copied until one does not (with consistency alone most
  // passes change nothing): text before `covered` is the output so far.
  bool built = same == nullptr || converter != nullptr;
  if (built) out.reserve(text.size() + text.size() / 16);
  size_t covered = 0;
  const auto append = [&](std::string_view piece, bool as_is) {
    if (!built) {
      if (as_is && piece.data() == text.data() + covered && piece.size() <= text.size() - covered) {
        covered += piece.size();
        return;
      }
      built = true;
      out.reserve(text.size() + text.size() / 16);
      out.append(text.substr(0, covered));
    }
    out.append(piece);
  };
  std::string fixed;
  size_t unmapped = 0;
  zh_internal::ForEachPiece(
      text, mode,
      [&](std::string_view piece, bool convert) {
        if (convert && consistency.on) {
          // The document's counts around the piece (pieces are views of text).
          const bool inside = piece.data() >= text.data() &&
                              piece.data() + piece.size() <= text.data() + text.size();
          // Read in place: a piece the step leaves as it is is not copied.
          if (consistency_->Fix(
                  piece, &fixed, fallback, report, inside ? doc : nullptr,
                  inside ? doc_offset + static_cast<size_t>(piece.data() - text.data()) : 0,
                  inside ? replay : nullptr, inside ? lines : nullptr))
            piece = fixed;
        }
        if (convert && converter != nullptr) {
          ConvertPiece(piece, *converter, user_dict_.get(), &out, &changed, &replaced);
        } else {
          append(piece, piece.data() != fixed.data());
        }
      },
      &unmapped, prose);
  if (unmapped != 0) report.Count(name(), "prose-unmapped", static_cast<int64_t>(unmapped));
  if (changed != 0) report.Count(name(), "chars-converted", changed);
  if (replaced != 0) report.Count(name(), "user-dict-replaced", replaced);
  if (!built) {
    if (covered == text.size()) {
      *same = true;
      return {};
    }
    out.assign(text.substr(0, covered));
  }
  return out;
}

bool ZhFilter::MayChange(std::string_view text) const {
  if (!active()) return false;
  for (unsigned char c : text) {
    if (c >= 0x80) return true;
  }
  return user_dict_ != nullptr && user_dict_->impl().trie.ascii_keys();
}

const ZhConverter* ZhFilter::Start(const ZhScriptCounts& counts, Consistent* consistency,
                                   Report& report) const {
  ZhScript script = fixed_ == nullptr ? DecideZhScript(counts) : ZhScript::kUnknown;
  if (!target_.empty()) report.Set(name(), "detected", ScriptName(script));
  bool fix = false;
  const ZhConverter* c = Plan(script, &fix);
  // Nothing to fix where one script's characters are absent altogether.
  fix = fix && counts.simplified_only != 0 && counts.traditional_only != 0;
  consistency->on = fix;
  consistency->doc_script = zh_internal::Consistency::Clear(counts);
  if (fix) report.Set(name(), "consistency-config", consistency_->traditional_config() + "+t2s");
  if (c == nullptr) {
    if (!target_.empty() && script != ZhScript::kUnknown) report.Count(name(), "skipped-in-target");
  } else {
    report.Set(name(), "config", c->name());
  }
  return c;
}

namespace {
// Passes of consistency over a document at most (see Settle).
constexpr int kConsistencyRounds = 4;
}  // namespace

std::string ZhFilter::Transform(std::string_view text, Report& report) const {
  return ConvertText(text, zh_internal::PieceMode::kProse, markdown_prose_, report);
}

namespace {
// The bytes of the code point at byte `at`.
std::string_view CodePointAt(std::string_view s, size_t at) {
  return s.substr(at, utf8::SequenceLength(static_cast<unsigned char>(s[at])));
}
}  // namespace

std::string ZhFilter::ConvertText(std::string_view text, zh_internal::PieceMode mode,
                                  const MarkdownProseFn& prose, Report& report) const {
  if (!active()) return std::string(text);
  ZhScriptCounts counts;
  // With consistency, the pass that counts the script reads each line's
  // classes too: the consistency step's first pass takes them from there,
  // and works only on the lines that may change.
  zh_internal::DocLines lines;
  if (fixed_ == nullptr && consistency_ != nullptr) {
    zh_internal::ReadDocLines(text, &counts, &lines);
  } else if (fixed_ == nullptr) {
    CountZhScript(text, &counts);
  }
  Consistent consistency;
  const ZhConverter* c = Start(counts, &consistency, report);
  if (c == nullptr && !consistency.on) return std::string(text);
  std::string out(text);
  // Later passes read again only the lines a change can reach, with the
  // text's counts corrected where it changed rather than taken anew.
  zh_internal::Replay replay;
  auto doc = std::make_unique<zh_internal::TextCounts>(out);
  // The first pass's pair index from the lines' read (out is text's copy).
  if (fixed_ == nullptr && consistency_ != nullptr && lines.listed) doc->UsePairs(&lines.pairs);
  ZhScriptCounts now = counts;
  // The lines' read, while it covers the text (its -mostly list follows the
  // changes: DocLines::Follow).
  const bool read = fixed_ == nullptr && consistency_ != nullptr;
  Settle(
      c, &consistency,
      [&] {
        replay.Begin(consistency.doc_script);
        bool same = false;
        std::string next = Run(out, c, consistency, consistency.doc_script, report, mode, prose,
                               doc.get(), 0, &replay, read ? &lines : nullptr, &same);
        if (same || next == out) return false;
        replay.Next(out, next);
        if (read) lines.Follow(out, next, replay);
        if (replay.active()) {
          doc->Update(out, next, replay);
          for (const auto& [was, is] : replay.changes()) {
            ZhScriptCounts x, y;
            CountZhScript(CodePointAt(out, was), &x);
            CountZhScript(CodePointAt(next, is), &y);
            now.simplified_only += y.simplified_only - x.simplified_only;
            now.traditional_only += y.traditional_only - x.traditional_only;
          }
          out = std::move(next);
          doc->Rebase(out);
        } else {
          out = std::move(next);
          doc = std::make_unique<zh_internal::TextCounts>(out);
          now = {};
          CountZhScript(out, &now);
        }
        return true;
      },
      [&] { return now; });
  return out;
}

void ZhFilter::Settle(const ZhConverter* converter, Consistent* consistency,
                      const std::function<bool()>& pass,
                      const std::function<ZhScriptCounts()>& recount) const {
  bool changed = pass();
  // Consistency alone runs to a fixed point, so that the output is its own
  // normal form: a fix makes its line and paragraph clearer, and a
  // neighbour that was not clear before can follow on a second reading.
  for (int round = 1;
       changed && converter == nullptr && consistency->on && round < kConsistencyRounds; ++round) {
    consistency->doc_script = zh_internal::Consistency::Clear(recount());
    changed = pass();
  }
}

namespace {

// The language tag of what a configuration writes; empty when it is not
// Chinese of one script (t2jp writes Japanese kanji).
std::string_view OutputTag(std::string_view config) {
  if (config == "t2s" || config == "tw2s" || config == "tw2sp" || config == "hk2s")
    return "zh-Hans";
  if (config == "s2t" || config == "tw2t" || config == "hk2t" || config == "jp2t") return "zh-Hant";
  if (config == "s2tw" || config == "s2twp" || config == "t2tw") return "zh-TW";
  if (config == "s2hk" || config == "t2hk") return "zh-HK";
  return {};
}

}  // namespace

// A front-matter lang naming Chinese (zh, zh-Hans, zh-CN...) follows the
// conversion: after s2t the text is zh-Hant whatever the source said.
void ZhFilter::UpdateLang(Document& doc, std::string_view config, Report& report) const {
  std::string_view tag = OutputTag(config);
  if (tag.empty()) return;
  for (FrontMatterEntry& e : doc.front_matter.entries) {
    if (e.key != "lang") continue;
    std::string value = FrontMatter::Unquote(e.value);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    if (value != "zh" && value.rfind("zh-", 0) != 0 && value.rfind("zh_", 0) != 0) return;
    if (value == tag) return;
    std::string lead = e.value.substr(0, e.value.find_first_not_of(' '));
    e.value = lead + FrontMatter::Quote(tag);
    report.Count(name(), "lang-updated");
    return;
  }
}

std::string ZhFilter::TransformMarkdown(std::string_view text, Report& report) const {
  return TransformRaw(text, InputFormat::kMarkdown, report);
}

std::string ZhFilter::TransformRaw(std::string_view text, InputFormat format, Report& report,
                                   const MarkdownProseFn& prose) const {
  zh_internal::PieceMode mode = format == InputFormat::kText   ? zh_internal::PieceMode::kText
                                : format == InputFormat::kHtml ? zh_internal::PieceMode::kHtml
                                                               : zh_internal::PieceMode::kMarkdown;
  return ConvertText(text, mode, prose ? prose : markdown_prose_, report);
}

void ZhFilter::Apply(Document& doc, Report& report) const {
  if (!active()) return;
  // Counted string by string: a paragraph that is not clear on its own
  // takes the script of the paragraphs around it.
  ZhScriptCounts counts;
  std::vector<ZhScriptCounts> each;
  // The prose strings one after another, for the text's own convention
  // (zh_internal::TextCounts), and where each starts.
  std::string joined;
  std::vector<size_t> starts;
  auto count = [&] {
    counts = {};
    each.clear();
    if (fixed_ != nullptr) return;
    ForEachProse(doc, [&](std::string& s) {
      each.emplace_back();
      CountZhScript(s, &each.back());
      counts.simplified_only += each.back().simplified_only;
      counts.traditional_only += each.back().traditional_only;
    });
  };
  count();
  Consistent consistency;
  const ZhConverter* c = Start(counts, &consistency, report);
  if (c == nullptr && !consistency.on) return;
  if (c != nullptr) UpdateLang(doc, c->name(), report);
  auto pass = [&] {
    bool changed = false;
    size_t k = 0;
    joined.clear();
    starts.clear();
    if (consistency.on) {
      ForEachProse(doc, [&](std::string& s) {
        starts.push_back(joined.size());
        joined += s;
        joined += '\n';
      });
    }
    zh_internal::TextCounts around(joined);
    ForEachProse(doc, [&](std::string& s) {
      const size_t at = k++;
      if (!MayChange(s)) return;
      const ZhScript fallback =
          consistency.on && at < each.size()
              ? zh_internal::Consistency::Near(each, at, consistency.doc_script)
              : consistency.doc_script;
      std::string out =
          Run(s, c, consistency, fallback, report, zh_internal::PieceMode::kProse, markdown_prose_,
              at < starts.size() ? &around : nullptr, at < starts.size() ? starts[at] : 0);
      if (out != s) {
        changed = true;
        s = std::move(out);
      }
    });
    return changed;
  };
  Settle(c, &consistency, pass, [&] {
    count();
    return counts;
  });
}

std::unique_ptr<Filter> MakeZhFilter(const Options& options, Status* status) {
  std::unique_ptr<ZhFilter> f = ZhFilter::Make(options, status);
  if (f == nullptr || !f->active()) return nullptr;  // inactive: left out of the pipeline
  return f;
}

}  // namespace norm
