#include "norm/report.h"

#include <algorithm>

#include "json.h"

namespace norm {

void Report::Count(std::string_view filter, std::string_view key, int64_t n) {
  for (auto& c : counters_) {
    if (c.filter == filter && c.key == key) {
      c.value += n;
      return;
    }
  }
  counters_.push_back({std::string(filter), std::string(key), n});
}

void Report::Set(std::string_view filter, std::string_view key, std::string_view value) {
  for (auto& f : facts_) {
    if (f.filter == filter && f.key == key) {
      f.value = value;
      return;
    }
  }
  facts_.push_back({std::string(filter), std::string(key), std::string(value)});
}

void Report::AddEvent(ReportEvent event) {
  if (events_.size() >= max_events_) {
    ++dropped_events_;
    return;
  }
  events_.push_back(std::move(event));
}

int64_t Report::Get(std::string_view filter, std::string_view key) const {
  for (const auto& c : counters_)
    if (c.filter == filter && c.key == key) return c.value;
  return 0;
}

const std::string* Report::GetFact(std::string_view filter, std::string_view key) const {
  for (const auto& f : facts_)
    if (f.filter == filter && f.key == key) return &f.value;
  return nullptr;
}

void Report::Merge(const Report& other) {
  for (const auto& f : other.facts_) Set(f.filter, f.key, f.value);
  for (const auto& c : other.counters_) Count(c.filter, c.key, c.value);
  for (const auto& e : other.events_) AddEvent(e);
  dropped_events_ += other.dropped_events_;
}

std::string Report::ToJson() const {
  // Grouped by filter, in order of first appearance (facts first).
  std::vector<std::string> filters;
  auto note = [&](const std::string& f) {
    if (std::find(filters.begin(), filters.end(), f) == filters.end()) filters.push_back(f);
  };
  for (const auto& f : facts_) note(f.filter);
  for (const auto& c : counters_) note(c.filter);

  std::string out = "{";
  for (size_t i = 0; i < filters.size(); ++i) {
    const std::string& name = filters[i];
    if (i > 0) out += ',';
    json::AppendString(out, name);
    out += ":{";
    bool first = true;
    auto comma = [&] {
      if (!first) out += ',';
      first = false;
    };
    for (const auto& f : facts_) {
      if (f.filter != name) continue;
      comma();
      json::AppendString(out, f.key);
      out += ':';
      json::AppendString(out, f.value);
    }
    for (const auto& c : counters_) {
      if (c.filter != name) continue;
      comma();
      json::AppendString(out, c.key);
      out += ':';
      out += std::to_string(c.value);
    }
    out += '}';
  }
  out += '}';
  return out;
}

std::string Report::ToText() const {
  std::string out;
  for (const auto& f : facts_) out += f.filter + "." + f.key + "=" + f.value + "\n";
  for (const auto& c : counters_)
    out += c.filter + "." + c.key + "=" + std::to_string(c.value) + "\n";
  for (const auto& e : events_) {
    out += e.filter + ": " + e.what;
    if (e.position >= 0) out += " at " + std::to_string(e.position);
    if (!e.before.empty() || !e.after.empty()) {
      out += ": \"" + e.before + "\" -> \"" + e.after + "\"";
    }
    out += "\n";
  }
  if (dropped_events_ > 0)
    out += "(" + std::to_string(dropped_events_) + " more events not listed)\n";
  return out;
}

}  // namespace norm
