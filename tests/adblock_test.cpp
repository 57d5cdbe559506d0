// AdblockRules: the EasyList compiled in at build time (easylist_data.h)
// must behave exactly like the same file parsed at run time, and the
// parser's own rules (plain and compound selectors, exceptions).
#include "adblock.h"

#include <gtest/gtest.h>
#include <libxml/tree.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "easylist_data.h"
#include "test_util.h"

namespace norm::html {
namespace {

struct Dom {
  Dom() : doc(xmlNewDoc(BAD_CAST "1.0"), xmlFreeDoc) {}
  xmlNode* Element(const std::string& tag, const std::string& attr = "",
                   const std::string& value = "") {
    xmlNode* n = xmlNewDocNode(doc.get(), nullptr, BAD_CAST tag.c_str(), nullptr);
    if (xmlDocGetRootElement(doc.get()) == nullptr) {
      xmlDocSetRootElement(doc.get(), n);
    } else {
      xmlAddChild(xmlDocGetRootElement(doc.get()), n);
    }
    if (!attr.empty()) xmlNewProp(n, BAD_CAST attr.c_str(), BAD_CAST value.c_str());
    return n;
  }
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> doc;
};

TEST(Adblock, ParsesPlainCompoundAndExceptions) {
  AdblockRules rules;
  rules.Parse(
      "! comment\n##.ad-slot\n###top-banner\n##div.sponsor[data-ad]\n##.kept\n#@#.kept\n"
      "##a[href^=\"http://ads\"]\n##.x > .y\n");
  Dom dom;
  EXPECT_EQ(rules.Match(dom.Element("div", "class", "story ad-slot")), "##.ad-slot");
  EXPECT_EQ(rules.Match(dom.Element("p", "id", "top-banner")), "###top-banner");
  xmlNode* sponsor = dom.Element("div", "class", "sponsor");
  EXPECT_EQ(rules.Match(sponsor), "");
  xmlNewProp(sponsor, BAD_CAST "data-ad", BAD_CAST "1");
  EXPECT_EQ(rules.Match(sponsor), "##div.sponsor[data-ad]");
  EXPECT_EQ(rules.Match(dom.Element("div", "class", "kept")), "");  // excepted
  EXPECT_EQ(rules.Match(dom.Element("div", "class", "y")), "");     // combinator: skipped
  EXPECT_EQ(rules.size(), 3u);
}

TEST(Adblock, CompiledListEqualsTheFileParsedAtRunTime) {
  if (!easylist_data::kAvailable || !std::filesystem::exists(NORM_EASYLIST))
    GTEST_SKIP() << "EasyList not installed (webext-ublock-origin-firefox)";
  Status status;
  std::shared_ptr<const AdblockRules> compiled = AdblockRules::Load("", &status);
  ASSERT_TRUE(status.ok());
  const std::string text = test::ReadFile(NORM_EASYLIST);
  AdblockRules runtime;
  runtime.Parse(text);
  EXPECT_EQ(compiled->size(), runtime.size());
  EXPECT_EQ(compiled->skipped(), runtime.skipped());
  EXPECT_GT(compiled->size(), 10000u);

  // Every plain rule of the file, an excepted one, and names in no rule.
  Dom dom;
  size_t checked = 0, matched = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string attr, value;
    if (line.starts_with("###")) {
      attr = "id";
      value = line.substr(3);
    } else if (line.starts_with("##.")) {
      attr = "class";
      value = line.substr(3);
    } else if (line.starts_with("#@#.") || line.starts_with("#@##")) {
      attr = line[3] == '.' ? "class" : "id";
      value = line.substr(4);
    } else {
      continue;
    }
    for (const std::string& v : {value, value + "-not-a-rule"}) {
      xmlNode* n = dom.Element("div", attr, v);
      std::string a = compiled->Match(n), b = runtime.Match(n);
      EXPECT_EQ(a, b) << attr << "=" << v;
      ++checked;
      matched += !a.empty();
    }
  }
  EXPECT_GT(checked, 20000u);
  EXPECT_GT(matched, 10000u);
}

}  // namespace
}  // namespace norm::html
