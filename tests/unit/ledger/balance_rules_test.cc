// The pure ledger rules on hand-built histories: how favours and reversals
// move a pair, each reciprocity health class, and the taker flag.
#include "services/ledger/domain/balance_rules.h"

#include "gtest/gtest.h"

namespace refnet::ledger {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1800000000);

Favour Gave(const std::string& giver, const std::string& receiver, int64_t points,
            absl::Duration ago = absl::Hours(24)) {
  Favour f;
  f.giver = giver;
  f.receiver = receiver;
  f.value_points = points;
  f.occurred_at = kNow - ago;
  return f;
}

Favour ReversalOf(const Favour& original) {
  Favour r = original;
  r.value_points = -original.value_points;
  r.voids = "original";
  return r;
}

// Alice's side of a history between alice and ann.
Balance History(const std::vector<Favour>& favours) {
  PairBalance pair;
  pair.party_a = "contacts/ann";
  pair.party_b = "members/alice";
  for (const Favour& f : favours) ApplyToPair(f, pair);
  return FromSide(pair, "members/alice");
}

constexpr char kAlice[] = "members/alice";
constexpr char kAnn[] = "contacts/ann";

TEST(BalanceRulesTest, FavoursAndReversalsMoveThePairFromEitherSide) {
  Favour lead = Gave(kAlice, kAnn, 30);
  PairBalance pair;
  pair.party_a = kAnn;
  pair.party_b = kAlice;
  ApplyToPair(lead, pair);
  ApplyToPair(Gave(kAnn, kAlice, 12), pair);
  Balance alice = FromSide(pair, kAlice);
  EXPECT_EQ(alice.net_points(), 18);
  EXPECT_EQ(alice.given_count, 1);
  EXPECT_EQ(FromSide(pair, kAnn).net_points(), -18);
  ApplyToPair(ReversalOf(lead), pair);
  alice = FromSide(pair, kAlice);
  EXPECT_EQ(alice.net_points(), -12);
  EXPECT_EQ(alice.given_count, 0);
  EXPECT_EQ(alice.version, 3) << "every entry bumps the version";
  // A self-favour (only a merge makes one) moves nothing.
  ApplyToPair(Gave(kAlice, kAlice, 50), pair);
  EXPECT_EQ(pair.version, 3);
}

TEST(BalanceRulesTest, EachHealthClassOnAHandBuiltHistory) {
  FirmSettings settings;  // band 20, one-way after 3, dormant after 180 days
  auto health = [&](const std::vector<Favour>& favours) {
    return ClassifyHealth(History(favours), settings, kNow);
  };
  EXPECT_EQ(health({Gave(kAlice, kAnn, 30), Gave(kAnn, kAlice, 15)}), Health::kBalanced);
  EXPECT_EQ(health({Gave(kAlice, kAnn, 50), Gave(kAnn, kAlice, 10)}), Health::kTheyOwe);
  EXPECT_EQ(health({Gave(kAlice, kAnn, 10), Gave(kAnn, kAlice, 50)}), Health::kYouOwe);
  EXPECT_EQ(health({Gave(kAlice, kAnn, 5), Gave(kAlice, kAnn, 5), Gave(kAlice, kAnn, 5)}),
            Health::kOneWayGiving)
      << "three one way with nothing back, however small";
  EXPECT_EQ(health({Gave(kAnn, kAlice, 5), Gave(kAnn, kAlice, 5), Gave(kAnn, kAlice, 5)}),
            Health::kOneWayTaking);
  EXPECT_EQ(health({Gave(kAlice, kAnn, 5), Gave(kAlice, kAnn, 5)}), Health::kBalanced)
      << "two one way is not yet a pattern, and within the band";
  EXPECT_EQ(health({Gave(kAlice, kAnn, 90, absl::Hours(24 * 181))}), Health::kDormant);
  EXPECT_EQ(health({Gave(kAlice, kAnn, 90, absl::Hours(24 * 181)), Gave(kAnn, kAlice, 1)}),
            Health::kTheyOwe)
      << "any recent favour either way wakes it";
  EXPECT_EQ(health({}), Health::kDormant) << "nothing ever exchanged";
  settings.balanced_band_points = 100;
  EXPECT_EQ(health({Gave(kAlice, kAnn, 50), Gave(kAnn, kAlice, 10)}), Health::kBalanced);
}

TEST(BalanceRulesTest, TakersReceiveFarMoreThanTheyGiveOverEnoughFavours) {
  FirmSettings settings;  // ratio 3, at least 5 received
  auto totals = [](int64_t given, int64_t given_count, int64_t received, int64_t received_count) {
    PartyTotals t;
    t.given_points = given;
    t.given_count = given_count;
    t.received_points = received;
    t.received_count = received_count;
    return t;
  };
  std::string reason;
  EXPECT_TRUE(IsTaker(totals(0, 0, 100, 5), 50, settings, &reason));
  EXPECT_EQ(reason,
            "in its last 50 favours, received 100 points over 5 favours and gave nothing back");
  EXPECT_FALSE(IsTaker(totals(0, 0, 100, 4), 50, settings, &reason)) << "below the minimum count";
  EXPECT_TRUE(IsTaker(totals(30, 2, 90, 5), 50, settings, &reason)) << "exactly the ratio";
  EXPECT_FALSE(IsTaker(totals(31, 2, 90, 5), 50, settings, &reason));
  settings.taker_ratio = 2;
  EXPECT_TRUE(IsTaker(totals(31, 2, 90, 5), 50, settings, &reason));
}

TEST(BalanceRulesTest, AssessingAStandingClassifiesEveryRelationship) {
  StandingFacts facts;
  facts.relationships = {History({Gave(kAlice, kAnn, 50)}),
                         History({Gave(kAnn, kAlice, 10), Gave(kAlice, kAnn, 10)})};
  facts.recent.received_points = 100;
  facts.recent.received_count = 6;
  facts.window_favours = 50;
  Standing standing = AssessStanding(facts, FirmSettings(), kNow);
  EXPECT_EQ(standing.health, (std::vector<Health>{Health::kTheyOwe, Health::kBalanced}));
  EXPECT_TRUE(standing.taker);
  EXPECT_EQ(standing.facts.relationships.size(), 2u);
}

}  // namespace
}  // namespace refnet::ledger
