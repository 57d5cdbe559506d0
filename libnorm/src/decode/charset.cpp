// Encoding table, aliases and the decoding engine. See charset.h.
#include "charset.h"

#include <iconv.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "byte_table.h"
#include "encoding_list.h"
#include "mbcs_table.h"
#include "utf8.h"

namespace norm::charset {
namespace {

constexpr size_t IndexOf(std::string_view name) {
  for (size_t i = 0; i < kNumEncodings; ++i) {
    if (name == kEncodings[i].name) return i;
  }
  return kNumEncodings;
}
// Entries from here on are weighed only when named.
constexpr size_t kFirstNamedOnly = IndexOf("EUC-TW");
static_assert(kFirstNamedOnly < kNumEncodings);

struct Alias {
  const char* key;  // lower case, alphanumerics only
  const char* name;
};
constexpr Alias kAliases[] = {
    {"utf8", "UTF-8"},
    {"unicode11utf8", "UTF-8"},
    {"utf16", "UTF-16LE"},
    {"utf16le", "UTF-16LE"},
    {"utf16be", "UTF-16BE"},
    {"ucs2", "UTF-16LE"},
    {"unicode", "UTF-16LE"},
    {"utf32", "UTF-32LE"},
    {"utf32le", "UTF-32LE"},
    {"utf32be", "UTF-32BE"},
    {"gb18030", "GB18030"},
    {"gbk", "GB18030"},
    {"gb2312", "GB18030"},
    {"cp936", "GB18030"},
    {"windows936", "GB18030"},
    {"xgbk", "GB18030"},
    {"euccn", "GB18030"},
    {"xeuccn", "GB18030"},
    {"csgb2312", "GB18030"},
    {"chinese", "GB18030"},
    {"gb231280", "GB18030"},
    {"isoir58", "GB18030"},
    {"big5", "Big5"},
    {"big5hkscs", "Big5-HKSCS"},
    {"hkscs", "Big5-HKSCS"},
    {"cnbig5", "Big5"},
    {"csbig5", "Big5"},
    {"xxbig5", "Big5"},
    {"cp950", "Big5"},
    {"windows950", "Big5"},
    {"shiftjis", "Shift_JIS"},
    {"sjis", "Shift_JIS"},
    {"xsjis", "Shift_JIS"},
    {"mskanji", "Shift_JIS"},
    {"csshiftjis", "Shift_JIS"},
    {"windows31j", "Shift_JIS"},
    {"cswindows31j", "Shift_JIS"},
    {"cp932", "Shift_JIS"},
    {"eucjp", "EUC-JP"},
    {"xeucjp", "EUC-JP"},
    {"cseucpkdfmtjapanese", "EUC-JP"},
    {"iso2022jp", "ISO-2022-JP"},
    {"csiso2022jp", "ISO-2022-JP"},
    {"euckr", "EUC-KR"},
    {"cseuckr", "EUC-KR"},
    {"ksc56011987", "EUC-KR"},
    {"ksc5601", "EUC-KR"},
    {"windows949", "EUC-KR"},
    {"cp949", "EUC-KR"},
    {"uhc", "EUC-KR"},
    {"korean", "EUC-KR"},
    {"iso2022kr", "ISO-2022-KR"},
    {"hzgb2312", "HZ-GB-2312"},
    {"hz", "HZ-GB-2312"},
    {"windows1250", "windows-1250"},
    {"cp1250", "windows-1250"},
    {"xcp1250", "windows-1250"},
    {"windows1251", "windows-1251"},
    {"cp1251", "windows-1251"},
    {"xcp1251", "windows-1251"},
    {"windows1252", "windows-1252"},
    {"cp1252", "windows-1252"},
    {"xcp1252", "windows-1252"},
    {"iso88591", "windows-1252"},
    {"latin1", "windows-1252"},
    {"l1", "windows-1252"},
    {"cp819", "windows-1252"},
    {"ibm819", "windows-1252"},
    {"usascii", "windows-1252"},
    {"ascii", "windows-1252"},
    {"iso646us", "windows-1252"},
    {"windows1253", "windows-1253"},
    {"cp1253", "windows-1253"},
    {"windows1254", "windows-1254"},
    {"cp1254", "windows-1254"},
    {"iso88599", "windows-1254"},
    {"latin5", "windows-1254"},
    {"windows1255", "windows-1255"},
    {"cp1255", "windows-1255"},
    {"windows1256", "windows-1256"},
    {"cp1256", "windows-1256"},
    {"windows1257", "windows-1257"},
    {"cp1257", "windows-1257"},
    {"windows1258", "windows-1258"},
    {"cp1258", "windows-1258"},
    {"koi8r", "KOI8-R"},
    {"koi8", "KOI8-R"},
    {"cskoi8r", "KOI8-R"},
    {"koi8u", "KOI8-U"},
    {"koi8ru", "KOI8-U"},
    {"ibm866", "IBM866"},
    {"cp866", "IBM866"},
    {"866", "IBM866"},
    {"csibm866", "IBM866"},
    {"iso88592", "ISO-8859-2"},
    {"latin2", "ISO-8859-2"},
    {"iso88595", "ISO-8859-5"},
    {"cyrillic", "ISO-8859-5"},
    {"iso88596", "ISO-8859-6"},
    {"arabic", "ISO-8859-6"},
    {"iso88597", "ISO-8859-7"},
    {"greek", "ISO-8859-7"},
    {"iso88598", "ISO-8859-8"},
    {"iso88598i", "ISO-8859-8"},
    {"hebrew", "ISO-8859-8"},
    {"iso885913", "ISO-8859-13"},
    {"iso885915", "ISO-8859-15"},
    {"latin9", "ISO-8859-15"},
    {"tis620", "windows-874"},
    {"iso885911", "windows-874"},
    {"windows874", "windows-874"},
    {"cp874", "windows-874"},
    {"macintosh", "macintosh"},
    {"macroman", "macintosh"},
    {"xmacroman", "macintosh"},
    {"mac", "macintosh"},
    {"xmaccyrillic", "x-mac-cyrillic"},
    {"maccyrillic", "x-mac-cyrillic"},
    {"ibm855", "IBM855"},
    {"cp855", "IBM855"},
    {"855", "IBM855"},
    {"csibm855", "IBM855"},
    {"ibm852", "IBM852"},
    {"cp852", "IBM852"},
    {"852", "IBM852"},
    {"csibm852", "IBM852"},
    {"maccentraleurope", "MAC-CENTRALEUROPE"},
    {"xmacce", "MAC-CENTRALEUROPE"},
    {"xmaccentraleurroman", "MAC-CENTRALEUROPE"},
    {"maclatin2", "MAC-CENTRALEUROPE"},
    {"macce", "MAC-CENTRALEUROPE"},
    {"iso885916", "ISO-8859-16"},
    {"latin10", "ISO-8859-16"},
    {"iso88593", "ISO-8859-3"},
    {"latin3", "ISO-8859-3"},
    {"iso88594", "ISO-8859-4"},
    {"latin4", "ISO-8859-4"},
    {"iso885910", "ISO-8859-10"},
    {"latin6", "ISO-8859-10"},
    {"ibm437", "IBM437"},
    {"cp437", "IBM437"},
    {"437", "IBM437"},
    {"ibm850", "IBM850"},
    {"cp850", "IBM850"},
    {"850", "IBM850"},
    {"ibm865", "IBM865"},
    {"cp865", "IBM865"},
    {"ibm861", "IBM861"},
    {"cp861", "IBM861"},
    {"861", "IBM861"},
    {"csibm861", "IBM861"},
    {"cpis", "IBM861"},
    {"cp1125", "CP1125"},
    {"ibm1125", "CP1125"},
    {"1125", "CP1125"},
    {"ruscii", "CP1125"},
    {"euctw", "EUC-TW"},
    {"xeuctw", "EUC-TW"},
    {"cnseuc", "EUC-TW"},
    {"johab", "JOHAB"},
    {"cp1361", "JOHAB"},
    {"viscii", "VISCII"},
    {"csviscii", "VISCII"},
};

const Encoding* ByName(std::string_view canonical) {
  for (const Encoding& e : kEncodings) {
    if (canonical == e.name) return &e;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------
// Single-byte tables: compiled in for the table's encodings (byte_table.h),
// built once from ICU or iconv for an encoding made at run time; then
// decoded without ICU (one table lookup per non-ASCII byte).

const ByteTable* TableFor(const Encoding& enc) {
  if (const ByteTable* compiled = CompiledByteTable(enc)) return compiled;
  // One table per encoding, built on first use; never freed
  // (process-lifetime cache).
  static std::mutex mu;
  static std::unordered_map<const Encoding*, const ByteTable*>* tables =
      new std::unordered_map<const Encoding*, const ByteTable*>();
  std::lock_guard<std::mutex> lock(mu);
  auto it = tables->find(&enc);
  if (it != tables->end()) return it->second;
  const ByteTable* result = nullptr;
  std::array<char32_t, 256> chars;
  if (ConvertEachByte(enc, &chars)) result = new ByteTable(TableOfChars(chars));
  (*tables)[&enc] = result;
  return result;
}

// Writes c as UTF-8 at w; returns the end.
inline char* PutUtf8(char32_t c, char* w) { return w + utf8::Encode(c, w); }

inline void AppendUtf8(char32_t c, std::string& out) { utf8::Append(out, c); }

constexpr uint64_t kHighBits = 0x8080808080808080ull;

// Inputs from this size on decode through the multi-byte table (building it
// costs about a millisecond, once per process and converter).
constexpr size_t kMbcsTableMinInput = 64 * 1024;

inline uint64_t Load8(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Length of the valid UTF-8 sequence at p, or 0 with *subpart set to the
// length of the maximal invalid subpart (Unicode 15, 3.9 U+FFFD substitution
// of maximal subparts). *truncated is set when the bytes end inside a
// sequence that is valid so far.
inline size_t Utf8SequenceAt(const unsigned char* p, const unsigned char* end, size_t* subpart,
                             bool* truncated) {
  const unsigned char b0 = p[0];
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    *subpart = 1;
    *truncated = false;
    return 0;
  }
  size_t k = 1;
  for (; k < n; ++k) {
    if (p + k >= end) {
      *subpart = k;
      *truncated = true;
      return 0;
    }
    const unsigned char b = p[k];
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) break;
  }
  if (k == n) return n;
  *subpart = k;
  *truncated = false;
  return 0;
}

size_t FirstInvalidImpl(std::string_view bytes, bool allow_truncated_tail) {
  const auto* begin = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* p = begin;
  const auto* end = p + bytes.size();
  while (p < end) {
    // ASCII fast path: 16 then 8 bytes at a time.
    while (end - p >= 16 && ((Load8(p) | Load8(p + 8)) & kHighBits) == 0) p += 16;
    while (end - p >= 8 && (Load8(p) & kHighBits) == 0) p += 8;
    while (p < end && *p < 0x80) ++p;
    // Runs of the common 2- and 3-byte forms (no overlong/surrogate edge).
    while (end - p >= 3) {
      const unsigned char b0 = p[0];
      if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) {
        if (((p[1] & 0xC0) != 0x80) || ((p[2] & 0xC0) != 0x80)) break;
        p += 3;
      } else if (b0 >= 0xC2 && b0 <= 0xDF) {
        if ((p[1] & 0xC0) != 0x80) break;
        p += 2;
      } else {
        break;
      }
    }
    if (p == end) break;
    if (*p < 0x80) continue;
    size_t subpart;
    bool truncated;
    const size_t n = Utf8SequenceAt(p, end, &subpart, &truncated);
    if (n == 0) {
      if (truncated && allow_truncated_tail) return bytes.size();
      return static_cast<size_t>(p - begin);
    }
    p += n;
  }
  return bytes.size();
}

}  // namespace

std::string NameKey(std::string_view name) {
  std::string k;
  for (char ch : name) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) k.push_back(ch);
  }
  return k;
}

