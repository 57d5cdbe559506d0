// Records (--jsonl, --lines, -z), the streaming reader, the ordered
// parallel map and batch runs (-j, -r, --output-dir).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <random>

#include "json_scan.h"
#include "norm/norm.h"
#include "norm/records.h"
#include "parallel.h"
#include "progress.h"
#include "record_reader.h"
#include "test_util.h"

namespace fs = std::filesystem;

namespace norm::test {
namespace {

using json::Object;
using json::ScanObject;
using json::Unescape;

// --- JSON scanner -----------------------------------------------------------

TEST(JsonScan, MembersAndSpans) {
  std::string line = R"( {"id": 7, "text" :"a\"b", "x":{"y":[1,-2.5e+3,true,false,null,"]"]}} )";
  Object o;
  ASSERT_TRUE(ScanObject(line, &o).ok());
  ASSERT_EQ(o.members.size(), 3u);
  EXPECT_EQ(o.members[0].key, "id");
  EXPECT_EQ(
      line.substr(o.members[0].value_begin, o.members[0].value_end - o.members[0].value_begin),
      "7");
  EXPECT_EQ(o.members[1].key, "text");
  EXPECT_EQ(
      line.substr(o.members[1].value_begin, o.members[1].value_end - o.members[1].value_begin),
      R"("a\"b")");
  EXPECT_EQ(
      line.substr(o.members[2].value_begin, o.members[2].value_end - o.members[2].value_begin),
      R"({"y":[1,-2.5e+3,true,false,null,"]"]})");
  EXPECT_EQ(line[o.open], '{');
  EXPECT_EQ(line[o.close], '}');
  EXPECT_EQ(o.close, line.size() - 2);
}

TEST(JsonScan, EscapedKeysAreUnescaped) {
  Object o;
  ASSERT_TRUE(ScanObject(R"({"te\u0078t":"v"})", &o).ok());
  EXPECT_EQ(o.members[0].key, "text");
}

TEST(JsonScan, RejectsMalformedWithOffsets) {
  struct Case {
    const char* line;
    int64_t offset;
  } cases[] = {
      {"", 0},
      {"   ", 3},
      {"[1]", 0},
      {"{", 1},
      {R"({"a":1,})", 7},
      {R"({"a" 1})", 5},
      {R"({a:1})", 1},
      {R"({"a":01})", 6},
      {R"({"a":1.})", 7},
      {R"({"a":tru})", 5},
      {R"({"a":"x\q"})", 8},
      {R"({"a":"\u12G4"})", 10},
      {"{\"a\":\"tab\there\"}", 9},
      {R"({"a":"open})", 11},
      {R"({"a":1} x)", 8},
      {R"({"a":[1 2]})", 8},
      {R"({"a":1}{"b":2})", 7},
      {R"({"a":-})", 6},
  };
  for (const Case& c : cases) {
    Object o;
    Status st = ScanObject(c.line, &o);
    EXPECT_EQ(st.code(), StatusCode::kInvalidInput) << c.line;
    EXPECT_EQ(st.byte_offset(), c.offset) << c.line << ": " << st.ToString();
    EXPECT_EQ(st.message().rfind("malformed JSON: ", 0), 0u) << st.message();
  }
}

TEST(JsonScan, NestingIsBounded) {
  std::string deep = "{\"a\":" + std::string(300, '[') + std::string(300, ']') + "}";
  Object o;
  Status st = ScanObject(deep, &o);
  EXPECT_EQ(st.code(), StatusCode::kInvalidInput);
  EXPECT_NE(st.message().find("nesting"), std::string::npos);
  std::string ok = "{\"a\":" + std::string(200, '[') + std::string(200, ']') + "}";
  EXPECT_TRUE(ScanObject(ok, &o).ok());
}

TEST(JsonScan, RawHighBytesInStringsAreAccepted) {
  Object o;
  EXPECT_TRUE(ScanObject("{\"text\":\"\xD6\xD0\xCE\xC4\"}", &o).ok());
}

