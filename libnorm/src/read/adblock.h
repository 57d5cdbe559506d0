// EasyList generic element-hiding rules, matched against libxml2 elements.
//
// Only generic rules (lines that start with "##", no domain before them) are
// read, and of those the simple compound selectors: an optional tag name
// followed by any number of `#id`, `.class` and `[attr]`, `[attr="v"]`,
// `[attr^="v"]`, `[attr$="v"]`, `[attr*="v"]`, `[attr~="v"]` parts. Rules with
// combinators, pseudo-classes or selector lists are skipped (counted in
// skipped()); so are rules on a[href] and [src], which target ad links
// rather than page regions. Generic exceptions (`#@#sel`) cancel the rule with
// the same selector.
//
// The list text is kept in memory. Plain `###id` and `##.class` rules (nearly
// all of them) are views into it, in two hash sets (view_set.h): loading the
// 2 MB list costs a few milliseconds and no allocation per rule; the default
// list, compiled in at build time, costs nothing to load. The other rules are
// indexed by their most selective part (id, else first class, else first
// attribute name, else tag) in a hash map, so matching an element costs one
// hash lookup per id and class token and one lookup per attribute.
#pragma once

#include <libxml/tree.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "norm/status.h"
#include "view_set.h"

namespace norm::html {

class AdblockRules {
 public:
  AdblockRules() = default;
  ~AdblockRules();
  AdblockRules(const AdblockRules&) = delete;
  AdblockRules& operator=(const AdblockRules&) = delete;

  // Parses list text (EasyList syntax), taking ownership of it.
  void Parse(std::string text);

  // The selector text of the first rule matching element (e.g. "###dfp-ad"),
  // or an empty string.
  std::string Match(const xmlNode* element) const;

  // True when some compound rule tests an attribute called name ([name],
  // [name="v"], ...; names lower-cased): the parser keeps those attributes
  // (html_attr_filter.h). Answered from a sorted list made once per load,
  // not per page.
  bool TestsAttribute(std::string_view name) const;

  size_t size() const { return rules_; }
  size_t skipped() const { return skipped_; }

  // Loads (once per process and path, then shared) the list at path. An
  // empty path means Debian's EasyList: the copy compiled in at build time
  // (libnorm/data/gen_easylist.py), else the file NORM_EASYLIST read now;
  // when neither exists, returns an empty rule set and OK (the built-in
  // heuristics still run). A missing explicit path is a kConfig error.
  static std::shared_ptr<const AdblockRules> Load(const std::string& path, Status* status);

 private:
  struct AttrCond {
    std::string name;
    char op = 0;  // 0 exists, '=', '^', '$', '*', '~'
    std::string value;
  };
  struct Rule {
    std::string text;  // "##..." as written in the list
    std::string tag;
    std::string id;
    std::vector<std::string> classes;
    std::vector<AttrCond> attrs;
  };
  bool RuleMatches(const Rule& rule, const xmlNode* element) const;
  void Index(Rule rule);

  void ParseView(std::string_view all);
  void CollectAttributeNames();
  void UseCompiled();
  std::string text_;     // the list when parsed from a string
  void* map_ = nullptr;  // the list when mapped from a file
  size_t map_size_ = 0;
  ViewSet ids_;      // from "###id"
  ViewSet classes_;  // from "##.class"
  // Found by string_view (no std::string built per class token and per
  // attribute of every element: Match runs on most elements of a page).
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using RuleMap = std::unordered_map<std::string, std::vector<Rule>, KeyHash, std::equal_to<>>;
  RuleMap by_id_;
  RuleMap by_class_;
  RuleMap by_attr_;
  RuleMap by_tag_;
  size_t rules_ = 0;
  size_t skipped_ = 0;
  std::vector<std::string> attribute_names_;  // sorted, unique
};

}  // namespace norm::html
