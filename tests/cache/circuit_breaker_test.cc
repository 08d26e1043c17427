// The breaker's state machine, driven with explicit times.
#include "services/cache/redis/circuit_breaker.h"

#include "gtest/gtest.h"

namespace refnet::cache {
namespace {

using Verdict = CircuitBreaker::Verdict;

const absl::Time kStart = absl::FromUnixSeconds(1000);
const absl::Duration kCooldown = absl::Seconds(1);

// Takes a new breaker past its start-up invalidation, as the first call does.
void Recover(CircuitBreaker& breaker) {
  CircuitBreaker::Admission probe = breaker.Admit(kStart);
  ASSERT_EQ(probe.verdict, Verdict::kProbe);
  breaker.ProbeSucceeded(probe.marks);
}

TEST(CircuitBreaker, FirstCallInvalidatesBeforeServing) {
  CircuitBreaker breaker(3, kCooldown);
  EXPECT_FALSE(breaker.Available());
  CircuitBreaker::Admission first = breaker.Admit(kStart);
  EXPECT_EQ(first.verdict, Verdict::kProbe);
  EXPECT_EQ(breaker.Admit(kStart).verdict, Verdict::kRefuse) << "one probe at a time";
  breaker.ProbeSucceeded(first.marks);
  EXPECT_TRUE(breaker.Available());
  EXPECT_EQ(breaker.Admit(kStart).verdict, Verdict::kServe);
}

TEST(CircuitBreaker, OpensAfterConsecutiveFailuresAndRefusesDuringCooldown) {
  CircuitBreaker breaker(3, kCooldown);
  Recover(breaker);
  EXPECT_FALSE(breaker.RecordFailure(kStart));
  breaker.RecordSuccess();
  EXPECT_FALSE(breaker.RecordFailure(kStart));
  EXPECT_FALSE(breaker.RecordFailure(kStart));
  EXPECT_TRUE(breaker.RecordFailure(kStart)) << "third consecutive failure opens";
  EXPECT_EQ(breaker.state(), BreakerState::kOpen);
  EXPECT_EQ(breaker.Admit(kStart + kCooldown / 2).verdict, Verdict::kRefuse);
}

TEST(CircuitBreaker, ProbesAfterCooldownAndReopensWhenTheProbeFails) {
  CircuitBreaker breaker(3, kCooldown);
  Recover(breaker);
  for (int i = 0; i < 3; ++i) breaker.RecordFailure(kStart);
  const absl::Time later = kStart + kCooldown;
  EXPECT_EQ(breaker.Admit(later).verdict, Verdict::kProbe);
  EXPECT_EQ(breaker.state(), BreakerState::kProbing);
  breaker.ProbeFailed(later);
  EXPECT_EQ(breaker.Admit(later + kCooldown / 2).verdict, Verdict::kRefuse);
  CircuitBreaker::Admission probe = breaker.Admit(later + kCooldown);
  ASSERT_EQ(probe.verdict, Verdict::kProbe);
  breaker.ProbeSucceeded(probe.marks);
  EXPECT_TRUE(breaker.Available());
}

TEST(CircuitBreaker, StaleMarkStopsCallsAdmittedBeforeIt) {
  CircuitBreaker breaker(3, kCooldown);
  Recover(breaker);
  CircuitBreaker::Admission admitted = breaker.Admit(kStart);
  ASSERT_EQ(admitted.verdict, Verdict::kServe);
  EXPECT_TRUE(breaker.StillServing(admitted.marks));
  breaker.MarkStale();
  EXPECT_FALSE(breaker.StillServing(admitted.marks));
  EXPECT_FALSE(breaker.Available());
  EXPECT_EQ(breaker.Admit(kStart).verdict, Verdict::kProbe) << "no cool-down when only stale";
}

TEST(CircuitBreaker, MarkDuringProbeNeedsAnotherProbe) {
  CircuitBreaker breaker(3, kCooldown);
  Recover(breaker);
  breaker.MarkStale();
  CircuitBreaker::Admission probe = breaker.Admit(kStart);
  ASSERT_EQ(probe.verdict, Verdict::kProbe);
  breaker.MarkStale();  // e.g. a tombstone failed while the epoch was being replaced
  breaker.ProbeSucceeded(probe.marks);
  EXPECT_FALSE(breaker.Available());
  CircuitBreaker::Admission again = breaker.Admit(kStart);
  ASSERT_EQ(again.verdict, Verdict::kProbe);
  breaker.ProbeSucceeded(again.marks);
  EXPECT_TRUE(breaker.Available());
}

TEST(CircuitBreaker, TombstonesPassDuringAProbeButNotWhileOpen) {
  CircuitBreaker breaker(3, kCooldown);
  CircuitBreaker::Admission probe = breaker.Admit(kStart);
  ASSERT_EQ(probe.verdict, Verdict::kProbe);
  EXPECT_EQ(breaker.Admit(kStart, /*fence=*/true).verdict, Verdict::kFence);
  EXPECT_EQ(breaker.Admit(kStart).verdict, Verdict::kRefuse);
  breaker.ProbeFailed(kStart);
  EXPECT_EQ(breaker.Admit(kStart, /*fence=*/true).verdict, Verdict::kRefuse) << "no network";
}

TEST(CircuitBreaker, AbandonedProbeLetsTheNextCallerProbe) {
  CircuitBreaker breaker(3, kCooldown);
  ASSERT_EQ(breaker.Admit(kStart).verdict, Verdict::kProbe);
  breaker.ProbeAbandoned();
  EXPECT_EQ(breaker.Admit(kStart).verdict, Verdict::kProbe);
}

}  // namespace
}  // namespace refnet::cache
