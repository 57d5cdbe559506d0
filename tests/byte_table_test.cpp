// The single-byte decoding tables compiled in at build time
// (libnorm/data/gen_byte_tables.cpp) against the ones the library builds at
// run time from ICU and iconv (byte_table.h): equal for every single-byte
// encoding of the table, so the generated data cannot drift from the
// converters the library links. And the run-time path still serves an
// encoding made on first use.
#include <gtest/gtest.h>

#include <array>
#include <cstring>

#include "byte_table.h"
#include "charset.h"

namespace norm::charset {
namespace {

TEST(ByteTable, CompiledTablesEqualTheOnesBuiltFromTheConverters) {
  size_t count = 0;
  const Encoding* all = All(&count);
  int compared = 0;
  for (size_t i = 0; i < count; ++i) {
    const Encoding& e = all[i];
    const ByteTable* compiled = CompiledByteTable(e);
    if (!e.single_byte) {
      EXPECT_EQ(compiled, nullptr) << e.name;
      continue;
    }
    std::array<char32_t, 256> chars;
    ASSERT_TRUE(ConvertEachByte(e, &chars)) << e.name;
    ASSERT_NE(compiled, nullptr) << e.name;
    const ByteTable built = TableOfChars(chars);
    for (int b = 0; b < 256; ++b) {
      EXPECT_EQ(compiled->code_point[b], built.code_point[b]) << e.name << " byte " << b;
      EXPECT_EQ(compiled->len[b], built.len[b]) << e.name << " byte " << b;
      EXPECT_EQ(std::memcmp(compiled->utf8[b].data(), built.utf8[b].data(), 4), 0)
          << e.name << " byte " << b;
    }
    EXPECT_EQ(compiled->ascii_compatible, built.ascii_compatible) << e.name;
    // What the detector reads is the compiled table.
    EXPECT_EQ(SingleByteTable(e), compiled->code_point.data()) << e.name;
    ++compared;
  }
  EXPECT_GE(compared, 30);
}

TEST(ByteTable, EncodingsMadeAtRunTimeStillGetATable) {
  // Not in the table: made on first use, from ICU and from iconv.
  for (const char* name : {"x-mac-greek", "ARMSCII-8"}) {
    const Encoding* e = Lookup(name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(CompiledByteTable(*e), nullptr) << name;
    ASSERT_TRUE(e->single_byte) << name;
    const char32_t* t = SingleByteTable(*e);
    ASSERT_NE(t, nullptr) << name;
    std::array<char32_t, 256> chars;
    ASSERT_TRUE(ConvertEachByte(*e, &chars)) << name;
    const ByteTable built = TableOfChars(chars);
    EXPECT_EQ(std::memcmp(t, built.code_point.data(), sizeof(char32_t) * 256), 0) << name;
  }
}

}  // namespace
}  // namespace norm::charset
