// What every filter changed. Counters are ordered by first use so that
// --explain and --stats output is deterministic.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace norm {

// One repair or removal, for --explain: `filter` changed `before` into
// `after` at `position` (a byte offset into the text the filter saw, or -1).
struct ReportEvent {
  std::string filter;
  std::string what;
  int64_t position = -1;
  std::string before;
  std::string after;
};

class Report {
 public:
  struct Counter {
    std::string filter;
    std::string key;
    int64_t value = 0;
  };
  struct Fact {
    std::string filter;
    std::string key;
    std::string value;
  };

  // Adds n to filter.key (created at 0 on first use).
  void Count(std::string_view filter, std::string_view key, int64_t n = 1);
  // Records a non-numeric finding, e.g. decode.encoding=GB18030. Replaces
  // an earlier value of the same key.
  void Set(std::string_view filter, std::string_view key, std::string_view value);
  // Keeps at most max_events() events; later ones are only counted.
  void AddEvent(ReportEvent event);

  int64_t Get(std::string_view filter, std::string_view key) const;
  const std::string* GetFact(std::string_view filter, std::string_view key) const;
  const std::vector<Counter>& counters() const { return counters_; }
  const std::vector<Fact>& facts() const { return facts_; }
  const std::vector<ReportEvent>& events() const { return events_; }
  int64_t dropped_events() const { return dropped_events_; }

  void set_max_events(size_t n) { max_events_ = n; }
  size_t max_events() const { return max_events_; }

  // Folds another report in (counts add, facts replace, events append).
  void Merge(const Report& other);

  // {"decode":{"encoding":"GB18030","replaced":0},"ruby":{"removed":84}}
  std::string ToJson() const;
  // One line per fact and counter, then one per event: for --explain.
  std::string ToText() const;

 private:
  std::vector<Counter> counters_;
  std::vector<Fact> facts_;
  std::vector<ReportEvent> events_;
  size_t max_events_ = 10000;
  int64_t dropped_events_ = 0;
};

}  // namespace norm