const Encoding* Lookup(std::string_view name) {
  const std::string k = NameKey(name);
  for (const Alias& a : kAliases) {
    if (k == a.key) return ByName(a.name);
  }
  return LookupLibrary(name);
}

const char32_t* AsciiCompatibleTable(const Encoding& e) {
  if (!e.single_byte) return nullptr;
  const ByteTable* t = TableFor(e);
  return t && t->ascii_compatible ? t->code_point.data() : nullptr;
}

const char32_t* SingleByteTable(const Encoding& e) {
  if (!e.single_byte) return nullptr;
  const ByteTable* t = TableFor(e);
  return t ? t->code_point.data() : nullptr;
}

bool Weighed(const Encoding& e) { return &e >= kEncodings && &e < kEncodings + kFirstNamedOnly; }

const Encoding* All(size_t* count) {
  *count = kNumEncodings;
  return kEncodings;
}

size_t FirstInvalidUtf8(std::string_view bytes) { return FirstInvalidImpl(bytes, false); }
size_t FirstInvalidUtf8Prefix(std::string_view bytes) { return FirstInvalidImpl(bytes, true); }

bool IsAscii(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  uint64_t acc = 0;
  while (end - p >= 8) {
    acc |= Load8(p);
    p += 8;
  }
  while (p < end) acc |= *p++;
  return (acc & kHighBits) == 0;
}

