// `norm decode` and `norm detect` from the command line: strict mode's exit
// code and message, skip/replace counts in --explain, detect's output forms.
#include <gtest/gtest.h>

#include <random>

#include "norm/decode.h"
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

// A large file streams through 1 MiB chunks (tools/norm/stream_decode.h):
// the output must be the whole-file decode's, whatever the chunk edges cut.
TEST(DecodeCli, LargeFileStreamsToTheWholeFileText) {
  std::mt19937 rng(7);
  std::string bytes;
  while (bytes.size() < 2'500'000) {
    const uint32_t r = rng() % 10;
    if (r < 6) {
      bytes += "\xD6\xD0\xCE\xC4";  // 中文
    } else if (r < 8) {
      bytes += "text ";
    } else if (r < 9) {
      bytes += '\n';
    } else {
      bytes += static_cast<char>(0x81 + rng() % 0x7E);  // a pair, often unmapped or cut
      bytes += static_cast<char>(0x20 + rng() % 0xDF);
    }
  }
  bytes[(1 << 20) - 1] = '\x81';  // a lead byte ends the first chunk
  test::TempDir dir;
  const std::string path = (dir.path() / "big.txt").string();
  test::WriteFile(path, bytes);
  for (const std::string mode : {"replace", "skip"}) {
    DecodeOptions o;
    o.on_invalid = mode == "skip" ? OnInvalid::kSkip : OnInvalid::kReplace;
    const std::string want_auto = DecodeBytes(bytes, o).text;
    o.from_code = "GBK";
    const std::string want_gbk = DecodeBytes(bytes, o).text;
    const CliResult a = RunCli({"decode", "--on-invalid=" + mode, path});
    EXPECT_EQ(a.exit_code, 0) << a.err;
    EXPECT_TRUE(a.out == want_auto) << mode << ": " << a.out.size() << " vs " << want_auto.size();
    const CliResult g = RunCli({"decode", "-f", "GBK", "--on-invalid=" + mode, path});
    EXPECT_EQ(g.exit_code, 0) << g.err;
    EXPECT_TRUE(g.out == want_gbk) << mode << ": " << g.out.size() << " vs " << want_gbk.size();
  }
  // A stray NUL byte past the first chunk: text with a NUL, read as a browser
  // reads it (U+FFFD, counted), the same as the whole-file path; no NUL out.
  bytes[1'500'000] = '\0';
  test::WriteFile(path, bytes);
  const CliResult nul = RunCli({"decode", "-f", "GBK", path});
  EXPECT_EQ(nul.exit_code, 0) << nul.err;
  EXPECT_EQ(nul.out.find('\0'), std::string::npos);
  EXPECT_GT(nul.out.size(), 2'000'000u);
  // Binary data is still refused: NUL bytes throughout.
  std::string binary = bytes;
  for (size_t i = 1'200'000; i < binary.size(); i += 7) binary[i] = '\0';
  test::WriteFile(path, binary);
  const CliResult bin = RunCli({"decode", "-f", "GBK", path});
  EXPECT_EQ(bin.exit_code, 1);
  EXPECT_NE(bin.err.find("binary input (NUL byte)"), std::string::npos) << bin.err;
  EXPECT_EQ(bin.out, "");
}

}  // namespace
}  // namespace norm
