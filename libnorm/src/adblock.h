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
// Each rule is indexed by its most selective part (id, else first class,
// else first attribute name, else tag) in a hash map, so matching an element
// costs one lookup per id, class token and attribute it carries.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "norm/status.h"

namespace norm::html {

class AdblockRules {
 public:
  // Parses list text (EasyList syntax).
  void Parse(std::string_view text);

  // The selector text of the first rule matching element (e.g. "###dfp-ad"),
  // or nullptr.
  const std::string* Match(const xmlNode* element) const;

  size_t size() const { return rules_; }
  size_t skipped() const { return skipped_; }

  // Loads (once per process and path, then shared) the list at path. An
  // empty path means Debian's EasyList (NORM_EASYLIST); when that default is
  // missing, returns an empty rule set and OK (the built-in heuristics still
  // run). A missing explicit path is a kConfig error.
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

  std::unordered_map<std::string, std::vector<Rule>> by_id_;
  std::unordered_map<std::string, std::vector<Rule>> by_class_;
  std::unordered_map<std::string, std::vector<Rule>> by_attr_;
  std::unordered_map<std::string, std::vector<Rule>> by_tag_;
  size_t rules_ = 0;
  size_t skipped_ = 0;
};

}  // namespace norm::html