// ---------------------------------------------------------------------------
// Engine

struct Engine::Impl {
  UConverter* cnv = nullptr;
  Engine* engine = nullptr;
  std::string* out = nullptr;
  const char* chunk_start = nullptr;
  bool stopped = false;
  char16_t lead = 0;  // pending lead surrogate between UTF-16 buffers
  // The multi-byte table (mbcs_table.h), looked up at the first large chunk.
  const MbcsTable* mbcs = nullptr;
  bool mbcs_checked = false;
  bool pending = false;  // ICU may hold a sequence cut by the end of the last chunk
  UChar buf[4096];
};

namespace {

void ToUCallback(const void* context, UConverterToUnicodeArgs* args, const char* /*units*/,
                 int32_t length, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason != UCNV_UNASSIGNED && reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR) return;
  auto* impl = static_cast<Engine::Impl*>(const_cast<void*>(context));
  const int64_t offset = (args->source - impl->chunk_start) - length;
  switch (impl->engine->RecordError(offset, length)) {
    case OnInvalid::kStrict:
      impl->stopped = true;
      return;  // *err stays set: conversion stops
    case OnInvalid::kSkip:
      *err = U_ZERO_ERROR;
      return;
    case OnInvalid::kReplace: {
      *err = U_ZERO_ERROR;
      static const UChar kReplacement = 0xFFFD;
      ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
      return;
    }
  }
}

}  // namespace

