#include "norm/realign.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "dbcs_table.h"
#include "readings.h"
#include "script.h"
#include "text_model.h"
#include "utf8.h"

namespace norm {
namespace {

bool IsReadingLetter(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '1' && c <= '5')) return true;
  static constexpr std::u32string_view kMarked = U"āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê";
  return kMarked.find(c) != std::u32string_view::npos || text::IsBopomofo(c) || c == 0x02CA ||
         c == 0x02C7 || c == 0x02CB || c == 0x02D9;
}
bool IsLost(char32_t c) { return c == '?' || c == 0xFFFD; }

// cps[k] is followed by a reading (up to 9 letters) and `)`: the index of
// `)`, or 0.
size_t ReadingEnd(const std::vector<char32_t>& cps, size_t k) {
  size_t j = k + 1;
  for (; j < cps.size() && j <= k + 9 && cps[j] != ')'; ++j) {
    if (!IsReadingLetter(cps[j])) return 0;
  }
  return j > k + 1 && j < cps.size() && cps[j] == ')' ? j : 0;
}

// cps[k] is followed by a reading and `)`: the tail of an annotation whose
// `(` was swallowed.
bool IsOrphanReading(const std::vector<char32_t>& cps, size_t k) { return ReadingEnd(cps, k) != 0; }

// The clause and quotation marks of running Chinese text: 、。《》「」『』
// （），：；！？“”
bool IsCommonCjkPunct(char32_t c) {
  return c == 0x3001 || c == 0x3002 || (c >= 0x300A && c <= 0x300F) || c == 0xFF08 || c == 0xFF09 ||
         c == 0xFF0C || c == 0xFF1A || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F || c == 0x201C ||
         c == 0x201D;
}

// log P(c) of a common clause mark in running Chinese text: about one
// character in eight is one, half of them ，and a quarter 。.
double PunctLogFreq(char32_t c) {
  switch (c) {
    case 0xFF0C:  // ，
      return -2.8;
    case 0x3002:  // 。
      return -3.5;
    case 0x3001:  // 、
      return -5.5;
    case 0x201C:  // “
    case 0x201D:  // ”
      return -5.8;
    default:  // ：；！？（）《》「」『』
      return -6.5;
  }
}

// log P(c | prev) as the search sees it. ASCII is free (it is never
// re-decoded), a kept `?` costs literal_cost. Han characters follow the
// text model. Inside GBK/Big5 Chinese the other double-byte characters
// compete with Han ones: common clause marks get PunctLogFreq (see EndCost
// for the end of a line), every other symbol, kana, full-width letter or
// Greek/Cyrillic letter log(1e-6).
double CharCost(const RealignFilter::Options& o, char32_t prev, char32_t c) {
  if (c < 0x80) return 0;
  if (IsLost(c)) return -o.literal_cost;
  if (!text::IsHan(c)) {
    if (!IsCommonCjkPunct(c)) return -13.8;
    return PunctLogFreq(c);
  }
  return text_model::ConditionalLogFreq(prev >= 0x80 ? prev : 0, c);
}

// The line ending after `last`: a line of running Chinese text mostly ends
// on 。！？ (log(0.3) for the mark in all, rather than its PunctLogFreq),
// seldom on another clause mark (a tenth of its PunctLogFreq) or on a Han
// character.
double EndCost(const RealignFilter::Options& o, char32_t last) {
  if (text::IsHan(last)) return -o.open_end_cost;
  if (!IsCommonCjkPunct(last)) return 0;
  return last == 0x3002 || last == 0xFF01 || last == 0xFF1F ? -1.2 - PunctLogFreq(last) : -2.3;
}

// Simplified-only and Traditional-only characters seen so far on the line.
struct ScriptTally {
  int simplified = 0;
  int traditional = 0;
  // Counts c; returns -cost when c belongs to the script the line has used
  // less so far (a Traditional line rarely holds a Simplified-only
  // character, and the other way round).
  double Add(char32_t c, double cost) {
    switch (text_model::ScriptOf(c)) {
      case text_model::HanScript::kSimplified:
        return ++simplified <= traditional ? -cost : 0;
      case text_model::HanScript::kTraditional:
        return ++traditional <= simplified ? -cost : 0;
      default:
        return 0;
    }
  }
};

