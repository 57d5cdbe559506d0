#include "han_script.h"

#include "utf8.h"

namespace norm::text_model {

void CountHanScript(std::string_view text, HanScriptCounts* counts) {
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    switch (ScriptOf(utf8::Next(text, i))) {
      case HanScript::kSimplified:
        ++counts->simplified_only;
        break;
      case HanScript::kTraditional:
        ++counts->traditional_only;
        break;
      case HanScript::kEither:
        break;
    }
  }
}

HanScript DecideHanScript(const HanScriptCounts& c) {
  if (c.simplified_only > c.traditional_only) return HanScript::kSimplified;
  if (c.traditional_only > c.simplified_only) return HanScript::kTraditional;
  return HanScript::kEither;
}

}  // namespace norm::text_model
