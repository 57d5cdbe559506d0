// Debian's EasyList (webext-ublock-origin-firefox) compiled at build time by
// libnorm/data/gen_easylist.py, so that a run on one page does not spend
// most of its start-up parsing 2 MB of rules. The plain `###id` and
// `##.class` rules are two ViewSet tables (view_set.h layout: offset << 16 |
// length into kNames, 0 for an empty slot, ViewSet::Hash); the compound
// rules stay text for AdblockRules' parser. Generic exceptions (`#@#`) are
// applied already. kAvailable is false when the list was missing at build
// time; AdblockRules then reads it at run time, if it is there.
#pragma once

#include <cstddef>
#include <cstdint>

namespace norm::html::easylist_data {

extern const bool kAvailable;
extern const char kNames[];
extern const uint64_t kIdSlots[];
extern const size_t kIdCapacity;
extern const size_t kIdCount;
extern const uint64_t kClassSlots[];
extern const size_t kClassCapacity;
extern const size_t kClassCount;
extern const size_t kPlainRules;  // plain rule lines, duplicates included
extern const char kCompound[];    // "##selector\n" lines
extern const size_t kCompoundSize;

}  // namespace norm::html::easylist_data
