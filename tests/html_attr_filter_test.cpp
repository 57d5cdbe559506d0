// The parse-time attribute filter (libnorm/src/read/html_attr_filter.h):
// it keeps every attribute a reader of read/ looks at, the data-* names and
// the names the element-hiding rules test, in their order, and nothing else.
#include "html_attr_filter.h"

#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "adblock.h"
#include "test_util.h"

namespace norm::html {
namespace {

// The attributes of the first <div> of html parsed through filter, as
// "name=value" in tree order.
std::vector<std::string> DivAttributes(const std::string& html, AttributeFilter* filter) {
  std::unique_ptr<htmlParserCtxt, void (*)(htmlParserCtxtPtr)> ctxt(
      htmlCreateMemoryParserCtxt(html.data(), static_cast<int>(html.size())), htmlFreeParserCtxt);
  htmlCtxtUseOptions(ctxt.get(), HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  filter->Install(ctxt.get());
  htmlParseDocument(ctxt.get());
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> doc(ctxt->myDoc, xmlFreeDoc);
  ctxt->myDoc = nullptr;
  std::vector<std::string> out;
  for (xmlNode* n = xmlDocGetRootElement(doc.get()); n != nullptr;) {
    if (n->type == XML_ELEMENT_NODE &&
        std::string(reinterpret_cast<const char*>(n->name)) == "div") {
      for (xmlAttr* a = n->properties; a != nullptr; a = a->next) {
        std::string value = a->children && a->children->content
                                ? reinterpret_cast<const char*>(a->children->content)
                                : "";
        out.push_back(std::string(reinterpret_cast<const char*>(a->name)) + "=" + value);
      }
      break;
    }
    n = n->children ? n->children : n->next ? n->next : n->parent ? n->parent->next : nullptr;
  }
  return out;
}

TEST(HtmlAttrFilter, KeepsWhatReadersReadInOrder) {
  AttributeFilter filter(nullptr);
  auto attrs = DivAttributes(
      "<html><body><div width=\"3\" class=\"story\" target=\"_top\" data-ad=\"1\" "
      "aria-label=\"Ad\" hidden id=\"x\">text</div></body></html>",
      &filter);
  // hidden keeps its empty value (not an HTML 4 boolean: libxml2 gives it none).
  EXPECT_EQ(attrs, (std::vector<std::string>{"class=story", "data-ad=1", "hidden=", "id=x"}));
}

TEST(HtmlAttrFilter, KeepsTheNamesTheRulesTest) {
  AdblockRules rules;
  rules.Parse("##div[aria-label=\"Ad\"]\n##.sponsor[Custom-Hook]\n");
  AttributeFilter filter(&rules);
  EXPECT_TRUE(filter.Keeps("aria-label"));
  EXPECT_TRUE(filter.Keeps("custom-hook"));  // the rules lower-case names, as libxml2 does
  EXPECT_FALSE(filter.Keeps("width"));
  auto attrs = DivAttributes(
      "<html><body><div width=\"3\" aria-label=\"Ad\">text</div></body></html>", &filter);
  EXPECT_EQ(attrs, (std::vector<std::string>{"aria-label=Ad"}));
}

// Every attribute name read/ reads by a literal (Attr(node, "x"), and the
// walks over an element's attributes in IsHidden) must be on the list, or
// the filter would take it away before the reader looks. Names read from
// lists of literals (the converter's lazy image sources, BoilerplateToken's
// id and class) are data-* or on the list already.
TEST(HtmlAttrFilter, ListCoversEveryNameTheSourcesRead) {
  const std::filesystem::path dir = std::filesystem::path(NORM_SOURCE_DIR) / "libnorm/src/read";
  const std::regex attr_call(R"re(Attr\([^,();]+,\s*"([^"]+)")re");
  const std::regex name_compare(R"re(CStrEquals\(a->name,\s*"([^"]+)")re");
  std::set<std::string> read;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string file = test::ReadFile(entry.path());
    for (const std::regex* re : {&attr_call, &name_compare})
      for (std::sregex_iterator it(file.begin(), file.end(), *re), end; it != end; ++it)
        read.insert((*it)[1]);
  }
  ASSERT_GT(read.size(), 10u);
  AttributeFilter filter(nullptr);
  for (const std::string& name : read) EXPECT_TRUE(filter.Keeps(name)) << name;
  const auto& fixed = ReaderAttributeNames();
  EXPECT_TRUE(std::is_sorted(fixed.begin(), fixed.end()));
}

}  // namespace
}  // namespace norm::html
