// The opening labels that mark a site's legal notice (read/legal_notice.h).
#include "legal_notice.h"

#include <gtest/gtest.h>

namespace norm::html {
namespace {

TEST(LegalNotice, LabelsWithTheirSeparators) {
  EXPECT_TRUE(StartsWithLegalNotice("【免责声明】本文仅代表作者本人观点，与本网无关。"));
  EXPECT_TRUE(StartsWithLegalNotice("特别声明：以上内容为自媒体平台用户上传并发布。"));
  EXPECT_TRUE(StartsWithLegalNotice("  \u3000免責聲明：本網站所提供的資訊僅供參考。"));
  EXPECT_TRUE(StartsWithLegalNotice("风险提示：市场有风险，投资需谨慎。"));
  EXPECT_TRUE(StartsWithLegalNotice("Disclaimer: the views expressed are the author's own."));
  EXPECT_TRUE(StartsWithLegalNotice("*DISCLAIMER* This post is not financial advice."));
  EXPECT_TRUE(StartsWithLegalNotice("Haftungsausschluss - Die Inhalte dieser Seite..."));
  EXPECT_TRUE(StartsWithLegalNotice("Отказ от ответственности: мнение автора..."));
}

TEST(LegalNotice, ProseThatNamesALabelIsNoNotice) {
  // The label must open the text and be followed by its separator.
  EXPECT_FALSE(StartsWithLegalNotice("公司昨日发表声明：将于下月上市。"));
  EXPECT_FALSE(StartsWithLegalNotice("声明发布后，股价应声上涨。"));
  EXPECT_FALSE(StartsWithLegalNotice("Disclaimers are common on financial sites."));
  EXPECT_FALSE(StartsWithLegalNotice("The disclaimer: read it first."));
  EXPECT_FALSE(StartsWithLegalNotice(""));
  EXPECT_FALSE(StartsWithLegalNotice("【"));
}

}  // namespace
}  // namespace norm::html