// Pairs (lead << 8 | trail) of a codec whose character has a reading,
// keyed by tone-numbered pinyin ("dao3") and by zhuyin ("ㄉㄠˇ"). Bit 16
// marks a secondary reading (not the character's first, kMandarin one):
// annotating tools write the common reading.
class ReadingIndex {
 public:
  explicit ReadingIndex(const DbcsTable& t) {
    for (int lead = 0x81; lead <= 0xFE; ++lead) {
      for (int trail = 0x40; trail <= 0xFE; ++trail) {
        char32_t c = t.Decode(static_cast<uint8_t>(lead), static_cast<uint8_t>(trail));
        if (!text::IsHan(c)) continue;
        std::string_view all = readings::Mandarin(c);
        size_t pos = 0;
        uint32_t secondary = 0;
        while (pos < all.size()) {
          size_t end = all.find(' ', pos);
          if (end == std::string_view::npos) end = all.size();
          std::string_view r = all.substr(pos, end - pos);
          pos = end + 1;
          uint32_t pair = static_cast<uint32_t>(lead << 8 | trail) | secondary;
          secondary = kSecondary;
          for (std::string key : {readings::PinyinToNumbered(r), readings::PinyinToZhuyin(r)}) {
            if (key.empty()) continue;
            auto& v = map_[key];
            if (std::none_of(v.begin(), v.end(),
                             [&](uint32_t x) { return (x & 0xFFFF) == (pair & 0xFFFF); })) {
              v.push_back(pair);
            }
          }
        }
      }
    }
  }
  static const ReadingIndex& For(const DbcsTable& t) {
    static std::mutex mu;
    static std::unordered_map<const DbcsTable*, std::unique_ptr<ReadingIndex>> cache;
    std::lock_guard<std::mutex> lock(mu);
    auto& slot = cache[&t];
    if (!slot) slot = std::make_unique<ReadingIndex>(t);
    return *slot;
  }
  static constexpr uint32_t kSecondary = 1u << 16;
  // Pairs read as `reading` (tone-marked, tone-numbered or zhuyin).
  const std::vector<uint32_t>& Find(std::string_view reading) const {
    static const std::vector<uint32_t> kNone;
    std::string key;
    unsigned char first = static_cast<unsigned char>(reading[0]);
    if (first >= 0xCA) {
      key = std::string(reading);  // zhuyin (or ˙ first)
    } else if (reading.back() >= '1' && reading.back() <= '5') {
      for (char c : reading) key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    } else {
      key = readings::PinyinToNumbered(reading);
    }
    auto it = map_.find(key);
    return it == map_.end() ? kNone : it->second;
  }

 private:
  std::unordered_map<std::string, std::vector<uint32_t>> map_;
};

// One emitted character, chained back to the start of the span.
struct Node {
  int parent;
  char32_t c;
};

// `pending` values: -1 in step; 0..255 a lead byte waiting for its trail;
// kDeferred + u1 the unknown second byte of a dropped user-defined pair
// (u1, b), which leads the next character.
constexpr int kDeferred = 256;

// Characters after a trigger the search looks at (see Transform).
constexpr size_t kMaxSearch = 512;
// Lines searched per document (see Transform).
constexpr int64_t kMaxSearchesPerDocument = 2048;

struct Hyp {
  double score;
  char32_t last;       // last scored character (context of the next one)
  int pending;         // see above
  int prev_byte;       // last byte of the re-encoded stream, or -1
  int node;            // last emitted Node, or -1
  int realigned;       // places the stream went out of step
  int dropped;         // inserted annotations deleted
  int restored;        // user-defined pairs restored
  int lost;            // swallowed bytes not restored
  ScriptTally script;  // over the line up to here
};

