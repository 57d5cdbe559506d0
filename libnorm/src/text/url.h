// URL classification shared by the HTML reader and the boilerplate filter.
#pragma once

#include <array>
#include <string_view>

#include "ascii.h"

namespace norm::text {

// True for URLs of share endpoints (facebook sharer, x.com/intent, whatsapp,
// weibo share, line, telegram, linkedin shareArticle, reddit submit...).
inline bool IsShareUrl(std::string_view url) {
  static constexpr std::array kPatterns = {"facebook.com/sharer",
                                           "facebook.com/dialog/share",
                                           "facebook.com/share.php",
                                           "twitter.com/intent",
                                           "twitter.com/share",
                                           "x.com/intent",
                                           "x.com/share",
                                           "whatsapp://",
                                           "whatsapp.com/send",
                                           "wa.me/?",
                                           "service.weibo.com/share",
                                           "line.me/r/msg",
                                           "social-plugins.line.me",
                                           "t.me/share",
                                           "telegram.me/share",
                                           "linkedin.com/sharearticle",
                                           "linkedin.com/shareArticle",
                                           "reddit.com/submit",
                                           "pinterest.com/pin/create",
                                           "plurk.com/?qualifier",
                                           "connect.qq.com/widget/shareqq",
                                           "sns.qzone.qq.com/cgi-bin/qzshare",
                                           "getpocket.com/save",
                                           "b.hatena.ne.jp/entry",
                                           "vk.com/share.php",
                                           "mailto:?"};
  for (const char* p : kPatterns)
    if (ContainsNoCase(url, p)) return true;
  return false;
}

}  // namespace norm::text
