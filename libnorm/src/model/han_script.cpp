#include "han_script.h"

#include "utf8.h"

namespace norm::text_model {

void CountHanScript(std::string_view text, HanScriptCounts* counts) {
  // Counted by class, summed by script at the end: a table increment per
  // character instead of a branch on its script.
  int64_t by_class[8] = {};
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    ++by_class[static_cast<uint8_t>(HanClassOf(utf8::Next(text, i))) & 7];
  }
  // ScriptOf: the -only and -mostly classes are each script's evidence.
  counts->simplified_only += by_class[static_cast<int>(HanClass::kSimplifiedOnly)] +
                             by_class[static_cast<int>(HanClass::kSimplifiedMostly)];
  counts->traditional_only += by_class[static_cast<int>(HanClass::kTraditionalOnly)] +
                              by_class[static_cast<int>(HanClass::kTraditionalMostly)];
}

HanScript DecideHanScript(const HanScriptCounts& c) {
  if (c.simplified_only > c.traditional_only) return HanScript::kSimplified;
  if (c.traditional_only > c.simplified_only) return HanScript::kTraditional;
  return HanScript::kEither;
}

}  // namespace norm::text_model
