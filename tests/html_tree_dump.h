// A libxml2 tree written out as text, one node per line, for tests that
// compare the trees two ways of parsing build.
#pragma once

#include <libxml/tree.h>

#include <string>

namespace norm::html {

// Which children DumpTree writes.
enum class RawTextChildren {
  kWritten,
  // script and style children left out: the prescan blanks their bodies.
  kLeftOut,
};

inline bool IsScriptOrStyle(const xmlNode* n) {
  if (n->type != XML_ELEMENT_NODE || n->name == nullptr) return false;
  const std::string name(reinterpret_cast<const char*>(n->name));
  return name == "script" || name == "style";
}

// Node type, name, attributes in order with their values, and text, indented
// by depth, for n and its following siblings.
inline void DumpTree(const xmlNode* n, int depth, RawTextChildren raw_text, std::string* out) {
  for (; n != nullptr; n = n->next) {
    out->append(static_cast<size_t>(depth), ' ');
    out->append(std::to_string(n->type)).append(" ");
    if (n->name) out->append(reinterpret_cast<const char*>(n->name));
    if (n->type == XML_ELEMENT_NODE) {
      for (const xmlAttr* a = n->properties; a; a = a->next) {
        out->append(" @").append(reinterpret_cast<const char*>(a->name)).append("=");
        if (a->children && a->children->content)
          out->append(reinterpret_cast<const char*>(a->children->content));
      }
    } else if (n->content) {
      out->append(" |").append(reinterpret_cast<const char*>(n->content)).append("|");
    }
    out->append("\n");
    if (n->type != XML_ELEMENT_NODE) continue;
    if (raw_text == RawTextChildren::kLeftOut && IsScriptOrStyle(n)) continue;
    DumpTree(n->children, depth + 1, raw_text, out);
  }
}

}  // namespace norm::html
