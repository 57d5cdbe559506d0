#include "dbcs_table.h"

#include <unicode/ucnv.h>

namespace norm {

namespace {
// A character a pair decodes to that the table keeps as that pair's: not
// ASCII, not a replacement or substitute mark, not user-defined (those pairs
// are kept apart, as kUserDefined).
bool KeptAsCharacter(char32_t c) {
  return c >= 0x80 && c != 0xFFFD && c != 0x1A && !(c >= 0xE000 && c <= 0xF8FF);
}
}  // namespace

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
      if (!KeptAsCharacter(c)) continue;
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

namespace {
const char* IcuName(DbcsTable::Codec codec) {
  return codec == DbcsTable::Codec::kGbk ? "GBK" : "windows-950";
}

// One thread's converters and answers for EncodesPair.
struct PairEncoder {
  UConverter* cnv[2] = {nullptr, nullptr};
  bool opened[2] = {false, false};
  std::unordered_map<char32_t, bool> answers[2];
  ~PairEncoder() {
    for (UConverter* c : cnv)
      if (c != nullptr) ucnv_close(c);
  }
};
}  // namespace

bool DbcsTable::EncodesPair(Codec codec, char32_t c) {
  thread_local PairEncoder enc;
  const int k = codec == Codec::kGbk ? 0 : 1;
  if (auto it = enc.answers[k].find(c); it != enc.answers[k].end()) return it->second;
  if (!enc.opened[k]) {
    enc.opened[k] = true;
    UErrorCode status = U_ZERO_ERROR;
    enc.cnv[k] = ucnv_open(IcuName(codec), &status);
    if (U_FAILURE(status)) {
      enc.cnv[k] = nullptr;
    } else {
      ucnv_setFromUCallBack(enc.cnv[k], UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                            &status);
      ucnv_setToUCallBack(enc.cnv[k], UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    }
  }
  bool yes = false;
  UConverter* cnv = enc.cnv[k];
  // The pairs the table keeps: a lead of 0x81..0xFE, a trail of 0x40..0xFE,
  // decoding to c alone (not a user-defined character, not ASCII).
  if (cnv != nullptr && KeptAsCharacter(c) && c <= 0x10FFFF) {
    UChar in[2];
    int32_t n_in = 0;
    if (c < 0x10000) {
      in[n_in++] = static_cast<UChar>(c);
    } else {
      in[n_in++] = static_cast<UChar>(0xD7C0 + (c >> 10));
      in[n_in++] = static_cast<UChar>(0xDC00 | (c & 0x3FF));
    }
    char bytes[8];
    UErrorCode status = U_ZERO_ERROR;
    ucnv_resetFromUnicode(cnv);
    const int32_t n = ucnv_fromUChars(cnv, bytes, sizeof bytes, in, n_in, &status);
    const auto lead = static_cast<unsigned char>(bytes[0]);
    const auto trail = static_cast<unsigned char>(bytes[1]);
    if (U_SUCCESS(status) && n == 2 && lead >= 0x81 && lead <= 0xFE && trail >= 0x40 &&
        trail <= 0xFE) {
      // And back: the table keeps what the pair decodes to.
      UChar out[4];
      status = U_ZERO_ERROR;
      ucnv_resetToUnicode(cnv);
      const int32_t m = ucnv_toUChars(cnv, out, 4, bytes, 2, &status);
      yes = U_SUCCESS(status) && m == 1 && out[0] == c;
    }
  }
  enc.answers[k].emplace(c, yes);
  return yes;
}

const DbcsTable* DbcsTable::Get(Codec codec) {
  // Each built on its first use only (the zh stage asks for Big5 alone).
  if (codec == Codec::kGbk) {
    static const DbcsTable* gbk = [] {
      auto* t = new DbcsTable(IcuName(Codec::kGbk), "GBK");
      return t->ok_ ? t : nullptr;
    }();
    return gbk;
  }
  static const DbcsTable* big5 = [] {
    auto* t = new DbcsTable(IcuName(Codec::kBig5), "Big5");
    return t->ok_ ? t : nullptr;
  }();
  return big5;
}

}  // namespace norm
