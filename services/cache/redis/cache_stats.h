// Counters the cache keeps for metrics: relaxed atomics, read as a snapshot.
#pragma once

#include <atomic>
#include <cstdint>

#include "services/cache/redis/circuit_breaker.h"

namespace refnet::cache {

struct CacheStats {
  int64_t hits = 0;
  int64_t misses = 0;  // including tombstones
  // Calls answered "unavailable" (nullopt or a skipped write), whatever the cause.
  int64_t unavailable = 0;
  int64_t errors = 0;           // failed commands and connects; these feed the breaker
  int64_t busy = 0;             // no free connection within the command timeout
  int64_t breaker_refused = 0;  // not sent: the breaker is open
  int64_t fills_stored = 0;
  int64_t fills_refused = 0;  // older version or retired generation
  int64_t breaker_opens = 0;
  int64_t invalidations = 0;  // epoch changes made by this process
  int64_t script_loads = 0;
  BreakerState breaker_state = BreakerState::kClosed;
};

// Counters only feed metrics, so no ordering with other memory is needed.
inline void Increment(std::atomic<int64_t>& counter) {
  counter.fetch_add(1, std::memory_order_relaxed);
}

class CacheCounters {
 public:
  CacheStats Snapshot(BreakerState state) const {
    CacheStats stats;
    stats.hits = hits.load(std::memory_order_relaxed);
    stats.misses = misses.load(std::memory_order_relaxed);
    stats.unavailable = unavailable.load(std::memory_order_relaxed);
    stats.errors = errors.load(std::memory_order_relaxed);
    stats.busy = busy.load(std::memory_order_relaxed);
    stats.breaker_refused = breaker_refused.load(std::memory_order_relaxed);
    stats.fills_stored = fills_stored.load(std::memory_order_relaxed);
    stats.fills_refused = fills_refused.load(std::memory_order_relaxed);
    stats.breaker_opens = breaker_opens.load(std::memory_order_relaxed);
    stats.invalidations = invalidations.load(std::memory_order_relaxed);
    stats.script_loads = script_loads.load(std::memory_order_relaxed);
    stats.breaker_state = state;
    return stats;
  }

  std::atomic<int64_t> hits{0};
  std::atomic<int64_t> misses{0};
  std::atomic<int64_t> unavailable{0};
  std::atomic<int64_t> errors{0};
  std::atomic<int64_t> busy{0};
  std::atomic<int64_t> breaker_refused{0};
  std::atomic<int64_t> fills_stored{0};
  std::atomic<int64_t> fills_refused{0};
  std::atomic<int64_t> breaker_opens{0};
  std::atomic<int64_t> invalidations{0};
  std::atomic<int64_t> script_loads{0};
};

}  // namespace refnet::cache
