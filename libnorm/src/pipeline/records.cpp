#include "norm/records.h"

#include <algorithm>

#include "json.h"
#include "json_scan.h"
#include "norm/norm.h"
#include "parallel.h"

namespace norm {
namespace {

RecordResult Reject(Status status) {
  RecordResult r;
  r.status = std::move(status);
  return r;
}

std::string QuoteKey(std::string_view key) {
  std::string out;
  json::AppendString(out, key);
  return out;
}

RecordResult NormalizeJsonl(std::string_view record, const RecordOptions& options,
                            const std::function<Result(std::string_view)>& normalize) {
  json::Object object;
  Status st = json::ScanObject(record, &object);
  if (!st.ok()) return Reject(st);
  const json::Member* text = nullptr;
  const json::Member* id = nullptr;
  const json::Member* report = nullptr;
  for (const json::Member& m : object.members) {
    if (m.key == options.text_key) {
      if (text != nullptr)
        return Reject(Status(StatusCode::kInvalidInput,
                             "duplicate member " + QuoteKey(options.text_key),
                             static_cast<int64_t>(m.key_begin)));
      text = &m;
    }
    if (id == nullptr && m.key == options.id_key) id = &m;
    if (!options.report_key.empty() && m.key == options.report_key) report = &m;
  }
  std::string id_json;
  if (id != nullptr) id_json = record.substr(id->value_begin, id->value_end - id->value_begin);
  auto fail = [&](Status s) {
    RecordResult r = Reject(std::move(s));
    r.id = id_json;
    return r;
  };
  if (text == nullptr)
    return fail(Status(StatusCode::kInvalidInput,
                       "no member " + QuoteKey(options.text_key) + " (see --text-key)"));
  std::string_view literal = record.substr(text->value_begin, text->value_end - text->value_begin);
  if (literal.front() != '"')
    return fail(Status(StatusCode::kInvalidInput,
                       "member " + QuoteKey(options.text_key) + " is not a string",
                       static_cast<int64_t>(text->value_begin)));
  std::string bytes;
  int64_t lone = 0;
  json::Unescape(literal, &bytes, &lone);
  if (lone > 0 && options.strict)
    return fail(Status(StatusCode::kInvalidInput,
                       "lone surrogate escape in member " + QuoteKey(options.text_key)));
  Result res = normalize(bytes);
  if (!res.status.ok()) {
    RecordResult r = fail(res.status);
    r.report = std::move(res.report);
    return r;
  }
  if (lone > 0) res.report.Count("records", "lone-surrogates", lone);

  RecordResult r;
  r.id = std::move(id_json);
  struct Splice {
    size_t begin, end;
    std::string with;
  };
  Splice splices[2];
  int n = 0;
  splices[n].begin = text->value_begin;
  splices[n].end = text->value_end;
  if (options.text_is_json) {
    std::string_view object = res.markdown;
    while (!object.empty() && object.back() == '\n') object.remove_suffix(1);
    splices[n].with = object;
  } else {
    splices[n].with.reserve(res.markdown.size() + 16);
    json::AppendString(splices[n].with, res.markdown);
  }
  ++n;
  if (!options.report_key.empty()) {
    if (report != nullptr) {
      splices[n] = {report->value_begin, report->value_end, res.report.ToJson()};
    } else {
      splices[n] = {object.close, object.close,
                    "," + QuoteKey(options.report_key) + ":" + res.report.ToJson()};
    }
    ++n;
  }
  if (n == 2 && splices[1].begin < splices[0].begin) std::swap(splices[0], splices[1]);
  r.output.reserve(record.size() + splices[0].with.size() + (n == 2 ? splices[1].with.size() : 0));
  size_t pos = 0;
  for (int k = 0; k < n; ++k) {
    r.output.append(record.data() + pos, splices[k].begin - pos);
    r.output += splices[k].with;
    pos = splices[k].end;
  }
  r.output.append(record.data() + pos, record.size() - pos);
  r.report = std::move(res.report);
  return r;
}

}  // namespace

RecordResult NormalizeRecord(std::string_view record, const RecordOptions& options,
                             const std::function<Result(std::string_view)>& normalize) {
  if (options.format == RecordFormat::kJsonl) return NormalizeJsonl(record, options, normalize);
  Result res = normalize(record);
  RecordResult r;
  r.status = std::move(res.status);
  r.report = std::move(res.report);
  if (!r.status.ok()) return r;
  if (options.format == RecordFormat::kNul) {
    r.output = std::move(res.markdown);
    return r;
  }
  std::string_view md = res.markdown;
  while (!md.empty() && md.back() == '\n') md.remove_suffix(1);
  int64_t joined = 0;
  r.output.reserve(md.size());
  for (size_t i = 0; i < md.size(); ++i) {
    if (md[i] != '\n') {
      r.output.push_back(md[i]);
      continue;
    }
    while (i + 1 < md.size() && md[i + 1] == '\n') ++i;
    r.output.push_back(' ');
    ++joined;
  }
  if (joined > 0) r.report.Count("records", "lines-joined", joined);
  return r;
}

RecordResult NormalizeRecord(const Normalizer& normalizer, std::string_view record,
                             const RecordOptions& options) {
  if (normalizer.options().to == OutputFormat::kJson && !options.text_is_json) {
    RecordOptions json_text = options;
    json_text.text_is_json = true;
    return NormalizeRecord(normalizer, record, json_text);
  }
  return NormalizeRecord(record, options,
                         [&](std::string_view bytes) { return normalizer.Normalize(bytes); });
}

std::vector<RecordResult> NormalizeRecords(const Normalizer& normalizer,
                                           std::span<const std::string> records,
                                           const RecordOptions& options, int threads) {
  std::vector<RecordResult> results(records.size());
  ParallelFor(records.size(), threads,
              [&](size_t i) { results[i] = NormalizeRecord(normalizer, records[i], options); });
  return results;
}

}  // namespace norm
