// Token buckets: a bucket holds up to `burst` calls and refills at `rps`.
#include "services/common/rpc/firm_rate_limiter.h"

#include <algorithm>
#include <utility>

#include "services/common/log.h"

namespace refnet::rpc {

FirmRateLimiter::FirmRateLimiter(RateLimit default_limit, absl::Duration refresh, Lookup lookup,
                                 Clock& clock)
    : default_limit_(default_limit), refresh_(refresh), lookup_(std::move(lookup)), clock_(clock) {}

FirmRateLimiter::~FirmRateLimiter() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (worker_.joinable()) worker_.join();
}

void FirmRateLimiter::Start() {
  worker_ = std::thread([this] { Work(); });
}

RateLimit FirmRateLimiter::Effective(const RateLimit& override_limit) const {
  RateLimit limit = override_limit.rps > 0 ? override_limit : default_limit_;
  if (override_limit.rps > 0 && override_limit.burst <= 0) limit.burst = override_limit.rps;
  limit.burst = std::max(limit.burst, 1.0);
  return limit;
}

void FirmRateLimiter::Refill(Bucket& bucket, absl::Time now) const {
  if (now > bucket.filled) {
    double earned = absl::ToDoubleSeconds(now - bucket.filled) * bucket.limit.rps;
    bucket.tokens = std::min(bucket.limit.burst, bucket.tokens + earned);
  }
  bucket.filled = now;
}

void FirmRateLimiter::Enqueue(const std::string& firm_id, Bucket& bucket) {
  if (bucket.pending || !lookup_) return;
  bucket.pending = true;
  pending_.push_back(firm_id);
}

FirmRateLimiter::Decision FirmRateLimiter::Acquire(const std::string& firm_id) {
  absl::Time now = clock_.Now();
  absl::MutexLock lock(&mu_);
  auto it = buckets_.find(firm_id);
  if (it == buckets_.end()) {
    if (buckets_.size() >= kFirmsMax) Trim(now);
    Bucket fresh;
    fresh.limit = Effective({});
    fresh.tokens = fresh.limit.burst;
    fresh.filled = now;
    it = buckets_.emplace(firm_id, fresh).first;
  }
  Bucket& bucket = it->second;
  if (now - bucket.read >= refresh_) Enqueue(firm_id, bucket);
  Decision decision;
  decision.limit = bucket.limit;
  if (bucket.limit.unlimited()) return decision;
  Refill(bucket, now);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return decision;
  }
  decision.allowed = false;
  decision.retry_after = absl::Seconds((1 - bucket.tokens) / bucket.limit.rps);
  return decision;
}

void FirmRateLimiter::Forget(const std::string& firm_id) {
  absl::MutexLock lock(&mu_);
  auto it = buckets_.find(firm_id);
  if (it == buckets_.end()) return;
  it->second.read = absl::InfinitePast();
  Enqueue(firm_id, it->second);
}

void FirmRateLimiter::Trim(absl::Time now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    Bucket& bucket = it->second;
    Refill(bucket, now);
    bool idle = bucket.limit.unlimited() || bucket.tokens >= bucket.limit.burst;
    if (idle && !bucket.pending) {
      buckets_.erase(it++);
    } else {
      ++it;
    }
  }
}

void FirmRateLimiter::RefreshPending() {
  std::vector<std::string> firms;
  {
    absl::MutexLock lock(&mu_);
    firms.swap(pending_);
  }
  for (const std::string& firm_id : firms) {
    absl::StatusOr<RateLimit> read = lookup_(firm_id);
    if (!read.ok()) {
      LogEvent("warn", "could not read a firm's rate limit; the last one stays",
               {{"firm", firm_id}, {"error", std::string(read.status().message())}});
    }
    absl::Time now = clock_.Now();
    absl::MutexLock lock(&mu_);
    auto it = buckets_.find(firm_id);
    if (it == buckets_.end()) continue;
    Bucket& bucket = it->second;
    bucket.pending = false;
    // A failed read is tried again after the next refresh interval.
    bucket.read = now;
    if (!read.ok()) continue;
    Refill(bucket, now);
    bucket.limit = Effective(*read);
    bucket.tokens = std::min(bucket.tokens, bucket.limit.burst);
  }
}

void FirmRateLimiter::Work() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](FirmRateLimiter* self) ABSL_EXCLUSIVE_LOCKS_REQUIRED(self->mu_) {
            return self->stopping_ || !self->pending_.empty();
          },
          this));
      if (stopping_) return;
    }
    RefreshPending();
  }
}

}  // namespace refnet::rpc
