// A site's legal notice under an article: a disclaimer ("【免责声明】本文仅代表
// 作者本人观点…", "Disclaimer: …"), a copyright statement, an investment-risk
// warning. On a page whose article is short, such a notice is often the
// longest comma-rich paragraph of the page and would win the main-content
// selection; it reads like prose, so only its opening label tells it apart.
#pragma once

#include <libxml/tree.h>

#include <string_view>

namespace norm::html {

// True when text, after leading white space and opening brackets (【 [ （
// ( *), starts with a legal-notice label from the list in legal_notice.cpp
// followed by a colon or a closing bracket (Chinese labels also stand alone:
// "免责声明本站…" is rare, "免责声明：" and "【免责声明】" are the forms seen).
bool StartsWithLegalNotice(std::string_view text);

// StartsWithLegalNotice on the first 96 bytes of node's text.
bool IsLegalNotice(const xmlNode* node);

}  // namespace norm::html
