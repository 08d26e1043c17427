// A fixed set of threads draining one bounded queue.
#include "services/common/rpc/handler_pool.h"

#include <utility>

namespace refnet::rpc {

HandlerPool::HandlerPool(int threads, size_t queue_max) : queue_max_(queue_max) {
  threads_.reserve(static_cast<size_t>(threads));
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
}

HandlerPool::~HandlerPool() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (std::thread& thread : threads_) thread.join();
}

bool HandlerPool::Submit(absl::AnyInvocable<void() &&> body) {
  absl::MutexLock lock(&mu_);
  if (queue_.size() >= queue_max_) return false;
  queue_.push_back(std::move(body));
  return true;
}

size_t HandlerPool::queued() const {
  absl::MutexLock lock(&mu_);
  return queue_.size();
}

void HandlerPool::Work() {
  while (true) {
    absl::AnyInvocable<void() &&> body;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](HandlerPool* pool) ABSL_EXCLUSIVE_LOCKS_REQUIRED(pool->mu_) {
            return pool->stopping_ || !pool->queue_.empty();
          },
          this));
      if (queue_.empty()) return;  // stopping, and nothing left to run
      body = std::move(queue_.front());
      queue_.pop_front();
    }
    std::move(body)();
  }
}

}  // namespace refnet::rpc
