#include "realign.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdio>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dbcs_table.h"
#include "readings.h"
#include "realign_cache.h"
#include "realign_traces.h"
#include "script.h"
#include "text_model.h"
#include "utf8.h"
#include "word_model.h"

namespace norm {
namespace {

// The line traces: realign_traces.h.
using namespace realign;

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

// The cost of a character that is not Han (Han characters are scored by the
// word lattice). ASCII follows the text model, so a letter glued between Han
// characters pays for the change of script; a kept `?` costs literal_cost.
// Inside GBK/Big5 Chinese the other double-byte characters compete with Han
// ones: common clause marks get PunctLogFreq (see EndCost for the end of a
// line), other prose marks (…, —, ·, 〔〕) log(1e-3), every other symbol,
// kana, full-width letter or Greek/Cyrillic letter log(1e-7).
double OtherCost(const RealignFilter::Options& o, char32_t prev, char32_t c) {
  if (c == 0xFFFD) return -o.literal_cost;
  // A `?` is common enough in technical text; as the trace of a lost byte it
  // mostly comes with an orphaned reading (orphan_cost) or garbled text.
  if (c == '?') return text_model::ConditionalLogFreq(prev, c) - 2.0;
  if (c < 0x80) return text_model::ConditionalLogFreq(prev, c);
  // A run of full-width letters and digits is ASCII in another width
  // (ＲＴＸ５０９０): after its first character, it costs as ASCII does. A
  // lone one between Han characters (槐３至) is what misaligned GBK makes.
  if (IsFullwidthAlnum(c) && IsFullwidthAlnum(prev)) {
    return text_model::ConditionalLogFreq(prev - 0xFEE0, c - 0xFEE0) - 2.0;
  }
  if (!IsCommonCjkPunct(c)) return IsProsePunct(c) ? -7.0 : -16.0;
  return PunctLogFreq(c);
}

// The line ending after `last`: a line of running Chinese text mostly ends
// on 。！？ (log(0.3) for the mark in all, rather than its PunctLogFreq),
// seldom on another clause mark (a tenth of its PunctLogFreq) or on a Han
// character. Not where `last` was guessed for a byte lost at the line's
// very end (`guessed`, its lead byte the only evidence): a line cut off
// there (a related-titles list's teaser, as in seed 004) did not end a
// sentence, and a closing mark the search invents makes it look whole to the
// boilerplate filter (`继续?┐蠛Ｍ馐谐。?`, its last byte A3 alone, is
// 继续扩大海外市场， cut there, not ...市场！). Such a mark costs as any
// clause mark does at a line's end.
double EndCost(const RealignFilter::Options& o, char32_t last, bool guessed) {
  if (text::IsHan(last)) return -o.open_end_cost;
  if (!IsCommonCjkPunct(last)) return 0;
  const bool closing = last == 0x3002 || last == 0xFF01 || last == 0xFF1F;
  return closing && !guessed ? -1.2 - PunctLogFreq(last) : -2.3;
}

// A single ASCII letter between Han characters (or ending a line after one):
// Chinese prose has capitals so (A股, 維生素C) now and then, other letters
// seldom (與o位 is 與這位 in Big5 with the lead byte of 這 lost). The text
// model's letter frequencies are those of English text.
double LoneLetterCost(char32_t before, char32_t letter) {
  if (!text::IsHan(before)) return 0;
  if (letter >= 'A' && letter <= 'Z') return -1.5;
  if (letter >= 'a' && letter <= 'z') return -5.0;
  return 0;
}

// A Han character after an Arabic numeral: numeral_bonus where the
// dictionary holds it after a Chinese numeral (十分, 三岁, 两个, 五時: the
// units, classifiers and dates that follow numbers), else nothing. The
// word tables know Chinese numerals, not Arabic ones.
constexpr double kNumeralWordFloor = -13.0;
double NumeralContextBonus(const RealignFilter::Options& o, char32_t c) {
  static constexpr char32_t kNumerals[] = {U'一', U'二', U'两', U'兩', U'三', U'四', U'五', U'六',
                                           U'七', U'八', U'九', U'十', U'百', U'千', U'万', U'萬'};
  for (char32_t n : kNumerals) {
    const char32_t word[2] = {n, c};
    if (word_model::WordLogFreq(std::u32string_view(word, 2)) >= kNumeralWordFloor) {
      return o.numeral_bonus;
    }
  }
  return 0.0;
}

// The document's own pairs (realign_cache.h) for the searches of the
// document being realigned on this thread, or null.
thread_local const realign::PairCache* t_pairs = nullptr;

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

// Full-width brackets open on the line: a closing one with none open is
// unlikely text (℅DP） is （GDP） with the lead byte of （ lost).
struct Brackets {
  uint8_t open[3] = {};  // （ 《 「
  // Counts c; returns -cost for a closing bracket with none open.
  double Add(char32_t c, double cost) {
    // Every other character, Han ones first, without the loop below.
    if (c < 0x300A || (c > 0x300D && c < 0xFF08) || c > 0xFF09) return 0;
    static constexpr char32_t kOpen[3] = {0xFF08, 0x300A, 0x300C};
    static constexpr char32_t kClose[3] = {0xFF09, 0x300B, 0x300D};
    for (int i = 0; i < 3; ++i) {
      if (c == kOpen[i]) {
        if (open[i] < 255) ++open[i];
        return 0;
      }
      if (c == kClose[i]) {
        if (open[i] == 0) return -cost;
        --open[i];
        return 0;
      }
    }
    return 0;
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

// The common Han characters (lead << 8 | trail) whose trail byte leads a
// user-defined pair of the codec, most frequent first: what a lost lead
// byte followed by a dropped pair may have spelled.
class UserDefinedStarts {
 public:
  explicit UserDefinedStarts(const DbcsTable& t) {
    std::vector<std::pair<double, uint16_t>> all;
    for (uint8_t u1 : t.user_defined_leads()) {
      for (int lead = 0x81; lead <= 0xFE; ++lead) {
        char32_t c = t.Decode(static_cast<uint8_t>(lead), u1);
        if (c == 0 || c == DbcsTable::kUserDefined || !text::IsHan(c)) continue;
        all.push_back({text_model::LogFreq(c), static_cast<uint16_t>(lead << 8 | u1)});
      }
    }
    std::sort(all.begin(), all.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    for (size_t i = 0; i < all.size() && i < kMaxPairs; ++i) pairs_.push_back(all[i].second);
  }
  static const UserDefinedStarts& For(const DbcsTable& t) {
    static std::mutex mu;
    static std::unordered_map<const DbcsTable*, std::unique_ptr<UserDefinedStarts>> cache;
    std::lock_guard<std::mutex> lock(mu);
    auto& slot = cache[&t];
    if (!slot) slot = std::make_unique<UserDefinedStarts>(t);
    return *slot;
  }
  const std::vector<uint16_t>& pairs() const { return pairs_; }

 private:
  static constexpr size_t kMaxPairs = 160;
  std::vector<uint16_t> pairs_;
};

// One emitted character, chained back to the start of the span.
struct Node {
  int parent;
  char32_t c;
};

// `pending` values: -1 in step; 0..255 a lead byte waiting for its trail;
// kDeferred + u1 the unknown second byte of a dropped user-defined pair
// (u1, b), which leads the next character; kUnknownLead a lost lead byte.
constexpr int kDeferred = 256;
// A lead byte that was lost: any of them.
constexpr int kUnknownLead = 512;

// Characters a search looks at (see Transform).
constexpr size_t kMaxSearch = 512;
// Searches per document, one per damaged stretch of a line (see SearchLine) ...
constexpr int64_t kMaxSearchesPerDocument = 1024;
// ... and at most this many per line (a paragraph of a few thousand
// characters with damage throughout gets 4,096 characters searched), ...
constexpr int kMaxSearchesPerLine = 8;
// ... and characters searched per document: a search of a stretch damaged
// throughout costs about 0.2 ms a character, so that a long document of
// damage (or of text made to look so) gets a few seconds at most; 64 full
// windows, where damaged web pages hold a few dozen short stretches.
constexpr int64_t kMaxSearchedCharsPerDocument = 64 * static_cast<int64_t>(kMaxSearch);
// ... of which at most this many more than kSearchesPerRepair times the
// spans repaired: where searches stop paying (a long document of other
// damage or of rare text), the rest of it is left as it stands, counted.
constexpr int64_t kUnpaidSearches = 256;
constexpr int64_t kSearchesPerRepair = 4;
// Hypotheses one search (one codec over one span) may take, in all: past
// it the search gives up, the span is left as it stands and counted
// (`spans-given-up`). A search costs about 0.3 us a hypothesis. Where the
// line shows traces of damage of its own: generous (the realign evaluation
// sets' searches take at most 47,000, repairs of long damaged stretches);
// where it does not (rare characters, lone letters, whatever the document
// holds elsewhere): a few hundred microseconds, enough for the narrow beam
// such a line gets over a short cluster.
constexpr int64_t kSearchBudget = 65536;
constexpr int64_t kWeakSearchBudget = 2048;
// Characters searched after the last suspicious one.
constexpr size_t kTailWindow = 24;
// In-step hypotheses per character that may go out of step there.
constexpr int kBranching = 2;
// Hypotheses more than this below the best one are dropped (nats).
constexpr double kPruneMargin = 30.0;
// A closing full-width bracket with none open on the line (nats).
constexpr double kUnmatchedCloseCost = 4.0;
// Characters rarer than this (text model unigram, nats) are not guessed for
// a lost byte.
constexpr double kGuessFloor = -12.5;
// A dropped user-defined pair is tried after the best beam / kUserDefinedShare
// hypotheses out of step (the next character's lead is then any of ~94
// bytes), a second one after half as many.
constexpr int kUserDefinedShare = 8;

// The hypotheses a realigned span may have taken, for --explain.
enum Kind : uint32_t {
  kLostLead = 1,          // a byte lost before a character (its lead)
  kLostTrail = 2,         // a character's second byte lost
  kInsertedByte = 4,      // a stray byte inside the stream
  kMarkedLoss = 8,        // a `?` standing where a lead byte was lost
  kSplitAnnotation = 16,  // an annotation inserted inside a character
  kAsciiEaten = 32,       // the decoder's `?` swallowed an ASCII byte
  kUserDefined = 64,      // a user-defined pair the decoder dropped
  kResync = 128,          // a second lost or stray byte put it back in step
  kAsciiTrail = 256,      // an ASCII letter was the trail of a lost lead
};

std::string KindNames(uint32_t kinds) {
  static constexpr std::pair<uint32_t, const char*> kNames[] = {
      {kSplitAnnotation, "annotation inside a character"},
      {kLostLead, "lost lead byte"},
      {kMarkedLoss, "lost byte marked by ?"},
      {kLostTrail, "lost trail byte"},
      {kInsertedByte, "stray byte"},
      {kAsciiTrail, "ASCII trail byte"},
      {kAsciiEaten, "ASCII byte eaten by ?"},
      {kUserDefined, "user-defined pair restored"},
      {kResync, "back in step by a second lost or stray byte"},
  };
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if (!(kinds & bit)) continue;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

struct Keyed {
  uint64_t key;
  double score;
  size_t index;
};

struct Hyp {
  double channel = 0;        // costs outside the language model
  word_model::Lattice lm;    // the text emitted so far, as words
  char32_t last = 0;         // last scored character (context of the next one)
  char32_t before_last = 0;  // the one before it
  int pending = -1;          // see above
  int prev_byte = -1;        // last byte of the re-encoded stream, or -1
  int node = -1;             // last emitted Node, or -1
  int realigned = 0;         // places the stream went out of step
  int dropped = 0;           // inserted annotations deleted
  int restored = 0;          // user-defined pairs restored
  int lost = 0;              // swallowed bytes not restored
  bool marked_lead = false;  // the pending lost lead was marked by a `?`
  uint32_t kinds = 0;        // Kind bits taken
  ScriptTally script;        // over the line up to here
  Brackets brackets;         // likewise
  // The last character's trail byte was guessed for a `?` that ends the
  // text: its lead byte is the only evidence of it (see EndCost).
  bool guessed_end = false;
  double score() const { return channel + lm.score(); }
};

// Tokens a hypothesis may skip at once (a reading, `(` to `)`, is at most
// 11), rounded up: the size of the search's agenda ring.
constexpr size_t kAgendaRing = 16;
static_assert(kAgendaRing > 11);

// A thread's search buffers, kept from one search to the next.
struct Scratch {
  std::vector<std::vector<Hyp>> agenda;
  std::vector<Node> nodes;
  std::vector<Keyed> keyed, rest;
  std::vector<Hyp> all, kept, lost, inserted;
  void Trim() {
    constexpr size_t kKeep = 2048;  // hypotheses per buffer
    auto trim = [](auto& v, size_t keep) {
      if (v.capacity() > keep) std::remove_reference_t<decltype(v)>().swap(v);
    };
    for (auto& a : agenda) trim(a, kKeep);
    trim(nodes, 16 * kKeep);
    trim(keyed, kKeep);
    trim(rest, kKeep);
    trim(all, kKeep);
    trim(kept, kKeep);
    trim(lost, kKeep);
    trim(inserted, kKeep);
  }
  static Scratch& Get() {
    thread_local Scratch scratch;
    return scratch;
  }
};

class Search {
 public:
  // `shift_at[k]`: the stream may go out of step (or back) at token k.
  // With `identity`, only the text as it stands is scored.
  // `budget`: hypotheses the search may take in all (0: no bound); past it
  // the search gives up (Run returns false, gave_up() is set).
  Search(const DbcsTable& table, const RealignFilter::Options& o, const std::vector<char32_t>& cps,
         const std::vector<bool>& shift_at, bool identity, int64_t budget = 0)
      : budget_(budget),
        t_(table),
        index_(ReadingIndex::For(table)),
        o_(o),
        cps_(cps),
        shift_at_(shift_at),
        identity_(identity),
        scratch_(Scratch::Get()),
        agenda_(scratch_.agenda),
        nodes_(scratch_.nodes),
        keyed_(scratch_.keyed) {
    // The buffers of the thread's last search are reused: a search pushes
    // thousands of hypotheses per character, and allocating them anew cost
    // a seventh of its time.
    agenda_.resize(kAgendaRing);
    for (auto& a : agenda_) a.clear();
    nodes_.clear();
  }
  // What a long or hostile line made the buffers grow to is given back, so
  // that each of the pipeline's threads keeps a few hundred KB at most.
  ~Search() { scratch_.Trim(); }

  // Best hypothesis over cps_[start..], starting after cps_[..start): the
  // last few characters before the span are the lattice's context, `prefix`
  // tallies the line's script before it. `line_end`: cps_ ends where the
  // line does.
  bool Run(size_t start, ScriptTally prefix, Brackets brackets, bool line_end, Hyp* best,
           std::u32string* text) {
    Hyp h;
    h.script = prefix;
    h.brackets = brackets;
    for (size_t k = start > word_model::kMaxWordLength ? start - word_model::kMaxWordLength : 0;
         k < start; ++k) {
      Score(h, cps_[k], /*tally=*/false);
    }
    if (start > 0) {
      char32_t before = cps_[start - 1];
      if (before < 0x80) {
        h.prev_byte = static_cast<int>(before);
      } else if (uint16_t e = t_.Encode(before)) {
        h.prev_byte = e & 0xFF;
      }
    }
    At(start).push_back(h);
    for (size_t k = start; k < cps_.size(); ++k) {
      std::vector<Hyp>& all = scratch_.all;
      all.swap(At(k));
      At(k).clear();
      work_ += static_cast<int64_t>(all.size());
      if (budget_ > 0 && work_ > budget_) {
        gave_up_ = true;
        return false;
      }
      Prune(all, o_.beam);
      if (!identity_ && shift_at_[k] && !IsLost(cps_[k])) {
        // A lead byte lost before token k: the best few hypotheses in step
        // go out of step with a lead still to be chosen (by the character
        // it completes, which may also be a dropped user-defined pair's).
        std::vector<Hyp>& lost = scratch_.lost;
        lost.clear();
        for (const Hyp& hyp : all) {
          if (hyp.pending >= 0) continue;
          if (lost.size() >= static_cast<size_t>(kBranching)) break;
          Hyp u = hyp;
          u.pending = kUnknownLead;
          u.marked_lead = false;
          u.channel -= o_.misalign_cost;
          ++u.realigned;
          u.kinds |= kLostLead;
          lost.push_back(u);
        }
        all.insert(all.end(), lost.begin(), lost.end());
        StableSortByScore(all);
      }
      if (!identity_) {
        // Up to two dropped user-defined pairs before token k. The first keeps
        // a quarter of the beam (the pair it completes is scored only at the
        // next token), the second a sixth: each costs time in proportion.
        // Only the best out-of-step hypotheses are extended so: each branches
        // ~20 ways.
        // The layer extended is all[from, to): first every hypothesis, then
        // the pairs inserted by the previous depth.
        size_t from = 0, to = all.size();
        std::vector<Hyp>& inserted = scratch_.inserted;
        for (int depth = 0; depth < 2 && from < to; ++depth) {
          const int width =
              depth == 0 ? o_.beam / kUserDefinedShare + 1 : o_.beam / (2 * kUserDefinedShare) + 1;
          inserted.clear();
          int extended = 0;
          for (size_t i = from; i < to; ++i) {
            if (all[i].pending < 0) continue;
            if (++extended > width) break;
            InsertUserDefined(all[i], &inserted);
          }
          Prune(inserted, width);
          from = all.size();
          all.insert(all.end(), inserted.begin(), inserted.end());
          to = all.size();
        }
      }
      // Only the best few hypotheses in step may go out of step here: each
      // such place branches ~300 ways.
      // Likewise a `?` out of step branches ~190 ways: the best half of the
      // beam takes it.
      int branching = 0, out_of_step = 0;
      for (const Hyp& hyp : all) {
        bool may_branch;
        if (hyp.pending < 0) {
          may_branch = branching++ < kBranching;
        } else {
          may_branch = out_of_step++ < o_.beam / 2;
        }
        Expand(hyp, k, may_branch);
      }
    }
    auto& end = At(cps_.size());
    work_ += static_cast<int64_t>(end.size());
    if (line_end) {
      for (Hyp& hyp : end)
        hyp.channel +=
            EndCost(o_, hyp.last, hyp.guessed_end) + LoneLetterCost(hyp.before_last, hyp.last);
    }
    const Hyp* top = nullptr;
    for (const Hyp& hyp : end) {
      if (hyp.pending < 0 && (!top || hyp.score() > top->score())) top = &hyp;
    }
    if (!top) return false;
    *best = *top;
    text->clear();
    for (int n = top->node; n >= 0; n = nodes_[n].parent) text->push_back(nodes_[n].c);
    std::reverse(text->begin(), text->end());
    return true;
  }

  // Whether Run stopped at the budget.
  bool gave_up() const { return gave_up_; }

 private:
  // Scores c as the next character of h's text.
  void Score(Hyp& h, char32_t c, bool tally = true) const {
    if (text::IsHan(c)) {
      // The text model's P(c | h.last) serves up to three terms below:
      // looked up once (every hypothesis a search pushes comes through here).
      double conditional = 0;
      bool have_conditional = false;
      auto after_last = [&] {
        if (!have_conditional) {
          conditional = text_model::ConditionalLogFreq(h.last, c);
          have_conditional = true;
        }
        return conditional;
      };
      // A Han character after a letter pays the text model's change of script.
      if (h.last != 0 && !text::IsHan(h.last)) {
        h.channel += after_last() - text_model::LogFreq(c);
        h.channel += LoneLetterCost(h.before_last, h.last);
      }
      // After an Arabic numeral, the word lattice starts afresh and knows
      // nothing of the number: a character that follows numerals (分 of
      // 8时40分, 岁, 个) is likelier there than alone.
      if (h.last >= '0' && h.last <= '9') h.channel += NumeralContextBonus(o_, c);
      // A pair the document's undamaged text holds, likelier there than the
      // character bigram model says (a name: 孙启 of 孙启明): what a cache
      // model adds, log(w P_doc(c|last)) over the model's log P(c|last), at
      // most document_pair_max_gain; nothing for a pair the model expects.
      if (t_pairs) {
        const double cached = t_pairs->LogProb(h.last, c);
        if (cached <= 0) {
          const double gain = o_.document_pair_log_weight + cached - after_last();
          if (gain > 0) h.channel += std::min(gain, o_.document_pair_max_gain);
        }
      }
      const char32_t prev = h.lm.PrevHan();
      h.lm.PushHan(c, word_model::OneCharLogFreqWith(c, [&] {
                     return prev == h.last ? after_last() : text_model::ConditionalLogFreq(prev, c);
                   }));
    } else {
      h.lm.PushOther(OtherCost(o_, h.last, c));
    }
    if (tally) {
      h.channel += h.script.Add(c, o_.script_cost);
      h.channel += h.brackets.Add(c, kUnmatchedCloseCost);
    }
    h.before_last = h.last;
    h.last = c;
  }
  // Emits c into h; scored characters also become the context.
  void Emit(Hyp& h, char32_t c, bool scored = true) {
    if (scored) Score(h, c);
    nodes_.push_back({h.node, c});
    h.node = static_cast<int>(nodes_.size()) - 1;
  }
  static bool Valid(char32_t d) { return d != 0 && d != DbcsTable::kUserDefined; }
  // A character chosen for a byte the stream lost: only those common enough
  // to matter are tried (the rarest Han characters, symbols and the like
  // would lose to them anyway).
  static bool Guess(char32_t d) {
    return Valid(d) && (text_model::LogFreq(d) >= kGuessFloor || IsCommonCjkPunct(d));
  }

  // After a character that took the first byte of token c's pair, its second
  // byte t: a lead waiting for its trail, or an ASCII byte read in step.
  void Continue(Hyp& n, uint8_t t) {
    if (t < 0x80) {
      Emit(n, t);
      n.pending = -1;
      n.prev_byte = t;
    } else {
      n.pending = t;
      n.prev_byte = t;
    }
  }

  // The bytes the pending state may stand for (a view of static or table
  // data: no copy per hypothesis).
  std::span<const uint8_t> Leads(int pending) const {
    static constexpr auto kBytes = [] {
      std::array<uint8_t, 256> bytes{};
      for (int b = 0; b < 256; ++b) bytes[static_cast<size_t>(b)] = static_cast<uint8_t>(b);
      return bytes;
    }();
    if (pending == kUnknownLead) return std::span(kBytes).subspan(0x81, 0xFE - 0x81 + 1);
    if (pending >= kDeferred) {
      return t_.user_defined_trails(static_cast<uint8_t>(pending - kDeferred));
    }
    if (pending >= 0) return std::span(kBytes).subspan(static_cast<size_t>(pending), 1);
    return {};
  }

  // The characters Guess accepts among `pairs(b)` for b in [from, to], in
  // that order, computed once per search for each key byte: every
  // hypothesis that branches on the same byte tries the same list.
  template <class Pair>
  const std::vector<char32_t>& Candidates(std::array<std::vector<char32_t>, 256>& lists,
                                          std::bitset<256>& done, uint8_t key, int from, int to,
                                          Pair pair) {
    std::vector<char32_t>& list = lists[key];
    if (!done[key]) {
      done[key] = true;
      for (int b = from; b <= to; ++b) {
        const char32_t d = pair(static_cast<uint8_t>(b));
        if (Guess(d)) list.push_back(d);
      }
    }
    return list;
  }
  // Characters whose lead is `first`, any trail: c's trail byte lost.
  const std::vector<char32_t>& LostTrails(uint8_t first) {
    return Candidates(lost_trails_, lost_trails_done_, first, 0x40, 0xFE,
                      [&](uint8_t z) { return t_.Decode(first, z); });
  }
  // Characters whose trail is `first`, any lead: a lost lead byte.
  const std::vector<char32_t>& LostLeads(uint8_t first) {
    return Candidates(lost_leads_, lost_leads_done_, first, 0x81, 0xFE,
                      [&](uint8_t p) { return t_.Decode(p, first); });
  }

  // A parenthesized reading right after cps_[k] (the `(` itself was
  // swallowed): returns the index of `)` and the reading, or 0.
  size_t Annotation(size_t k, std::string* reading) const {
    reading->clear();
    size_t close = ReadingEnd(cps_, k);
    for (size_t j = k + 1; j < close; ++j) utf8::Append(*reading, cps_[j]);
    return close;
  }

  void ExpandInStep(const Hyp& h, size_t k, bool may_shift) {
    const char32_t c = cps_[k];
    if (IsLost(c)) {
      std::string reading;
      size_t close = Annotation(k, &reading);
      Hyp& n = At(k + 1).emplace_back(h);
      Emit(n, c);
      // An orphaned reading ("?qū)") is itself unlikely text.
      if (close) n.channel -= o_.orphan_cost;
      n.prev_byte = -1;
      if (identity_) return;
      if (close && h.prev_byte >= 0) {
        // An annotation inserted inside a character: the lost byte leads
        // the next character, and (prev_byte, lost byte) spelled the
        // annotated character.
        for (uint32_t pair : index_.Find(reading)) {
          if (((pair >> 8) & 0xFF) != static_cast<uint32_t>(h.prev_byte)) continue;
          int w = pair & 0xFF;
          if (w < 0x81 || w > 0xFE) continue;
          Hyp& n2 = At(close + 1).emplace_back(h);
          n2.pending = w;
          n2.prev_byte = w;
          n2.channel -= o_.misalign_cost;
          if (pair & ReadingIndex::kSecondary) n2.channel -= o_.secondary_reading_cost;
          ++n2.realigned;
          ++n2.dropped;
          n2.kinds |= kSplitAnnotation;
        }
      }
      if (!close && may_shift && k + 1 < cps_.size() && c == '?') {
        // A `?` written where a lead byte was lost: what follows reads out
        // of step from the lost lead's trail on.
        Hyp& u = At(k + 1).emplace_back(h);
        u.pending = kUnknownLead;
        u.channel -= o_.marked_loss_cost;
        ++u.realigned;
        u.kinds |= kMarkedLoss;
        u.marked_lead = true;
      }
      return;
    }
    size_t close = c == '(' ? ReadingEnd(cps_, k) : 0;
    if (close) {
      // A reading in step annotates the character before it and is
      // removed later (ruby): the text around it is scored as adjacent.
      Hyp& n = At(close + 1).emplace_back(h);
      for (size_t j = k; j <= close; ++j) Emit(n, cps_[j], false);
      n.prev_byte = ')';
      return;
    }
    Hyp& n = At(k + 1).emplace_back(h);
    Emit(n, c);
    uint16_t e = c >= 0x80 ? t_.Encode(c) : 0;
    n.prev_byte = c < 0x80 ? static_cast<int>(c) : e ? (e & 0xFF) : -1;
    if (identity_ || !may_shift || !shift_at_[k] || !e) return;
    const uint8_t first = static_cast<uint8_t>(e >> 8), second = static_cast<uint8_t>(e & 0xFF);
    // The stream goes out of step here (a lost lead byte before c is a
    // pending kUnknownLead, see Run): the trail of the character c's lead
    // begins was lost, ...
    for (const char32_t d : LostTrails(first)) {
      if (d == c) continue;
      Hyp& m = At(k + 1).emplace_back(h);
      Emit(m, d);
      m.channel -= o_.misalign_cost;
      ++m.realigned;
      m.kinds |= kLostTrail;
      Continue(m, second);
    }
    // ... or c's first byte is a stray one.
    Hyp& m = At(k + 1).emplace_back(h);
    m.channel -= o_.stray_byte_cost;
    ++m.realigned;
    m.kinds |= kInsertedByte;
    Continue(m, second);
  }

  void ExpandOutOfStep(const Hyp& h, size_t k, bool may_branch) {
    const char32_t c = cps_[k];
    const std::span<const uint8_t> leads = Leads(h.pending);
    if (IsLost(c)) {
      std::string reading;
      size_t close = Annotation(k, &reading);
      if (close) {
        // A genuine annotation of the character the lost byte completes.
        for (uint32_t pair : index_.Find(reading)) {
          uint8_t lead = static_cast<uint8_t>(pair >> 8);
          if (std::find(leads.begin(), leads.end(), lead) == leads.end()) continue;
          Hyp& n = At(close + 1).emplace_back(h);
          if (pair & ReadingIndex::kSecondary) n.channel -= o_.secondary_reading_cost;
          Emit(n, t_.Decode(lead, static_cast<uint8_t>(pair)));
          Emit(n, '(', false);
          for (size_t j = k + 1; j <= close; ++j) Emit(n, cps_[j], false);
          n.pending = -1;
          n.prev_byte = ')';
        }
        return;
      }
      if (!may_branch || h.pending == kUnknownLead) return;
      for (uint8_t p : leads) {
        // Every trail after p: the candidates LostTrails keeps per search.
        for (const char32_t d : LostTrails(p)) {
          // The swallowed byte is lost, unless the text ends here and the
          // lost byte stood alone.
          Hyp& n = At(k + 1).emplace_back(h);
          Emit(n, d);
          if (k + 1 < cps_.size()) {
            n.channel -= o_.lost_ascii_cost;
            ++n.lost;
            n.kinds |= kAsciiEaten;
          } else {
            n.guessed_end = true;
          }
          n.pending = -1;
          n.prev_byte = -1;
        }
      }
      return;
    }
    // The bytes token c may stand for: an ASCII byte may be the trail of
    // the pending lead; ASCII punctuation may also be a full-width mark that
    // a converter folded after decoding (seed 004's ！ -> !), a pair read out
    // of step like any other (`椤!蓖` is E9A1 A3A1 B1CD: 情。” one byte out
    // of step).
    int firsts[2] = {-1, -1}, seconds[2] = {-1, -1};
    if (c < 0x80) {
      if (c >= 0x40 && c <= 0x7E) firsts[0] = static_cast<int>(c);
      // Only after a known lead byte: the trail of a character read out of
      // step is a full-width mark's lead far more rarely than a guessed one
      // (a lost lead) would make it worth ~100 hypotheses a comma.
      const bool known = h.pending >= 0 && h.pending < kDeferred;
      if (uint16_t e =
              known && text::FullwidthOfFolded(c) ? t_.Encode(text::FullwidthOfFolded(c)) : 0) {
        firsts[1] = e >> 8;
        seconds[1] = e & 0xFF;
      }
    } else if (uint16_t e = t_.Encode(c)) {
      firsts[0] = e >> 8;
      seconds[0] = e & 0xFF;
    }
    for (int alt = 0; alt < 2; ++alt) {
      if (firsts[alt] >= 0) ReadOutOfStep(h, k, leads, firsts[alt], seconds[alt]);
    }
    if (!shift_at_[k] || h.pending >= kDeferred) return;
    // Back in step before c: the pending byte was a stray one.
    Hyp& m = At(k + 1).emplace_back(h);
    m.pending = -1;
    m.channel -= o_.stray_byte_cost;
    m.kinds |= kResync;
    ExpandInStepPlain(m, k);
  }

  // Token k out of step as the bytes first (and second, or -1): the pending
  // lead takes first as its trail.
  void ReadOutOfStep(const Hyp& h, size_t k, std::span<const uint8_t> leads, int first,
                     int second) {
    if (h.pending == kUnknownLead) {
      for (const char32_t d : LostLeads(static_cast<uint8_t>(first))) {
        ReadOutOfStepAs(h, k, d, first, second);
      }
      return;
    }
    for (uint8_t p : leads) {
      char32_t d = t_.Decode(p, static_cast<uint8_t>(first));
      if (leads.size() > 1 ? !Guess(d) : !Valid(d)) continue;
      ReadOutOfStepAs(h, k, d, first, second);
    }
  }
  // ReadOutOfStep's hypothesis that the pair read is d.
  void ReadOutOfStepAs(const Hyp& h, size_t k, char32_t d, int first, int second) {
    const char32_t c = cps_[k];
    Hyp& n = At(k + 1).emplace_back(h);
    Emit(n, d);
    if (second < 0 && c < 0x80 && h.pending == kUnknownLead) {
      // Chinese prose holds capital letters beside Han characters (A股,
      // C語言, 維生素C) far more often than other ASCII.
      // After a `?` that marks the lost lead, a capital is what Big5's
      // clause marks leave (A141-A17E: ，、。 read as A B C), and so is a
      // capital that completes one: `表情C` at a line's end is 表情。, and
      // prose seldom glues a capital after Han text before the clause's end.
      if (c >= 'A' && c <= 'Z' && !h.marked_lead && !IsCommonCjkPunct(d))
        n.channel -= o_.capital_trail_cost;
      n.kinds |= kAsciiTrail;
    }
    if (second >= 0) {
      Continue(n, static_cast<uint8_t>(second));
    } else {
      n.pending = -1;
      n.prev_byte = first;
    }
  }

  // Token k read in step into n (already in the agenda at k + 1), with no
  // further hypothesis.
  void ExpandInStepPlain(Hyp& n, size_t k) {
    const char32_t c = cps_[k];
    Emit(n, c);
    uint16_t e = c >= 0x80 ? t_.Encode(c) : 0;
    n.prev_byte = c < 0x80 ? static_cast<int>(c) : e ? (e & 0xFF) : -1;
  }

  void Expand(const Hyp& h, size_t k, bool may_branch) {
    if (h.pending < 0) {
      ExpandInStep(h, k, may_branch);
    } else {
      ExpandOutOfStep(h, k, may_branch);
    }
  }

  // Out of step, a user-defined pair (u1, u2) that the decoder dropped may
  // come next: the pending lead pairs with u1; u2, chosen later, leads the
  // next character.
  void InsertUserDefined(const Hyp& h, std::vector<Hyp>* out) {
    if (h.pending == kUnknownLead) {
      // A lost lead, then a dropped pair: the character before the pair is
      // any of the common ones whose trail leads a user-defined pair.
      for (uint16_t pair : UserDefinedStarts::For(t_).pairs()) {
        Hyp& n = out->emplace_back(h);
        Emit(n, t_.Decode(static_cast<uint8_t>(pair >> 8), static_cast<uint8_t>(pair)));
        n.pending = kDeferred + (pair & 0xFF);
        n.prev_byte = -1;
        n.channel -= o_.user_defined_cost;
        ++n.restored;
        n.kinds |= kUserDefined;
      }
      return;
    }
    const std::span<const uint8_t> leads = Leads(h.pending);
    for (uint8_t p : leads) {
      for (uint8_t u1 : t_.user_defined_leads()) {
        char32_t d1 = t_.Decode(p, u1);
        if (leads.size() > 1 ? !Guess(d1) : !Valid(d1)) continue;
        // Built in place: this loop makes most of a search's hypotheses
        // (~190 per hypothesis extended), and a copy more each was 4% of it.
        Hyp& n = out->emplace_back(h);
        Emit(n, d1);
        n.pending = kDeferred + u1;
        n.prev_byte = -1;
        n.channel -= o_.user_defined_cost;
        ++n.restored;
        n.kinds |= kUserDefined;
      }
    }
  }

  // std::stable_sort by score, best first, in place: Prune leaves `hyps`
  // sorted but for the few hypotheses appended since, so an insertion sort
  // moves only those (stable_sort allocated a buffer and copied every
  // hypothesis). Equal scores keep their order, as stable_sort's do.
  static void StableSortByScore(std::vector<Hyp>& hyps) {
    for (size_t i = 1; i < hyps.size(); ++i) {
      const double score = hyps[i].score();
      size_t j = i;
      while (j > 0 && score > hyps[j - 1].score()) --j;
      if (j == i) continue;
      const Hyp moved = hyps[i];
      std::move_backward(hyps.begin() + static_cast<std::ptrdiff_t>(j),
                         hyps.begin() + static_cast<std::ptrdiff_t>(i),
                         hyps.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      hyps[j] = moved;
    }
  }

  void Prune(std::vector<Hyp>& hyps, int beam) {
    // Recombine hypotheses that continue identically, keep the best ones.
    keyed_.clear();
    for (size_t i = 0; i < hyps.size(); ++i) {
      const Hyp& h = hyps[i];
      uint64_t key =
          h.lm.TailKey() * 0x9E3779B97F4A7C15ull ^ (static_cast<uint64_t>(h.last) << 24) ^
          (static_cast<uint64_t>(h.pending + 1) << 10) ^ static_cast<uint64_t>(h.prev_byte + 1) ^
          (static_cast<uint64_t>(h.brackets.open[0] + 4 * h.brackets.open[1] +
                                 16 * h.brackets.open[2])
           << 56);
      keyed_.push_back({key, h.score(), i});
    }
    // Only the best few times the beam can matter: the rest go first.
    const size_t room = 4 * static_cast<size_t>(beam) + 16;
    if (keyed_.size() > room) {
      std::nth_element(keyed_.begin(), keyed_.begin() + static_cast<std::ptrdiff_t>(room),
                       keyed_.end(),
                       [](const Keyed& a, const Keyed& b) { return a.score > b.score; });
      // In-step hypotheses beyond the cut are kept for the rule below.
      std::vector<Keyed>& rest = scratch_.rest;
      rest.clear();
      for (size_t i = room; i < keyed_.size(); ++i) {
        if (hyps[keyed_[i].index].pending < 0) rest.push_back(keyed_[i]);
      }
      keyed_.resize(room);
      keyed_.insert(keyed_.end(), rest.begin(), rest.end());
    }
    // Best first within a key, then one per key, best first overall.
    std::sort(keyed_.begin(), keyed_.end(), [](const Keyed& a, const Keyed& b) {
      return a.key != b.key ? a.key < b.key : a.score > b.score;
    });
    keyed_.erase(std::unique(keyed_.begin(), keyed_.end(),
                             [](const Keyed& a, const Keyed& b) { return a.key == b.key; }),
                 keyed_.end());
    std::sort(keyed_.begin(), keyed_.end(),
              [](const Keyed& a, const Keyed& b) { return a.score > b.score; });
    // The best few in-step hypotheses are always kept: a stretch where
    // out-of-step readings score well may end where none of them can go on
    // (an ASCII byte no lead takes), and the text as it stands must remain.
    std::vector<Hyp>& kept = scratch_.kept;
    kept.clear();
    kept.reserve(static_cast<size_t>(beam) + kBranching);
    int in_step = 0;
    // Hypotheses far below the best one are dropped too: in clean text the
    // out-of-step readings fall behind by several nats a character.
    const double floor = keyed_.empty() ? 0 : keyed_.front().score - kPruneMargin;
    for (size_t i = 0; i < keyed_.size(); ++i) {
      const Hyp& h = hyps[keyed_[i].index];
      if (kept.size() < static_cast<size_t>(beam) && keyed_[i].score >= floor) {
        kept.push_back(h);
        in_step += h.pending < 0;
      } else if (in_step >= kBranching) {
        break;
      } else if (h.pending < 0) {
        kept.push_back(h);
        ++in_step;
      }
    }
    hyps.swap(kept);
  }

  const int64_t budget_;
  int64_t work_ = 0;  // hypotheses that reached a token
  bool gave_up_ = false;
  const DbcsTable& t_;
  const ReadingIndex& index_;
  const RealignFilter::Options& o_;
  const std::vector<char32_t>& cps_;
  const std::vector<bool>& shift_at_;
  const bool identity_;
  // The hypotheses that reach token k: a ring, since none reaches further
  // than a reading's length ahead.
  std::vector<Hyp>& At(size_t k) { return agenda_[k % kAgendaRing]; }

  Scratch& scratch_;
  std::vector<std::vector<Hyp>>& agenda_;
  std::vector<Node>& nodes_;
  std::vector<Keyed>& keyed_;
  // LostTrails and LostLeads, by key byte.
  std::array<std::vector<char32_t>, 256> lost_trails_, lost_leads_;
  std::bitset<256> lost_trails_done_, lost_leads_done_;
};

// What shows that a stretch of a line may be out of step: traces on the line
// itself (strong ones, or readings), or spans realigned before in the
// document, which make a repair likelier but say nothing of this line.
struct Damage {
  bool traces = false;
  bool realigned_before = false;
};

// Whether the span window[start..) can be what `table`'s codec decoded
// (cheap rejection by byte class): every Han character of it has a
// double-byte form in the codec. A stream read out of step still decodes to
// characters of its codec, so a span holding one the codec lacks
// (Simplified text under Big5) was not decoded by it; the search would only
// explore the stretches between such characters, at the cost of a full
// search, and what it found there was a wrong codec's garble. (Symbols are
// not tested: the decoder of the damaged text may have been a superset of
// the codec's table, cp950 for Big5.) The same holds for a C1 control or a
// Latin-1 or Latin Extended character the codec lacks (å ï ¼ Œ œ ž: the
// leftovers of UTF-8 read as a single-byte code page, `å?¶ï¼Œ`, which a
// double-byte decoder never writes; GBK's pinyin letters à é ü are in its
// table and pass).
bool IsSingleByteMark(char32_t c) { return c >= 0x80 && c < 0x250; }
bool DecodableBy(const DbcsTable& table, const std::vector<char32_t>& window, size_t start) {
  for (size_t k = start; k < window.size(); ++k) {
    const char32_t c = window[k];
    if ((text::IsHan(c) || IsSingleByteMark(c)) && !table.Encode(c)) return false;
  }
  return true;
}

// Searches window[start..) under both codecs (the characters before start
// are context); returns whether a candidate beats the text as it stands by
// the gain needed, with the best one's hypothesis, text, codec counter name
// and margin.
// *gave_up: a codec's search reached its budget (kSearchBudget,
// kWeakSearchBudget) and was abandoned, the span left as it stands under
// that codec.
bool SearchSpan(const RealignFilter::Options& options, const std::vector<char32_t>& window,
                const std::vector<bool>& shift_at, size_t start, ScriptTally prefix,
                Brackets brackets, bool at_line_end, const Damage& damage, Hyp* best,
                std::u32string* best_text, const char** best_codec, double* best_margin,
                bool* gave_up) {
  *best_codec = nullptr;
  *gave_up = false;
  for (auto codec : {DbcsTable::Codec::kGbk, DbcsTable::Codec::kBig5}) {
    if ((codec == DbcsTable::Codec::kGbk && !options.gbk) ||
        (codec == DbcsTable::Codec::kBig5 && !options.big5)) {
      continue;
    }
    const double min_gain = damage.traces             ? options.min_gain
                            : damage.realigned_before ? options.min_gain_document
                                                      : options.min_gain_undamaged;
    // Without traces on the line, a repair is an obvious garble that a
    // narrow beam finds too, and most lines searched so are clean: a quarter
    // of the beam and a small budget keep them cheap (whatever the rest of
    // the document holds: a line's cost depends on the line).
    RealignFilter::Options o = options;
    if (!damage.traces) o.beam = std::max(4, o.beam / 4);
    const DbcsTable* table = DbcsTable::Get(codec);
    if (!table) continue;
    if (!DecodableBy(*table, window, start)) continue;
    Hyp id, h;
    std::u32string id_text, t;
    if (!Search(*table, o, window, shift_at, true)
             .Run(start, prefix, brackets, at_line_end, &id, &id_text)) {
      continue;
    }
    Search full(*table, o, window, shift_at, false,
                damage.traces ? kSearchBudget : kWeakSearchBudget);
    const bool found = full.Run(start, prefix, brackets, at_line_end, &h, &t);
    *gave_up |= full.gave_up();
    if (!found) continue;
    const double margin = h.score() - id.score();
    // Without traces on the line, each place the stream went out of step
    // must pay for itself (a manual page with one garbled line: `传送n个`,
    // Big5 要 = AD 6E twice, wins by 5.3 nats a place).
    const double needed = damage.traces ? min_gain : min_gain * h.realigned;
    if (h.realigned > 0 && margin >= needed && (!*best_codec || margin > *best_margin)) {
      *best = h;
      *best_text = std::move(t);
      *best_margin = margin;
      *best_codec = codec == DbcsTable::Codec::kGbk ? "gbk-realigned" : "big5-realigned";
    }
  }
  return *best_codec != nullptr;
}

}  // namespace

bool RealignFilter::SearchBudget::Exhausted() const {
  return searched >= kMaxSearchesPerDocument || chars >= kMaxSearchedCharsPerDocument ||
         searched - kSearchesPerRepair * repaired >= kUnpaidSearches;
}

bool RealignFilter::MayChange(std::string_view text) const {
  // Any character outside ASCII: traces of a stream read out of step are
  // double-byte characters (or `?`/U+FFFD beside them).
  for (char ch : text) {
    if (static_cast<unsigned char>(ch) >= 0x80) return true;
  }
  return false;
}

namespace {

// Text a document's pairs are gathered from, at most (bytes): a page's worth,
// so that one search in a long text (a manual of megabytes with one garbled
// line) does not cost a pass over all of it.
constexpr size_t kMaxPairText = 256 * 1024;

// Adds the undamaged stretches of text's lines to *pairs, within *budget
// bytes (counted down; the line that exhausts it is the last).
void AddDocumentPairs(std::string_view text, realign::PairCache* pairs, size_t* budget) {
  std::vector<char32_t> cps;
  std::vector<size_t> suspicious;
  std::vector<bool> in_reading;
  size_t line_start = 0;
  while (line_start < text.size() && *budget > 0) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    const std::string_view line = text.substr(line_start, line_end - line_start);
    line_start = line_end + 1;
    *budget -= std::min(*budget, line.size() + 1);
    cps.clear();
    bool han = false;
    for (size_t i = 0; i < line.size();) {
      cps.push_back(utf8::Next(line, i));
      han |= text::IsHan(cps.back());
    }
    if (!han) continue;
    MarkReadings(cps, &in_reading);
    bool strong = false;
    suspicious.clear();
    FindSuspicious(cps, in_reading, &suspicious, &strong);
    pairs->Add(cps, suspicious, in_reading);
  }
}

// Sets a thread-local pointer for a scope.
template <typename T>
class ThreadLocalScope {
 public:
  ThreadLocalScope(T*& slot, T* value) : slot_(slot), saved_(slot) { slot_ = value; }
  ~ThreadLocalScope() { slot_ = saved_; }
  ThreadLocalScope(const ThreadLocalScope&) = delete;
  ThreadLocalScope& operator=(const ThreadLocalScope&) = delete;

 private:
  T*& slot_;
  T* saved_;
};

// The document being realigned on this thread: its texts, and their pairs,
// gathered at its first search (most documents are never searched, and
// gathering costs a pass over every line).
struct DocumentTexts {
  std::vector<const std::string*> spans;  // the pipeline's prose spans
  std::string_view alone;                 // or the one text of `norm fix`
  bool gathered = false;
  realign::PairCache pairs;
  const realign::PairCache* Pairs() {
    if (!gathered) {
      gathered = true;
      size_t budget = kMaxPairText;
      for (const std::string* span : spans) AddDocumentPairs(*span, &pairs, &budget);
      AddDocumentPairs(alone, &pairs, &budget);
      pairs.Seal();
    }
    return &pairs;
  }
};
thread_local DocumentTexts* t_document = nullptr;

}  // namespace

void RealignFilter::Apply(Document& doc, Report& report) const {
  // The document's prose spans, for the pairs its first search gathers.
  DocumentTexts texts;
  ForEachProse(doc, [&](std::string& text) {
    if (MayChange(text)) texts.spans.push_back(&text);
  });
  ThreadLocalScope<DocumentTexts> scope(t_document, &texts);
  TextFilter::Apply(doc, report);
}

std::string RealignFilter::Transform(std::string_view text, Report& report) const {
  if (!MayChange(text)) return std::string(text);
  // Alone (`norm fix`), the text is the document.
  DocumentTexts own;
  own.alone = text;
  ThreadLocalScope<DocumentTexts> scope(t_document, t_document ? t_document : &own);
  std::string out;
  out.reserve(text.size());
  // A search costs a few milliseconds: a document where every line is
  // damaged (or made to look so) gets a bounded number of them, the rest
  // counted. The Report is the document's, so the budget spans all its
  // prose spans.
  SearchBudget budget{report.Get(name(), "lines-searched"),
                      report.Get(name(), "gbk-realigned") + report.Get(name(), "big5-realigned"),
                      report.Get(name(), "chars-searched")};
  std::vector<char32_t> cps;
  std::vector<size_t> offsets, suspicious;
  std::vector<bool> in_reading;
  size_t line_start = 0;
  while (line_start < text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(line_start, line_end - line_start);
    bool replaced = false;
    bool plain = true;
    for (char ch : line) {
      if (static_cast<unsigned char>(ch) >= 0x80) {
        plain = false;
        break;
      }
    }
    cps.clear();
    offsets.clear();
    if (!plain) {
      for (size_t i = 0; i < line.size();) {
        offsets.push_back(i);
        cps.push_back(utf8::Next(line, i));
      }
      offsets.push_back(line.size());
    }
    bool strong = false;
    if (!plain) MarkReadings(cps, &in_reading);
    if (!plain && !IsJapanese(cps) && FindSuspicious(cps, in_reading, &suspicious, &strong) &&
        WorthSearching(cps, in_reading, suspicious, strong, budget.repaired > 0)) {
      SearchLine(line, line_start, cps, offsets, suspicious, strong, budget, report, &out);
      replaced = true;
    }
    if (!replaced) out.append(line);
    if (line_end < text.size()) out += '\n';
    line_start = line_end + 1;
  }
  return out;
}

void RealignFilter::SearchLine(std::string_view line, size_t line_offset,
                               const std::vector<char32_t>& cps, const std::vector<size_t>& offsets,
                               const std::vector<size_t>& suspicious, bool strong,
                               SearchBudget& budget, Report& report, std::string* out) const {
  // The stream may go out of step (or back) within kShiftWindow characters
  // before a suspicious one, and at it. A search covers at most kMaxSearch
  // characters from the first such place: a decoder out of step
  // resynchronises at the next ASCII byte, and the bound keeps a search's
  // memory small; the suspicious tokens beyond it get searches of their own
  // (long paragraphs hold damage every few hundred characters), each
  // within the document's budget, so that a hostile line stays linear.
  // Readings in parentheses, (...) or an orphaned ...), are never read out
  // of step, and a span never starts inside one.
  std::vector<bool> in_reading;
  MarkReadings(cps, &in_reading);
  // Without strong traces of the byte-level damage that misaligns streams
  // (U+FFFD or a `?` before a double-byte character, a double-byte symbol in
  // Chinese prose, readings inserted after characters, orphaned ones, a span
  // already realigned in this document), a repair must win by more:
  // technical text holds lone letters, rare characters and `?` beside CJK
  // that a lost byte could explain.
  const bool ruby = ShowsRubyDamage(cps);
  // The document's own pairs (gathered at its first search) choose between
  // readings of a line that shows damage itself; on a line without traces
  // they would help a clean line over min_gain_document (in a manual page
  // with one garbled line, `傳送n個` became `傳送檔個`: the page writes 傳送檔案
  // throughout).
  const bool own_traces = strong || ruby;
  ThreadLocalScope<const realign::PairCache> pairs(
      t_pairs, options_.document_pair_max_gain > 0 && own_traces && t_document ? t_document->Pairs()
                                                                               : nullptr);
  // The text written so far (the line up to `copied`, repaired), whose last
  // characters are the next search's context, and its tallies.
  std::u32string written;
  ScriptTally prefix;
  Brackets brackets;
  size_t copied = 0;
  auto copy_to = [&](size_t end) {
    out->append(line.substr(offsets[copied], offsets[end] - offsets[copied]));
    for (size_t k = copied; k < end; ++k) {
      written.push_back(cps[k]);
      prefix.Add(cps[k], 0);
      brackets.Add(cps[k], 0);
    }
    copied = end;
  };
  std::vector<char32_t> window;
  std::vector<bool> shift_at;
  // A line without traces of damage gets one search, of its first cluster:
  // the others would cost as much for the same slim chance.
  const bool traces = strong || ruby;
  int searches = 0;
  for (size_t i = 0; i < suspicious.size() && (traces || searches == 0);) {
    if (searches++ == kMaxSearchesPerLine) {
      // A line damaged throughout (or made to look so): the rest as it is.
      report.Count(name(), "lines-not-searched");
      break;
    }
    if (budget.Exhausted()) {
      report.Count(name(), "lines-not-searched");
      break;
    }
    budget.Searched();
    report.Count(name(), "lines-searched");
    size_t start = suspicious[i] > kShiftWindow ? suspicious[i] - kShiftWindow : 0;
    start = std::max(start, copied);
    while (start > copied && in_reading[start]) --start;
    if (start > copied && cps[start] == '(' && ReadingEnd(cps, start)) --start;
    // The search ends kTailWindow characters after the last suspicious token
    // it covers: garbled text is itself suspicious, and beyond it every
    // hypothesis is back in step and reads the same.
    // Where nothing on the line shows damage (a span realigned before in the
    // document is no trace on this line), the search covers one cluster of
    // suspicious tokens (those whose windows overlap), not every token within
    // kMaxSearch: most such lines are clean text with a few rare characters
    // far apart (a recurring name), and the clean stretches between them
    // cost a search about 0.1 ms a character for nothing.
    Damage damage;
    damage.traces = traces;
    damage.realigned_before = budget.repaired > 0;
    size_t last = i;
    while (last + 1 < suspicious.size() && suspicious[last + 1] < start + kMaxSearch &&
           (traces || suspicious[last + 1] < suspicious[last] + kTailWindow + kShiftWindow)) {
      ++last;
    }
    const size_t window_end =
        std::min({cps.size(), start + kMaxSearch, suspicious[last] + kTailWindow});
    while (i < suspicious.size() && suspicious[i] < window_end) ++i;
    budget.chars += static_cast<int64_t>(window_end - start);
    report.Count(name(), "chars-searched", static_cast<int64_t>(window_end - start));
    copy_to(start);
    // The window: the last characters written (the lattice's context, and
    // the byte before the span), then the span.
    const size_t context =
        std::min(written.size(), static_cast<size_t>(word_model::kMaxWordLength));
    window.assign(written.end() - static_cast<std::ptrdiff_t>(context), written.end());
    window.insert(window.end(), cps.begin() + static_cast<std::ptrdiff_t>(start),
                  cps.begin() + static_cast<std::ptrdiff_t>(window_end));
    shift_at.assign(window.size(), false);
    for (size_t s : suspicious) {
      for (size_t k = s > kShiftWindow ? s - kShiftWindow : 0; k <= s && k < window_end; ++k) {
        if (k >= start) shift_at[context + k - start] = !in_reading[k];
      }
    }
    std::u32string best_text;
    const char* best_codec = nullptr;
    Hyp best{};
    double best_margin = 0;
    bool gave_up = false;
    const bool found =
        SearchSpan(options_, window, shift_at, context, prefix, brackets, window_end == cps.size(),
                   damage, &best, &best_text, &best_codec, &best_margin, &gave_up);
    if (gave_up) {
      // Counted, and listed by --explain (the span, left as it stands).
      report.Count(name(), "spans-given-up");
      const std::string span(line.substr(offsets[start], offsets[window_end] - offsets[start]));
      report.AddEvent({std::string(name()),
                       damage.traces ? "search given up (budget)"
                                     : "search given up (budget of a line without traces)",
                       static_cast<int64_t>(line_offset + offsets[start]), span, span});
    }
    if (found) {
      ++budget.repaired;
      std::string repaired;
      for (char32_t c : best_text) utf8::Append(repaired, c);
      std::string_view tail = line.substr(offsets[start], offsets[window_end] - offsets[start]);
      // Report the changed stretch only: common prefix and suffix trimmed.
      size_t p = 0;
      while (p < tail.size() && p < repaired.size() && tail[p] == repaired[p]) ++p;
      while (p > 0 && utf8::IsContinuation(static_cast<unsigned char>(tail[p]))) --p;
      size_t s = 0;
      while (s < tail.size() - p && s < repaired.size() - p &&
             tail[tail.size() - 1 - s] == repaired[repaired.size() - 1 - s]) {
        ++s;
      }
      while (s > 0 && utf8::IsContinuation(static_cast<unsigned char>(tail[tail.size() - s]))) --s;
      report.Count(name(), best_codec);
      if (best.dropped) report.Count(name(), "annotations-dropped", best.dropped);
      if (best.restored) report.Count(name(), "user-defined-restored", best.restored);
      if (best.lost) report.Count(name(), "ascii-lost", best.lost);
      char margin[32];
      std::snprintf(margin, sizeof margin, "%.1f", best_margin);
      report.AddEvent(
          {std::string(name()),
           std::string(best_codec) + " (" + KindNames(best.kinds) + "; margin " + margin + " nats)",
           static_cast<int64_t>(line_offset + offsets[start] + p),
           std::string(tail.substr(p, tail.size() - p - s)),
           repaired.substr(p, repaired.size() - p - s)});
      out->append(repaired);
      for (char32_t c : best_text) {
        written.push_back(c);
        prefix.Add(c, 0);
        brackets.Add(c, 0);
      }
      copied = window_end;
    } else {
      copy_to(window_end);
    }
  }
  copy_to(cps.size());
}

std::unique_ptr<Filter> RealignFilter::Create(const norm::Options& /*options*/, Status* status) {
  *status = Status::Ok();
  return std::make_unique<RealignFilter>();
}

}  // namespace norm
