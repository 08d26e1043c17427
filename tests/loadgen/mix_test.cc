// --mix parsing and the weighted choice of methods.
#include "clients/loadgen/mix.h"

#include "gtest/gtest.h"

namespace refnet::loadgen {
namespace {

TEST(LoadgenMixTest, TheDefaultIsEightyFifteenFive) {
  absl::StatusOr<std::vector<MixEntry>> mix = ParseMix(kDefaultMix);
  ASSERT_TRUE(mix.ok()) << mix.status();
  ASSERT_EQ(mix->size(), 3u);
  EXPECT_EQ((*mix)[0].method, Method::kGetBalance);
  EXPECT_EQ((*mix)[0].weight, 80);
  EXPECT_EQ((*mix)[1].method, Method::kRecordFavour);
  EXPECT_EQ((*mix)[1].weight, 15);
  EXPECT_EQ((*mix)[2].method, Method::kListContacts);
  EXPECT_EQ((*mix)[2].weight, 5);
}

TEST(LoadgenMixTest, ZeroWeightsAreLeftOut) {
  absl::StatusOr<std::vector<MixEntry>> mix = ParseMix("get-balance=0,list-contacts=3");
  ASSERT_TRUE(mix.ok()) << mix.status();
  ASSERT_EQ(mix->size(), 1u);
  EXPECT_EQ((*mix)[0].method, Method::kListContacts);
}

TEST(LoadgenMixTest, MistakesAreUsageErrorsNamingTheFlag) {
  for (const char* bad :
       {"", "get-balance", "get-balance=x", "get-balance=-1", "nap=3", "mix=1", "health=1",
        "get-balance=1,get-balance=2", "get-balance=0", "get-balance=1,"}) {
    absl::StatusOr<std::vector<MixEntry>> mix = ParseMix(bad);
    ASSERT_FALSE(mix.ok()) << bad;
    EXPECT_EQ(mix.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(mix.status().message().substr(0, 6), "--mix:") << bad;
  }
}

TEST(LoadgenMixTest, PicksInProportionToTheWeights) {
  MixPicker picker(*ParseMix("get-balance=80,record-favour=15,list-contacts=5"));
  int counts[kMethodCount] = {};
  for (uint64_t r = 0; r < 100; ++r) ++counts[static_cast<int>(picker.Pick(r))];
  EXPECT_EQ(counts[static_cast<int>(Method::kGetBalance)], 80);
  EXPECT_EQ(counts[static_cast<int>(Method::kRecordFavour)], 15);
  EXPECT_EQ(counts[static_cast<int>(Method::kListContacts)], 5);
  EXPECT_EQ(counts[static_cast<int>(Method::kHealthCheck)], 0);
}

}  // namespace
}  // namespace refnet::loadgen
