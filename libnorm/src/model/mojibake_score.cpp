#include "mojibake_score.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include <algorithm>
#include <array>

#include "mojibake_util.h"
#include "text_model.h"

namespace norm::mojibake_internal {

const char* const kDbcsShortNames[kNumDbcs] = {"gbk", "big5", "shift_jis", "euc-jp", "euc-kr"};

namespace {

namespace tm = text_model;

constexpr const char* kIcuNames[kNumDbcs] = {"GBK", "Big5", "Shift_JIS", "EUC-JP", "EUC-KR"};

// ICU converters are stateful, so each thread opens its own set once and
// reuses it for every call; encodings of BMP code points are remembered
// (ucnv_fromUChars per character was a tenth of cjk-mojibake's time).
struct Converters {
  std::array<UConverter*, kNumDbcs> cnv{};
  // Per code page: 0 unknown, else (bytes << 8) | 0x10 | length (0..3).
  std::array<std::vector<uint32_t>, kNumDbcs> memo;
  Converters() {
    for (int i = 0; i < kNumDbcs; ++i) {
      UErrorCode err = U_ZERO_ERROR;
      cnv[i] = ucnv_open(kIcuNames[i], &err);
      if (U_FAILURE(err)) {
        cnv[i] = nullptr;
        continue;
      }
      ucnv_setFromUCallBack(cnv[i], UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
      ucnv_setToUCallBack(cnv[i], UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
    }
  }
  ~Converters() {
    for (UConverter* c : cnv) {
      if (c != nullptr) ucnv_close(c);
    }
  }
  Converters(const Converters&) = delete;
  Converters& operator=(const Converters&) = delete;
};

Converters& ThreadConverters() {
  thread_local Converters converters;
  return converters;
}

int EncodeWithIcu(UConverter* cnv, int32_t cp, unsigned char* out) {
  UChar src[2];
  int32_t n = 0;
  if (cp >= 0x10000) {
    src[n++] = static_cast<UChar>(0xD7C0 + (cp >> 10));
    src[n++] = static_cast<UChar>(0xDC00 | (cp & 0x3FF));
  } else {
    src[n++] = static_cast<UChar>(cp);
  }
  UErrorCode err = U_ZERO_ERROR;
  int32_t len = ucnv_fromUChars(cnv, reinterpret_cast<char*>(out), 8, src, n, &err);
  if (U_FAILURE(err) && err != U_STRING_NOT_TERMINATED_WARNING) return 0;
  return len > 0 && len <= 4 ? len : 0;
}

}  // namespace

int EncodeDbcs(int dbcs, int32_t cp, unsigned char* out) {
  Converters& c = ThreadConverters();
  UConverter* cnv = c.cnv[dbcs];
  if (cnv == nullptr) return 0;
  if (cp < 0 || cp >= 0x10000) return EncodeWithIcu(cnv, cp, out);
  auto& memo = c.memo[dbcs];
  if (memo.empty()) memo.assign(0x10000, 0);
  uint32_t m = memo[cp];
  if (m == 0) {
    unsigned char buf[8];
    int n = EncodeWithIcu(cnv, cp, buf);
    if (n > 3) {  // (not memoized: no code page here writes four bytes)
      std::copy(buf, buf + n, out);
      return n;
    }
    uint32_t bytes = 0;
    for (int k = 0; k < n; ++k) bytes |= static_cast<uint32_t>(buf[k]) << (8 * k);
    m = (bytes << 8) | 0x10 | static_cast<uint32_t>(n);
    memo[cp] = m;
  }
  int n = static_cast<int>(m & 0x0F);
  for (int k = 0; k < n; ++k) out[k] = static_cast<unsigned char>(m >> (8 + 8 * k));
  return n;
}

namespace {

bool DecodeWithIcu(UConverter* cnv, const std::string& bytes, std::vector<int32_t>* out) {
  thread_local std::vector<UChar> buf;
  buf.resize(bytes.size() + 2);
  UErrorCode err = U_ZERO_ERROR;
  ucnv_resetToUnicode(cnv);
  int32_t n = ucnv_toUChars(cnv, buf.data(), static_cast<int32_t>(buf.size()), bytes.data(),
                            static_cast<int32_t>(bytes.size()), &err);
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

// What ICU makes of one unit of bytes (a byte, or a lead byte and the byte
// after it) when it is decoded alone: one code point, invalid, or kAsIs
// (anything else: a truncated or longer sequence, several code points),
// which sends the whole string to ICU.
constexpr int32_t kUnknown = -3, kAsIs = -2, kInvalid = -1;

int32_t DecodeUnitWithIcu(UConverter* cnv, const char* unit, int32_t len, bool* truncated) {
  UChar buf[4];
  UErrorCode err = U_ZERO_ERROR;
  ucnv_resetToUnicode(cnv);
  int32_t n = ucnv_toUChars(cnv, buf, 4, unit, len, &err);
  *truncated = err == U_TRUNCATED_CHAR_FOUND;
  if (*truncated) return kAsIs;
  if (U_FAILURE(err)) return kInvalid;
  if (n == 1 && !(buf[0] >= 0xD800 && buf[0] <= 0xDFFF)) return buf[0];
  if (n == 2 && buf[0] >= 0xD800 && buf[0] <= 0xDBFF && buf[1] >= 0xDC00 && buf[1] <= 0xDFFF)
    return 0x10000 + ((buf[0] - 0xD800) << 10) + (buf[1] - 0xDC00);
  return kAsIs;
}

// Per code page and thread, the decoding of every byte and byte pair met so
// far. The code pages here are stateless, and a strict decode succeeds only
// when every unit does, so the string decodes as its units: one table look-up
// per character instead of an ICU call per run (most runs are a few
// characters, where the call's set-up was most of the cost).
struct UnitMemo {
  std::array<int32_t, 256> single;  // a byte alone; kAsIs for a lead byte
  std::array<bool, 256> lead{};
  std::vector<int32_t> pair;  // lead << 8 | trail
  UnitMemo() { single.fill(kUnknown); }
};

}  // namespace

bool DecodeDbcsStrict(int dbcs, const std::string& bytes, std::vector<int32_t>* out) {
  UConverter* cnv = ThreadConverters().cnv[dbcs];
  if (cnv == nullptr) return false;
  thread_local std::array<UnitMemo, kNumDbcs> memos;
  UnitMemo& m = memos[dbcs];
  thread_local std::vector<int32_t> cps;
  cps.clear();
  const size_t n = bytes.size();
  for (size_t i = 0; i < n;) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (m.single[b] == kUnknown) {
      bool truncated = false;
      m.single[b] = DecodeUnitWithIcu(cnv, &bytes[i], 1, &truncated);
      m.lead[b] = truncated;
    }
    int32_t c = m.single[b];
    if (c >= 0) {
      cps.push_back(c);
      ++i;
      continue;
    }
    if (c == kInvalid) return false;
    if (!m.lead[b]) return DecodeWithIcu(cnv, bytes, out);
    if (i + 1 >= n) return false;  // a lead byte at the end: truncated
    if (m.pair.empty()) m.pair.assign(0x10000, kUnknown);
    const auto t = static_cast<unsigned char>(bytes[i + 1]);
    int32_t& p = m.pair[(static_cast<size_t>(b) << 8) | t];
    if (p == kUnknown) {
      bool truncated = false;
      p = DecodeUnitWithIcu(cnv, &bytes[i], 2, &truncated);
    }
    if (p == kInvalid) return false;
    if (p < 0) return DecodeWithIcu(cnv, bytes, out);
    cps.push_back(p);
    i += 2;
  }
  out->assign(cps.begin(), cps.end());
  return true;
}

double TextModelScore(const std::vector<int32_t>& cps, int32_t prev, int32_t next, double lost) {
  double sum = 0;
  char32_t p = static_cast<char32_t>(prev);
  for (int32_t c : cps) {
    if (c == 0xFFFD || c == 0x1A) {
      sum += lost;
      p = 0;
      continue;
    }
    sum += tm::ConditionalLogFreq(p, static_cast<char32_t>(c));
    p = static_cast<char32_t>(c);
  }
  if (next != 0)
    sum += tm::ConditionalLogFreq(p, static_cast<char32_t>(next)) -
           tm::LogFreq(static_cast<char32_t>(next));
  return sum;
}

double BestDoubleByteScore(const std::string& bytes, int32_t prev, int32_t next) {
  double best = -1e18;
  std::vector<int32_t> cps;
  for (int c : {kGbk, kBig5, kSjis, kEucKr}) {
    if (!DecodeDbcsStrict(c, bytes, &cps)) continue;
    int cjk = 0;
    bool ok = true;
    for (int32_t cp : cps) {
      if (IsCjkish(cp) && cp != 0xFFFD && cp != 0x20AC) {
        ++cjk;
      } else if (cp >= 0x80) {
        ok = false;
      }
    }
    if (!ok || cjk < 2) continue;
    best = std::max(best, TextModelScore(cps, prev, next));
  }
  return best;
}

double BestWesternUtf8Score(const std::vector<int32_t>& cps, int32_t prev, int32_t next) {
  double best = -1e18;
  std::string bytes;
  std::vector<int32_t> reading;
  for (const SingleByteCodec& codec : WesternCodecs()) {
    bytes.clear();
    bool ok = true;
    for (int32_t c : cps) {
      int b = codec.Encode(c);
      if (b < 0) {
        ok = false;
        break;
      }
      bytes.push_back(static_cast<char>(b));
    }
    if (!ok) continue;
    reading.clear();
    int sequences = 0;
    for (size_t i = 0; i < bytes.size();) {
      int32_t cp;
      int len = DecodeUtf8(bytes, i, &cp);
      if (cp < 0 || len == 1) {
        reading.push_back(cps[i]);  // a single byte is one input character
      } else {
        reading.push_back(cp);
        ++sequences;
      }
      i += len;
    }
    if (sequences == 0) continue;
    best = std::max(best, TextModelScore(reading, prev, next));
  }
  return best;
}

}  // namespace norm::mojibake_internal
