// The pure rules of the network: hop factors and settling net positions.
#include <map>
#include <numeric>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/network/domain/intro_paths.h"
#include "services/network/domain/reciprocity.h"

namespace refnet::network {
namespace {

absl::Time Day(int day) { return absl::FromUnixSeconds(1790000000) + absl::Hours(24 * day); }

TEST(TieFactorTest, StrengthTimesRecency) {
  EXPECT_DOUBLE_EQ(TieFactor(5, Day(-10), Day(0)), 1.0);
  EXPECT_DOUBLE_EQ(TieFactor(3, Day(-30), Day(0)), 0.6);
  // 180 days past the fresh month halves it.
  EXPECT_DOUBLE_EQ(TieFactor(5, Day(-210), Day(0)), 0.5);
  // Never below the floor, and never touched counts as the floor.
  EXPECT_DOUBLE_EQ(TieFactor(5, Day(-5000), Day(0)), 0.25);
  EXPECT_DOUBLE_EQ(TieFactor(4, std::nullopt, Day(0)), 0.8 * 0.25);
  // A touch after as_of is as fresh as can be; strength is clamped to 1–5.
  EXPECT_DOUBLE_EQ(TieFactor(9, Day(3), Day(0)), 1.0);
}

TEST(ReciprocityFactorTest, OwingLiftsAndBeingLeanedOnLowers) {
  EXPECT_DOUBLE_EQ(ReciprocityFactor(0), 1.0);
  EXPECT_DOUBLE_EQ(ReciprocityFactor(40), 1.1);
  EXPECT_DOUBLE_EQ(ReciprocityFactor(100), 1.25);
  EXPECT_DOUBLE_EQ(ReciprocityFactor(100000), 1.25);
  EXPECT_DOUBLE_EQ(ReciprocityFactor(-100), 0.75);
  EXPECT_DOUBLE_EQ(ReciprocityFactor(-200), 0.5);
  EXPECT_DOUBLE_EQ(ReciprocityFactor(-100000), 0.5);
}

std::string Text(const std::vector<Move>& moves) {
  std::string text;
  for (const Move& m : moves) {
    text += (m.from.empty() ? "firm" : m.from) + ">" + (m.to.empty() ? "firm" : m.to) + ":" +
            std::to_string(m.points) + " ";
  }
  return text;
}

TEST(SettleNetsTest, EqualAmountsPairOffFirst) {
  // Greedy alone would pay a 50 to the 60 and need three moves.
  std::map<std::string, int64_t> nets = {{"a", 60}, {"b", 50}, {"c", -50}, {"d", -60}};
  EXPECT_EQ(Text(SettleNets(nets)), "d>a:60 c>b:50 ");
}

TEST(SettleNetsTest, LargestDebtorPaysLargestCreditor) {
  std::map<std::string, int64_t> nets = {
      {"", -180}, {"ada", -40}, {"linus", -10}, {"grace", 200}, {"barbara", 30}};
  EXPECT_EQ(Text(SettleNets(nets)), "firm>grace:180 ada>barbara:30 ada>grace:10 linus>grace:10 ");
}

TEST(SettleNetsTest, EverySettlementSquaresEveryParty) {
  // A deterministic spread of nets that sum to zero.
  std::map<std::string, int64_t> nets;
  int64_t sum = 0;
  for (int i = 0; i < 200; ++i) {
    int64_t net = (i * 7919 % 401) - 200;
    nets["p" + std::to_string(i)] = net;
    sum += net;
  }
  nets["rest"] = -sum;
  std::vector<Move> moves = SettleNets(nets);
  std::map<std::string, int64_t> after = nets;
  for (const Move& m : moves) {
    EXPECT_GT(m.points, 0);
    after[m.from] += m.points;
    after[m.to] -= m.points;
  }
  for (const auto& [party, net] : after) EXPECT_EQ(net, 0) << party;
  size_t nonzero = 0;
  for (const auto& [party, net] : nets) nonzero += net != 0;
  EXPECT_LT(moves.size(), nonzero);
  EXPECT_TRUE(SettleNets({}).empty());
}

}  // namespace
}  // namespace refnet::network
