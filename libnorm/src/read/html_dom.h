// libxml2 DOM helpers for the HTML reader (no allocation on lookups).
#pragma once

#include <libxml/tree.h>

#include <algorithm>
#include <initializer_list>
#include <string_view>

#include "html_util.h"

namespace norm::html {

// How deep the HTML reader walks a tree: deeper subtrees are read as plain
// text, so hostile nesting cannot exhaust the stack.
inline constexpr int kMaxDepth = 200;

inline std::string_view Name(const xmlNode* n) {
  return n->name ? std::string_view(reinterpret_cast<const char*>(n->name)) : std::string_view();
}

inline bool IsElement(const xmlNode* n) { return n->type == XML_ELEMENT_NODE; }

// The node after n in document order within root's subtree, not entering
// n's children: the next sibling of n or of its nearest ancestor below root
// that has one; nullptr past root's last descendant. Through parent links,
// so a walk needs no stack (trees may be deeper than the C++ stack).
template <typename Node>
Node* NextPastChildren(Node* n, const xmlNode* root) {
  while (n != nullptr && n != root && n->next == nullptr) n = n->parent;
  return n == nullptr || n == root ? nullptr : n->next;
}

// The value of attribute `name` (exact, lower case as libxml2's HTML parser
// stores it), or an empty view. `found` tells an empty value from absence.
// True when the NUL-terminated s reads exactly name (which holds no NUL):
// no strlen of every attribute name at every lookup (5% of a large page's
// run went to strlen, much of it here).
inline bool CStrEquals(const xmlChar* s, std::string_view name) {
  if (s == nullptr) return name.empty();
  for (size_t i = 0; i < name.size(); ++i)
    if (s[i] != static_cast<unsigned char>(name[i])) return false;  // also stops at s's NUL
  return s[name.size()] == 0;
}

inline std::string_view Attr(const xmlNode* n, std::string_view name, bool* found = nullptr) {
  if (found) *found = false;
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (!CStrEquals(a->name, name)) continue;
    if (found) *found = true;
    const xmlNode* v = a->children;
    if (v && v->type == XML_TEXT_NODE && v->content && !v->next)
      return reinterpret_cast<const char*>(v->content);
    return {};
  }
  return {};
}

inline std::string_view AttrValue(const xmlAttr* a) {
  const xmlNode* v = a->children;
  if (v && v->type == XML_TEXT_NODE && v->content && !v->next)
    return reinterpret_cast<const char*>(v->content);
  return {};
}

inline std::string_view Content(const xmlNode* n) {
  return n->content ? std::string_view(reinterpret_cast<const char*>(n->content))
                    : std::string_view();
}

// Calls fn(token) for each whitespace-separated token of s.
template <typename Fn>
inline void ForEachToken(std::string_view s, Fn fn) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsAsciiSpace(s[i])) ++i;
    size_t start = i;
    while (i < s.size() && !IsAsciiSpace(s[i])) ++i;
    if (i > start) fn(s.substr(start, i - start));
  }
}

inline bool IsOneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// True when an element below node (depth: node's own depth) has one of the
// names.
inline bool HasDescendant(const xmlNode* node, std::initializer_list<std::string_view> names,
                          int depth) {
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (!IsElement(c)) continue;
    if (IsOneOf(Name(c), names)) return true;
    if (depth < kMaxDepth && HasDescendant(c, names, depth + 1)) return true;
  }
  return false;
}

// The first element called name in document order among the siblings
// from node on and their descendants, or null.
inline const xmlNode* FindElement(const xmlNode* node, std::string_view name, int depth) {
  for (const xmlNode* c = node; c; c = c->next) {
    if (!IsElement(c)) continue;
    if (Name(c) == name) return c;
    if (depth < kMaxDepth) {
      if (const xmlNode* r = FindElement(c->children, name, depth + 1)) return r;
    }
  }
  return nullptr;
}

}  // namespace norm::html
