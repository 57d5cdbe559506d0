#include "mojibake_score.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <random>
#include <string>
#include <vector>

namespace norm::mojibake_internal {
namespace {

// ICU's strict decode of the whole string, the way DecodeDbcsStrict did it
// before it decoded unit by unit (its memo must never change an answer).
bool IcuStrict(const char* name, const std::string& bytes, std::vector<int32_t>* out) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(name, &err);
  if (U_FAILURE(err)) return false;
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  std::vector<UChar> buf(bytes.size() + 2);
  err = U_ZERO_ERROR;
  int32_t n = ucnv_toUChars(cnv, buf.data(), static_cast<int32_t>(buf.size()), bytes.data(),
                            static_cast<int32_t>(bytes.size()), &err);
  ucnv_close(cnv);
  if (U_FAILURE(err)) return false;
  out->clear();
  for (int32_t i = 0; i < n; ++i) {
    int32_t c = buf[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n) {
      c = 0x10000 + ((c - 0xD800) << 10) + (buf[i + 1] - 0xDC00);
      ++i;
    }
    out->push_back(c);
  }
  return true;
}

TEST(MojibakeScore, StrictDecodeByUnitsAgreesWithIcu) {
  constexpr const char* kIcuNames[kNumDbcs] = {"GBK", "Big5", "Shift_JIS", "EUC-JP", "EUC-KR"};
  std::mt19937 rng(22);
  int decoded = 0;
  for (int codec = 0; codec < kNumDbcs; ++codec) {
    for (int round = 0; round < 20000; ++round) {
      // Mostly high bytes (lead and trail ranges), some ASCII, 1-9 bytes:
      // valid pairs, lone leads, invalid trails and three-byte EUC-JP units.
      std::string bytes;
      const int len = 1 + static_cast<int>(rng() % 9);
      for (int k = 0; k < len; ++k) {
        const unsigned r = rng() % 8;
        bytes.push_back(static_cast<char>(r == 0 ? 0x20 + rng() % 0x60 : 0x80 + rng() % 0x80));
      }
      std::vector<int32_t> ours = {-7}, icu;
      const bool ok = DecodeDbcsStrict(codec, bytes, &ours);
      ASSERT_EQ(ok, IcuStrict(kIcuNames[codec], bytes, &icu)) << kIcuNames[codec];
      if (ok) {
        ASSERT_EQ(ours, icu) << kIcuNames[codec];
        ++decoded;
      }
    }
  }
  EXPECT_GT(decoded, 1000);  // the strings are not all invalid
}

}  // namespace
}  // namespace norm::mojibake_internal