TEST(JsonUnescape, EscapesAndSurrogatePairs) {
  std::string out;
  int64_t lone = 0;
  ASSERT_TRUE(Unescape(R"("a\"\\\/\b\f\n\r\t\u00e9\u4e2d\ud83d\ude00z")", &out, &lone).ok());
  EXPECT_EQ(out, "a\"\\/\b\f\n\r\t\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80z");
  EXPECT_EQ(lone, 0);
}

TEST(JsonUnescape, LoneSurrogatesBecomeReplacementAndAreCounted) {
  std::string out;
  int64_t lone = 0;
  ASSERT_TRUE(Unescape(R"("x\ud800y\udc00\ud800\u0041")", &out, &lone).ok());
  EXPECT_EQ(out,
            "x\xEF\xBF\xBDy\xEF\xBF\xBD\xEF\xBF\xBD"
            "A");
  EXPECT_EQ(lone, 3);
}

TEST(JsonUnescape, RejectsTruncatedEscapes) {
  std::string out;
  int64_t lone = 0;
  EXPECT_FALSE(Unescape(R"("\u12")", &out, &lone).ok());
  EXPECT_FALSE(Unescape("\"\\\"", &out, &lone).ok());
  EXPECT_FALSE(Unescape("abc", &out, &lone).ok());
}

// Oracle: escaping then unescaping any UTF-8 string gives it back, and the
// escaped form scans as a valid JSON string.
TEST(JsonEscape, RoundTripsRandomStrings) {
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {"a",    "\"", "\\", "\n", "\r", "\t", "\x01",  "\x1f",
                                           "\x7f", "é",  "中", "😀",  "/",  " ",  "\u2028"};
  for (int n = 0; n < 500; ++n) {
    std::string s;
    int len = static_cast<int>(rng() % 20);
    for (int k = 0; k < len; ++k) s += pieces[rng() % pieces.size()];
    std::string lit;
    json::AppendString(lit, s);
    std::string line = "{\"t\":" + lit + "}";
    Object o;
    ASSERT_TRUE(ScanObject(line, &o).ok()) << line;
    std::string back;
    int64_t lone = 0;
    ASSERT_TRUE(Unescape(lit, &back, &lone).ok());
    EXPECT_EQ(back, s);
  }
}

// --- NormalizeRecord -------------------------------------------------------

Result Identity(std::string_view b) {
  Result r;
  r.markdown = std::string(b) + "!";
  r.report.Count("test", "calls");
  return r;
}

TEST(Record, OtherMembersAreKeptByteForByte) {
  RecordOptions o;
  std::string line =
      R"( { "meta" : {"k": [1, 2]},"id":"x\u0041", "text":"caf\u00e9 \"q\"" ,"n":1.50 } )";
  RecordResult r = NormalizeRecord(line, o, Identity);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.output,
            R"( { "meta" : {"k": [1, 2]},"id":"x\u0041", "text":"café \"q\"!" ,"n":1.50 } )");
  EXPECT_EQ(r.id, R"("x\u0041")");
}

TEST(Record, ReportKeyAppendedOrReplaced) {
  RecordOptions o;
  o.report_key = "norm";
  RecordResult r = NormalizeRecord(R"({"text":"a"})", o, Identity);
  EXPECT_EQ(r.output, R"({"text":"a!","norm":{"test":{"calls":1}}})");
  r = NormalizeRecord(R"({"norm":null,"text":"a","z":0})", o, Identity);
  EXPECT_EQ(r.output, R"({"norm":{"test":{"calls":1}},"text":"a!","z":0})");
}

TEST(Record, TextKeyErrors) {
  RecordOptions o;
  o.text_key = "body";
  EXPECT_NE(NormalizeRecord(R"({"text":"a","id":3})", o, Identity)
                .status.message()
                .find("no member \"body\""),
            std::string::npos);
  RecordResult r = NormalizeRecord(R"({"id":3,"body":null})", o, Identity);
  EXPECT_EQ(r.status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(r.id, "3");
  EXPECT_EQ(NormalizeRecord(R"({"body":"a","body":"b"})", o, Identity).status.code(),
            StatusCode::kInvalidInput);
}

TEST(Record, LoneSurrogatesCountedOrRejectedWhenStrict) {
  RecordOptions o;
  RecordResult r = NormalizeRecord(R"({"text":"\ud800"})", o, Identity);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.report.Get("records", "lone-surrogates"), 1);
  o.strict = true;
  EXPECT_FALSE(NormalizeRecord(R"({"text":"\ud800"})", o, Identity).status.ok());
}

