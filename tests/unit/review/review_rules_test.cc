// The weekly review's pure rules: follow-up due dates, the nurture threshold,
// stuck referrals, the ledger as it stood earlier, and ranking.
#include "services/review/domain/review_rules.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace refnet::review {
namespace {

using referrals::Stage;

const absl::Time kAsOf =
    absl::FromCivil(absl::CivilSecond(2026, 11, 16, 9, 0, 0), absl::UTCTimeZone());
constexpr absl::Duration kDay = absl::Hours(24);
const std::vector<int32_t> kDays = {1, 7};

TEST(FollowUpTest, TheFirstFollowUpIsListedFromTheDayAfterTheMeeting) {
  std::optional<FollowUp> f = DueFollowUp(kAsOf - kDay * 2, kDays, kAsOf);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->ordinal, 1);
  EXPECT_EQ(f->due, kAsOf - kDay);
  // A meeting later this week is listed ahead of its first follow-up.
  f = DueFollowUp(kAsOf + kDay * 3, kDays, kAsOf);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->ordinal, 1);
}

TEST(FollowUpTest, OnceTheFirstIsAWeekOldTheSecondTakesOver) {
  std::optional<FollowUp> f = DueFollowUp(kAsOf - kDay * 8, kDays, kAsOf);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->ordinal, 2);
  EXPECT_EQ(f->due, kAsOf - kDay);
  f = DueFollowUp(kAsOf - kDay * 10, kDays, kAsOf);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->ordinal, 2);
}

TEST(FollowUpTest, NothingIsListedOnceEveryFollowUpIsAWeekOld) {
  EXPECT_FALSE(DueFollowUp(kAsOf - kDay * 14, kDays, kAsOf).has_value());
  EXPECT_FALSE(DueFollowUp(kAsOf - kDay * 30, kDays, kAsOf).has_value());
  // Exactly a week old is out; a second less is in.
  EXPECT_FALSE(DueFollowUp(kAsOf - kDay * 8, {1}, kAsOf).has_value());
  EXPECT_TRUE(DueFollowUp(kAsOf - kDay * 8 + absl::Seconds(1), {1}, kAsOf).has_value());
}

TEST(FollowUpTest, ADueDateMoreThanAWeekAheadIsNotListedYet) {
  EXPECT_FALSE(DueFollowUp(kAsOf, {8}, kAsOf).has_value());
  EXPECT_TRUE(DueFollowUp(kAsOf, {7}, kAsOf).has_value());
  EXPECT_EQ(FollowUpLookBack({1, 7, 30}), kDay * 37);
}

TEST(NurtureTest, AKeyRelationshipNeedsNurtureOnlyPastTheThreshold) {
  EXPECT_TRUE(NeedsNurture(std::nullopt, 30, kAsOf));
  EXPECT_FALSE(NeedsNurture(kAsOf - kDay * 30, 30, kAsOf));
  EXPECT_TRUE(NeedsNurture(kAsOf - kDay * 30 - absl::Seconds(1), 30, kAsOf));
  EXPECT_FALSE(NeedsNurture(kAsOf - kDay, 30, kAsOf));
}

TEST(StuckTest, OnlyOpenStagesHeldPastTheLimitAreStuck) {
  EXPECT_TRUE(IsStuck(Stage::kAccepted, kAsOf - kDay * 15, 14, kAsOf));
  EXPECT_FALSE(IsStuck(Stage::kAccepted, kAsOf - kDay * 14, 14, kAsOf));
  EXPECT_FALSE(IsStuck(Stage::kWon, kAsOf - kDay * 90, 14, kAsOf));
}

TEST(StuckTest, TheStageAtAnEarlierMomentComesFromTheHistory) {
  referrals::Referral r;
  r.stage = Stage::kWon;
  r.stage_time = kAsOf + kDay;
  r.history = {{Stage::kUnspecified, Stage::kOffered, "a", kAsOf - kDay * 20, ""},
               {Stage::kOffered, Stage::kAccepted, "a", kAsOf - kDay * 18, ""},
               {Stage::kAccepted, Stage::kWon, "a", kAsOf + kDay, ""}};
  std::optional<StageAt> at = StageAsOf(r, kAsOf);
  ASSERT_TRUE(at.has_value());
  EXPECT_EQ(at->stage, Stage::kAccepted);
  EXPECT_EQ(at->since, kAsOf - kDay * 18);
  EXPECT_FALSE(StageAsOf(r, kAsOf - kDay * 30).has_value());
  r.stage_time = kAsOf - kDay;
  EXPECT_EQ(StageAsOf(r, kAsOf)->stage, Stage::kWon);
}

TEST(LedgerAsOfTest, APairIsReplayedFromTheFavoursUpToTheMoment) {
  ledger::PairBalance now;
  now.party_a = "contacts/ada";
  now.party_b = "members/alice";
  now.a_last_given = kAsOf + kDay;
  EXPECT_TRUE(ChangedAfter(now, kAsOf));
  now.a_last_given = kAsOf;
  EXPECT_FALSE(ChangedAfter(now, kAsOf));

  ledger::Favour given;
  given.giver = "contacts/ada";
  given.receiver = "members/alice";
  given.value_points = 40;
  given.occurred_at = kAsOf - kDay * 3;
  ledger::Favour back = given;
  back.giver = "members/alice";
  back.receiver = "contacts/ada";
  back.value_points = 10;
  back.occurred_at = kAsOf - kDay;
  ledger::PairBalance then = ReplayPair(now, {given, back});
  EXPECT_EQ(then.a_given_points, 40);
  EXPECT_EQ(then.b_given_points, 10);
  EXPECT_EQ(then.a_given_count, 1);
  EXPECT_EQ(then.a_last_given, kAsOf - kDay * 3);
  EXPECT_EQ(then.b_last_given, kAsOf - kDay);
}

TEST(RankTest, TiesAreBrokenByResourceName) {
  struct Candidate {
    Rank rank;
  };
  std::vector<Candidate> candidates = {{Rank{2, "firms/f/contacts/b"}},
                                       {Rank{1, "firms/f/contacts/z"}},
                                       {Rank{2, "firms/f/contacts/a"}},
                                       {Rank{TimeOrder(std::nullopt), "firms/f/contacts/y"}}};
  KeepTop(candidates, 3);
  ASSERT_EQ(candidates.size(), 3u);
  EXPECT_EQ(candidates[0].rank.name, "firms/f/contacts/y");
  EXPECT_EQ(candidates[1].rank.name, "firms/f/contacts/z");
  EXPECT_EQ(candidates[2].rank.name, "firms/f/contacts/a");
}

TEST(WordsTest, ReasonsSpellOrdinalsDatesAndStages) {
  EXPECT_EQ(Ordinal(1), "first");
  EXPECT_EQ(Ordinal(5), "fifth");
  EXPECT_EQ(DayText(kAsOf), "2026-11-16");
  EXPECT_EQ(WholeDays(kDay * 3 - absl::Seconds(1)), 2);
  EXPECT_EQ(StageWord(Stage::kAccepted), "accepted");
}

}  // namespace
}  // namespace refnet::review