class Search {
 public:
  Search(const DbcsTable& table, const RealignFilter::Options& o, const std::vector<char32_t>& cps)
      : t_(table), index_(ReadingIndex::For(table)), o_(o), cps_(cps), agenda_(cps.size() + 1) {}

  // Best hypothesis over cps_[start..], starting after `before`.
  // `prefix` tallies the line before the span.
  // `line_end`: cps_ ends where the line does.
  bool Run(size_t start, char32_t before, ScriptTally prefix, bool line_end, Hyp* best,
           std::u32string* text) {
    Hyp h{0, before, -1, -1, -1, 0, 0, 0, 0, prefix};
    uint16_t e = t_.Encode(before);
    if (e) h.prev_byte = e & 0xFF;
    agenda_[start].push_back(h);
    for (size_t k = start; k < cps_.size(); ++k) {
      std::vector<Hyp> all = std::move(agenda_[k]);
      agenda_[k] = {};
      Prune(all, o_.beam);
      // Up to two dropped user-defined pairs before token k. The first keeps
      // a quarter of the beam (the pair it completes is scored only at the
      // next token), the second a sixth: each costs time in proportion.
      std::vector<Hyp> layer = all;
      for (int depth = 0; depth < 2 && !layer.empty(); ++depth) {
        std::vector<Hyp> inserted;
        for (const Hyp& hyp : layer) {
          if (hyp.pending >= 0) InsertUserDefined(hyp, &inserted);
        }
        Prune(inserted, depth == 0 ? o_.beam / 4 + 1 : o_.beam / 6 + 1);
        all.insert(all.end(), inserted.begin(), inserted.end());
        layer = std::move(inserted);
      }
      for (const Hyp& hyp : all) Expand(hyp, k);
    }
    auto& end = agenda_[cps_.size()];
    if (line_end) {
      for (Hyp& hyp : end) hyp.score += EndCost(o_, hyp.last);
    }
    const Hyp* top = nullptr;
    for (const Hyp& hyp : end) {
      if (hyp.pending < 0 && (!top || hyp.score > top->score)) top = &hyp;
    }
    if (!top) return false;
    *best = *top;
    text->clear();
    for (int n = top->node; n >= 0; n = nodes_[n].parent) text->push_back(nodes_[n].c);
    std::reverse(text->begin(), text->end());
    return true;
  }

 private:
  double Cost(char32_t prev, char32_t c) const { return CharCost(o_, prev, c); }
  // Emits c into h; scored characters also become the context.
  void Emit(Hyp& h, char32_t c, bool scored = true) {
    if (scored) {
      h.score += Cost(h.last, c) + h.script.Add(c, o_.script_cost);
      h.last = c;
    }
    nodes_.push_back({h.node, c});
    h.node = static_cast<int>(nodes_.size()) - 1;
  }
  static bool Valid(char32_t d) { return d != 0 && d != DbcsTable::kUserDefined; }

  // The bytes the pending state may stand for.
  void Leads(int pending, std::vector<uint8_t>* out) const {
    out->clear();
    if (pending >= kDeferred) {
      *out = t_.user_defined_trails(static_cast<uint8_t>(pending - kDeferred));
    } else if (pending >= 0) {
      out->push_back(static_cast<uint8_t>(pending));
    }
  }

  // A parenthesized reading right after cps_[k] (the `(` itself was
  // swallowed): returns the index of `)` and the reading, or 0.
  size_t Annotation(size_t k, std::string* reading) const {
    reading->clear();
    size_t close = ReadingEnd(cps_, k);
    for (size_t j = k + 1; j < close; ++j) utf8::Append(*reading, cps_[j]);
    return close;
  }