TEST(Record, NormalizerErrorsPassThrough) {
  Options opts;
  opts.decode.from_code = "UTF-8";
  opts.decode.on_invalid = OnInvalid::kStrict;
  Normalizer n(opts);
  RecordResult r = NormalizeRecord(n, "{\"text\":\"ok \xE9 no\"}", RecordOptions{});
  EXPECT_EQ(r.status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(r.status.byte_offset(), 3);
}

TEST(Record, LinesFoldInnerBreaksAndCountThem) {
  RecordOptions o;
  o.format = RecordFormat::kLines;
  Normalizer n(Options{});
  RecordResult r = NormalizeRecord(n, "<p>one</p><p>two</p>", o);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.output, "one two");
  EXPECT_EQ(r.report.Get("records", "lines-joined"), 1);
  r = NormalizeRecord(n, "plain", o);
  EXPECT_EQ(r.output, "plain");
  EXPECT_EQ(r.report.Get("records", "lines-joined"), 0);
}

TEST(Record, SameTextAsWholeFileMode) {
  Normalizer n(Options{});
  std::string text = "Title\n=====\n\nSome   *text*\twith\u3000spaces.\n\n\n- a\n- b\n";
  std::string line = "{\"text\":";
  json::AppendString(line, text);
  line += "}";
  RecordResult r = NormalizeRecord(n, line, RecordOptions{});
  // A record carries the body only: the whole-file output without its front
  // matter (issue 15, case 4).
  Result whole = n.Normalize(text);
  ASSERT_TRUE(whole.markdown.starts_with("---\ntitle: \"Title\"\n---\n\n"));
  std::string expected = "{\"text\":";
  json::AppendString(expected, whole.markdown.substr(whole.body_offset));
  EXPECT_EQ(r.output, expected + "}");
}

