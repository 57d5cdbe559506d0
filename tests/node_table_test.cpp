// Per-node tables of the HTML extractor (read/node_table.h): ids through
// xmlNode::_private, references that survive growth, and a tree handed back
// with every _private null (the converter keeps its marks there).
#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>

#include <memory>
#include <string>
#include <vector>

#include "html_clean.h"
#include "node_table.h"

namespace norm::html {
namespace {

using DocPtr = std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)>;

DocPtr Parse(const std::string& html) {
  return DocPtr(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                               HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING),
                xmlFreeDoc);
}

void Collect(xmlNode* n, std::vector<xmlNode*>* out) {
  for (; n != nullptr; n = n->next) {
    out->push_back(n);
    Collect(n->children, out);
  }
}

std::string ManyParagraphs(int n) {
  std::string html = "<html><body><div>";
  for (int i = 0; i < n; ++i) html += "<p>paragraph <b>" + std::to_string(i) + "</b></p>";
  return html + "</div></body></html>";
}

TEST(NodeTable, ValuesPerNodeAndReferencesSurviveGrowth) {
  DocPtr doc = Parse(ManyParagraphs(2000));
  std::vector<xmlNode*> nodes;
  Collect(xmlDocGetRootElement(doc.get()), &nodes);
  ASSERT_GT(nodes.size(), 6000u);
  NodeIds ids;
  NodeTable<size_t> weight(ids);
  size_t& first = weight[nodes[0]];
  first = 7;
  for (size_t i = 1; i < nodes.size(); ++i) weight[nodes[i]] = i;
  EXPECT_EQ(first, 7u);  // still the first node's value after thousands of insertions
  EXPECT_EQ(weight[nodes[0]], 7u);
  EXPECT_EQ(weight[nodes[4321]], 4321u);
}

TEST(NodeTable, SetCountsOnlyInsertedNodes) {
  DocPtr doc = Parse(ManyParagraphs(3));
  std::vector<xmlNode*> nodes;
  Collect(xmlDocGetRootElement(doc.get()), &nodes);
  NodeIds ids;
  NodeTable<int> other(ids);
  NodeSet marked(ids);
  other[nodes[1]] = 1;  // an id, but not in the set
  marked.insert(nodes[2]);
  EXPECT_EQ(marked.count(nodes[2]), 1u);
  EXPECT_EQ(marked.count(nodes[1]), 0u);
  EXPECT_EQ(marked.count(nodes[3]), 0u);  // no id at all
}

TEST(NodeTable, ClearNullsEveryPrivateUnderRoot) {
  DocPtr doc = Parse(ManyParagraphs(50));
  xmlNode* root = xmlDocGetRootElement(doc.get());
  std::vector<xmlNode*> nodes;
  Collect(root, &nodes);
  NodeIds ids;
  for (xmlNode* n : nodes) ids.Of(n);
  NodeIds::Clear(root);
  for (xmlNode* n : nodes) EXPECT_EQ(n->_private, nullptr) << n->name;
}

TEST(NodeTable, ExtractionLeavesNoPrivateBehind) {
  std::string html = "<!DOCTYPE html><html><body><nav><a href=/>Home</a></nav><article>";
  for (int i = 0; i < 20; ++i)
    html +=
        "<p>The council voted on Tuesday to extend the program, which had been due to "
        "expire at the end of the year, by another three years.</p>";
  html += "</article><footer>(c) 2026</footer></body></html>";
  DocPtr doc = Parse(html);
  xmlNode* root = xmlDocGetRootElement(doc.get());
  CleanOptions options;
  options.boilerplate = true;
  Report report;
  MainContent main = ExtractMainContent(root, options, report);
  ASSERT_FALSE(main.keep.empty());
  std::vector<xmlNode*> nodes;
  Collect(root, &nodes);
  for (xmlNode* n : nodes) EXPECT_EQ(n->_private, nullptr) << n->name;
}

}  // namespace
}  // namespace norm::html
