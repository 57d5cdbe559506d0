// --to=json: one JSON object per document, its blocks with offsets into
// its text (the schema check of the seeds is tests/python/test_output_schema.py).
#include <gtest/gtest.h>

#include "json_writer.h"
#include "norm/norm.h"
#include "norm/records.h"
#include "reader.h"

namespace norm {
namespace {

Document Read(const std::string& md) {
  Document doc;
  Report report;
  EXPECT_TRUE(ReadMarkdown(md, Options(), &doc, report).ok());
  return doc;
}

TEST(WriteJson, BlocksWithOffsetsIntoTheText) {
  std::string json = WriteJson(Read("# Title\n\nSee [docs](https://x.y/).\n"));
  EXPECT_EQ(json,
            "{\"metadata\":{},\"text\":\"Title\\n\\nSee docs.\\n\","
            "\"blocks\":[{\"type\":\"heading\",\"start\":0,\"end\":5,\"level\":1},"
            "{\"type\":\"paragraph\",\"start\":7,\"end\":16}],"
            "\"links\":[{\"url\":\"https://x.y/\",\"start\":11,\"end\":15}]}\n");
}

TEST(WriteJson, ListsQuotesCodeAndTables) {
  std::string json =
      WriteJson(Read("3. a\n4. b\n\n> q\n\n```sh\nls\n```\n\n| h1 | h2 |\n|---|---|\n| c | d |\n"));
  EXPECT_EQ(
      json,
      "{\"metadata\":{},\"text\":\"a\\nb\\n\\nq\\n\\nls\\n\\nh1\\th2\\nc\\td\\n\","
      "\"blocks\":[{\"type\":\"list\",\"start\":0,\"end\":3,\"ordered\":true,"
      "\"first_number\":3,\"items\":["
      "{\"type\":\"item\",\"start\":0,\"end\":1,\"blocks\":"
      "[{\"type\":\"paragraph\",\"start\":0,\"end\":1}]},"
      "{\"type\":\"item\",\"start\":2,\"end\":3,\"blocks\":"
      "[{\"type\":\"paragraph\",\"start\":2,\"end\":3}]}]},"
      "{\"type\":\"quote\",\"start\":5,\"end\":6,\"blocks\":"
      "[{\"type\":\"paragraph\",\"start\":5,\"end\":6}]},"
      "{\"type\":\"code\",\"start\":8,\"end\":10,\"language\":\"sh\"},"
      "{\"type\":\"table\",\"start\":12,\"end\":21,\"rows\":[[\"h1\",\"h2\"],[\"c\",\"d\"]]}],"
      "\"links\":[]}\n");
}

TEST(WriteJson, MetadataFromFrontMatter) {
  std::string json = WriteJson(
      Read("---\ntitle: \"A \\\"quoted\\\" title\"\ntags: [ one, 'two' ]\ndate: 2022-10-21\n---\n"
           "\nBody.\n"));
  EXPECT_NE(json.find("\"metadata\":{\"title\":\"A \\\"quoted\\\" title\","
                      "\"tags\":[\"one\",\"two\"],\"date\":\"2022-10-21\"}"),
            std::string::npos)
      << json;
}

TEST(WriteJson, RecordsEmbedTheObject) {
  Options options;
  ASSERT_TRUE(SetOption(options, "to", "json").ok());
  Normalizer normalizer(options);
  RecordOptions ro;
  RecordResult r = NormalizeRecord(normalizer, R"({"id":7,"text":"Hello *world*"})", ro);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.output,
            "{\"id\":7,\"text\":{\"metadata\":{},\"text\":\"Hello world\\n\",\"blocks\":"
            "[{\"type\":\"paragraph\",\"start\":0,\"end\":11}],\"links\":[]}}");
}

TEST(WriteText, RecordsHoldPlainText) {
  Options options;
  ASSERT_TRUE(SetOption(options, "to", "text").ok());
  Normalizer normalizer(options);
  RecordOptions ro;
  RecordResult r = NormalizeRecord(normalizer, R"j({"text":"# Hi\n\n*a* [b](c)"})j", ro);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.output, R"({"text":"Hi\n\na b\n"})");
}

}  // namespace
}  // namespace norm