Engine::Engine(const Encoding& encoding, OnInvalid on_invalid)
    : encoding_(&encoding), on_invalid_(on_invalid) {
  gb18030_ = IsGb18030(encoding.icu);
  if (std::strcmp(encoding.name, "UTF-8") == 0) return;
  if (encoding.single_byte && TableFor(encoding) != nullptr) return;
  if (encoding.icu == nullptr) {
    iconv_t cd =
        encoding.iconv ? iconv_open("UTF-8", encoding.iconv) : reinterpret_cast<iconv_t>(-1);
    if (cd == reinterpret_cast<iconv_t>(-1)) {
      ok_ = false;
    } else {
      iconv_ = cd;
    }
    return;
  }
  // Not value-initialised: that would clear the 8 KB buffer each time.
  impl_ = std::make_unique_for_overwrite<Impl>();
  impl_->engine = this;
  UErrorCode status = U_ZERO_ERROR;
  impl_->cnv = ucnv_open(encoding.icu, &status);
  if (U_FAILURE(status)) {
    impl_->cnv = nullptr;
    ok_ = false;
    return;
  }
  ucnv_setToUCallBack(impl_->cnv, ToUCallback, impl_.get(), nullptr, nullptr, &status);
  if (U_FAILURE(status)) ok_ = false;
}

Engine::~Engine() {
  if (impl_ && impl_->cnv) ucnv_close(impl_->cnv);
  if (iconv_) iconv_close(static_cast<iconv_t>(iconv_));
}

void Engine::Error(int64_t offset, std::string& out, size_t invalid_len) {
  ++errors_;
  if (error_offset_ < 0) error_offset_ = offset;
  if (on_invalid_ == OnInvalid::kSkip) {
    skipped_ += static_cast<int64_t>(invalid_len);
  } else {
    ++replaced_;
    out.append("\xEF\xBF\xBD");
  }
}

OnInvalid Engine::RecordError(int64_t chunk_offset, int32_t length) {
  const int64_t offset = consumed_ + chunk_offset;
  ++errors_;
  if (error_offset_ < 0) error_offset_ = offset;
  if (on_invalid_ == OnInvalid::kSkip) skipped_ += length;
  if (on_invalid_ == OnInvalid::kReplace) ++replaced_;
  return on_invalid_;
}

