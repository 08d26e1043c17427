// Runs the cache's Lua scripts on Redis under the circuit breaker. It is the
// one place that decides whether what Redis answers may be used: it refuses
// while the breaker is open, notices a restarted server on every new
// connection, and before serving again after any doubt it replaces the
// global epoch, which retires every firm's generation at once.
#pragma once

#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "services/cache/redis/cache_stats.h"
#include "services/cache/redis/circuit_breaker.h"
#include "services/cache/redis/connection_pool.h"
#include "services/cache/redis/lua_scripts.h"
#include "services/cache/redis/redis_options.h"
#include "services/cache/redis/wire_format.h"
#include "services/common/clock.h"

namespace refnet::cache {

// The epoch every generation starts with; one key for all firms.
inline constexpr absl::string_view kEpochKey = "refnet:epoch";

class ScriptRunner {
 public:
  ScriptRunner(const RedisOptions& options, Clock& clock, CacheCounters& counters);

  // Runs `script` with KEYS = {epoch key, `generation_key`} and `args`.
  // Null when the answer must not be used: refused by the breaker, no
  // connection, a failure, or the cache must be invalidated first. Error
  // replies never come back; they count as failures.
  // `fence` marks a script that only blocks older values (tombstones): it
  // may run while the cache is stale, since its success never exposes data.
  RedisReply Run(const LuaScript& script, absl::string_view generation_key,
                 const std::vector<absl::string_view>& args, bool fence = false);

  // Redis may hold something older than the store; invalidate before serving.
  void MarkStale() { breaker_.MarkStale(); }

  BreakerState state() const { return breaker_.state(); }
  bool Available() const { return breaker_.Available(); }
  // A token no generation or epoch has used.
  std::string NewToken() { return tokens_.Next(); }

 private:
  enum class ServerCheck { kSame, kChanged, kFailed };

  // Learns which server a new connection reached; a different run_id than
  // the last invalidation saw means the data may be a restored snapshot.
  ServerCheck CheckServer(RedisConnection& connection);
  // PING, INFO run_id, a new epoch and the scripts loaded, in one round
  // trip; true when all of it worked.
  bool Invalidate(RedisConnection& connection);
  RedisReply EvalSha(RedisConnection& connection, const LuaScript& script,
                     const std::vector<absl::string_view>& argv);
  // Counts a failure; a probe's failure reopens the breaker for a cool-down.
  void Failed(bool probe, RedisConnection* connection);

  Clock& clock_;
  CacheCounters& counters_;
  CircuitBreaker breaker_;
  ConnectionPool pool_;
  TokenSource tokens_;
  absl::Mutex mu_;
  // The server the last invalidation ran on; empty before the first one.
  std::string run_id_ ABSL_GUARDED_BY(mu_);
};

}  // namespace refnet::cache
