// The network scenarios' requests: paths from m0 to a rotation of contacts,
// every fifth call to an organization, introductions for m0, and m0's
// weekly review.
#include <set>

#include "clients/loadgen/scenario_workload.h"
#include "gtest/gtest.h"

namespace refnet::loadgen {
namespace {

namespace v1 = ::refnet::v1;

using PathsCall =
    UnaryCall<v1::NetworkService::Stub, v1::FindIntroPathsRequest, v1::FindIntroPathsResponse>;
using IntroductionsCall = UnaryCall<v1::NetworkService::Stub, v1::SuggestIntroductionsRequest,
                                    v1::SuggestIntroductionsResponse>;
using ReviewCall = UnaryCall<v1::ReviewService::Stub, v1::GetWeeklyReviewRequest, v1::WeeklyReview>;

TEST(LoadgenNetworkWorkloadTest, PathsGoFromMemberZeroToContactsAndOrganizations) {
  // Channels connect lazily; nothing is sent here.
  std::vector<ChannelStubs> channels = *OpenChannels("127.0.0.1:1", {}, 1);
  std::vector<HotPair> hot_set;
  ScenarioWorkload workload("bench", hot_set, {{Method::kFindIntroPaths, 1}}, {},
                            BuildIntroTargets("bench", 100000));
  SplitMix64 rng(1);
  std::set<std::string> contacts;
  std::set<std::string> organizations;
  for (int64_t i = 0; i < 100; ++i) {
    std::unique_ptr<Call> call = workload.MakeCall(i, rng, channels[0]);
    EXPECT_EQ(call->method, static_cast<int>(Method::kFindIntroPaths));
    auto* paths = dynamic_cast<PathsCall*>(call.get());
    ASSERT_NE(paths, nullptr);
    const v1::FindIntroPathsRequest& request = paths->request;
    EXPECT_EQ(request.parent(), "firms/bench");
    EXPECT_EQ(request.from(), "firms/bench/members/m0");
    EXPECT_EQ(request.max_hops(), 4);
    EXPECT_EQ(request.max_paths(), 5);
    if (i % 5 == 4) {
      ASSERT_EQ(request.target_case(), v1::FindIntroPathsRequest::kTargetOrganization) << i;
      organizations.insert(request.target_organization());
    } else {
      ASSERT_EQ(request.target_case(), v1::FindIntroPathsRequest::kTargetContact) << i;
      EXPECT_EQ(request.target_contact().rfind("firms/bench/contacts/c", 0), 0u);
      contacts.insert(request.target_contact());
    }
  }
  EXPECT_GT(contacts.size(), 50u);
  EXPECT_EQ(organizations.size(), 5u);
  EXPECT_TRUE(organizations.count("Globex"));
  EXPECT_TRUE(organizations.count("Org 0"));
}

TEST(LoadgenNetworkWorkloadTest, IntroductionsAreForMemberZero) {
  std::vector<ChannelStubs> channels = *OpenChannels("127.0.0.1:1", {}, 1);
  std::vector<HotPair> hot_set;
  ScenarioWorkload workload("bench", hot_set, {{Method::kSuggestIntroductions, 1}}, {},
                            BuildIntroTargets("bench", 300));
  SplitMix64 rng(1);
  std::unique_ptr<Call> call = workload.MakeCall(0, rng, channels[0]);
  auto* introductions = dynamic_cast<IntroductionsCall*>(call.get());
  ASSERT_NE(introductions, nullptr);
  EXPECT_EQ(introductions->request.parent(), "firms/bench");
  EXPECT_EQ(introductions->request.member(), "firms/bench/members/m0");
  EXPECT_EQ(introductions->request.page_size(), 10);
  EXPECT_EQ(workload.MethodNames()[static_cast<size_t>(Method::kSuggestIntroductions)],
            "SuggestIntroductions");
}

TEST(LoadgenNetworkWorkloadTest, TheWeeklyReviewIsMemberZerosAsOfNow) {
  std::vector<ChannelStubs> channels = *OpenChannels("127.0.0.1:1", {}, 1);
  std::vector<HotPair> hot_set;
  ScenarioWorkload workload("bench", hot_set, {{Method::kGetWeeklyReview, 1}}, {},
                            BuildIntroTargets("bench", 300));
  SplitMix64 rng(1);
  for (int64_t i = 0; i < 3; ++i) {
    std::unique_ptr<Call> call = workload.MakeCall(i, rng, channels[0]);
    EXPECT_EQ(call->method, static_cast<int>(Method::kGetWeeklyReview));
    auto* review = dynamic_cast<ReviewCall*>(call.get());
    ASSERT_NE(review, nullptr);
    EXPECT_EQ(review->request.member(), "firms/bench/members/m0");
    EXPECT_FALSE(review->request.has_as_of());
    EXPECT_EQ(review->request.max_items_per_section(), 0);
  }
  EXPECT_EQ(workload.MethodNames()[static_cast<size_t>(Method::kGetWeeklyReview)],
            "GetWeeklyReview");
}

}  // namespace
}  // namespace refnet::loadgen
