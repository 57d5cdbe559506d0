#include "norm/filter.h"

namespace norm {

void TextFilter::Apply(Document& doc, Report& report) const {
  ForEachProse(doc, [&](std::string& text) {
    if (!MayChange(text)) return;
    std::string out = Transform(text, report);
    if (out != text) text = std::move(out);
  });
}

void Pipeline::Apply(Document& doc, Report& report) const {
  for (const auto& step : steps_) step->Apply(doc, report);
}

}  // namespace norm
