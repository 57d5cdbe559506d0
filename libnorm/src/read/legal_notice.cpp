#include "legal_notice.h"

#include <array>
#include <cstring>
#include <string>

#include "html_dom.h"
#include "html_util.h"

namespace norm::html {
namespace {

// Labels a notice opens with. Latin labels match without regard to case.
constexpr std::string_view kLabels[] = {
    // Chinese, Simplified and Traditional
    "免责声明", "免責聲明", "版权声明", "版權聲明", "特别声明", "特別聲明", "郑重声明", "鄭重聲明",
    "法律声明", "法律聲明", "风险提示", "風險提示", "声明", "聲明",
    // Japanese, Korean
    "免責事項", "면책조항", "면책 조항",
    // European languages
    "disclaimer", "haftungsausschluss", "aviso legal", "clause de non-responsabilité",
    "Отказ от ответственности"};

// Openers a label may sit inside: 【免责声明】, [Disclaimer], （声明）, *Disclaimer*.
constexpr std::string_view kOpeners[] = {"【", "[", "（", "(", "*", "〔", "「"};
// What may follow a label: a colon, a closing bracket or a dash.
constexpr std::string_view kAfterLabel[] = {"：", ":",  "】", "]", "）", ")",
                                            "*",  "〕", "」", "-", "–",  "—"};

std::string_view SkipOpeners(std::string_view t) {
  // Most text opens with no opener: its first byte says so.
  static const auto first_bytes = [] {
    std::array<bool, 256> in{};
    in[static_cast<unsigned char>("\u3000"[0])] = true;
    for (std::string_view o : kOpeners) in[static_cast<unsigned char>(o[0])] = true;
    return in;
  }();
  for (bool again = true; again;) {
    again = false;
    while (!t.empty() && IsAsciiSpace(t.front())) t.remove_prefix(1);
    if (t.empty() || !first_bytes[static_cast<unsigned char>(t[0])]) break;
    if (t.substr(0, 3) == "\u3000") {
      t.remove_prefix(3);
      again = true;
    }
    for (std::string_view o : kOpeners)
      if (t.substr(0, o.size()) == o) {
        t.remove_prefix(o.size());
        again = true;
      }
  }
  return t;
}

bool FollowedBySeparator(std::string_view rest) {
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  for (std::string_view a : kAfterLabel)
    if (rest.substr(0, a.size()) == a) return true;
  return false;
}

// The first kLimit bytes of an element's text, in a buffer of its own: asked
// of most elements of a page, so no heap string.
constexpr size_t kLimit = 96;
struct Opening {
  char bytes[kLimit];
  size_t size = 0;
};

void CollectText(const xmlNode* node, Opening* out, int depth) {
  for (const xmlNode* c = node->children; c && out->size < kLimit; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      // The first bytes only: no strlen of a long text node.
      if (c->content) {
        const char* text = reinterpret_cast<const char*>(c->content);
        size_t n = strnlen(text, kLimit - out->size);
        std::memcpy(out->bytes + out->size, text, n);
        out->size += n;
      }
    } else if (c->type == XML_ELEMENT_NODE && depth < 8) {
      CollectText(c, out, depth + 1);
    }
  }
}

}  // namespace

bool StartsWithLegalNotice(std::string_view text) {
  // Asked of most elements of a page: the labels' first bytes turn nearly
  // all of them away before the labels are compared one by one.
  static const auto first_bytes = [] {
    std::array<bool, 256> in{};
    for (std::string_view label : kLabels)
      in[static_cast<unsigned char>(AsciiLower(label[0]))] = true;
    return in;
  }();
  std::string_view t = SkipOpeners(text);
  if (t.empty() || !first_bytes[static_cast<unsigned char>(AsciiLower(t[0]))]) return false;
  for (std::string_view label : kLabels) {
    if (!StartsWithNoCase(t, label)) continue;
    if (FollowedBySeparator(t.substr(label.size()))) return true;
  }
  return false;
}

bool IsLegalNotice(const xmlNode* node) {
  Opening text;
  CollectText(node, &text, 0);
  return StartsWithLegalNotice(std::string_view(text.bytes, text.size));
}

}  // namespace norm::html