  void Expand(const Hyp& h, size_t k) {
    char32_t c = cps_[k];
    std::vector<uint8_t> leads;
    Leads(h.pending, &leads);
    if (IsLost(c)) {
      std::string reading;
      size_t close = Annotation(k, &reading);
      static const std::vector<uint32_t> kNoPairs;
      const std::vector<uint32_t>& read_as = close ? index_.Find(reading) : kNoPairs;
      if (h.pending < 0) {
        Hyp n = h;
        Emit(n, c);
        // An orphaned reading ("?qū)") is itself unlikely text.
        if (close) n.score -= o_.orphan_cost;
        n.prev_byte = -1;
        agenda_[k + 1].push_back(n);
        if (close && h.prev_byte >= 0) {
          // An annotation inserted inside a character: the lost byte leads
          // the next character, and (prev_byte, lost byte) spelled the
          // annotated character.
          for (uint32_t pair : read_as) {
            if (((pair >> 8) & 0xFF) != static_cast<uint32_t>(h.prev_byte)) continue;
            int w = pair & 0xFF;
            if (w < 0x81 || w > 0xFE) continue;
            Hyp n2 = h;
            n2.pending = w;
            n2.prev_byte = w;
            n2.score -= o_.misalign_cost;
            if (pair & ReadingIndex::kSecondary) n2.score -= o_.secondary_reading_cost;
            ++n2.realigned;
            ++n2.dropped;
            agenda_[close + 1].push_back(n2);
          }
        }
        return;
      }
      // Out of step: the lost byte is the trail of the pending lead.
      if (close) {
        // A genuine annotation of the character the lost byte completes.
        for (uint32_t pair : read_as) {
          uint8_t lead = static_cast<uint8_t>(pair >> 8);
          if (std::find(leads.begin(), leads.end(), lead) == leads.end()) continue;
          Hyp n = h;
          if (pair & ReadingIndex::kSecondary) n.score -= o_.secondary_reading_cost;
          Emit(n, t_.Decode(lead, static_cast<uint8_t>(pair)));
          Emit(n, '(', false);
          for (size_t j = k + 1; j <= close; ++j) Emit(n, cps_[j], false);
          n.pending = -1;
          n.prev_byte = ')';
          agenda_[close + 1].push_back(n);
        }
        return;
      }
      for (uint8_t p : leads) {
        for (int w = 0x40; w <= 0xFE; ++w) {
          char32_t d = t_.Decode(p, static_cast<uint8_t>(w));
          if (!Valid(d)) continue;
          // The swallowed byte is lost, unless the text ends here and the
          // lost byte stood alone.
          Hyp n = h;
          Emit(n, d);
          if (k + 1 < cps_.size()) {
            n.score -= o_.lost_ascii_cost;
            ++n.lost;
          }
          n.pending = -1;
          n.prev_byte = -1;
          agenda_[k + 1].push_back(n);
        }
      }
      return;
    }
    if (h.pending < 0) {
      Hyp n = h;
      size_t close = c == '(' ? ReadingEnd(cps_, k) : 0;
      if (close) {
        // A reading in step annotates the character before it and is
        // removed later (ruby): the text around it is scored as adjacent.
        for (size_t j = k; j <= close; ++j) Emit(n, cps_[j], false);
        n.prev_byte = ')';
        agenda_[close + 1].push_back(n);
        return;
      }
      Emit(n, c);
      if (c < 0x80) {
        n.prev_byte = static_cast<int>(c);
      } else {
        uint16_t e = t_.Encode(c);
        n.prev_byte = e ? (e & 0xFF) : -1;
      }
      agenda_[k + 1].push_back(n);
      return;
    }
    int first, next_pending;
    if (c < 0x80) {
      // An ASCII byte may be the trail of the pending lead.
      if (c < 0x40 || c > 0x7E) return;
      first = static_cast<int>(c);
      next_pending = -1;
    } else {
      uint16_t e = t_.Encode(c);
      if (!e) return;
      first = e >> 8;
      next_pending = e & 0xFF;
    }
    for (uint8_t p : leads) {
      char32_t d = t_.Decode(p, static_cast<uint8_t>(first));
      if (!Valid(d)) continue;
      Hyp n = h;
      Emit(n, d);
      n.pending = next_pending;
      n.prev_byte = next_pending >= 0 ? next_pending : first;
      agenda_[k + 1].push_back(n);
    }
  }

