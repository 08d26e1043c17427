// Token buckets: a bucket holds up to `burst` calls and refills at `rps`.
#include "services/common/rpc/firm_rate_limiter.h"

#include <algorithm>
#include <utility>

#include "services/common/log.h"

namespace refnet::rpc {

FirmRateLimiter::FirmRateLimiter(RateLimit default_limit, absl::Duration refresh, Lookup lookup,
                                 Clock& clock, int64_t in_flight_max)
    : default_limit_(default_limit),
      in_flight_max_(in_flight_max),
      refresh_(refresh),
      lookup_(std::move(lookup)),
      clock_(clock) {}

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

FirmRateLimiter::Bucket& FirmRateLimiter::Find(const std::string& firm_id, absl::Time now) {
  auto it = buckets_.find(firm_id);
  if (it == buckets_.end()) {
    if (buckets_.size() >= kFirmsMax) Trim(now);
    Bucket fresh;
    fresh.limit = Effective({});
    fresh.tokens = fresh.limit.burst;
    fresh.filled = now;
    it = buckets_.emplace(firm_id, fresh).first;
  }
  return it->second;
}

FirmRateLimiter::Decision FirmRateLimiter::Acquire(const std::string& firm_id) {
  absl::Time now = clock_.Now();
  absl::MutexLock lock(&mu_);
  Bucket& bucket = Find(firm_id, now);
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

bool FirmRateLimiter::TakeSlot(const std::string& firm_id) {
  if (in_flight_max_ <= 0) return true;
  absl::MutexLock lock(&mu_);
  Bucket& bucket = Find(firm_id, clock_.Now());
  if (bucket.in_flight >= in_flight_max_) return false;
  ++bucket.in_flight;
  return true;
}

void FirmRateLimiter::ReturnSlot(const std::string& firm_id) {
  if (in_flight_max_ <= 0) return;
  absl::MutexLock lock(&mu_);
  auto it = buckets_.find(firm_id);
  // Buckets with slots taken are never trimmed, so it is there.
  if (it != buckets_.end() && it->second.in_flight > 0) --it->second.in_flight;
}

void FirmRateLimiter::Apply(const std::string& firm_id, RateLimit override_limit) {
  absl::Time now = clock_.Now();
  absl::MutexLock lock(&mu_);
  Bucket& bucket = Find(firm_id, now);
  Refill(bucket, now);
  bucket.limit = Effective(override_limit);
  bucket.tokens = std::min(bucket.tokens, bucket.limit.burst);
  bucket.read = now;
  ++bucket.changes;
}

void FirmRateLimiter::Trim(absl::Time now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    Bucket& bucket = it->second;
    Refill(bucket, now);
    bool idle = bucket.limit.unlimited() || bucket.tokens >= bucket.limit.burst;
    if (idle && !bucket.pending && bucket.in_flight == 0) {
      buckets_.erase(it++);
    } else {
      ++it;
    }
  }
}

void FirmRateLimiter::RefreshPending() {
  std::vector<std::pair<std::string, uint64_t>> firms;
  {
    absl::MutexLock lock(&mu_);
    for (std::string& firm_id : pending_) {
      auto it = buckets_.find(firm_id);
      firms.emplace_back(std::move(firm_id), it == buckets_.end() ? 0 : it->second.changes);
    }
    pending_.clear();
  }
  for (const auto& [firm_id, changes] : firms) {
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
    // A failed read is tried again after the next refresh interval; one
    // that began before this replica applied a change knows less than it.
    if (bucket.changes != changes) continue;
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
