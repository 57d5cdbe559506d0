#include "adblock.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>

#include <cstdio>
#include <map>
#include <mutex>

#include "easylist_data.h"
#include "html_dom.h"

#ifndef NORM_EASYLIST
#define NORM_EASYLIST ""
#endif

namespace norm::html {
namespace {

bool IsIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

size_t ReadIdent(std::string_view s, size_t i) {
  while (i < s.size() && IsIdentChar(s[i])) ++i;
  return i;
}

}  // namespace

void AdblockRules::Index(Rule rule) {
  ++rules_;
  if (!rule.id.empty()) {
    std::string key = rule.id;
    by_id_[key].push_back(std::move(rule));
  } else if (!rule.classes.empty()) {
    std::string key = rule.classes.front();
    by_class_[key].push_back(std::move(rule));
  } else if (!rule.attrs.empty()) {
    std::string key = rule.attrs.front().name;
    by_attr_[key].push_back(std::move(rule));
  } else {
    std::string key = rule.tag;
    by_tag_[key].push_back(std::move(rule));
  }
}

void AdblockRules::CollectAttributeNames() {
  attribute_names_.clear();
  for (const RuleMap* map : {&by_id_, &by_class_, &by_attr_, &by_tag_})
    for (const auto& [key, rules] : *map)
      for (const Rule& rule : rules)
        for (const AttrCond& a : rule.attrs) attribute_names_.push_back(a.name);
  std::sort(attribute_names_.begin(), attribute_names_.end());
  attribute_names_.erase(std::unique(attribute_names_.begin(), attribute_names_.end()),
                         attribute_names_.end());
}

bool AdblockRules::TestsAttribute(std::string_view name) const {
  return std::binary_search(attribute_names_.begin(), attribute_names_.end(), name, std::less<>());
}

AdblockRules::~AdblockRules() {
  if (map_) munmap(map_, map_size_);
}

void AdblockRules::Parse(std::string text) {
  text_ = std::move(text);
  ParseView(text_);
}

void AdblockRules::ParseView(std::string_view all) {
  ViewSet exceptions;
  std::vector<std::string_view> selectors;
  size_t pos = 0;
  while (pos < all.size()) {
    size_t end = all.find('\n', pos);
    if (end == std::string_view::npos) end = all.size();
    std::string_view line = all.substr(pos, end - pos);
    pos = end + 1;
    if (line.size() < 3 || line[0] != '#') continue;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.starts_with("#@#")) {
      exceptions.Add(line.substr(3));
    } else if (line.starts_with("##") && line.size() > 2) {
      selectors.push_back(line.substr(2));
    }
  }
  exceptions.Build(all.data());
  auto simple = [](std::string_view ident) {
    if (ident.empty()) return false;
    for (char c : ident)
      if (!IsIdentChar(c)) return false;
    return true;
  };
  for (std::string_view sel : selectors) {
    if (exceptions.Contains(sel)) continue;
    if (sel.size() > 1 && (sel[0] == '#' || sel[0] == '.') && simple(sel.substr(1))) {
      (sel[0] == '#' ? ids_ : classes_).Add(sel.substr(1));
      ++rules_;
      continue;
    }
    Rule rule;
    rule.text = "##" + std::string(sel);
    size_t i = 0;
    bool ok = true;
    if (i < sel.size() && IsIdentChar(sel[i])) {
      size_t e = ReadIdent(sel, i);
      rule.tag = AsciiLowerCopy(sel.substr(i, e - i));
      i = e;
    }
    while (ok && i < sel.size()) {
      char c = sel[i];
      if (c == '#' || c == '.') {
        size_t e = ReadIdent(sel, i + 1);
        if (e == i + 1) {
          ok = false;
          break;
        }
        std::string ident(sel.substr(i + 1, e - i - 1));
        if (c == '#') {
          if (!rule.id.empty()) ok = false;
          rule.id = std::move(ident);
        } else {
          rule.classes.push_back(std::move(ident));
        }
        i = e;
      } else if (c == '[') {
        size_t e = ReadIdent(sel, i + 1);
        if (e == i + 1 || e >= sel.size()) {
          ok = false;
          break;
        }
        AttrCond attr;
        attr.name = AsciiLowerCopy(sel.substr(i + 1, e - i - 1));
        i = e;
        if (sel[i] == ']') {
          ++i;
        } else {
          if (sel[i] == '=') {
            attr.op = '=';
            ++i;
          } else if (i + 1 < sel.size() && sel[i + 1] == '=' &&
                     (sel[i] == '^' || sel[i] == '$' || sel[i] == '*' || sel[i] == '~')) {
            attr.op = sel[i];
            i += 2;
          } else {
            ok = false;
            break;
          }
          if (i >= sel.size() || sel[i] != '"') {
            ok = false;
            break;
          }
          size_t close = sel.find('"', i + 1);
          if (close == std::string_view::npos || close + 1 >= sel.size() || sel[close + 1] != ']') {
            ok = false;
            break;
          }
          attr.value = std::string(sel.substr(i + 1, close - i - 1));
          if (attr.value.empty() || attr.value.find('\\') != std::string::npos) ok = false;
          i = close + 2;
        }
        // Ad links and ad images: not page regions, and costly to match.
        if (attr.name == "href" || attr.name == "src") ok = false;
        rule.attrs.push_back(std::move(attr));
      } else {
        ok = false;  // combinator, pseudo-class, selector list, escape
      }
    }
    if (!ok ||
        (rule.tag.empty() && rule.id.empty() && rule.classes.empty() && rule.attrs.empty())) {
      ++skipped_;
      continue;
    }
    Index(std::move(rule));
  }
  ids_.Build(all.data());
  classes_.Build(all.data());
  CollectAttributeNames();
}

