#include <gtest/gtest.h>

#include "norm/norm.h"

TEST(Smoke, PlainTextBecomesParagraphs) {
  norm::Result r = norm::Normalize("hello\n\nworld\n");
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.markdown, "hello\n\nworld\n");
}
