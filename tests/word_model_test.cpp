// Tests of the word model's pair gain (libnorm/src/model/word_model.h): the
// word-to-word context realign needs where byte-compatible words score the
// same alone (手上/街上 before 戴着). The table comes from Debian's
// sunpinyin-data at build time; without it every gain is 0 and these tests
// are skipped.
#include "word_model.h"

#include <gtest/gtest.h>

#include <string>

namespace norm::word_model {
namespace {

double Score(std::u32string_view text) {
  Lattice lattice;
  for (char32_t c : text) lattice.PushHan(c);
  return lattice.score();
}

bool HavePairs() { return PairGain(U"手上", U"戴") != 0; }

TEST(WordModel, PairGainRewardsWordsThatGoTogether) {
  if (!HavePairs()) GTEST_SKIP() << "built without sunpinyin-data";
  EXPECT_GT(PairGain(U"手上", U"戴"), 1.0);
  // A pair the model keeps no count of is scored by the back-off weight of
  // its first word: never the bonus of a pair seen together.
  EXPECT_LT(PairGain(U"街上", U"戴"), PairGain(U"手上", U"戴"));
  // Traditional forms share the Simplified pairs (through OpenCC).
  EXPECT_EQ(PairGain(U"記者", U"來到"), PairGain(U"记者", U"来到"));
  EXPECT_GT(PairGain(U"記者", U"來到"), 1.0);
}

// After a word outside the model's vocabulary there is no evidence: 0. A
// pair the model does not keep gets the first word's back-off weight, the
// same for every word after it.
TEST(WordModel, PairGainOutsideTheModel) {
  EXPECT_EQ(PairGain(U"丂丄", U"手上"), 0);
  EXPECT_EQ(PairGain(U"手上", U"丂丄"), PairGain(U"手上", U"丄丂"));
}

TEST(WordModel, LatticeUsesThePairBetweenWords) {
  if (!HavePairs()) GTEST_SKIP() << "built without sunpinyin-data";
  // The unigram scores of the two words alone, plus the pair gain, make the
  // lattice's preference: 手上戴 gains on 街上戴 by the difference of gains.
  const double alone = WordLogFreq(U"手上") - WordLogFreq(U"街上");
  const double pairs = PairGain(U"手上", U"戴") - PairGain(U"街上", U"戴");
  EXPECT_GT(pairs, 0);
  EXPECT_NEAR(Score(U"手上戴") - Score(U"街上戴"), alone + pairs, 1e-6);
}

// The lattice's shortcuts (the per-thread back-off cache, the caller's
// one-character score) are the plain computation's: the same text scores the
// same with the cache cold and warm, and through either PushHan.
TEST(WordModel, LatticeShortcutsScoreAsThePlainComputation) {
  const std::u32string text = U"我们手上戴着手表，街上的人都看见了有所下降的河水上涨";
  const double cold = Score(text);
  EXPECT_EQ(Score(text), cold);
  Lattice lattice;
  for (char32_t c : text) {
    if (c == U'，') {
      lattice.PushOther(-1.0);
      continue;
    }
    lattice.PushHan(c, OneCharLogFreq(lattice.PrevHan(), c));
  }
  Lattice plain;
  for (char32_t c : text) {
    if (c == U'，') {
      plain.PushOther(-1.0);
    } else {
      plain.PushHan(c);
    }
  }
  EXPECT_EQ(lattice.score(), plain.score());
}

}  // namespace
}  // namespace norm::word_model
