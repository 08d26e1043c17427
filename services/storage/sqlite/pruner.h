// Keeps the events and idempotency tables from growing without bound: on a
// thread of its own, every round it deletes what is past its retention, in
// small batches that each commit through the write queue like any write, so
// that writes wait at most one batch.
#pragma once

#include <memory>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/clock.h"
#include "services/storage/sqlite/sqlite_store.h"

namespace refnet::storage::sqlite {

struct RetentionPolicy {
  // Events are kept this long (the change feed can replay this far back).
  absl::Duration events = absl::Hours(24 * 30);
  // A request id is recognised this long, so that a retry within it is
  // answered as the first call was. Never less than kRequestIdsMin.
  absl::Duration request_ids = absl::Hours(24);
  // Time between rounds, and rows deleted per batch.
  absl::Duration every = absl::Minutes(1);
  int batch = 500;
};

inline constexpr absl::Duration kRequestIdRetentionMin = absl::Hours(24);

class Pruner {
 public:
  // Starts the thread; the first round runs at once.
  Pruner(SqliteStore& store, Clock& clock, RetentionPolicy policy);
  // Stops the thread (a batch under way finishes first).
  ~Pruner();
  Pruner(const Pruner&) = delete;
  Pruner& operator=(const Pruner&) = delete;

  // Runs one round now: batches until nothing is past its retention.
  // Returns the rows it deleted.
  absl::StatusOr<SqliteStore::Pruned> RunRound();

 private:
  void Run();

  SqliteStore& store_;
  Clock& clock_;
  const RetentionPolicy policy_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace refnet::storage::sqlite
