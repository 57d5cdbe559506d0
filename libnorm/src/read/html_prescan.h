// One linear pass over HTML before libxml2 parses it, for two costs that
// libxml2 2.9 pays and we would throw away:
//   - every attribute of a start tag is compared with every earlier one, so
//     100,000 attributes on one element take minutes: attributes past
//     kMaxAttributes are dropped (and counted);
//   - script, style and noscript bodies are read one character at a time into text
//     nodes that the cleaner then deletes: on real pages they are often most
//     of the bytes. Their bodies are skipped, keeping the elements.
// The scan follows libxml2's own tokenizer where it matters (comments,
// processing instructions, doctype, quoted attribute values, `/>`, a raw
// text body ending at the first `</script`, `</style` or `</noscript`,
// case-insensitive; JSON-LD scripts are kept, they are page metadata)
// and skips nothing where it is unsure: an unterminated body, a
// self-closing tag, a name it does not recognise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace norm::html {

inline constexpr size_t kMaxAttributes = 1000;

struct PrescanResult {
  int64_t attributes_dropped = 0;
  int64_t raw_text_bytes_skipped = 0;  // script, style and noscript bodies
  // noscript bodies skipped: unlike script and style, these change the tree
  // libxml2 builds, on purpose (markup in them no longer nests the page).
  int64_t noscript_bodies_skipped = 0;
};

// Copies html into *out without the bytes above. Returns false, leaving
// *out alone, when there is nothing to skip (no copy is needed).
bool PrescanForParse(std::string_view html, std::string* out, PrescanResult* result);

}  // namespace norm::html