bool Engine::Decode(std::string_view bytes, bool last, std::string& out) {
  if (!ok_) return false;
  bool result;
  if (std::strcmp(encoding_->name, "UTF-8") == 0) {
    result = DecodeUtf8(bytes, last, out);
  } else if (iconv_) {
    result = DecodeIconv(bytes, last, out);
  } else if (!impl_) {
    result = DecodeSingleByte(bytes, out);
  } else {
    result = DecodeIcu(bytes, last, out);
  }
  consumed_ += static_cast<int64_t>(bytes.size());
  return result;
}

bool Engine::DecodeUtf8(std::string_view input, bool last, std::string& out) {
  // A sequence split by the previous chunk: complete it from this one.
  int64_t base = consumed_;
  if (!carry_.empty()) {
    const int64_t carry_start = consumed_ - static_cast<int64_t>(carry_.size());
    const size_t had = carry_.size();
    const size_t take = std::min(input.size(), 4 - had);
    std::string tmp = carry_;
    tmp.append(input.substr(0, take));
    const auto* p = reinterpret_cast<const unsigned char*>(tmp.data());
    size_t subpart;
    bool truncated;
    const size_t n = Utf8SequenceAt(p, p + tmp.size(), &subpart, &truncated);
    size_t used;
    if (n) {
      out.append(tmp, 0, n);
      used = n - had;
    } else if (truncated && !last) {
      carry_ = tmp;  // still incomplete; the whole chunk was used
      return true;
    } else {
      if (on_invalid_ == OnInvalid::kStrict) {
        ++errors_;
        if (error_offset_ < 0) error_offset_ = carry_start;
        return false;
      }
      Error(carry_start, out, subpart);
      used = subpart - had;
    }
    carry_.clear();
    input.remove_prefix(used);
    base += static_cast<int64_t>(used);
  }
  const auto* begin = reinterpret_cast<const unsigned char*>(input.data());
  const auto* p = begin;
  const auto* end = p + input.size();
  const auto* run = p;  // start of the pending valid run
  while (p < end) {
    while (end - p >= 16 && ((Load8(p) | Load8(p + 8)) & kHighBits) == 0) p += 16;
    while (p < end && *p < 0x80) ++p;
    if (p == end) break;
    size_t subpart;
    bool truncated;
    const size_t n = Utf8SequenceAt(p, end, &subpart, &truncated);
    if (n) {
      p += n;
      continue;
    }
    out.append(reinterpret_cast<const char*>(run), static_cast<size_t>(p - run));
    if (truncated && !last) {
      carry_.assign(reinterpret_cast<const char*>(p), static_cast<size_t>(end - p));
      return true;
    }
    const int64_t offset = base + (p - begin);
    if (on_invalid_ == OnInvalid::kStrict) {
      ++errors_;
      if (error_offset_ < 0) error_offset_ = offset;
      return false;
    }
    Error(offset, out, subpart);
    p += subpart;
    run = p;
  }
  out.append(reinterpret_cast<const char*>(run), static_cast<size_t>(end - run));
  return true;
}

bool Engine::DecodeSingleByte(std::string_view input, std::string& out) {
  const ByteTable& t = *TableFor(*encoding_);
  const auto* begin = reinterpret_cast<const unsigned char*>(input.data());
  const auto* p = begin;
  const auto* end = p + input.size();
  const size_t old = out.size();
  out.resize(old + input.size() * 3);
  char* o = out.data() + old;
  while (p < end) {
    while (end - p >= 8 && (Load8(p) & kHighBits) == 0) {
      std::memcpy(o, p, 8);
      p += 8;
      o += 8;
    }
    if (p == end) break;
    const unsigned char b = *p;
    const uint8_t n = t.len[b];
    if (n == 1) {
      *o++ = static_cast<char>(t.utf8[b][0]);
    } else if (n) {
      std::memcpy(o, t.utf8[b].data(), 4);
      o += n;
    } else {
      const int64_t offset = consumed_ + (p - begin);
      ++errors_;
      if (error_offset_ < 0) error_offset_ = offset;
      if (on_invalid_ == OnInvalid::kStrict) {
        out.resize(static_cast<size_t>(o - out.data()));
        return false;
      }
      if (on_invalid_ == OnInvalid::kSkip) {
        ++skipped_;
      } else {
        ++replaced_;
        std::memcpy(o, "\xEF\xBF\xBD", 3);
        o += 3;
      }
    }
    ++p;
  }
  out.resize(static_cast<size_t>(o - out.data()));
  return true;
}