// Metadata goes to another member only with --meta-key, never into the text;
// Chinese records got YAML front matter in their text, English ones none.
TEST(Record, MetadataOnlyInTheMetaMember) {
  Normalizer n(Options{});
  RecordOptions o;
  RecordResult r = NormalizeRecord(n, R"({"text":"这是一个中文句子，用来测试记录模式。"})", o);
  EXPECT_EQ(r.output, R"({"text":"这是一个中文句子，用来测试记录模式。\n"})");
  o.meta_key = "meta";
  r = NormalizeRecord(n, R"({"meta":null,"text":"这是一个中文句子，用来测试记录模式。"})", o);
  EXPECT_EQ(r.output,
            R"({"meta":{"lang":"zh-Hans"},"text":"这是一个中文句子，用来测试记录模式。\n"})");
  r = NormalizeRecord(n, R"({"text":"plain"})", o);
  EXPECT_EQ(r.output, R"({"text":"plain\n","meta":{}})");
  // A record's own front matter leaves the text; without --meta-key it is
  // counted.
  o.meta_key.clear();
  r = NormalizeRecord(n, R"({"text":"---\ntitle: A\n---\n\nBody."})", o);
  EXPECT_EQ(r.output, R"({"text":"Body.\n"})");
  EXPECT_EQ(r.report.Get("records", "front-matter-dropped"), 1);
  for (RecordFormat f : {RecordFormat::kLines, RecordFormat::kNul}) {
    o.format = f;
    r = NormalizeRecord(n, "这是一个中文句子，用来测试记录模式。", o);
    EXPECT_EQ(r.output.find("---"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("lang"), std::string::npos) << r.output;
  }
}

// --- RecordReader ----------------------------------------------------------

std::vector<std::string> ReadAllRecords(const std::string& data, char delim, size_t chunk) {
  TempDir dir;
  WriteFile(dir.path() / "in", data);
  int fd = ::open((dir.path() / "in").c_str(), O_RDONLY);
  cli::RecordReader reader(fd, delim, chunk);
  std::vector<std::string> out;
  std::string rec;
  while (reader.Next(&rec)) out.push_back(rec);
  EXPECT_EQ(reader.error(), "");
  EXPECT_EQ(reader.bytes_consumed(), data.size());
  ::close(fd);
  return out;
}

TEST(RecordReader, SplitsAcrossChunkBoundaries) {
  std::string data = "alpha\nb\n\nlonger record here\nlast-without-newline";
  std::vector<std::string> want = {"alpha", "b", "", "longer record here", "last-without-newline"};
  for (size_t chunk : {1, 2, 3, 7, 64, 1 << 20}) EXPECT_EQ(ReadAllRecords(data, '\n', chunk), want);
  EXPECT_EQ(ReadAllRecords("a\nb\n", '\n', 3), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(ReadAllRecords("", '\n', 4).empty());
  std::string nul("x\ny\0z\0", 6);
  EXPECT_EQ(ReadAllRecords(nul, '\0', 2), (std::vector<std::string>{"x\ny", "z"}));
}

// --- OrderedParallel -------------------------------------------------------

TEST(OrderedParallel, KeepsOrderAndBoundsWindow) {
  for (int threads : {1, 2, 4}) {
    int next = 0;
    std::atomic<int> in_flight{0};
    int max_in_flight = 0;
    std::vector<int> delivered;
    OrderedParallel<int>(
        threads, 8,
        [&](int* item) {
          if (next == 500) return false;
          *item = next++;
          return true;
        },
        [&](int& item) {
          int now = ++in_flight;
          (void)now;
          // Uneven work so that items finish out of order.
          volatile long spin = 0;
          for (long k = 0; k < (item % 7) * 2000; ++k) spin = spin + k;
          --in_flight;
          item = item * 3;
        },
        [&](int& item) {
          delivered.push_back(item);
          max_in_flight = std::max(max_in_flight, next - static_cast<int>(delivered.size()));
          return true;
        });
    ASSERT_EQ(delivered.size(), 500u) << threads;
    for (int k = 0; k < 500; ++k) ASSERT_EQ(delivered[k], 3 * k);
    EXPECT_LE(max_in_flight, 8) << threads;
  }
}

TEST(OrderedParallel, StopsWhenDeliverFails) {
  int next = 0;
  int delivered = 0;
  OrderedParallel<int>(
      2, 4,
      [&](int* item) {
        *item = next++;
        return next <= 1000;
      },
      [](int&) {},
      [&](int& item) {
        ++delivered;
        return item < 10;
      });
  EXPECT_EQ(delivered, 11);
  EXPECT_LT(next, 30);
}

TEST(Progress, LineShowsRateAndEta) {
  EXPECT_EQ(cli::Progress::Line(3, 2000000, 0, 2.0), "3 docs  2.0 MB  1.0 MB/s");
  EXPECT_EQ(cli::Progress::Line(3, 2000000, 4000000, 2.0),
            "[##########          ]  50% 3 docs  2.0 MB  1.0 MB/s  ETA 0:00:02");
}

// --- CLI -------------------------------------------------------------------

std::string Corpus(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    std::string text = "Record " + std::to_string(i) + "\n\n\n<b>bold</b> and   spaces\t" +
                       std::string(i % 5, 'x') + "\n";
    out += "{\"id\":" + std::to_string(i) + ",\"text\":";
    json::AppendString(out, text);
    out += ", \"keep\" : [" + std::to_string(i) + ", \"\\u00e9\"]}\n";
  }
  return out;
}

TEST(CliRecords, JsonlMatchesWholeFileModePerRecord) {
  TempDir dir;
  std::string text = "Heading\n=======\n\ncaf\xC3\xA9  au   lait\n\n\n\n* one\n* two\n";
  WriteFile(dir.path() / "doc.txt", text);
  CliResult whole = RunCli({(dir.path() / "doc.txt").string()});
  std::string line = "{\"text\":";
  json::AppendString(line, text);
  line += ",\"url\":\"http://x/\\u00e9\"}\n";
  CliResult rec = RunCli({"--jsonl"}, line);
  ASSERT_EQ(rec.exit_code, 0) << rec.err;
  std::string expected = "{\"text\":";
  // The body: whole-file output less its front matter (title: Heading).
  ASSERT_TRUE(whole.out.starts_with("---\ntitle: \"Heading\"\n---\n\n")) << whole.out;
  json::AppendString(expected, whole.out.substr(whole.out.find("\n---\n\n") + 6));
  EXPECT_EQ(rec.out, expected + ",\"url\":\"http://x/\\u00e9\"}\n");
}

TEST(CliRecords, ThreadsKeepOrder) {
  std::string corpus = Corpus(300);
  CliResult one = RunCli({"--jsonl"}, corpus);
  CliResult four = RunCli({"--jsonl", "-j", "4"}, corpus);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(std::count(one.out.begin(), one.out.end(), '\n'), 300);
  EXPECT_EQ(one.out, four.out);
}

TEST(CliRecords, RejectsAreAccountedFor) {
  TempDir dir;
  fs::path in = dir.path() / "in.jsonl";
  fs::path rejects = dir.path() / "rejects.jsonl";
  WriteFile(in,
            "{\"id\":\"a\",\"text\":\"fine\"}\n"
            "{\"id\":\"b\",\"text\":\"bad \xE9 byte\"}\n"
            "{broken\n"
            "{\"id\":\"d\",\"text\":\"also fine\"}\n");
  CliResult r = RunCli({"--jsonl", "-f", "UTF-8", "--on-invalid=strict", "--rejects",
                        rejects.string(), "--stats", in.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out,
            "{\"id\":\"a\",\"text\":\"fine\\n\"}\n{\"id\":\"d\",\"text\":\"also fine\\n\"}\n");
  std::string name = in.string();
  EXPECT_EQ(ReadFile(rejects),
            "{\"file\":\"" + name +
                "\",\"line\":2,\"id\":\"b\",\"error\":\"invalid UTF-8 sequence at byte 4\","
                "\"input\":\"{\\\"id\\\":\\\"b\\\",\\\"text\\\":\\\"bad \xEF\xBF\xBD byte\\\"}\","
                // Valid JSON Lines: the invalid byte as U+FFFD, the record whole in base64.
                "\"input_base64\":\"eyJpZCI6ImIiLCJ0ZXh0IjoiYmFkIOkgYnl0ZSJ9\"}\n"
                "{\"file\":\"" +
                name +
                "\",\"line\":3,\"error\":\"malformed JSON: expected a member name at byte 1\","
                "\"input\":\"{broken\"}\n");
  EXPECT_NE(r.err.find("\"records\":4,\"written\":2,\"rejected\":2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2 records rejected, written to " + rejects.string()), std::string::npos);
}

TEST(CliRecords, ErrorsOnStderrWithoutRejectsFile) {
  CliResult r = RunCli({"--jsonl"}, "{\"text\":\"a\"}\n[]\n{\"text\":\"b\"}\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "{\"text\":\"a\\n\"}\n{\"text\":\"b\\n\"}\n");
  EXPECT_EQ(r.err, "norm: -:2: malformed JSON: expected '{' at byte 0\n");
}

TEST(CliRecords, ReportKeyAndTextKey) {
  CliResult r = RunCli({"--jsonl", "--text-key", "body", "--report-key", "norm"},
                       "{\"body\":\"x\",\"text\":\"untouched  \"}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("{\"body\":\"x\\n\",\"text\":\"untouched  \",\"norm\":{\"decode\":", 0), 0u)
      << r.out;
}

TEST(CliRecords, NullDataAndLines) {
  std::string in("first\n\n\nsecond\0<p>a</p><p>b</p>", 27);
  CliResult z = RunCli({"-z"}, in);
  ASSERT_EQ(z.exit_code, 0) << z.err;
  EXPECT_EQ(z.out, std::string("first\n\nsecond\n\0a\n\nb\n\0", 21));
  CliResult l = RunCli({"--lines", "-j", "2"}, "one  two\n\n<p>a</p><p>b</p>\n");
  ASSERT_EQ(l.exit_code, 0) << l.err;
  EXPECT_EQ(l.out, "one two\n\na b\n");
}

TEST(CliRecords, NoFrontMatterInRecordText) {
  CliResult l = RunCli({"--lines"}, "这是一个中文句子，用来测试记录模式。\nAn English line.\n");
  EXPECT_EQ(l.exit_code, 0) << l.err;
  EXPECT_EQ(l.out, "这是一个中文句子，用来测试记录模式。\nAn English line.\n");
  CliResult j = RunCli({"--jsonl", "--meta-key", "meta"}, R"({"text":"<title>T</title><p>x</p>"})"
                                                          "\n");
  EXPECT_EQ(j.out, R"({"text":"x\n","meta":{"title":"T"}})"
                   "\n");
  EXPECT_EQ(RunCli({"--lines", "--meta-key", "m"}).exit_code, 2);
  EXPECT_EQ(RunCli({"--jsonl", "--meta-key", "text"}).exit_code, 2);
}

TEST(CliRecords, FlagConflicts) {
  EXPECT_EQ(RunCli({"--jsonl", "--lines"}).exit_code, 2);
  EXPECT_EQ(RunCli({"--rejects", "x"}).exit_code, 2);
  EXPECT_EQ(RunCli({"--lines", "--report-key", "r"}).exit_code, 2);
  EXPECT_EQ(RunCli({"--jsonl", "--report-key", "text"}).exit_code, 2);
  EXPECT_EQ(RunCli({"-j", "x"}).exit_code, 2);
  EXPECT_EQ(RunCli({"--jsonl", "--in-place", "f"}).exit_code, 2);
  EXPECT_EQ(RunCli({"--output-dir", "d"}, "x").exit_code, 2);  // stdin
}

TEST(CliRecords, InPlaceWithRejects) {
  TempDir dir;
  fs::path f = dir.path() / "r.jsonl";
  WriteFile(f, "{\"text\":\"a  b\"}\n{\"text\":1}\n");
  CliResult r =
      RunCli({"--jsonl", "--in-place", "--rejects", (dir.path() / "rej").string(), f.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(ReadFile(f), "{\"text\":\"a b\\n\"}\n");
  EXPECT_NE(ReadFile(dir.path() / "rej").find("\"input\":\"{\\\"text\\\":1}\""), std::string::npos);
}

TEST(CliBatch, RecursiveOutputDirMirrorsTree) {
  TempDir dir;
  fs::path src = dir.path() / "src";
  fs::create_directories(src / "a" / "b");
  WriteFile(src / "top.html", "<p>top   page</p>");
  WriteFile(src / "a" / "one.txt", "one\n\n\n\ntwo\n");
  WriteFile(src / "a" / "b" / "README", "deep");
  fs::path out = dir.path() / "out";
  CliResult r = RunCli({"-r", "-j", "2", "--output-dir", out.string(), src.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(ReadFile(out / "top.md"), "top page\n");
  EXPECT_EQ(ReadFile(out / "a" / "one.md"), "one\n\ntwo\n");
  EXPECT_EQ(ReadFile(out / "a" / "b" / "README.md"), "deep\n");
  CliResult cat = RunCli({"-r", "-j", "2", src.string()});
  // Sorted (a/b/README, a/one, top), each document parted by a blank line.
  EXPECT_EQ(cat.out,
            "deep\n\n"
            "one\n\ntwo\n\n"
            "top page\n");
}

TEST(CliBatch, OutputNameCollisionIsAUsageError) {
  TempDir dir;
  WriteFile(dir.path() / "x.txt", "a");
  WriteFile(dir.path() / "x.html", "b");
  CliResult r = RunCli({"--output-dir", (dir.path() / "o").string(),
                        (dir.path() / "x.txt").string(), (dir.path() / "x.html").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("would both be written to"), std::string::npos) << r.err;
}

TEST(CliBatch, ManyFilesWithThreadsMatchOneThread) {
  TempDir dir;
  std::vector<std::string> args = {"-j", "3"};
  for (int i = 0; i < 40; ++i) {
    fs::path p = dir.path() / ("d" + std::to_string(i) + ".txt");
    WriteFile(p, "Doc " + std::to_string(i) + "\n\n\n" + std::string(i * 10, 'y') + "  z\n");
    args.push_back(p.string());
  }
  args.push_back("/nonexistent/file");
  CliResult three = RunCli(args);
  args[1] = "1";
  CliResult one = RunCli(args);
  EXPECT_EQ(three.exit_code, 2);
  EXPECT_EQ(three.out, one.out);
  EXPECT_EQ(three.err, "norm: /nonexistent/file: No such file or directory\n");
  EXPECT_NE(one.out.find("Doc 39\n"), std::string::npos);
}

TEST(CliBatch, ProgressOnlyWhenAsked) {
  std::string corpus = Corpus(20);
  CliResult quiet = RunCli({"--jsonl"}, corpus);  // stderr is a file: silent
  EXPECT_EQ(quiet.err, "");
  CliResult shown = RunCli({"--jsonl", "--progress"}, corpus);
  EXPECT_NE(shown.err.find("20 docs"), std::string::npos) << shown.err;
  EXPECT_NE(shown.err.find("MB/s"), std::string::npos);
  EXPECT_EQ(shown.out, quiet.out);
}

}  // namespace
}  // namespace norm::test
