// Byte-pair tables of double-byte CJK codecs (GBK, Big5), built once from
// ICU converters, for filters that re-encode text and decode byte streams
// at arbitrary alignments. Internal helper of the realign filter.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace norm {

class DbcsTable {
 public:
  enum class Codec { kGbk, kBig5 };
  // Built on first use, thread-safe, never freed. Null when ICU lacks the
  // converter.
  static const DbcsTable* Get(Codec codec);

  std::string_view name() const { return name_; }
  // The character a lead/trail pair decodes to; 0 when the pair is invalid
  // or unassigned; kUserDefined for the user-defined areas, which lossy
  // decoders drop.
  static constexpr char32_t kUserDefined = 0xFFFFFFFF;
  char32_t Decode(uint8_t lead, uint8_t trail) const {
    if (lead < 0x81 || trail < 0x40 || trail == 0xFF) return 0;
    return pairs_[(lead - 0x81) * 191 + (trail - 0x40)];
  }
  // The two bytes of c (lead << 8 | trail), or 0 when c has no double-byte
  // form in this codec.
  uint16_t Encode(char32_t c) const {
    auto it = encode_.find(c);
    return it == encode_.end() ? 0 : it->second;
  }
  // Whether the codec has a lead/trail pair that decodes to c (Get(codec)'s
  // Encode(c) != 0), asked of ICU for c alone without building the table;
  // each thread keeps its converter and the answers.
  static bool EncodesPair(Codec codec, char32_t c);
  // User-defined lead bytes whose pairs decoders drop.
  const std::vector<uint8_t>& user_defined_leads() const { return uda_leads_; }
  // The trail bytes that make a user-defined pair with lead, ascending.
  const std::vector<uint8_t>& user_defined_trails(uint8_t lead) const { return uda_trails_[lead]; }

 private:
  explicit DbcsTable(const char* icu_name, std::string_view name);
  std::string_view name_;
  std::vector<char32_t> pairs_;  // 126 x 191 (trail 0x40..0xFE)
  std::unordered_map<char32_t, uint16_t> encode_;
  std::vector<uint8_t> uda_leads_;
  std::vector<std::vector<uint8_t>> uda_trails_;  // by lead byte
  bool ok_ = false;
};

}  // namespace norm
