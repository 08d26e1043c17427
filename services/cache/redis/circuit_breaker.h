// Decides whether a call may use Redis. Consecutive failures open it; while
// open every call is refused without touching the network; after a cool-down
// one caller probes. Independently it tracks whether what Redis holds may be
// stale (the breaker opened, a tombstone could not be written, the server
// restarted): then nothing is served until a probe has invalidated the cache.
// Times are passed in so tests can drive it without sleeping.
#pragma once

#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace refnet::cache {

enum class BreakerState { kClosed, kOpen, kProbing };

class CircuitBreaker {
 public:
  // kFence admits a call whose only effect is to block older values (a
  // tombstone) while the cache is stale but not open: it is safe whatever
  // Redis holds, and refusing it would only force yet another invalidation.
  enum class Verdict { kRefuse, kServe, kProbe, kFence };
  struct Admission {
    Verdict verdict = Verdict::kRefuse;
    // The staleness marks seen at admission; StillServing and ProbeSucceeded
    // compare against it.
    uint64_t marks = 0;
  };

  // Starts stale: a previous run of this process may have committed a write
  // whose tombstone never reached Redis, so the first call invalidates.
  CircuitBreaker(int failures_to_open, absl::Duration cooldown)
      : failures_to_open_(failures_to_open), cooldown_(cooldown) {}

  // `fence` marks a call that only blocks older values (see kFence).
  Admission Admit(absl::Time now, bool fence = false);
  // True when a call admitted with `marks` may still use Redis: the breaker
  // is closed and nothing was marked stale since the admission.
  bool StillServing(uint64_t marks) const;

  void RecordSuccess();
  // Returns true when this failure opened the breaker.
  bool RecordFailure(absl::Time now);
  // Redis may hold values older than the store: invalidate before serving.
  void MarkStale();

  // The probe invalidated the cache as of `marks` (its admission's); marks
  // made while it ran keep the cache stale for another probe.
  void ProbeSucceeded(uint64_t marks);
  void ProbeFailed(absl::Time now);
  // The probe could not even start (no free connection): another caller may
  // probe at once.
  void ProbeAbandoned();

  BreakerState state() const;
  // Closed and nothing to invalidate.
  bool Available() const;

 private:
  bool StaleLocked() const ABSL_SHARED_LOCKS_REQUIRED(mu_) { return stale_marks_ != clean_marks_; }

  const int failures_to_open_;
  const absl::Duration cooldown_;
  mutable absl::Mutex mu_;
  bool open_ ABSL_GUARDED_BY(mu_) = false;
  bool probing_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time open_until_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  int consecutive_failures_ ABSL_GUARDED_BY(mu_) = 0;
  // Every reason to invalidate bumps stale_marks_; a successful probe moves
  // clean_marks_ up to the marks it covered.
  uint64_t stale_marks_ ABSL_GUARDED_BY(mu_) = 1;
  uint64_t clean_marks_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace refnet::cache
