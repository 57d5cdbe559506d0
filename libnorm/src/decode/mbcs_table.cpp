#include "mbcs_table.h"

#include <unicode/ucnv.h>
#include <unicode/utf16.h>

#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "utf8.h"

namespace norm::charset {
namespace {

// ICU's reading of `bytes` (default substitution), each UTF-16 unit with the
// offset of the bytes it came from.
bool Convert(UConverter* cnv, const std::string& bytes, std::vector<UChar>& units,
             std::vector<int32_t>& offsets) {
  units.assign(bytes.size() * 2 + 16, 0);
  offsets.assign(units.size(), -1);
  const char* src = bytes.data();
  UChar* target = units.data();
  UErrorCode status = U_ZERO_ERROR;
  ucnv_reset(cnv);
  ucnv_toUnicode(cnv, &target, target + units.size(), &src, src + bytes.size(), offsets.data(),
                 true, &status);
  if (U_FAILURE(status)) return false;
  units.resize(static_cast<size_t>(target - units.data()));
  offsets.resize(units.size());
  return true;
}

// Reads a converted probe: `bytes` held records of `width` bytes each
// followed by '\n'. For each record, the one character ICU made of exactly
// those bytes (the next unit being the '\n' right after them), or 0 when ICU
// made anything else of them (an error, two characters, a longer sequence).
std::vector<char32_t> PerRecord(const std::vector<UChar>& units,
                                const std::vector<int32_t>& offsets, size_t records, int width) {
  std::vector<char32_t> out(records, 0);
  size_t i = 0;
  for (size_t r = 0; r < records; ++r) {
    const int32_t start = static_cast<int32_t>(r) * (width + 1);
    while (i < units.size() && offsets[i] < start) ++i;
    size_t j = i;
    while (j < units.size() && offsets[j] == start) ++j;
    char32_t c = 0;
    if (j - i == 1 && !U16_IS_SURROGATE(units[i])) {
      c = units[i];
    } else if (j - i == 2 && U16_IS_LEAD(units[i]) && U16_IS_TRAIL(units[i + 1])) {
      c = U16_GET_SUPPLEMENTARY(units[i], units[i + 1]);
    }
    const bool newline_next = j < units.size() && offsets[j] == start + width && units[j] == '\n';
    // U+FFFD and U+001A are ICU's substitutes for bytes it cannot read.
    if (newline_next && c != 0 && c != 0xFFFD && c != 0x1A) out[r] = c;
    i = j;
  }
  return out;
}

void Put(char32_t c, std::array<char, 4>& utf8, uint8_t& len) {
  char buf[4] = {};
  const size_t n = utf8::Encode(c, buf);
  std::memcpy(utf8.data(), buf, 4);
  len = static_cast<uint8_t>(n);
  if (c >= 0xE000 && c <= 0xF8FF) len |= MbcsTable::kPrivateUse;
}

std::unique_ptr<MbcsTable> Build(const char* icu_name) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(icu_name, &status);
  if (U_FAILURE(status)) return nullptr;
  std::unique_ptr<MbcsTable> table;
  const UConverterType type = ucnv_getType(cnv);
  std::vector<UChar> units;
  std::vector<int32_t> offsets;
  std::string probe;
  bool ok = type == UCNV_MBCS || type == UCNV_DBCS;
  // ASCII must read as itself: the decoder copies it.
  if (ok) {
    for (int b = 0; b < 0x80; ++b) probe += static_cast<char>(b);
    ok = Convert(cnv, probe, units, offsets) && units.size() == 0x80;
    for (size_t b = 0; ok && b < units.size(); ++b)
      ok = units[b] == b && offsets[b] == static_cast<int32_t>(b);
  }
  if (ok) {
    table = std::make_unique<MbcsTable>();
    probe.clear();
    for (int b = 0x80; b < 0x100; ++b) {
      probe += static_cast<char>(b);
      probe += '\n';
    }
    ok = Convert(cnv, probe, units, offsets);
    const std::vector<char32_t> single = PerRecord(units, offsets, 128, 1);
    for (size_t b = 0; ok && b < 128; ++b)
      if (single[b]) Put(single[b], table->single_utf8[b], table->single_len[b]);
    probe.clear();
    for (int lead = 0x80; lead < 0x100; ++lead) {
      for (int trail = 0; trail < 0x100; ++trail) {
        probe += static_cast<char>(lead);
        probe += static_cast<char>(trail);
        probe += '\n';
      }
    }
    ok = ok && Convert(cnv, probe, units, offsets);
    const std::vector<char32_t> pair = PerRecord(units, offsets, 128 * 256, 2);
    const bool gb18030 = IsGb18030(icu_name);
    for (size_t k = 0; ok && k < pair.size(); ++k) {
      // A byte ICU reads alone is never a lead byte (one meaning per byte in
      // an MBCS state table); the guard keeps the two tables apart anyway.
      if (pair[k] && table->single_len[k >> 8] == 0)
        Put(AsBrowsersRead(pair[k], gb18030), table->pair_utf8[k], table->pair_len[k]);
    }
    if (!ok) table.reset();
  }
  ucnv_close(cnv);
  return table;
}

}  // namespace

const MbcsTable* MbcsTableFor(const Encoding& encoding) {
  if (encoding.icu == nullptr || encoding.single_byte) return nullptr;
  // Keyed by converter name: DecodeWhole's alternative converter is an
  // Encoding copied on the stack.
  static std::mutex mu;
  static auto* tables = new std::map<std::string, std::unique_ptr<MbcsTable>>();
  std::lock_guard<std::mutex> lock(mu);
  auto it = tables->find(encoding.icu);
  if (it == tables->end()) it = tables->emplace(encoding.icu, Build(encoding.icu)).first;
  return it->second.get();
}

}  // namespace norm::charset