bool Engine::DecodeIcu(std::string_view input, bool last, std::string& out) {
  Impl& im = *impl_;
  // Small inputs (detection's candidate decodings) never build the table.
  if (!im.mbcs_checked && input.size() >= kMbcsTableMinInput) {
    im.mbcs = MbcsTableFor(*encoding_);
    im.mbcs_checked = true;
  }
  im.stopped = false;
  if (im.mbcs != nullptr ? !DecodeMbcs(input, last, out)
                         : !DecodeIcuRange(input, 0, input.size(), last, out))
    return false;
  if (last && im.lead) {
    AppendUtf8(0xFFFD, out);
    im.lead = 0;
  }
  return true;
}

bool Engine::DecodeMbcs(std::string_view input, bool last, std::string& out) {
  Impl& im = *impl_;
  const MbcsTable& t = *im.mbcs;
  const auto* begin = reinterpret_cast<const unsigned char*>(input.data());
  const auto* end = begin + input.size();
  const auto* p = begin;
  constexpr size_t kBlock = 8192;
  char buf[kBlock * 4];  // a table character is at most 4 bytes of UTF-8 per input byte
  while (p < end) {
    if (!im.pending) {
      const auto* stop = p + std::min<size_t>(kBlock, static_cast<size_t>(end - p));
      char* w = buf;
      while (p < stop) {
        while (stop - p >= 8 && (Load8(p) & kHighBits) == 0) {
          std::memcpy(w, p, 8);
          p += 8;
          w += 8;
        }
        if (p == stop) break;
        const unsigned b = *p;
        if (b < 0x80) {
          *w++ = static_cast<char>(b);
          ++p;
          continue;
        }
        uint8_t n = t.single_len[b - 0x80];
        const char* utf8 = t.single_utf8[b - 0x80].data();
        int width = 1;
        if (n == 0 && end - p >= 2) {
          const size_t k = (b - 0x80) << 8 | p[1];
          n = t.pair_len[k];
          utf8 = t.pair_utf8[k].data();
          width = 2;
        }
        if (n == 0) break;  // ICU's turn
        std::memcpy(w, utf8, 4);
        w += n & MbcsTable::kLengthMask;
        private_use_ += n >> 7;
        p += width;
      }
      out.append(buf, static_cast<size_t>(w - buf));
      if (p == end) break;
      if (p == stop) continue;  // the table read the whole block
    }
    // ICU reads up to the next '\n' (never a trail byte, so a character
    // boundary in every table encoding), or to the end of the chunk.
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    const auto* q = nl ? static_cast<const unsigned char*>(nl) + 1 : end;
    const bool flush = q < end || last;
    if (!DecodeIcuRange(input, static_cast<size_t>(p - begin), static_cast<size_t>(q - begin),
                        flush, out))
      return false;
    im.pending = !flush;
    if (im.lead && !im.pending) {  // a lone lead surrogate: what follows is no trail
      AppendUtf8(0xFFFD, out);
      im.lead = 0;
    }
    p = q;
  }
  // The end of input after a chunk that left ICU a cut sequence (an empty
  // last chunk): ICU flushes it, as it would have without the table.
  if (last && im.pending) {
    im.pending = false;
    return DecodeIcuRange(input, input.size(), input.size(), true, out);
  }
  return true;
}

