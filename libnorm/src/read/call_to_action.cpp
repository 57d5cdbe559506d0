#include "call_to_action.h"

#include <cctype>
#include <string>
#include <string_view>

#include "html_util.h"

namespace norm::html {
namespace {

// Calls to the reader, lower case (Latin-1 capitals folded too), matched at
// the start of a word. Each asks for an action for the site's sake; none is
// a word a story would end on by itself ("subscribers", "followed" do not
// match: "subscribe" and "follow us" must be followed by no letter).
constexpr std::string_view kCalls[] = {
    // English
    "subscribe now", "subscribe to our", "subscribe to the", "subscribe here", "please subscribe",
    "sign up for our", "sign up to our", "signing up to our", "signing up for our", "newsletter",
    "follow us", "like us on", "download our", "our app", "support our", "support us",
    "supporting our", "become a member", "become a subscriber", "never miss", "get the latest",
    "if you enjoyed",
    // German
    "abonnieren", "abonniere", "folgen sie uns", "folge uns", "folgt uns", "unterstütze",
    "unterstützen sie", "melde dich", "melden sie sich", "nichts mehr verpassen",
    "nichts verpassen", "verpassen sie keine", "verpasse keine",
    // French
    "abonnez-vous", "inscrivez-vous", "suivez-nous", "soutenez-nous", "ne manquez",
    "téléchargez notre", "téléchargez l'application",
    // Spanish, Portuguese, Italian
    "suscríbete", "suscribete", "suscríbase", "síguenos", "siguenos", "únete", "apóyanos",
    "apoyanos", "descarga nuestra", "descarga la app", "assine", "inscreva-se", "siga-nos",
    "iscriviti", "seguici", "sostienici",
    // Polish
    "subskrypcj", "zasubskrybuj", "obserwuj nas", "wesprzyj nas",
    // Chinese
    "关注我们", "欢迎关注", "扫码关注", "点击关注", "长按二维码", "长按识别", "扫描二维码",
    "微信公众号", "關注我們", "歡迎關注", "點擊關注", "長按二維碼", "微信公眾號", "订阅我们",
    "訂閱我們"};

// Hosts of the pages a call to install an app or join a channel links to.
// Links to a social network's profile are no evidence: an author's note
// ("Follow him on Twitter @name") links there too, and is part of the story.
constexpr std::string_view kPlatformHosts[] = {
    "apps.apple.com", "itunes.apple.com", "play.google.com",
    "t.me",           "telegram.me",      "chat.whatsapp.com",
    "wa.me"};

bool IsLetterByte(unsigned char c) { return c >= 0x80 || std::isalnum(c); }

}  // namespace

std::string LowerLatin1(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c < 0x80) {
      out[i] = static_cast<char>(std::tolower(c));
    } else if (c == 0xC3 && i + 1 < out.size()) {
      unsigned char d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    }
  }
  return out;
}

namespace {

bool HasCall(std::string_view lower) {
  for (std::string_view call : kCalls) {
    for (size_t at = lower.find(call); at != std::string_view::npos;
         at = lower.find(call, at + 1)) {
      bool ascii = static_cast<unsigned char>(call[0]) < 0x80;
      // German compounds end in it: "Musiknewsletter", "Gratis-Newsletter".
      bool infix = call == "newsletter";
      if (ascii && !infix && at > 0 && IsLetterByte(static_cast<unsigned char>(lower[at - 1])))
        continue;
      size_t end = at + call.size();
      // "subscribers", "follow usage": the call's last word must end there;
      // a stem ending in a hyphen or a CJK call needs no boundary.
      if (ascii && end < lower.size() && std::isalpha(static_cast<unsigned char>(lower[end])) &&
          call != "subskrypcj")
        continue;
      return true;
    }
  }
  return false;
}

std::string_view HostOf(std::string_view url) {
  size_t scheme = url.find("//");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 2);
  size_t end = url.find_first_of("/?#:");
  return url.substr(0, end);
}

bool IsAppOrChannelPage(std::string_view url) {
  std::string lower = AsciiLowerCopy(url);
  std::string_view host = HostOf(lower);
  if (host.empty()) return false;
  bool platform = false;
  for (std::string_view h : kPlatformHosts)
    if (host == h ||
        (host.size() > h.size() && host.ends_with(h) && host[host.size() - h.size() - 1] == '.'))
      platform = true;
  return platform;
}

bool LinksToAppOrChannel(const Inlines& in) {
  for (const Inline& i : in) {
    if (i.kind == InlineKind::kLink && IsAppOrChannelPage(i.url)) return true;
    if (LinksToAppOrChannel(i.children)) return true;
  }
  return false;
}

}  // namespace

bool IsCallToAction(const Block& b) {
  if (b.kind != BlockKind::kParagraph && b.kind != BlockKind::kHeading) return false;
  std::string t = PlainText(b);
  if (WeightedLength(t) >= 400) return false;
  return LinksToAppOrChannel(b.inlines) || HasCall(LowerLatin1(t));
}

}  // namespace norm::html
