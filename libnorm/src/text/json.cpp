#include "json.h"

namespace norm::json {
namespace {

// JSON and YAML double-quoted strings escape alike but for control
// characters: JSON names \r and writes the others as \u00xx (DEL is
// allowed); YAML writes \r, the others and DEL as \xXX.
template <bool kYaml>
void Append(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  static constexpr char kHexUpper[] = "0123456789ABCDEF";
  out.push_back('"');
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && (!kYaml || c != 0x7F)) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (!kYaml && c == '\r') {
          out += "\\r";
        } else if (kYaml) {
          out += "\\x";
          out.push_back(kHexUpper[c >> 4]);
          out.push_back(kHexUpper[c & 15]);
        } else {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

}  // namespace

void AppendString(std::string& out, std::string_view s) { Append<false>(out, s); }

void AppendYamlString(std::string& out, std::string_view s) { Append<true>(out, s); }

}  // namespace norm::json
