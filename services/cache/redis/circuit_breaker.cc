// The breaker's transitions. Everything happens under one mutex: calls are
// short and the state is tiny, so contention is not a concern.
#include "services/cache/redis/circuit_breaker.h"

namespace refnet::cache {

CircuitBreaker::Admission CircuitBreaker::Admit(absl::Time now, bool fence) {
  absl::MutexLock lock(&mu_);
  if (!open_ && !probing_ && !StaleLocked()) return {Verdict::kServe, stale_marks_};
  if (!probing_ && (!open_ || now >= open_until_)) {
    probing_ = true;
    return {Verdict::kProbe, stale_marks_};
  }
  if (fence && !open_) return {Verdict::kFence, stale_marks_};
  return {Verdict::kRefuse, stale_marks_};
}

bool CircuitBreaker::StillServing(uint64_t marks) const {
  absl::ReaderMutexLock lock(&mu_);
  return !open_ && stale_marks_ == marks && !StaleLocked();
}

void CircuitBreaker::RecordSuccess() {
  absl::MutexLock lock(&mu_);
  if (!open_) consecutive_failures_ = 0;
}

bool CircuitBreaker::RecordFailure(absl::Time now) {
  absl::MutexLock lock(&mu_);
  // Failures of calls admitted before the breaker opened change nothing.
  if (open_ || probing_) return false;
  if (++consecutive_failures_ < failures_to_open_) return false;
  open_ = true;
  open_until_ = now + cooldown_;
  ++stale_marks_;
  return true;
}

void CircuitBreaker::MarkStale() {
  absl::MutexLock lock(&mu_);
  ++stale_marks_;
}

void CircuitBreaker::ProbeSucceeded(uint64_t marks) {
  absl::MutexLock lock(&mu_);
  probing_ = false;
  open_ = false;
  consecutive_failures_ = 0;
  if (marks > clean_marks_) clean_marks_ = marks;
}

void CircuitBreaker::ProbeFailed(absl::Time now) {
  absl::MutexLock lock(&mu_);
  probing_ = false;
  open_ = true;
  open_until_ = now + cooldown_;
}

void CircuitBreaker::ProbeAbandoned() {
  absl::MutexLock lock(&mu_);
  probing_ = false;
}

BreakerState CircuitBreaker::state() const {
  absl::ReaderMutexLock lock(&mu_);
  if (probing_) return BreakerState::kProbing;
  return open_ ? BreakerState::kOpen : BreakerState::kClosed;
}

bool CircuitBreaker::Available() const {
  absl::ReaderMutexLock lock(&mu_);
  return !open_ && !probing_ && !StaleLocked();
}

}  // namespace refnet::cache
