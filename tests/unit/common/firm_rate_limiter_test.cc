// Per-firm token buckets on a clock the test moves.
#include "services/common/rpc/firm_rate_limiter.h"

#include <map>

#include "gtest/gtest.h"

namespace refnet::rpc {
namespace {

class FakeClock final : public Clock {
 public:
  absl::Time Now() override { return now; }
  absl::Time now = absl::FromUnixSeconds(1800000000);
};

// Overrides as a firm's settings would hold them; counts the reads.
struct Overrides {
  std::map<std::string, RateLimit> limits;
  int reads = 0;
  FirmRateLimiter::Lookup AsLookup() {
    return [this](const std::string& firm) -> absl::StatusOr<RateLimit> {
      ++reads;
      auto it = limits.find(firm);
      return it == limits.end() ? RateLimit{} : it->second;
    };
  }
};

TEST(FirmRateLimiterTest, ABurstIsAllowedThenCallsWaitForTheRate) {
  FakeClock clock;
  Overrides overrides;
  FirmRateLimiter limiter({10, 3}, absl::Seconds(5), overrides.AsLookup(), clock);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Acquire("acme").allowed) << i;
  FirmRateLimiter::Decision refused = limiter.Acquire("acme");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.limit.rps, 10);
  EXPECT_EQ(refused.retry_after, absl::Milliseconds(100));
  clock.now += absl::Milliseconds(50);
  EXPECT_EQ(limiter.Acquire("acme").retry_after, absl::Milliseconds(50));
  clock.now += absl::Milliseconds(50);
  EXPECT_TRUE(limiter.Acquire("acme").allowed);
  EXPECT_FALSE(limiter.Acquire("acme").allowed);
  // A quiet spell refills up to the burst, no further.
  clock.now += absl::Hours(1);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Acquire("acme").allowed) << i;
  EXPECT_FALSE(limiter.Acquire("acme").allowed);
}

TEST(FirmRateLimiterTest, OneFirmsFloodLeavesAnotherFirmAlone) {
  FakeClock clock;
  Overrides overrides;
  FirmRateLimiter limiter({1, 1}, absl::Seconds(5), overrides.AsLookup(), clock);
  EXPECT_TRUE(limiter.Acquire("noisy").allowed);
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(limiter.Acquire("noisy").allowed);
  EXPECT_TRUE(limiter.Acquire("quiet").allowed);
}

TEST(FirmRateLimiterTest, AFirmsOverrideAppliesOnceRead) {
  FakeClock clock;
  Overrides overrides;
  overrides.limits["acme"] = {2, 0};  // burst 0: as many as its rate
  FirmRateLimiter limiter({100, 100}, absl::Seconds(5), overrides.AsLookup(), clock);
  // The default applies until the override has been read.
  EXPECT_EQ(limiter.Acquire("acme").limit.rps, 100);
  limiter.RefreshPending();
  EXPECT_EQ(overrides.reads, 1);
  EXPECT_TRUE(limiter.Acquire("acme").allowed);
  FirmRateLimiter::Decision decision = limiter.Acquire("acme");
  EXPECT_EQ(decision.limit.rps, 2);
  EXPECT_EQ(decision.limit.burst, 2);
  EXPECT_FALSE(limiter.Acquire("acme").allowed);
  // Not read again before the refresh interval is up.
  limiter.RefreshPending();
  EXPECT_EQ(overrides.reads, 1);
  clock.now += absl::Seconds(6);
  limiter.Acquire("acme");
  limiter.RefreshPending();
  EXPECT_EQ(overrides.reads, 2);
}

TEST(FirmRateLimiterTest, AChangeMadeHereAppliesFromTheNextCall) {
  FakeClock clock;
  Overrides overrides;
  FirmRateLimiter limiter({1000, 1000}, absl::Minutes(5), overrides.AsLookup(), clock);
  limiter.Acquire("acme");
  limiter.RefreshPending();
  limiter.Apply("acme", {1, 1});
  EXPECT_TRUE(limiter.Acquire("acme").allowed);
  EXPECT_FALSE(limiter.Acquire("acme").allowed);
  limiter.Apply("acme", {});  // back to the server default, refilling at its rate
  clock.now += absl::Milliseconds(1);
  EXPECT_TRUE(limiter.Acquire("acme").allowed);
}

TEST(FirmRateLimiterTest, NoLimitMeansEveryCallGoesThrough) {
  FakeClock clock;
  Overrides overrides;
  FirmRateLimiter limiter({0, 1}, absl::Seconds(5), overrides.AsLookup(), clock);
  for (int i = 0; i < 10000; ++i) ASSERT_TRUE(limiter.Acquire("acme").allowed);
}

TEST(FirmRateLimiterTest, AFailedReadKeepsTheLimitInForce) {
  FakeClock clock;
  FirmRateLimiter limiter(
      {1, 1}, absl::Seconds(5),
      [](const std::string&) -> absl::StatusOr<RateLimit> {
        return absl::UnavailableError("store is down");
      },
      clock);
  EXPECT_TRUE(limiter.Acquire("acme").allowed);
  limiter.RefreshPending();
  EXPECT_FALSE(limiter.Acquire("acme").allowed);
}

TEST(FirmRateLimiterTest, AReadUnderWayWhenAChangeIsAppliedIsDropped) {
  FakeClock clock;
  FirmRateLimiter* self = nullptr;
  FirmRateLimiter limiter(
      {1000, 1000}, absl::Minutes(5),
      [&](const std::string& firm) -> absl::StatusOr<RateLimit> {
        // The read sees the old value; the change commits meanwhile.
        self->Apply(firm, {1, 1});
        return RateLimit{1000, 1000};
      },
      clock);
  self = &limiter;
  limiter.Acquire("acme");
  limiter.RefreshPending();
  EXPECT_TRUE(limiter.Acquire("acme").allowed);
  EXPECT_FALSE(limiter.Acquire("acme").allowed);
}

TEST(FirmRateLimiterTest, EachFirmHoldsAtMostItsShareOfCallsInFlight) {
  FakeClock clock;
  Overrides overrides;
  FirmRateLimiter limiter({0, 1}, absl::Seconds(5), overrides.AsLookup(), clock, 2);
  EXPECT_TRUE(limiter.TakeSlot("slow"));
  EXPECT_TRUE(limiter.TakeSlot("slow"));
  EXPECT_FALSE(limiter.TakeSlot("slow"));
  EXPECT_TRUE(limiter.TakeSlot("other"));
  limiter.ReturnSlot("slow");
  EXPECT_TRUE(limiter.TakeSlot("slow"));
}

}  // namespace
}  // namespace refnet::rpc
