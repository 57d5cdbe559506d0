#include "norm/records.h"

#include <algorithm>
#include <cstring>

#include "json.h"
#include "norm/norm.h"
#include "parallel.h"
#include "utf8.h"

namespace norm {
namespace json {
namespace {

constexpr int kMaxDepth = 256;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  Status Fail(std::string_view what, size_t at) const {
    std::string message = "malformed JSON: ";
    message += what;
    if (at >= s_.size()) message += " (line ended)";
    return Status(StatusCode::kInvalidInput, message, static_cast<int64_t>(at));
  }

  size_t SkipSpace(size_t i) const {
    while (i < s_.size() && IsSpace(s_[i])) ++i;
    return i;
  }

  // On success *end is one past the closing quote.
  Status String(size_t i, size_t* end) const {
    if (i >= s_.size() || s_[i] != '"') return Fail("expected a string", i);
    ++i;
    for (;;) {
      if (i >= s_.size()) return Fail("unterminated string", i);
      unsigned char c = static_cast<unsigned char>(s_[i]);
      if (c == '"') {
        *end = i + 1;
        return Status::Ok();
      }
      if (c < 0x20) return Fail("unescaped control character in string", i);
      if (c != '\\') {
        ++i;
        continue;
      }
      if (i + 1 >= s_.size()) return Fail("unterminated string", i + 1);
      char e = s_[i + 1];
      if (e == 'u') {
        for (size_t k = 0; k < 4; ++k) {
          if (i + 2 + k >= s_.size() || HexValue(s_[i + 2 + k]) < 0)
            return Fail("\\u needs four hex digits", i + 2 + k);
        }
        i += 6;
      } else if (std::strchr("\"\\/bfnrt", e) != nullptr && e != '\0') {
        i += 2;
      } else {
        return Fail("invalid escape", i + 1);
      }
    }
  }

  Status Number(size_t i, size_t* end) const {
    auto digit = [&](size_t k) { return k < s_.size() && s_[k] >= '0' && s_[k] <= '9'; };
    if (i < s_.size() && s_[i] == '-') ++i;
    if (!digit(i)) return Fail("expected a value", i);
    if (s_[i] == '0') {
      ++i;
    } else {
      while (digit(i)) ++i;
    }
    if (i < s_.size() && s_[i] == '.') {
      ++i;
      if (!digit(i)) return Fail("expected a digit after '.'", i);
      while (digit(i)) ++i;
    }
    if (i < s_.size() && (s_[i] == 'e' || s_[i] == 'E')) {
      ++i;
      if (i < s_.size() && (s_[i] == '+' || s_[i] == '-')) ++i;
      if (!digit(i)) return Fail("expected an exponent", i);
      while (digit(i)) ++i;
    }
    *end = i;
    return Status::Ok();
  }

  Status Value(size_t i, int depth, size_t* end) const {
    if (i >= s_.size()) return Fail("expected a value", i);
    char c = s_[i];
    if (c == '"') return String(i, end);
    if (c == '{' || c == '[') return Container(i, depth + 1, nullptr, end);
    for (std::string_view word : {"true", "false", "null"}) {
      if (c == word[0]) {
        if (s_.substr(i, word.size()) != word) return Fail("expected a value", i);
        *end = i + word.size();
        return Status::Ok();
      }
    }
    return Number(i, end);
  }

