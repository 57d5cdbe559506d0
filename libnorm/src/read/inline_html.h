// Inline HTML in Markdown, or a word that only looks like a tag.
//
// cmark-gfm reads any <name ...> as inline HTML, but in prose List<String>,
// Option<T> and Vec<u8> are words: dropped as unknown elements, they were
// lost. A tag is HTML when it is a comment, processing instruction,
// declaration or CDATA section, or names an HTML element (or a custom
// element: a name with '-'); an opening tag glued to the word before it
// (Option<A>, H<sub>) is HTML only when its element is void (<br>) or its
// closing tag follows in the same paragraph.
#pragma once

#include <string_view>
#include <vector>

namespace norm {

// tags: the inline HTML literals of one paragraph, in order; i: the one to
// judge; before: the character right before it (0 at the start or after a
// non-text node).
bool IsHtmlTag(const std::vector<std::string_view>& tags, size_t i, char before);

}  // namespace norm
