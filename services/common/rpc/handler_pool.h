// Threads for handler bodies that block (store transactions, Redis round
// trips). gRPC's callback API runs handlers on a few threads of its own; a
// body that waits there for an fsync holds up every other call, and only as
// many writes as there are such threads could ever share a group commit.
#pragma once

#include <cstddef>
#include <deque>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"

namespace refnet::rpc {

class HandlerPool {
 public:
  // `queue_max` bounds the bodies waiting for a thread.
  HandlerPool(int threads, size_t queue_max);
  // Runs what is queued, then joins the threads.
  ~HandlerPool();
  HandlerPool(const HandlerPool&) = delete;
  HandlerPool& operator=(const HandlerPool&) = delete;

  // Queues `body`; false when the queue is full (the caller answers
  // RESOURCE_EXHAUSTED).
  bool Submit(absl::AnyInvocable<void() &&> body);
  // Bodies waiting for a thread now.
  size_t queued() const;

 private:
  void Work();

  const size_t queue_max_;
  mutable absl::Mutex mu_;
  std::deque<absl::AnyInvocable<void() &&>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace refnet::rpc
