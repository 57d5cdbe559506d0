// The strict JSON object scanner of the record modes (json_scan.h).
#include "json_scan.h"

#include <cstring>

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
        // The key was scanned as a valid literal just now: this cannot fail.
        (void)Unescape(s_.substr(member.key_begin, member.key_end - member.key_begin), &member.key,
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

}  // namespace norm
