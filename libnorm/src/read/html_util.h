// The text floor's helpers under the short names the HTML reader (namespace
// norm::html) calls them by. Nothing is defined here: see text/ascii.h,
// script.h, url.h and whitespace.h.
#pragma once

#include "ascii.h"
#include "script.h"
#include "url.h"
#include "whitespace.h"

namespace norm::html {

using text::AsciiLower;
using text::AsciiLowerCopy;
using text::Excerpt;
using text::IsAsciiSpace;
using text::IsCjkNoSpace;
using text::IsShareUrl;
using text::StartsWithNoCase;
using text::TrimAscii;
using text::WeightedLength;

}  // namespace norm::html
