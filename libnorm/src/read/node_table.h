// Per-node values of one pass over a libxml2 DOM, found through the node's
// _private field (libxml2 leaves it to the application) instead of a hash
// of the node's address: on a 10 MB page the extractor's hash lookups
// cache-missed on millions of nodes and took a tenth of the whole run.
#pragma once

#include <libxml/tree.h>

#include <cstdint>
#include <deque>

#include "html_dom.h"

namespace norm::html {

// Dense ids, 1-based in _private (0: no id yet). Clear() gives every node
// under root its null _private back for the next user (the converter keeps
// marks there); nodes freed meanwhile took their ids with them.
class NodeIds {
 public:
  NodeIds() = default;
  NodeIds(const NodeIds&) = delete;
  NodeIds& operator=(const NodeIds&) = delete;

  size_t Of(const xmlNode* n) {
    auto id = reinterpret_cast<uintptr_t>(n->_private);
    if (id == 0) {
      id = ++count_;
      const_cast<xmlNode*>(n)->_private = reinterpret_cast<void*>(id);
    }
    return id - 1;
  }
  // The id of a node that has one, or false.
  bool Find(const xmlNode* n, size_t* id) const {
    auto v = reinterpret_cast<uintptr_t>(n->_private);
    if (v == 0) return false;
    *id = v - 1;
    return true;
  }
  // Walks the tree without recursion: no depth limit to mind.
  static void Clear(xmlNode* root) {
    for (xmlNode* n = root; n != nullptr;) {
      n->_private = nullptr;
      if (n->children != nullptr && n->type != XML_ENTITY_REF_NODE) {
        n = n->children;
        continue;
      }
      n = NextPastChildren(n, root);
    }
  }

 private:
  uintptr_t count_ = 0;
};

// A value per node, default-constructed on first use like
// std::unordered_map::operator[]. References stay valid while other nodes
// are added (a deque grows at its end without moving its elements).
template <typename T>
class NodeTable {
 public:
  explicit NodeTable(NodeIds& ids) : ids_(ids) {}
  T& operator[](const xmlNode* n) {
    size_t i = ids_.Of(n);
    if (i >= values_.size()) values_.resize(i + 1);
    return values_[i];
  }

 private:
  NodeIds& ids_;
  std::deque<T> values_;
};

// Membership, as std::unordered_set<const xmlNode*>'s insert and count.
class NodeSet {
 public:
  explicit NodeSet(NodeIds& ids) : ids_(ids) {}
  void insert(const xmlNode* n) {
    size_t i = ids_.Of(n);
    if (i >= in_.size()) in_.resize(i + 1, false);
    in_[i] = true;
  }
  size_t count(const xmlNode* n) const {
    size_t i = 0;
    return ids_.Find(n, &i) && i < in_.size() && in_[i] ? 1 : 0;
  }

 private:
  NodeIds& ids_;
  std::deque<bool> in_;
};

}  // namespace norm::html
