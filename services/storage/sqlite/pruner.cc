// Retention rounds on the pruner's thread.
#include "services/storage/sqlite/pruner.h"

#include <string>

#include "services/common/log.h"

namespace refnet::storage::sqlite {
namespace {

// Between batches, so that a long round leaves the writer to others.
constexpr absl::Duration kBatchPause = absl::Milliseconds(5);

}  // namespace

Pruner::Pruner(SqliteStore& store, Clock& clock, RetentionPolicy policy)
    : store_(store), clock_(clock), policy_(policy) {
  thread_ = std::thread([this] { Run(); });
}

Pruner::~Pruner() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

absl::StatusOr<SqliteStore::Pruned> Pruner::RunRound() {
  SqliteStore::Pruned total;
  while (true) {
    absl::Time now = clock_.Now();
    absl::StatusOr<SqliteStore::Pruned> batch =
        store_.Prune(now - policy_.events, now - policy_.request_ids, policy_.batch);
    if (!batch.ok()) return batch.status();
    total.events += batch->events;
    total.request_ids += batch->request_ids;
    if (batch->events < policy_.batch && batch->request_ids < policy_.batch) return total;
    absl::MutexLock lock(&mu_);
    if (stopping_) return total;
    auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
    mu_.AwaitWithTimeout(absl::Condition(&stopping), kBatchPause);
  }
}

void Pruner::Run() {
  while (true) {
    absl::StatusOr<SqliteStore::Pruned> pruned = RunRound();
    if (!pruned.ok()) {
      // A full disk is said once by the store, and pruning waits it out.
      if (!IsOutOfDiskSpace(pruned.status())) {
        LogEvent("warn", "pruning past retention failed",
                 {{"error", std::string(pruned.status().message())}});
      }
    } else if (pruned->events > 0 || pruned->request_ids > 0) {
      LogEvent("info", "pruned past retention",
               {{"events", pruned->events}, {"request_ids", pruned->request_ids}});
    }
    absl::MutexLock lock(&mu_);
    auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
    if (mu_.AwaitWithTimeout(absl::Condition(&stopping), policy_.every)) return;
  }
}

}  // namespace refnet::storage::sqlite
