// A bounded set of Redis connections shared by callers. Connections open
// lazily, broken ones are closed on return, and no caller waits longer than
// the command timeout for one.
#pragma once

#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/cache/redis/redis_connection.h"
#include "services/cache/redis/redis_options.h"

namespace refnet::cache {

class ConnectionPool {
 public:
  // A connection lent to one caller; goes back to the pool when destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();

    RedisConnection& operator*() const { return *connection_; }
    RedisConnection* operator->() const { return connection_.get(); }
    // True when the connection was opened for this lease, so nothing has
    // checked yet which Redis server it reached.
    bool fresh() const { return fresh_; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<RedisConnection> connection, bool fresh)
        : pool_(pool), connection_(std::move(connection)), fresh_(fresh) {}

    ConnectionPool* pool_;
    std::unique_ptr<RedisConnection> connection_;
    bool fresh_;
  };

  explicit ConnectionPool(const RedisOptions& options) : options_(options) {}
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // An idle connection, or a new one while the pool has room.
  // RESOURCE_EXHAUSTED when every connection stayed busy for the command
  // timeout (contention here, not a sign that Redis is down); UNAVAILABLE
  // when a new connection could not be opened.
  absl::StatusOr<Lease> Acquire();

  // Closes every idle connection, e.g. after one of them failed: they most
  // likely reach the same dead or restarted server.
  void DropIdle();

 private:
  void Return(std::unique_ptr<RedisConnection> connection);
  bool CanLend() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !idle_.empty() || open_count_ < options_.pool_size;
  }

  const RedisOptions options_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<RedisConnection>> idle_ ABSL_GUARDED_BY(mu_);
  // Idle, lent and being opened: never above options_.pool_size.
  int open_count_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace refnet::cache