  // Out of step, a user-defined pair (u1, u2) that the decoder dropped may
  // come next: the pending lead pairs with u1; u2, chosen later, leads the
  // next character.
  void InsertUserDefined(const Hyp& h, std::vector<Hyp>* out) {
    std::vector<uint8_t> leads;
    Leads(h.pending, &leads);
    for (uint8_t p : leads) {
      for (uint8_t u1 : t_.user_defined_leads()) {
        char32_t d1 = t_.Decode(p, u1);
        if (!Valid(d1)) continue;
        Hyp n = h;
        Emit(n, d1);
        n.pending = kDeferred + u1;
        n.prev_byte = -1;
        n.score -= o_.user_defined_cost;
        ++n.restored;
        out->push_back(n);
      }
    }
  }

  void Prune(std::vector<Hyp>& hyps, int beam) const {
    // Recombine hypotheses that continue identically, keep the best ones.
    std::unordered_map<uint64_t, size_t> best;
    std::vector<Hyp> kept;
    for (const Hyp& h : hyps) {
      uint64_t key = (static_cast<uint64_t>(h.last) << 24) ^
                     (static_cast<uint64_t>(h.pending + 1) << 10) ^
                     static_cast<uint64_t>(h.prev_byte + 1);
      auto [it, inserted] = best.emplace(key, kept.size());
      if (inserted) {
        kept.push_back(h);
      } else if (h.score > kept[it->second].score) {
        kept[it->second] = h;
      }
    }
    size_t keep = std::min<size_t>(kept.size(), static_cast<size_t>(beam));
    std::partial_sort(kept.begin(), kept.begin() + keep, kept.end(),
                      [](const Hyp& a, const Hyp& b) { return a.score > b.score; });
    kept.resize(keep);
    hyps = std::move(kept);
  }

  const DbcsTable& t_;
  const ReadingIndex& index_;
  const RealignFilter::Options& o_;
  const std::vector<char32_t>& cps_;
  std::vector<std::vector<Hyp>> agenda_;
  std::vector<Node> nodes_;
};

// The score of the text as it stands.
double IdentityScore(const RealignFilter::Options& o, const std::vector<char32_t>& cps,
                     size_t start, char32_t before, ScriptTally script, bool line_end) {
  double s = 0;
  char32_t last = before;
  for (size_t k = start; k < cps.size(); ++k) {
    if (cps[k] == '(') {
      size_t close = ReadingEnd(cps, k);
      if (close) {
        k = close;  // scored as Search does: see Expand
        continue;
      }
    }
    s += CharCost(o, last, cps[k]) + script.Add(cps[k], o.script_cost);
    if (IsLost(cps[k]) && IsOrphanReading(cps, k)) s -= o.orphan_cost;
    last = cps[k];
  }
  return line_end ? s + EndCost(o, last) : s;
}

}  // namespace

bool RealignFilter::MayChange(std::string_view text) const {
  return text.find('?') != std::string_view::npos ||
         text.find("\xEF\xBF\xBD") != std::string_view::npos;
}

