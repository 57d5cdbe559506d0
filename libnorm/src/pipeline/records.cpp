#include "norm/records.h"

#include <algorithm>

#include "json.h"
#include "json_scan.h"
#include "norm/norm.h"
#include "parallel.h"
#include "reader.h"

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

// The front matter of a normalized document as a JSON object of strings.
std::string FrontMatterJson(std::string_view head) {
  FrontMatter fm;
  SplitFrontMatter(head, &fm);
  std::string out = "{";
  for (const FrontMatterEntry& e : fm.entries) {
    if (out.size() > 1) out += ',';
    json::AppendString(out, e.key);
    out += ':';
    json::AppendString(out, FrontMatter::Unquote(e.value));
  }
  out += '}';
  return out;
}

// Records carry the body only; a record's own front matter is counted when
// nothing keeps it.
std::string_view RecordBody(const Result& res, std::string_view input, bool meta_kept,
                            Report& report) {
  if (!meta_kept) {
    FrontMatter own;
    SplitFrontMatter(input, &own);
    if (own.present) report.Count("records", "front-matter-dropped");
  }
  return std::string_view(res.markdown).substr(std::min(res.body_offset, res.markdown.size()));
}

RecordResult NormalizeJsonl(std::string_view record, const RecordOptions& options,
                            const std::function<Result(std::string_view)>& normalize) {
  json::Object object;
  Status st = json::ScanObject(record, &object);
  if (!st.ok()) return Reject(st);
  const json::Member* text = nullptr;
  const json::Member* id = nullptr;
  for (const json::Member& m : object.members) {
    if (m.key == options.text_key) {
      if (text != nullptr)
        return Reject(Status(StatusCode::kInvalidInput,
                             "duplicate member " + QuoteKey(options.text_key),
                             static_cast<int64_t>(m.key_begin)));
      text = &m;
    }
    if (id == nullptr && m.key == options.id_key) id = &m;
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
  // ScanObject checked the literal: unescaping it cannot fail.
  (void)json::Unescape(literal, &bytes, &lone);
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
  std::vector<Splice> splices;
  splices.push_back({text->value_begin, text->value_end, {}});
  if (options.text_is_json) {
    // --to=json: the document's object itself, not a string holding it.
    std::string_view json_object = res.markdown;
    while (!json_object.empty() && json_object.back() == '\n') json_object.remove_suffix(1);
    splices.back().with = json_object;
  } else {
    std::string_view body = RecordBody(res, bytes, !options.meta_key.empty(), res.report);
    splices.back().with.reserve(body.size() + 16);
    json::AppendString(splices.back().with, body);
  }
  // An extra member replaces the value of a member of that name, or is
  // appended last.
  auto member = [&](const std::string& key, std::string value) {
    for (const json::Member& m : object.members) {
      if (m.key == key) {
        splices.push_back({m.value_begin, m.value_end, std::move(value)});
        return;
      }
    }
    splices.push_back({object.close, object.close, "," + QuoteKey(key) + ":" + std::move(value)});
  };
  if (!options.meta_key.empty())
    member(options.meta_key,
           FrontMatterJson(std::string_view(res.markdown).substr(0, res.body_offset)));
  if (!options.report_key.empty()) member(options.report_key, res.report.ToJson());
  std::stable_sort(splices.begin(), splices.end(),
                   [](const Splice& a, const Splice& b) { return a.begin < b.begin; });
  size_t extra = 0;
  for (const Splice& sp : splices) extra += sp.with.size();
  r.output.reserve(record.size() + extra);
  size_t pos = 0;
  for (const Splice& sp : splices) {
    r.output.append(record.data() + pos, sp.begin - pos);
    r.output += sp.with;
    pos = sp.end;
  }
  r.output.append(record.data() + pos, record.size() - pos);
  r.report = std::move(res.report);
  r.warning = std::move(res.warning);
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
  r.warning = std::move(res.warning);
  if (!r.status.ok()) return r;
  std::string_view md = RecordBody(res, record, false, r.report);
  if (options.format == RecordFormat::kNul) {
    r.output.assign(md);
    return r;
  }
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