bool Engine::DecodeIcuRange(std::string_view input, size_t from, size_t to, bool last,
                            std::string& out) {
  Impl& im = *impl_;
  const char* src = input.data() + from;
  const char* limit = input.data() + to;
  im.chunk_start = input.data();
  // At most 3 bytes per UTF-16 unit, plus a U+FFFD for a lead surrogate
  // carried over from the previous call.
  char u8[std::size(decltype(Impl::buf){}) * 3 + 8];
  for (;;) {
    UChar* target = im.buf;
    UErrorCode status = U_ZERO_ERROR;
    ucnv_toUnicode(im.cnv, &target, im.buf + std::size(im.buf), &src, limit, nullptr, last,
                   &status);
    // UTF-16 to UTF-8, keeping a lead surrogate that ends the buffer. The
    // bytes go to a local buffer appended once: per-byte push_back into
    // out cost more than ICU's own conversion.
    char* w = u8;
    for (const UChar* u = im.buf; u < target; ++u) {
      char32_t c = *u;
      if (im.lead) {
        if (c >= 0xDC00 && c <= 0xDFFF) {
          c = 0x10000 + ((static_cast<char32_t>(im.lead) - 0xD800) << 10) + (c - 0xDC00);
          im.lead = 0;
          w = PutUtf8(c, w);
          continue;
        }
        w = PutUtf8(0xFFFD, w);
        im.lead = 0;
      }
      if (c >= 0xD800 && c <= 0xDBFF) {
        im.lead = static_cast<char16_t>(c);
        continue;
      }
      if (c >= 0xDC00 && c <= 0xDFFF) c = 0xFFFD;
      c = AsBrowsersRead(c, gb18030_);
      private_use_ += c >= 0xE000 && c <= 0xF8FF;
      w = PutUtf8(c, w);
    }
    out.append(u8, static_cast<size_t>(w - u8));
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (im.stopped) return false;
    if (U_FAILURE(status)) {
      // Should not happen (errors go through the callback); count it.
      Error(consumed_ + (src - input.data()), out, 1);
      if (on_invalid_ == OnInvalid::kStrict) return false;
      ucnv_reset(im.cnv);
      if (src >= limit) break;
      continue;
    }
    break;
  }
  return true;
}

bool Engine::DecodeIconv(std::string_view input, bool last, std::string& out) {
  auto cd = static_cast<iconv_t>(iconv_);
  // A sequence cut by the previous chunk is completed from this one.
  std::string joined;
  std::string_view bytes = input;
  int64_t base = consumed_;
  if (!carry_.empty()) {
    joined = carry_;
    joined.append(input);
    bytes = joined;
    base -= static_cast<int64_t>(carry_.size());
    carry_.clear();
  }
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char buf[4096];
  while (in_left > 0) {
    char* o = buf;
    size_t o_left = sizeof buf;
    const size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    out.append(buf, static_cast<size_t>(o - buf));
    if (r != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) continue;
    if (errno == EINVAL && !last) {  // incomplete at the end: wait for more
      carry_.assign(in, in_left);
      break;
    }
    const int64_t offset = base + (in - bytes.data());
    if (on_invalid_ == OnInvalid::kStrict) {
      ++errors_;
      if (error_offset_ < 0) error_offset_ = offset;
      return false;
    }
    Error(offset, out, 1);
    ++in;
    --in_left;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
  }
  if (last) iconv(cd, nullptr, nullptr, nullptr, nullptr);
  return true;
}

WholeResult DecodeWhole(std::string_view bytes, const Encoding& encoding, OnInvalid on_invalid,
                        std::string& out) {
  const size_t start = out.size();
  WholeResult r;
  {
    Engine e(encoding, on_invalid);
    e.Decode(bytes, true, out);
    r = {e.replaced(), e.skipped(), e.errors(), e.error_offset(), &encoding, e.private_use()};
  }
  if (encoding.icu_alt == nullptr) return r;
  // Private-use output means the converter did not know the character.
  const int64_t misses = r.errors + r.private_use;
  if (misses == 0) return r;
  // Try the larger superset (Big5-HKSCS) and keep it if it decodes more
  // without more errors: a clean decode is never traded for replacements,
  // so that strict mode's success and replace mode give the same text.
  Encoding alt = encoding;
  alt.icu = encoding.icu_alt;
  alt.icu_alt = nullptr;
  std::string other;
  Engine e(alt, on_invalid);
  e.Decode(bytes, true, other);
  if (e.ok() && e.errors() + e.private_use() < misses && e.errors() <= r.errors) {
    out.resize(start);
    out += other;
    r = {e.replaced(), e.skipped(), e.errors(), e.error_offset(), &encoding, e.private_use()};
  }
  return r;
}

}  // namespace norm::charset
