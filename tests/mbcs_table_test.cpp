// The multi-byte table fast path (libnorm/src/decode/mbcs_table.h) against
// ICU alone: a chunk of 64 KiB or more decodes through the table, small
// chunks through ICU only, and both must give the same text, counts and
// strict-mode offsets on any bytes: valid text, random pairs, damage, lead
// bytes cut at chunk ends, lines without '\n'.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "charset.h"
#include "mbcs_table.h"
#include "norm/decode.h"

namespace norm {
namespace {

struct Out {
  std::string text;
  int64_t replaced = 0, skipped = 0, offset = -1;
};

// Feeds bytes in chunks of `step` (the last chunk flushes).
Out DecodeInChunks(const std::string& bytes, const char* encoding, OnInvalid mode, size_t step) {
  StreamDecoder dec(encoding, mode);
  EXPECT_TRUE(dec.ok()) << encoding;
  Out o;
  for (size_t i = 0; i < bytes.size(); i += step) {
    const bool last = i + step >= bytes.size();
    const Status s = dec.Decode(std::string_view(bytes).substr(i, step), last, o.text);
    if (!s.ok()) {
      o.offset = s.byte_offset();
      break;
    }
  }
  o.replaced = dec.replaced();
  o.skipped = dec.skipped();
  return o;
}

// Mostly plausible text (ASCII runs, high-byte pairs, newlines) with a
// share of arbitrary bytes: what damaged legacy files look like.
std::string Bytes(uint32_t seed, double damage, bool newlines) {
  std::mt19937 rng(seed);
  std::string b;
  while (b.size() < 300000) {
    const uint32_t r = rng() % 100;
    if (r < 30) {
      b += "text 123 ";
    } else if (r < 33 && newlines) {
      b += '\n';
    } else {
      b += static_cast<char>(0x81 + rng() % 0x7E);
      b += static_cast<char>(0x40 + rng() % 0xBF);
    }
    if (rng() % 1000 < damage * 1000) b += static_cast<char>(rng() % 256);
  }
  return b;
}

TEST(MbcsTable, SameAsIcuAlone) {
  for (const char* enc :
       {"GBK", "GB18030", "Big5", "Big5-HKSCS", "Shift_JIS", "EUC-JP", "EUC-KR"}) {
    for (uint32_t seed : {1u, 2u}) {
      for (double damage : {0.0, 0.01, 0.2}) {
        for (bool newlines : {true, false}) {
          const std::string bytes = Bytes(seed, damage, newlines);
          for (OnInvalid mode : {OnInvalid::kReplace, OnInvalid::kSkip, OnInvalid::kStrict}) {
            const Out icu = DecodeInChunks(bytes, enc, mode, 1000);
            // Whole, and in 100,000-byte chunks that cut pairs.
            for (size_t step : {bytes.size(), size_t{100000}}) {
              const Out table = DecodeInChunks(bytes, enc, mode, step);
              const std::string what = std::string(enc) + " seed " + std::to_string(seed) +
                                       " damage " + std::to_string(damage) + " step " +
                                       std::to_string(step) + " mode " +
                                       std::to_string(static_cast<int>(mode));
              EXPECT_EQ(table.text, icu.text) << what;
              EXPECT_EQ(table.replaced, icu.replaced) << what;
              EXPECT_EQ(table.skipped, icu.skipped) << what;
              EXPECT_EQ(table.offset, icu.offset) << what;
            }
          }
        }
      }
    }
  }
}

TEST(MbcsTable, CutSequenceFlushedByAnEmptyLastChunk) {
  std::string bytes(100000, 'a');
  bytes.back() = '\x81';  // a GBK lead byte, cut by the end of the input
  for (OnInvalid mode : {OnInvalid::kReplace, OnInvalid::kSkip, OnInvalid::kStrict}) {
    const Out whole = DecodeInChunks(bytes, "GBK", mode, 1000);
    StreamDecoder dec("GBK", mode);
    Out o;
    EXPECT_TRUE(dec.Decode(bytes, false, o.text).ok());  // the table path
    const Status s = dec.Decode("", true, o.text);
    EXPECT_EQ(o.text, whole.text);
    EXPECT_EQ(dec.replaced(), whole.replaced);
    EXPECT_EQ(dec.skipped(), whole.skipped);
    EXPECT_EQ(s.ok() ? -1 : s.byte_offset(), whole.offset);
  }
  EXPECT_EQ(DecodeInChunks(bytes, "GBK", OnInvalid::kReplace, 1000).replaced, 1);
}

TEST(MbcsTable, OnlyForAsciiCompatibleMultiByteConverters) {
  size_t count = 0;
  const charset::Encoding* all = charset::All(&count);
  int with_table = 0;
  for (size_t i = 0; i < count; ++i) {
    const charset::Encoding& e = all[i];
    const charset::MbcsTable* t = charset::MbcsTableFor(e);
    const std::string name = e.name;
    if (e.single_byte || name.rfind("UTF", 0) == 0 || name.rfind("ISO-2022", 0) == 0 ||
        name == "HZ-GB-2312") {
      EXPECT_EQ(t, nullptr) << name;
    }
    with_table += t != nullptr;
  }
  EXPECT_GE(with_table, 5);  // GBK, GB18030, Big5, Shift_JIS, EUC-JP, EUC-KR...
  const charset::Encoding* gbk = charset::Lookup("GBK");
  ASSERT_NE(gbk, nullptr);
  const charset::MbcsTable* t = charset::MbcsTableFor(*gbk);
  ASSERT_NE(t, nullptr);
  // 中 is D6 D0 in GBK; 0x80 alone is the euro sign in windows-936.
  const size_t k = (0xD6 - 0x80) << 8 | 0xD0;
  EXPECT_EQ(std::string(t->pair_utf8[k].data(), t->pair_len[k]), "中");
}

// 0xA3 0xA0 in GB18030/GBK/GB2312 is U+3000 (paragraph indents), as the
// WHATWG Encoding Standard and browsers read it, on both paths; ICU alone
// gives the private-use U+E5E5.
TEST(MbcsTable, GbA3A0IsTheIdeographicSpace) {
  std::string line = "\xA3\xA0\xA3\xA0\xCE\xD2\xCA\xC7\n";  // 　　我是
  std::string bytes;
  while (bytes.size() < 200000) bytes += line;
  for (const char* encoding : {"GB18030", "GBK", "GB2312"}) {
    for (size_t step : {size_t{7}, size_t{1} << 20}) {
      const Out o = DecodeInChunks(bytes, encoding, OnInvalid::kReplace, step);
      EXPECT_EQ(o.text.substr(0, 13), "\u3000\u3000\u6211\u662F\n") << encoding << " " << step;
      EXPECT_EQ(o.text.find("\uE5E5"), std::string::npos) << encoding << " " << step;
      EXPECT_EQ(o.replaced, 0);
    }
  }
}

}  // namespace
}  // namespace norm
