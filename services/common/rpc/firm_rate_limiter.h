// Per-firm request rates and shares of the server: one token bucket per firm,
// in this process, and a count of the firm's calls in flight. A firm over its
// rate, or holding its whole share of the server's in-flight calls (slow
// streams, say), is refused at once, before its call takes a handler thread
// or a queue slot, so one firm's flood cannot crowd out another firm's calls.
//
// Each replica keeps its own buckets: with N replicas behind a Service that
// spreads calls evenly, a firm may make up to N times its rate in all.
//
// A firm's own limit (its settings) is read off the call path by a thread of
// the limiter's, and read again every `refresh`; until the first read
// completes, the server default applies to it.
#pragma once

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/clock.h"

namespace refnet::rpc {

struct RateLimit {
  double rps = 0;    // calls per second; 0: no limit
  double burst = 0;  // calls allowed at once after a quiet spell; at least 1
  bool unlimited() const { return rps <= 0; }
};

class FirmRateLimiter {
 public:
  // A firm's override from its settings; a limit of 0 calls/s means "the
  // server default".
  using Lookup = absl::AnyInvocable<absl::StatusOr<RateLimit>(const std::string& firm_id)>;

  struct Decision {
    bool allowed = true;
    RateLimit limit;                                    // the limit applied
    absl::Duration retry_after = absl::ZeroDuration();  // when refused
  };

  // `in_flight_max` bounds each firm's calls in flight (0: no bound).
  FirmRateLimiter(RateLimit default_limit, absl::Duration refresh, Lookup lookup, Clock& clock,
                  int64_t in_flight_max = 0);
  ~FirmRateLimiter();
  FirmRateLimiter(const FirmRateLimiter&) = delete;
  FirmRateLimiter& operator=(const FirmRateLimiter&) = delete;

  // Starts the thread that reads firms' overrides.
  void Start();

  // Takes one call from the firm's bucket, or says when one will be there.
  Decision Acquire(const std::string& firm_id);

  // Takes one of the firm's in-flight slots; false when it holds them all.
  // Every slot taken is given back with ReturnSlot.
  bool TakeSlot(const std::string& firm_id);
  void ReturnSlot(const std::string& firm_id);
  int64_t in_flight_max() const { return in_flight_max_; }

  // The firm's override changed to `override_limit` (committed by this
  // replica): it applies from the next call, and a read that was under way
  // when it changed is dropped.
  void Apply(const std::string& firm_id, RateLimit override_limit);

  // Reads the overrides of firms waiting for it (the thread's work; tests
  // call it directly).
  void RefreshPending();

 private:
  // Firms remembered at most; beyond it, firms with a full bucket (idle for
  // a while) are forgotten.
  static constexpr size_t kFirmsMax = 100000;

  struct Bucket {
    RateLimit limit;
    double tokens = 0;
    absl::Time filled;                       // when `tokens` was computed
    absl::Time read = absl::InfinitePast();  // when the override was last read
    bool pending = false;                    // waiting in pending_, or being read
    uint64_t changes = 0;                    // rises with every Apply
    int64_t in_flight = 0;                   // slots taken and not given back
  };

  void Refill(Bucket& bucket, absl::Time now) const;
  void Enqueue(const std::string& firm_id, Bucket& bucket) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Trim(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  RateLimit Effective(const RateLimit& override_limit) const;
  void Work();

  Bucket& Find(const std::string& firm_id, absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const RateLimit default_limit_;
  const int64_t in_flight_max_;
  const absl::Duration refresh_;
  Lookup lookup_;
  Clock& clock_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> pending_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread worker_;
};

}  // namespace refnet::rpc
