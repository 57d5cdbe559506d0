// metadata: fills front-matter keys the input lacks, never overwriting one.
//
// Keys, in this order (new keys are appended after existing ones, so the
// output order is stable), each written as a double-quoted YAML scalar:
//   title   og:title, else <title> (or the first heading when <title> is
//           that heading plus a site suffix), else the first heading; an
//           og:title that the heading continues with a quote mark was cut
//           by that quote in its attribute, and the heading is taken
//   date    JSON-LD datePublished, else article:published_time (or meta
//           date), else the first <time>, else a date in the canonical URL
//           (/2020/05/12/), else a millisecond/second timestamp comment
//           such as <!--1666342980000-->, else (on pages) the first date in
//           a short line among the first blocks (5 March 2024, March 5,
//           2024, 05.03.2024, 2024-03-05, 2024年3月5日); written as ISO 8601
//           (2022-10-21T09:03:00Z)
//   author  JSON-LD author names, else the text of <a rel=author>, else
//           itemprop=author, else meta author / article:author; never a
//           URL ("Name - http://site" keeps the name)
//   source  canonical URL, else og:url, else the link of a leading
//           "[title](url)" heading
//   lang    <html lang>, else the script of the body text: ja (kana),
//           ko (Hangul), zh-Hans / zh-Hant (Han, by characters unique to one
//           script); nothing for other scripts
// The hints come from the readers (Document::hints, see html_page.h).
//
// A leading heading that is a single link whose URL is (now) in the front
// matter under source, url, from or link is unwrapped to its text.
//
// Report (under "metadata"): keys-added, heading-link-unwrapped.
#pragma once

#include <memory>
#include <string_view>

#include "norm/filter.h"
#include "norm/options.h"

namespace norm {

class MetadataFilter : public Filter {
 public:
  std::string_view name() const override { return "metadata"; }
  void Apply(Document& doc, Report& report) const override;

  static std::unique_ptr<Filter> Create(const Options& options, Status* status);

  // keep_title_heading: the output is plain text, which shows no front
  // matter, or JSON, whose text is the plain text's: the page's headline
  // stays in the body.
  explicit MetadataFilter(bool keep_title_heading = false)
      : keep_title_heading_(keep_title_heading) {}

  // ISO 8601 form of a date string (2023-03-10T06:49:26.535Z, 2023-03-10
  // 06:49, 2023/03/10, a 10- or 13-digit Unix timestamp); empty when the
  // input is not a date it understands.
  static std::string NormalizeDate(std::string_view s);

  // "ja", "ko", "zh-Hans", "zh-Hant", "zh" (script undecided) or empty, from
  // the characters of text; the Chinese script as --zh-target detects it.
  static std::string DetectLang(std::string_view text);

  // True for a language tag that names Chinese and nothing more ("zh",
  // "ZH"): the filter adds the detected script to it.
  static bool IsBareChinese(std::string_view lang);

 private:
  bool keep_title_heading_;
};

}  // namespace norm