  // An object or array starting at i. For the top-level object, members are
  // recorded in *object.
  Status Container(size_t i, int depth, Object* object, size_t* end) const {
    if (depth > kMaxDepth) return Fail("nesting deeper than 256", i);
    bool is_object = s_[i] == '{';
    char close = is_object ? '}' : ']';
    i = SkipSpace(i + 1);
    if (i < s_.size() && s_[i] == close) {
      *end = i + 1;
      return Status::Ok();
    }
    for (;;) {
      Member member;
      if (is_object) {
        size_t key_end = 0;
        Status st = String(i, &key_end);
        if (!st.ok()) return Fail("expected a member name", i);
        member.key_begin = i;
        member.key_end = key_end;
        i = SkipSpace(key_end);
        if (i >= s_.size() || s_[i] != ':') return Fail("expected ':'", i);
        i = SkipSpace(i + 1);
      }
      size_t value_end = 0;
      Status st = Value(i, depth, &value_end);
      if (!st.ok()) return st;
      if (object != nullptr) {
        member.value_begin = i;
        member.value_end = value_end;
        int64_t lone = 0;
        Unescape(s_.substr(member.key_begin, member.key_end - member.key_begin), &member.key,
                 &lone);
        object->members.push_back(std::move(member));
      }
      i = SkipSpace(value_end);
      if (i < s_.size() && s_[i] == ',') {
        i = SkipSpace(i + 1);
        continue;
      }
      if (i < s_.size() && s_[i] == close) {
        *end = i + 1;
        return Status::Ok();
      }
      return Fail(is_object ? "expected ',' or '}'" : "expected ',' or ']'", i);
    }
  }

 private:
  std::string_view s_;
};

uint32_t Hex4(std::string_view s, size_t i) {
  uint32_t v = 0;
  for (size_t k = 0; k < 4; ++k) v = v * 16 + static_cast<uint32_t>(HexValue(s[i + k]));
  return v;
}

}  // namespace

Status ScanObject(std::string_view line, Object* object) {
  object->members.clear();
  Scanner scanner(line);
  size_t i = scanner.SkipSpace(0);
  if (i >= line.size()) return scanner.Fail("empty record", i);
  if (line[i] != '{') return scanner.Fail("expected '{'", i);
  object->open = i;
  size_t end = 0;
  Status st = scanner.Container(i, 1, object, &end);
  if (!st.ok()) return st;
  object->close = end - 1;
  size_t rest = scanner.SkipSpace(end);
  if (rest != line.size()) return scanner.Fail("unexpected data after the object", rest);
  return Status::Ok();
}

Status Unescape(std::string_view literal, std::string* out, int64_t* lone_surrogates) {
  out->clear();
  if (literal.size() < 2 || literal.front() != '"' || literal.back() != '"')
    return Status(StatusCode::kInvalidInput, "malformed JSON: not a string literal", 0);
  std::string_view s = literal.substr(1, literal.size() - 2);
  out->reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const void* bs = std::memchr(s.data() + i, '\\', s.size() - i);
    size_t next = bs == nullptr ? s.size() : static_cast<const char*>(bs) - s.data();
    out->append(s.data() + i, next - i);
    i = next;
    if (i >= s.size()) break;
    if (i + 1 >= s.size())
      return Status(StatusCode::kInvalidInput, "malformed JSON: unterminated escape",
                    static_cast<int64_t>(i + 1));
    char e = s[i + 1];
    if (e == 'u') {
      bool hex = i + 6 <= s.size();
      for (size_t k = 2; hex && k < 6; ++k) hex = HexValue(s[i + k]) >= 0;
      if (!hex)
        return Status(StatusCode::kInvalidInput, "malformed JSON: \\u needs four hex digits",
                      static_cast<int64_t>(i + 1));
    }
    switch (e) {
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'u': {
        uint32_t cp = Hex4(s, i + 2);
        i += 6;
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= s.size() && s[i] == '\\' && s[i + 1] == 'u') {
          bool hex = true;
          for (size_t k = 2; hex && k < 6; ++k) hex = HexValue(s[i + k]) >= 0;
          uint32_t low = hex ? Hex4(s, i + 2) : 0;
          if (low >= 0xDC00 && low <= 0xDFFF) {
            utf8::Append(*out, 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00));
            i += 6;
            continue;
          }
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
          cp = 0xFFFD;
          ++*lone_surrogates;
        }
        utf8::Append(*out, cp);
        continue;
      }
      default:  // " \ /
        out->push_back(e);
        break;
    }
    i += 2;
  }
  return Status::Ok();
}

}  // namespace json

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
