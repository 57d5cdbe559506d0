#include "zh_consistency.h"

#include <algorithm>
#include <array>
#include <vector>

#include "han_script.h"
#include "script.h"
#include "utf8.h"

namespace norm::zh_internal {

namespace {

using text_model::HanScript;

HanScript ToHan(ZhScript s) {
  return s == ZhScript::kHans   ? HanScript::kSimplified
         : s == ZhScript::kHant ? HanScript::kTraditional
                                : HanScript::kEither;
}

// Where a sentence ends or a quotation starts or ends: a quotation in the
// other script is judged on its own.
bool SentenceBreak(char32_t c) {
  switch (c) {
    case U'。':
    case U'！':
    case U'？':
    case U'；':
    case U'!':
    case U'?':
    case U';':
    case U'\n':
    case U'「':
    case U'」':
    case U'『':
    case U'』':
    case U'“':
    case U'”':
    case U'《':
    case U'》':
    case U'〈':
    case U'〉':
    case U'（':
    case U'）':
    case U'(':
    case U')':
    case U'"':
      return true;
    default:
      return false;
  }
}

std::string Encode(const std::u32string& s, size_t a, size_t b) {
  std::string out;
  for (size_t i = a; i < b; ++i) utf8::Append(out, s[i]);
  return out;
}

std::u32string Decode(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(utf8::Next(s, i));
  return out;
}

}  // namespace

// s2tw and s2hk are s2t followed by a variants dictionary (t2tw, t2hk):
// one phrase converter and two small ones load several times faster than
// three phrase converters.
struct Consistency::Converters {
  std::shared_ptr<const ZhConverter> t2s, s2t, t2tw, t2hk;
};

Consistency::Consistency(std::string_view target) {
  hant_name_ = target == "zh-Hant" ? "s2t" : target == "zh-HK" ? "s2hk" : "s2tw";
}

Consistency::~Consistency() = default;

ZhScript Consistency::Clear(const ZhScriptCounts& c) {
  if (c.simplified_only >= kClearMin && c.simplified_only >= kClearRatio * c.traditional_only)
    return ZhScript::kHans;
  if (c.traditional_only >= kClearMin && c.traditional_only >= kClearRatio * c.simplified_only)
    return ZhScript::kHant;
  return ZhScript::kUnknown;
}

const Consistency::Converters* Consistency::Load(Report& report) const {
  std::call_once(once_, [&] {
    auto c = std::make_unique<Converters>();
    Status s;
    c->t2s = ZhConverter::Get("t2s", &s);
    c->s2t = ZhConverter::Get("s2t", &s);
    c->t2tw = ZhConverter::Get("t2tw", &s);
    c->t2hk = ZhConverter::Get("t2hk", &s);
    bool ok = c->t2s && c->s2t && c->t2tw && c->t2hk;
    if (ok) converters_ = std::move(c);
  });
  if (converters_ == nullptr) report.Count("zh", "consistency-unavailable");
  return converters_.get();
}

void Consistency::Fix(std::string& text, ZhScript doc_script, Report& report) const {
  if (text.find('\n') == std::string::npos) {
    FixLine(text, doc_script, 0, report);
    return;
  }
  // Each line is judged on its own (a paragraph per line in scraped text).
  std::string out, line;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    line.assign(text, pos, nl - pos);
    FixLine(line, doc_script, pos, report);
    out += line;
    if (nl < text.size()) out += '\n';
    pos = nl + 1;
  }
  text = std::move(out);
}

