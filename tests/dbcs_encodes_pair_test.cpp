// DbcsTable::EncodesPair (model/dbcs_table.h): asked of ICU one character at
// a time, the same answer as the whole table's Encode, for every BMP code
// point (the zh stage's verse rule asks it of Big5 instead of building the
// table).
#include <gtest/gtest.h>

#include "dbcs_table.h"

namespace norm {
namespace {

void ExpectSameAsTable(DbcsTable::Codec codec) {
  const DbcsTable* t = DbcsTable::Get(codec);
  ASSERT_NE(t, nullptr);
  int mismatches = 0;
  for (char32_t c = 0; c < 0x10000; ++c) {
    const bool table = t->Encode(c) != 0;
    if (DbcsTable::EncodesPair(codec, c) != table && ++mismatches <= 10)
      ADD_FAILURE() << t->name() << " U+" << std::hex << static_cast<uint32_t>(c)
                    << " table: " << table;
  }
  EXPECT_EQ(mismatches, 0);
}

TEST(DbcsEncodesPair, Big5SameAsTable) { ExpectSameAsTable(DbcsTable::Codec::kBig5); }
TEST(DbcsEncodesPair, GbkSameAsTable) { ExpectSameAsTable(DbcsTable::Codec::kGbk); }

}  // namespace
}  // namespace norm