bool AdblockRules::RuleMatches(const Rule& rule, const xmlNode* element) const {
  if (!rule.tag.empty() && AsciiLowerCopy(Name(element)) != rule.tag) return false;
  if (!rule.id.empty() && Attr(element, "id") != rule.id) return false;
  if (!rule.classes.empty()) {
    std::string_view cls = Attr(element, "class");
    for (const std::string& want : rule.classes) {
      bool has = false;
      ForEachToken(cls, [&](std::string_view t) { has = has || t == want; });
      if (!has) return false;
    }
  }
  for (const AttrCond& a : rule.attrs) {
    bool found = false;
    std::string_view v = html::Attr(element, a.name, &found);
    if (!found) return false;
    switch (a.op) {
      case 0:
        break;
      case '=':
        if (v != a.value) return false;
        break;
      case '^':
        if (!v.starts_with(a.value)) return false;
        break;
      case '$':
        if (!v.ends_with(a.value)) return false;
        break;
      case '*':
        if (v.find(a.value) == std::string_view::npos) return false;
        break;
      case '~': {
        bool has = false;
        ForEachToken(v, [&](std::string_view t) { has = has || t == a.value; });
        if (!has) return false;
        break;
      }
    }
  }
  return true;
}

std::string AdblockRules::Match(const xmlNode* element) const {
  if (rules_ == 0) return {};
  auto check = [&](const RuleMap& map, std::string_view key) -> const std::string* {
    if (map.empty()) return nullptr;
    auto it = map.find(key);
    if (it == map.end()) return nullptr;
    for (const Rule& r : it->second)
      if (RuleMatches(r, element)) return &r.text;
    return nullptr;
  };
  bool found = false;
  std::string_view id = Attr(element, "id", &found);
  if (found && !id.empty()) {
    if (ids_.Contains(id)) return "###" + std::string(id);
    if (const std::string* r = check(by_id_, id)) return *r;
  }
  std::string_view cls = Attr(element, "class", &found);
  if (found) {
    std::string hit;
    ForEachToken(cls, [&](std::string_view t) {
      if (!hit.empty()) return;
      if (classes_.Contains(t)) {
        hit = "##." + std::string(t);
      } else if (const std::string* r = check(by_class_, t)) {
        hit = *r;
      }
    });
    if (!hit.empty()) return hit;
  }
  if (!by_attr_.empty()) {
    for (const xmlAttr* a = element->properties; a; a = a->next) {
      if (const std::string* r = check(by_attr_, Name(reinterpret_cast<const xmlNode*>(a))))
        return *r;
    }
  }
  if (!by_tag_.empty()) {
    if (const std::string* r = check(by_tag_, AsciiLowerCopy(Name(element)))) return *r;
  }
  return {};
}

void AdblockRules::UseCompiled() {
  namespace data = easylist_data;
  ParseView(std::string_view(data::kCompound, data::kCompoundSize));
  ids_.Adopt(data::kNames, data::kIdSlots, data::kIdCapacity, data::kIdCount);
  classes_.Adopt(data::kNames, data::kClassSlots, data::kClassCapacity, data::kClassCount);
  rules_ += data::kPlainRules;
}

std::shared_ptr<const AdblockRules> AdblockRules::Load(const std::string& path, Status* status) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const AdblockRules>> cache;
  std::lock_guard<std::mutex> lock(mu);
  if (path.empty() && easylist_data::kAvailable) {
    // Debian's EasyList as compiled in at build time: nothing to read or parse
    // but its few hundred compound rules.
    static const std::shared_ptr<const AdblockRules> compiled = [] {
      auto rules = std::make_shared<AdblockRules>();
      rules->UseCompiled();
      return rules;
    }();
    return compiled;
  }
  std::string file = path.empty() ? std::string(NORM_EASYLIST) : path;
  auto it = cache.find(file);
  if (it != cache.end()) return it->second;
  auto rules = std::make_shared<AdblockRules>();
  int fd = open(file.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    if (fd >= 0) close(fd);
    if (!path.empty() && status) {
      *status = Status(StatusCode::kConfig, "cannot read adblock list " + path);
      return nullptr;
    }
    // Default list missing (package webext-ublock-origin-firefox not
    // installed): run on the built-in heuristics only.
  } else {
    // Mapped, not read: the 2 MB list is only scanned, and the simple rules
    // stay views into the mapping.
    size_t size = static_cast<size_t>(st.st_size);
    void* map =
        size ? mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0) : MAP_FAILED;
    close(fd);
    if (map != MAP_FAILED) {
      rules->map_ = map;
      rules->map_size_ = size;
      rules->ParseView(std::string_view(static_cast<const char*>(map), size));
    }
  }
  cache[file] = rules;
  return rules;
}

}  // namespace norm::html
