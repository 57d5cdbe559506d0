// `norm decode` and `norm detect` from the command line: strict mode's exit
// code and message, skip/replace counts in --explain, detect's output forms.
#include <gtest/gtest.h>

#include "test_util.h"

namespace norm {
namespace {

using test::CliResult;
using test::RunCli;

TEST(DecodeCli, StrictRejectsWithOffset) {
  // "中文" in GBK, then a lead byte followed by a newline.
  CliResult r =
      RunCli({"decode", "-f", "GBK", "--on-invalid=strict"}, "\xD6\xD0\xCE\xC4\x81\nabc\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("invalid GB18030 sequence at byte 4"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  CliResult f = RunCli({"decode", "-f", "utf-8", "--on-invalid=strict"}, "ok\xFF");
  EXPECT_EQ(f.exit_code, 1);
  EXPECT_NE(f.err.find("invalid UTF-8 sequence at byte 2"), std::string::npos) << f.err;
}

TEST(DecodeCli, ReplaceAndSkipAreCounted) {
  CliResult r = RunCli({"decode", "-f", "utf-8", "--explain"},
                       "a\xFF"
                       "b\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out,
            "a\xEF\xBF\xBD"
            "b\n");
  EXPECT_NE(r.err.find("decode.replaced=1"), std::string::npos) << r.err;
  CliResult s = RunCli({"decode", "-f", "utf-8", "--on-invalid=skip", "--explain"},
                       "a\xFF"
                       "b\n");
  EXPECT_EQ(s.out, "ab\n");
  EXPECT_NE(s.err.find("decode.skipped=1"), std::string::npos) << s.err;
}

TEST(DecodeCli, DetectNamesSourceAndJson) {
  CliResult d = RunCli({"detect"}, "<meta charset=\"gbk\">\xD6\xD0\xCE\xC4\n");
  EXPECT_EQ(d.exit_code, 0);
  EXPECT_EQ(d.out.substr(0, 8), "-: GBK c");
  EXPECT_NE(d.out.find("source=declared"), std::string::npos) << d.out;
  CliResult u = RunCli({"detect", "--json"}, std::string("h\0i\0 \0t\0h\0e\0r\0e\0!\0\n\0", 20));
  EXPECT_NE(u.out.find("\"encoding\":\"UTF-16LE\""), std::string::npos) << u.out;
  CliResult bad = RunCli({"decode", "-f", "klingon-8"}, "abc");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unknown encoding klingon-8"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace norm
