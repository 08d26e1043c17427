// Lending, lazy opening and closing of pooled Redis connections. Connections
// are opened and closed outside the lock so one slow connect never stalls
// callers that could use an idle connection.
#include "services/cache/redis/connection_pool.h"

#include <utility>

#include "absl/status/status.h"

namespace refnet::cache {

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      connection_(std::move(other.connection_)),
      fresh_(other.fresh_) {}

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr) pool_->Return(std::move(connection_));
}

absl::StatusOr<ConnectionPool::Lease> ConnectionPool::Acquire() {
  {
    absl::MutexLock lock(&mu_);
    if (!mu_.AwaitWithTimeout(absl::Condition(this, &ConnectionPool::CanLend),
                              options_.command_timeout)) {
      return absl::ResourceExhaustedError("every redis connection is busy");
    }
    if (!idle_.empty()) {
      std::unique_ptr<RedisConnection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection), /*fresh=*/false);
    }
    ++open_count_;
  }
  std::string error;
  std::unique_ptr<RedisConnection> connection = RedisConnection::Open(options_, &error);
  if (connection == nullptr) {
    absl::MutexLock lock(&mu_);
    --open_count_;
    return absl::UnavailableError(error);
  }
  return Lease(this, std::move(connection), /*fresh=*/true);
}

void ConnectionPool::Return(std::unique_ptr<RedisConnection> connection) {
  if (connection != nullptr && !connection->broken()) {
    absl::MutexLock lock(&mu_);
    idle_.push_back(std::move(connection));
    return;
  }
  connection.reset();
  absl::MutexLock lock(&mu_);
  --open_count_;
}

void ConnectionPool::DropIdle() {
  std::vector<std::unique_ptr<RedisConnection>> dropped;
  {
    absl::MutexLock lock(&mu_);
    dropped.swap(idle_);
    open_count_ -= static_cast<int>(dropped.size());
  }
}

}  // namespace refnet::cache
