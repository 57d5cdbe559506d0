// Tidying of inline runs shared by the readers.
#pragma once

#include "norm/document.h"

namespace norm {

// Merges adjacent text spans, collapses whitespace (CJK-aware), trims the run
// at both ends and around breaks, and drops containers left empty. Links
// with no text keep their place only when they hold an image.
void TidyInlines(Inlines& inlines);

// True when the run holds no visible content.
bool IsBlank(const Inlines& inlines);

}  // namespace norm
