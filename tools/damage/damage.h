// Damage generator: applies the kinds of damage libnorm repairs to clean
// text, deterministically for a given seed, so that repairs can be measured
// against the clean original.
//
// A damage spec is a chain of steps separated by '|'. The state is either
// text (UTF-8) or bytes; it starts as text and must end as text.
//   enc=CODEC      text -> bytes, encoded with the ICU converter CODEC; a
//                  character CODEC cannot encode makes Apply fail with
//                  *error starting "unmappable" (the kind does not apply)
//   dec=CODEC      bytes -> text, decoded with CODEC (invalid bytes become
//                  U+FFFD, as ICU's default callback does)
//   drop           bytes: delete one non-ASCII byte (position from the seed)
//   insert         bytes: insert one byte 0x81..0xFE before a non-ASCII byte
//   nbsp-lost      text: every U+00A0 becomes a plain space
//   c1             text: windows-1252 punctuation becomes the C1 control of
//                  the same byte (what a Latin-1 decoder would have made)
//   ruby           text: Han characters get their Mandarin reading
//                  (Unihan kMandarin) in parentheses, like `導(dǎo)`;
//                  about one character in three, chosen by the seed
//   punct          text: full-width `，` becomes `,` or `,,`, a stray `,` is
//                  inserted before some `。、；`, and `；：！？（）` fold to
//                  ASCII, as in seed 004
//   zh-switch[=R]  text: a rate R (default 0.01) of the Han characters
//                  switched to the other Chinese script one at a time (OpenCC
//                  s2t or t2s of the character alone), as an upstream
//                  character-level converter leaves them; lines without a
//                  script-specific character are "unmappable"
// Named kinds (ListKinds()) expand to specs, e.g.
//   utf8-as-windows-1252     enc=UTF-8|dec=windows-1252
//   utf8-as-windows-1252-x2  the same twice
//   gbk-as-windows-1252      enc=GBK|dec=windows-1252
//   gbk-as-big5              enc=GBK|dec=Big5
// A spec may also be given directly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace norm::damage {

struct Kind {
  std::string name;
  std::string spec;
  std::string family;  // "single-byte", "cjk", "realign", "ruby", "punct", "mixed"
};

// All named kinds, in a fixed order.
const std::vector<Kind>& ListKinds();
// The spec for a kind name, or the argument itself when it is not a name.
std::string ResolveKind(std::string_view name_or_spec);

// Applies a spec to text. Returns false and sets *error on a bad spec or an
// unknown codec. The same (spec, text, seed) always gives the same output.
bool Apply(std::string_view spec, std::string_view text, uint64_t seed, std::string* out,
           std::string* error);

// TSV helpers for corpus files: fields escaped with \\, \t, \n, \r.
std::string EscapeField(std::string_view s);
std::string UnescapeField(std::string_view s);

}  // namespace norm::damage