std::string RealignFilter::Transform(std::string_view text, Report& report) const {
  if (!MayChange(text)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  // A search costs a few milliseconds: a document where every line is
  // damaged (or made to look so) gets a bounded number of them, the rest
  // counted. The Report is the document's, so the budget spans all its
  // prose spans.
  int64_t searched = report.Get(name(), "lines-searched");
  size_t line_start = 0;
  while (line_start < text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(line_start, line_end - line_start);
    // Code points of the line and the first `?` right after CJK text.
    std::vector<char32_t> cps;
    std::vector<size_t> offsets;
    size_t trigger = std::string_view::npos;
    for (size_t i = 0; i < line.size();) {
      offsets.push_back(i);
      char32_t c = utf8::Next(line, i);
      if (trigger == std::string_view::npos && IsLost(c) && !cps.empty() &&
          (text::IsCjkLetter(cps.back()) || IsCommonCjkPunct(cps.back()))) {
        trigger = cps.size();
      }
      cps.push_back(c);
    }
    offsets.push_back(line.size());
    bool replaced = false;
    if (trigger != std::string_view::npos && searched >= kMaxSearchesPerDocument) {
      report.Count(name(), "lines-not-searched");
    } else if (trigger != std::string_view::npos) {
      ++searched;
      report.Count(name(), "lines-searched");
      // The search covers at most kMaxSearch characters after the trigger:
      // a decoder out of step resynchronises at the next ASCII byte, and the
      // bound keeps a hostile line (thousands of `?` after CJK text) linear
      // in time and memory; the rest of the line is kept as it stands.
      const size_t window_end = std::min(cps.size(), trigger + kMaxSearch);
      const bool at_line_end = window_end == cps.size();
      cps.resize(window_end);
      char32_t before = cps[trigger - 1];
      ScriptTally prefix;
      for (size_t k = 0; k < trigger; ++k) prefix.Add(cps[k], 0);
      double identity = IdentityScore(options_, cps, trigger, before, prefix, at_line_end);
      Hyp best{};
      std::u32string best_text;
      const char* best_codec = nullptr;
      double best_score = identity + options_.min_gain;
      for (auto codec : {DbcsTable::Codec::kGbk, DbcsTable::Codec::kBig5}) {
        if ((codec == DbcsTable::Codec::kGbk && !options_.gbk) ||
            (codec == DbcsTable::Codec::kBig5 && !options_.big5)) {
          continue;
        }
        const DbcsTable* table = DbcsTable::Get(codec);
        if (!table || !table->Encode(before)) continue;
        Search search(*table, options_, cps);
        Hyp h;
        std::u32string t;
        if (search.Run(trigger, before, prefix, at_line_end, &h, &t) && h.realigned > 0 &&
            h.score > best_score) {
          best = h;
          best_text = std::move(t);
          best_score = h.score;
          best_codec = codec == DbcsTable::Codec::kGbk ? "gbk-realigned" : "big5-realigned";
        }
      }
      if (best_codec) {
        std::string repaired;
        for (char32_t c : best_text) utf8::Append(repaired, c);
        std::string_view tail =
            line.substr(offsets[trigger], offsets[window_end] - offsets[trigger]);
        // Report the changed stretch only: common prefix and suffix trimmed.
        size_t p = 0;
        while (p < tail.size() && p < repaired.size() && tail[p] == repaired[p]) ++p;
        p = utf8::CharStart(tail, p);
        size_t s = 0;
        while (s < tail.size() - p && s < repaired.size() - p &&
               tail[tail.size() - 1 - s] == repaired[repaired.size() - 1 - s]) {
          ++s;
        }
        while (s > 0 && utf8::IsContinuation(tail[tail.size() - s])) --s;
        report.Count(name(), best_codec);
        if (best.dropped) report.Count(name(), "annotations-dropped", best.dropped);
        if (best.restored) report.Count(name(), "user-defined-restored", best.restored);
        if (best.lost) report.Count(name(), "ascii-lost", best.lost);
        report.AddEvent({std::string(name()), best_codec,
                         static_cast<int64_t>(line_start + offsets[trigger] + p),
                         std::string(tail.substr(p, tail.size() - p - s)),
                         repaired.substr(p, repaired.size() - p - s)});
        out.append(line.substr(0, offsets[trigger]));
        out.append(repaired);
        out.append(line.substr(offsets[window_end]));
        replaced = true;
      }
    }
    if (!replaced) out.append(line);
    if (line_end < text.size()) out += '\n';
    line_start = line_end + 1;
  }
  return out;
}

std::unique_ptr<Filter> RealignFilter::Create(const norm::Options& /*options*/, Status* status) {
  *status = Status::Ok();
  return std::make_unique<RealignFilter>();
}

}  // namespace norm
