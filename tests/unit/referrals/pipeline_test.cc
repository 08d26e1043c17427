// The referral pipeline's pure rules: moves, offer values, money and the
// report's arithmetic.
#include "services/referrals/domain/pipeline.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace refnet::referrals {
namespace {

using ::testing::HasSubstr;

TEST(PipelineTest, OnlyThePipelinesMovesAreAllowed) {
  int allowed = 0;
  for (int from = 0; from <= kStageCount; ++from) {
    for (int to = 0; to <= kStageCount; ++to) {
      if (CheckMove(static_cast<Stage>(from), static_cast<Stage>(to)).ok()) ++allowed;
    }
  }
  EXPECT_EQ(allowed, 10);
  EXPECT_TRUE(CheckMove(Stage::kMeeting, Stage::kWon).ok());
  EXPECT_TRUE(CheckMove(Stage::kContacted, Stage::kWithdrawn).ok());
  absl::Status skipped = CheckMove(Stage::kOffered, Stage::kWon);
  EXPECT_EQ(skipped.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(skipped.message(), HasSubstr("STAGE_OFFERED cannot move to STAGE_WON"));
  EXPECT_THAT(CheckMove(Stage::kWon, Stage::kWithdrawn).message(), HasSubstr("it is closed"));
}

TEST(PipelineTest, TheOfferIsWorthTheReferralValueScaledByWarmth) {
  admin::FirmSettings settings;
  EXPECT_EQ(OfferValue(settings, 1), 8);
  EXPECT_EQ(OfferValue(settings, 5), 40);
  settings.referral_warmth_percents[0] = 0;
  EXPECT_EQ(OfferValue(settings, 1), 1) << "an offer is always worth something";
  settings.favour_values[2] = 1000;
  settings.referral_warmth_percents[4] = 150;
  EXPECT_EQ(OfferValue(settings, 5), 1500);
}

TEST(PipelineTest, MoneyAddsWithCarryIntoUnits) {
  Money sum = AddMoney(Money{"EUR", 1, 700000000}, Money{"EUR", 2, 600000000});
  EXPECT_EQ(sum.currency_code, "EUR");
  EXPECT_EQ(sum.units, 4);
  EXPECT_EQ(sum.nanos, 300000000);
  Money from_nothing = AddMoney(Money{}, Money{"USD", 5, 0});
  EXPECT_EQ(from_nothing.currency_code, "USD");
  EXPECT_EQ(from_nothing.units, 5);
}

TEST(PipelineTest, AmountsOfConfidentialReferralsAreForTheirPartiesAndAdmins) {
  Referral r;
  r.referrer = "members/alice";
  r.recipient = "contacts/ann";
  EXPECT_TRUE(MaySeeAmounts(r, Viewer{false, "members/bob"}));
  r.confidential = true;
  EXPECT_FALSE(MaySeeAmounts(r, Viewer{false, "members/bob"}));
  EXPECT_FALSE(MaySeeAmounts(r, Viewer{false, ""}));
  EXPECT_TRUE(MaySeeAmounts(r, Viewer{false, "members/alice"}));
  EXPECT_TRUE(MaySeeAmounts(r, Viewer{true, "members/boss"}));
}

TEST(PipelineTest, TheMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo) {
  absl::Time t0 = absl::FromUnixSeconds(1800000000);
  std::vector<Referral> referrals;
  for (int hours : {2, 4, 6, 30}) {
    Referral r;
    r.id = "r" + std::to_string(hours);
    r.referrer = "members/alice";
    r.recipient = "contacts/ann";
    r.stage = Stage::kDeclined;
    r.history = {{Stage::kUnspecified, Stage::kOffered, "alice", t0, ""},
                 {Stage::kOffered, Stage::kDeclined, "alice", t0 + absl::Hours(hours), ""}};
    referrals.push_back(r);
  }
  Report report = BuildReport(referrals, "", Viewer{true, ""}, t0 + absl::Hours(100),
                              admin::FirmSettings());
  ASSERT_EQ(report.stage_times.size(), 1u);
  EXPECT_EQ(report.stage_times[0].stage, Stage::kOffered);
  EXPECT_EQ(report.stage_times[0].count, 4);
  EXPECT_EQ(report.stage_times[0].median, absl::Hours(5));
  EXPECT_EQ(report.declined_count, 4);
  EXPECT_EQ(report.conversion_rate, 0);
  EXPECT_TRUE(report.stuck.empty());
}

}  // namespace
}  // namespace refnet::referrals
