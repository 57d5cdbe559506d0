#include "html_attr_filter.h"

#include <libxml/SAX2.h>
#include <libxml/dict.h>

#include <algorithm>
#include <cstdint>

#include "adblock.h"

namespace norm::html {

const std::vector<std::string_view>& ReaderAttributeNames() {
  // Every name the readers of read/ pass to Attr or compare while walking
  // an element's attributes (IsHidden, BoilerplateToken), sorted.
  static const std::vector<std::string_view> names = {
      "alt",  "aria-hidden", "class",    "colspan", "content", "datetime", "hidden",
      "href", "id",          "itemprop", "lang",    "name",    "property", "rel",
      "role", "src",         "srcset",   "start",   "style",   "title",    "type",
  };
  return names;
}

bool AttributeFilter::Keeps(std::string_view name) const {
  // data-*: BoilerplateToken reads any such name, the converter a few as
  // lazy image sources.
  if (name.starts_with("data-")) return true;
  const std::vector<std::string_view>& fixed = ReaderAttributeNames();
  if (std::binary_search(fixed.begin(), fixed.end(), name)) return true;
  return rules_ != nullptr && rules_->TestsAttribute(name);
}

bool AttributeFilter::KeepsName(const xmlChar* name, const xmlDict* dict) {
  Memo& memo = memo_[(reinterpret_cast<uintptr_t>(name) >> 3) % memo_.size()];
  if (memo.name == name) return memo.keep;
  const bool keep = Keeps(reinterpret_cast<const char*>(name));
  // Only an address the dictionary owns stays this name through the parse
  // (another string could be allocated where a freed one was).
  if (dict != nullptr && xmlDictOwns(const_cast<xmlDict*>(dict), name) == 1) memo = {name, keep};
  return keep;
}

void AttributeFilter::Install(htmlParserCtxt* ctxt) {
  memo_.fill({});  // a new parse, a new dictionary
  next_ = ctxt->sax->startElement;
  ctxt->sax->startElement = &AttributeFilter::StartElement;
  // libxml2 leaves _private of the parser context to the application.
  ctxt->_private = this;
}

void AttributeFilter::StartElement(void* ctx, const xmlChar* name, const xmlChar** atts) {
  auto* ctxt = static_cast<htmlParserCtxt*>(ctx);
  auto* self = static_cast<AttributeFilter*>(ctxt->_private);
  if (atts == nullptr) {
    self->next_(ctx, name, atts);
    return;
  }
  // The kept pairs go on in a copy: libxml2 frees the values from its own
  // array after this event (the tree copies them), so it is left whole.
  self->kept_.clear();
  for (size_t i = 0; atts[i] != nullptr; i += 2) {
    if (!self->KeepsName(atts[i], ctxt->dict)) continue;
    self->kept_.push_back(atts[i]);
    self->kept_.push_back(atts[i + 1]);
  }
  if (self->kept_.empty()) {
    self->next_(ctx, name, nullptr);
    return;
  }
  self->kept_.push_back(nullptr);
  self->kept_.push_back(nullptr);
  self->next_(ctx, name, self->kept_.data());
}

}  // namespace norm::html