void Consistency::FixLine(std::string& text, ZhScript doc_script, size_t offset,
                          Report& report) const {
  if (std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; })) return;
  ZhScriptCounts counts;
  CountZhScript(text, &counts);
  ZhScript own = Clear(counts);
  ZhScript want = own != ZhScript::kUnknown ? own : doc_script;
  if (want == ZhScript::kUnknown) return;
  const HanScript native = ToHan(want);
  const HanScript foreign =
      want == ZhScript::kHant ? HanScript::kSimplified : HanScript::kTraditional;
  int64_t n_foreign = want == ZhScript::kHant ? counts.simplified_only : counts.traditional_only;
  int64_t n_native = want == ZhScript::kHant ? counts.traditional_only : counts.simplified_only;
  if (n_foreign == 0) return;
  // Not clear on its own and as much of the other script as of the
  // document's: a quotation or genuinely mixed text.
  if (own == ZhScript::kUnknown && n_foreign >= 2 && n_foreign >= n_native) return;

  const std::u32string cps = Decode(text);
  const size_t n = cps.size();
  std::vector<HanScript> script(n);
  for (size_t i = 0; i < n; ++i) script[i] = text_model::ScriptOf(cps[i]);

  // Sentences in the other script keep their characters.
  std::vector<bool> skip(n, false);
  for (size_t a = 0; a < n;) {
    size_t b = a;
    int64_t f = 0, s = 0;
    while (b < n && !SentenceBreak(cps[b])) {
      f += script[b] == foreign;
      s += script[b] == native;
      ++b;
    }
    if (f >= 2 && f >= s) std::fill(skip.begin() + a, skip.begin() + b, true);
    a = b + 1;
  }
  // Runs of the other script's characters: a name or a term.
  for (size_t a = 0; a < n;) {
    if (script[a] != foreign) {
      ++a;
      continue;
    }
    size_t b = a;
    while (b < n && script[b] == foreign) ++b;
    if (b - a >= static_cast<size_t>(kForeignRunMax))
      std::fill(skip.begin() + a, skip.begin() + b, true);
    a = b;
  }

  const Converters* conv = nullptr;
  std::u32string out = cps;
  int64_t changed = 0, left = 0;
  for (size_t i = 0; i < n; ++i) {
    if (script[i] != foreign) continue;
    if (skip[i]) {
      ++left;
      continue;
    }
    if (conv == nullptr && (conv = Load(report)) == nullptr) return;
    size_t a = i, b = i + 1;
    while (a > 0 && i - a < static_cast<size_t>(kWindow) && text::IsHan(cps[a - 1])) --a;
    while (b < n && b - i <= static_cast<size_t>(kWindow) && text::IsHan(cps[b])) ++b;
    char32_t fixed = cps[i];
    bool valid = false;
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (attempt == 1) a = i, b = i + 1;
      const std::string window = Encode(cps, a, b);
      const size_t k = i - a, len = b - a;
      std::u32string primary;
      valid = false;
      if (want == ZhScript::kHant) {
        const std::string mid = conv->s2t->Convert(conv->t2s->Convert(window));
        const std::u32string standards[3] = {Decode(mid), Decode(conv->t2tw->Convert(mid)),
                                             Decode(conv->t2hk->Convert(mid))};
        primary = standards[hant_name_ == "s2t" ? 0 : hant_name_ == "s2hk" ? 2 : 1];
        for (const std::u32string& alt : standards) {
          if (alt.size() == len && alt[k] == cps[i]) valid = true;
        }
      } else {
        primary = Decode(conv->t2s->Convert(window));
      }
      if (primary.size() != len) continue;
      if (primary[k] == cps[i]) valid = true;
      fixed = primary[k];
      break;
    }
    if (valid || fixed == cps[i] || text_model::ScriptOf(fixed) == foreign) {
      ++left;
      continue;
    }
    out[i] = fixed;
    ++changed;
  }
  if (changed != 0) {
    // One event per change, with a character of context on each side.
    size_t byte = offset;
    for (size_t i = 0; i < n; ++i) {
      if (out[i] != cps[i]) {
        size_t a = i > 0 && text::IsHan(cps[i - 1]) ? i - 1 : i;
        size_t b = i + 1 < n && text::IsHan(cps[i + 1]) ? i + 2 : i + 1;
        report.AddEvent({"zh", "consistency", static_cast<int64_t>(byte), Encode(cps, a, b),
                         Encode(out, a, b)});
      }
      char buf[4];
      byte += utf8::Encode(cps[i], buf);
    }
    report.Count("zh", "consistency-chars", changed);
    text = Encode(out, 0, n);
  }
  if (left != 0) report.Count("zh", "consistency-left", left);
}

}  // namespace norm::zh_internal
