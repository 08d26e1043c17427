// The embedded store: one SQLite file in WAL mode. Writes are serialised on
// one connection (SQLite allows one writer) and committed in groups: writers
// that arrive while a commit is under way queue up, and the next of them runs
// the whole queue in one transaction with one fsync for all. Should a write
// fail, the others run again, each in its own savepoint. Each caller is
// answered only after that commit. The log is checkpointed into the database
// file on a thread of its own (WalCheckpointer), not inside a commit, which
// also bounds it and sees the store through a full disk. Reads
// use a pool of connections that each see a consistent snapshot.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/common/clock.h"
#include "services/storage/sqlite/database.h"
#include "services/storage/sqlite/wal_checkpointer.h"
#include "services/storage/store.h"

namespace refnet::storage::sqlite {

class SqliteStore final : public Store {
 public:
  // Opens the database at `path`, applying any pending migrations.
  static absl::StatusOr<std::unique_ptr<SqliteStore>> Open(const std::string& path, Clock& clock);

  absl::StatusOr<std::string> Write(
      const std::optional<IdempotencyKey>& key,
      absl::FunctionRef<absl::StatusOr<std::string>(Tx&)> write) override;
  absl::Status Read(absl::FunctionRef<absl::Status(Tx&)> read) override;

  // Called on the committing thread after each group commit (or its
  // failure) with how long it took and how many writes it held; for
  // metrics. Set it before the store serves.
  using CommitObserver = std::function<void(absl::Duration took, size_t writes)>;
  void set_commit_observer(CommitObserver observer) { commit_observer_ = std::move(observer); }
  // The write-ahead log's size on disk now, in bytes (0 when there is none).
  int64_t WalBytes() const;
  // Whether writes can commit, false while the disk is full (writes then
  // fail with OutOfDiskSpaceError at once; reads go on). `observer` is
  // called with it now and on every change (see WalCheckpointer).
  void ObserveDiskSpace(WalCheckpointer::SpaceObserver observer);
  bool HasDiskSpace() const;
  // Episodes of a full disk since the store opened.
  int DiskFullEpisodes() const;
  // The free bytes of the file system the store is on (-1 when unknown).
  int64_t DiskFreeBytes() const;

  // Deletes, in one transaction through the write queue, at most `batch`
  // of the events recorded before `events_before` (oldest first) and as
  // many of the request ids recorded before `request_ids_before`.
  struct Pruned {
    int64_t events = 0;
    int64_t request_ids = 0;
  };
  absl::StatusOr<Pruned> Prune(absl::Time events_before, absl::Time request_ids_before, int batch);
  // Rows Prune deleted since the store opened.
  Pruned PrunedTotal() const;

  // Writes a consistent copy of the database, as of now, to a new file
  // beside it (VACUUM INTO on a connection of its own, so writes go on) and
  // returns its path; the caller removes it. Nothing is left behind on
  // failure.
  absl::StatusOr<std::string> Snapshot();

 private:
  static constexpr int kReadConnections = 4;
  // Page caches: the writer touches every index a write changes; readers
  // mostly point lookups. Together they bound the store's memory.
  static constexpr int kWriterCacheMib = 32;
  static constexpr int kReaderCacheMib = 16;
  // Writes that share one commit at most; the rest wait for the next.
  static constexpr size_t kGroupCommitMax = 256;

  // One queued write and, once its group committed, its answer.
  struct PendingWrite {
    const std::optional<IdempotencyKey>* key;
    absl::FunctionRef<absl::StatusOr<std::string>(Tx&)> write;
    absl::StatusOr<std::string> result = absl::UnknownError("not run");
    bool done = false;
  };

  SqliteStore(std::string path, Clock& clock, std::unique_ptr<Database> writer,
              std::unique_ptr<WalCheckpointer> checkpointer,
              std::vector<std::unique_ptr<Database>> readers);

  // Runs `group` in one transaction on the writer and fills in each result.
  void CommitGroup(const std::vector<PendingWrite*>& group);
  // The same with each write in its own savepoint, so that a failed one is
  // undone alone.
  void CommitGroupInSavepoints(const std::vector<PendingWrite*>& group);
  // One write inside the open transaction, in its own savepoint. Sets
  // `group_failed` when the transaction itself is lost.
  absl::StatusOr<std::string> WriteInSavepoint(const PendingWrite& pending,
                                               absl::Status* group_failed);
  absl::StatusOr<std::string> WriteLocked(
      const std::optional<IdempotencyKey>& key,
      absl::FunctionRef<absl::StatusOr<std::string>(Tx&)> write);

  const std::string path_;
  Clock& clock_;
  CommitObserver commit_observer_;
  // Only the thread that took the lead (committing_ set under queue_mu_)
  // touches the writer connection.
  std::unique_ptr<Database> writer_;
  // Declared after writer_: stops before the writer closes.
  std::unique_ptr<WalCheckpointer> checkpointer_;
  absl::Mutex queue_mu_;
  std::deque<PendingWrite*> queue_ ABSL_GUARDED_BY(queue_mu_);
  bool committing_ ABSL_GUARDED_BY(queue_mu_) = false;
  mutable absl::Mutex pruned_mu_;
  Pruned pruned_total_ ABSL_GUARDED_BY(pruned_mu_);
  absl::Mutex read_mu_;
  std::vector<std::unique_ptr<Database>> idle_readers_ ABSL_GUARDED_BY(read_mu_);
};

}  // namespace refnet::storage::sqlite
