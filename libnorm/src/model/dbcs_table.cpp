#include "dbcs_table.h"

#include <unicode/ucnv.h>

namespace norm {

DbcsTable::DbcsTable(const char* icu_name, std::string_view name) : name_(name) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(icu_name, &status);
  if (U_FAILURE(status)) return;
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  pairs_.assign(126 * 191, 0);
  uda_trails_.assign(256, {});
  for (int lead = 0x81; lead <= 0xFE; ++lead) {
    for (int trail = 0x40; trail <= 0xFE; ++trail) {
      char in[2] = {static_cast<char>(lead), static_cast<char>(trail)};
      UChar out[4];
      status = U_ZERO_ERROR;
      ucnv_reset(cnv);
      int32_t n = ucnv_toUChars(cnv, out, 4, in, 2, &status);
      if (U_FAILURE(status) || n != 1) continue;
      char32_t c = out[0];
      if (c >= 0xE000 && c <= 0xF8FF) {
        pairs_[(lead - 0x81) * 191 + (trail - 0x40)] = kUserDefined;
        uda_trails_[lead].push_back(static_cast<uint8_t>(trail));
        continue;
      }
      if (c < 0x80 || c == 0xFFFD || c == 0x1A) continue;
      pairs_[(lead - 0x81) * 191 + (trail - 0x40)] = c;
      encode_.emplace(c, static_cast<uint16_t>(lead << 8 | trail));
    }
  }
  for (int b = 0; b < 256; ++b) {
    if (!uda_trails_[b].empty()) uda_leads_.push_back(static_cast<uint8_t>(b));
  }
  ucnv_close(cnv);
  ok_ = true;
}

const DbcsTable* DbcsTable::Get(Codec codec) {
  // Each built on its first use only (the zh stage asks for Big5 alone).
  if (codec == Codec::kGbk) {
    static const DbcsTable* gbk = [] {
      auto* t = new DbcsTable("GBK", "GBK");
      return t->ok_ ? t : nullptr;
    }();
    return gbk;
  }
  static const DbcsTable* big5 = [] {
    auto* t = new DbcsTable("windows-950", "Big5");
    return t->ok_ ? t : nullptr;
  }();
  return big5;
}

}  // namespace norm
