// VersionedCache on Redis through hiredis: versioned entries with tombstones
// in per-firm generations, Lua scripts for atomicity, a connection pool with
// per-command timeouts and a circuit breaker. Keys are
// `refnet:{<firm>}:gen`, `refnet:{<firm>}:g:<generation>:<key>` and the
// version floors `refnet:{<firm>}:f:<key>` (see lua_scripts.h), so all of a
// firm's keys share a Redis Cluster hash slot. The global `refnet:epoch`
// key is part of every generation; replacing it (after an outage, a
// restarted server or a failed tombstone) retires all generations at once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/cache/redis/cache_stats.h"
#include "services/cache/redis/redis_options.h"
#include "services/cache/redis/script_runner.h"
#include "services/cache/versioned_cache.h"
#include "services/common/clock.h"

namespace refnet::cache {

// Bounds on what callers pass; larger inputs are treated as "unavailable".
inline constexpr size_t kFirmLengthMax = 128;
inline constexpr size_t kKeyLengthMax = 1024;
inline constexpr size_t kValueLengthMax = 1 << 20;
inline constexpr size_t kTombstoneBatchMax = 512;

class RedisCache final : public VersionedCache {
 public:
  // INVALID_ARGUMENT when an option is out of range. Connects lazily: a
  // Redis that is down at start-up only makes the first calls unavailable.
  static absl::StatusOr<std::unique_ptr<RedisCache>> Create(const RedisOptions& options,
                                                            Clock* clock = nullptr);

  std::optional<CacheRead> Get(absl::string_view firm, absl::string_view key) override;
  std::optional<std::string> Tombstone(
      absl::string_view firm,
      const std::vector<std::pair<std::string, int64_t>>& key_versions) override;
  void Fill(absl::string_view firm, absl::string_view generation, absl::string_view key,
            int64_t version, absl::string_view value) override;
  void RotateGeneration(absl::string_view firm) override;
  bool Available() const override { return runner_.Available(); }

  CacheStats stats() const { return counters_.Snapshot(runner_.state()); }

 private:
  // Uses `clock` when given, else the system clock.
  RedisCache(const RedisOptions& options, Clock* clock);

  std::unique_ptr<Clock> owned_clock_;
  const std::string ttl_ms_;
  CacheCounters counters_;
  ScriptRunner runner_;
};

}  // namespace refnet::cache
