// Transactions, idempotency records and migrations for the SQLite store.
#include "services/storage/sqlite/sqlite_store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstddef>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/status.h"
#include "services/storage/sqlite/admin_repository.h"
#include "services/storage/sqlite/ask_repository.h"
#include "services/storage/sqlite/contact_repository.h"
#include "services/storage/sqlite/ledger_repository.h"
#include "services/storage/sqlite/migrations.h"
#include "services/storage/sqlite/network_repository.h"
#include "services/storage/sqlite/queries.h"
#include "services/storage/sqlite/referral_repository.h"
#include "services/storage/sqlite/review_repository.h"
#include "services/storage/sqlite/time_columns.h"

namespace refnet::storage::sqlite {
namespace {

class SqliteTx final : public Tx {
 public:
  SqliteTx(Database& db, Clock& clock)
      : admin_(db),
        contacts_(db),
        ledger_(db),
        referrals_(db),
        asks_(db),
        network_(db),
        review_(db),
        events_(db, clock) {}
  admin::AdminRepository& Admin() override { return admin_; }
  contacts::ContactRepository& Contacts() override { return contacts_; }
  ledger::LedgerRepository& Ledger() override { return ledger_; }
  referrals::ReferralRepository& Referrals() override { return referrals_; }
  asks::AskRepository& Asks() override { return asks_; }
  network::NetworkRepository& Network() override { return network_; }
  review::ReviewRepository& Review() override { return review_; }
  EventLog& Events() override { return events_; }

 private:
  SqliteAdminRepository admin_;
  SqliteContactRepository contacts_;
  SqliteLedgerRepository ledger_;
  SqliteReferralRepository referrals_;
  SqliteAskRepository asks_;
  SqliteNetworkRepository network_;
  SqliteReviewRepository review_;
  SqliteEventLog events_;
};

absl::Status Migrate(Database& db, Clock& clock) {
  REFNET_RETURN_IF_ERROR(db.Exec(queries::kCreateMigrationsTable));
  REFNET_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  int64_t applied = 0;
  {
    REFNET_ASSIGN_OR_RETURN(Statement s, db.Prepare(queries::kMaxMigration));
    REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
    if (row) applied = s.Int(0);
  }
  for (const Migration& m : Migrations()) {
    if (m.version <= applied) continue;
    absl::Status status = db.Exec(m.sql);
    if (status.ok()) {
      absl::StatusOr<Statement> s = db.Prepare(queries::kRecordMigration);
      status =
          s.ok() ? s->Bind(int64_t{m.version}, m.name, ToMicros(clock.Now())).Run() : s.status();
    }
    if (!status.ok()) {
      (void)db.Exec("ROLLBACK");
      return absl::InternalError(absl::StrCat("migration ", m.name, " failed: ", status.message()));
    }
  }
  return db.Exec("COMMIT");
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                               Clock& clock) {
  REFNET_ASSIGN_OR_RETURN(std::unique_ptr<Database> writer, Database::Open(path, kWriterCacheMib));
  REFNET_RETURN_IF_ERROR(Migrate(*writer, clock));
  std::vector<std::unique_ptr<Database>> readers;
  for (int i = 0; i < kReadConnections; ++i) {
    REFNET_ASSIGN_OR_RETURN(std::unique_ptr<Database> reader,
                            Database::Open(path, kReaderCacheMib));
    readers.push_back(std::move(reader));
  }
  REFNET_ASSIGN_OR_RETURN(std::unique_ptr<WalCheckpointer> checkpointer,
                          WalCheckpointer::Start(path, *writer));
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(path, clock, std::move(writer), std::move(checkpointer), std::move(readers)));
}

SqliteStore::SqliteStore(std::string path, Clock& clock, std::unique_ptr<Database> writer,
                         std::unique_ptr<WalCheckpointer> checkpointer,
                         std::vector<std::unique_ptr<Database>> readers)
    : path_(std::move(path)),
      clock_(clock),
      writer_(std::move(writer)),
      checkpointer_(std::move(checkpointer)),
      idle_readers_(std::move(readers)) {}

absl::StatusOr<std::string> SqliteStore::Write(
    const std::optional<IdempotencyKey>& key,
    absl::FunctionRef<absl::StatusOr<std::string>(Tx&)> write) {
  PendingWrite pending{&key, write};
  std::vector<PendingWrite*> group;
  {
    absl::MutexLock lock(&queue_mu_);
    queue_.push_back(&pending);
    // Wait until a group that held this write committed, or until no one is
    // committing: then this thread leads the next group.
    auto answered_or_free = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(queue_mu_) {
      return pending.done || !committing_;
    };
    queue_mu_.Await(absl::Condition(&answered_or_free));
    if (pending.done) return std::move(pending.result);
    committing_ = true;
    while (!queue_.empty() && group.size() < kGroupCommitMax) {
      group.push_back(queue_.front());
      queue_.pop_front();
    }
  }
  absl::Time began = absl::Now();
  if (checkpointer_->HasSpace()) {
    CommitGroup(group);
    if (commit_observer_) commit_observer_(absl::Now() - began, group.size());
    for (const PendingWrite* p : group) {
      if (IsOutOfDiskSpace(p->result.status())) {
        checkpointer_->OutOfSpace();
        break;
      }
    }
  } else {
    // The disk is full: refused without touching it, until the checkpointer
    // finds room again.
    for (PendingWrite* p : group) p->result = OutOfDiskSpaceError();
  }
  absl::MutexLock lock(&queue_mu_);
  for (PendingWrite* p : group) p->done = true;
  committing_ = false;
  return std::move(pending.result);
}

absl::StatusOr<std::string> SqliteStore::Snapshot() {
  static std::atomic<int> next{0};
  std::string dest = absl::StrCat(path_, ".backup-", getpid(), "-", next++);
  static constexpr char kVacuumInto[] = "VACUUM INTO ?1";
  REFNET_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::Open(path_, kReaderCacheMib));
  absl::StatusOr<Statement> vacuum = db->Prepare(kVacuumInto);
  absl::Status status = vacuum.ok() ? vacuum->Bind(dest).Run() : vacuum.status();
  if (!status.ok()) {
    std::remove(dest.c_str());
    if (IsOutOfDiskSpace(status)) {
      return absl::ResourceExhaustedError(
          "no disk space for the backup: it is written beside the store first, and needs about "
          "as much free space as the database takes");
    }
    return status;
  }
  return dest;
}

absl::StatusOr<SqliteStore::Pruned> SqliteStore::Prune(absl::Time events_before,
                                                       absl::Time request_ids_before, int batch) {
  Pruned pruned;
  // Runs on the committing thread, which holds the writer.
  absl::StatusOr<std::string> done = Write(std::nullopt, [&](Tx&) -> absl::StatusOr<std::string> {
    REFNET_ASSIGN_OR_RETURN(Statement events, writer_->Prepare(queries::kPruneEvents));
    REFNET_RETURN_IF_ERROR(events.Bind(ToMicros(events_before), int64_t{batch}).Run());
    pruned.events = writer_->Changes();
    REFNET_ASSIGN_OR_RETURN(Statement ids, writer_->Prepare(queries::kPruneRequestIds));
    REFNET_RETURN_IF_ERROR(ids.Bind(ToMicros(request_ids_before), int64_t{batch}).Run());
    pruned.request_ids = writer_->Changes();
    return std::string();
  });
  if (!done.ok()) return done.status();
  absl::MutexLock lock(&pruned_mu_);
  pruned_total_.events += pruned.events;
  pruned_total_.request_ids += pruned.request_ids;
  return pruned;
}

SqliteStore::Pruned SqliteStore::PrunedTotal() const {
  absl::MutexLock lock(&pruned_mu_);
  return pruned_total_;
}

void SqliteStore::ObserveDiskSpace(WalCheckpointer::SpaceObserver observer) {
  checkpointer_->ObserveSpace(std::move(observer));
}

bool SqliteStore::HasDiskSpace() const { return checkpointer_->HasSpace(); }

int SqliteStore::DiskFullEpisodes() const { return checkpointer_->Checkpoints().episodes; }

int64_t SqliteStore::DiskFreeBytes() const { return WalCheckpointer::FreeBytes(path_); }

int64_t SqliteStore::WalBytes() const {
  struct stat info;
  if (stat((path_ + "-wal").c_str(), &info) != 0) return 0;
  return static_cast<int64_t>(info.st_size);
}

void SqliteStore::CommitGroup(const std::vector<PendingWrite*>& group) {
  // Most groups succeed whole, so every write first runs straight in the
  // transaction. When one fails, its answer stands: it ran on the state the
  // writes before it left, and nothing of it commits. The transaction is
  // rolled back and the others run again, each in a savepoint of its own.
  absl::Status failed = writer_->Run(queries::kBeginImmediate);
  for (size_t i = 0; failed.ok() && i < group.size(); ++i) {
    group[i]->result = WriteLocked(*group[i]->key, group[i]->write);
    if (group[i]->result.ok()) continue;
    if (writer_->InTransaction()) (void)writer_->Run(queries::kRollback);
    std::vector<PendingWrite*> rest = group;
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
    if (!rest.empty()) CommitGroupInSavepoints(rest);
    return;
  }
  if (failed.ok()) {
    failed = writer_->Run(queries::kCommit);
    if (failed.ok()) return;
  }
  if (writer_->InTransaction()) (void)writer_->Run(queries::kRollback);
  for (PendingWrite* p : group) p->result = failed;
}

void SqliteStore::CommitGroupInSavepoints(const std::vector<PendingWrite*>& group) {
  absl::Status failed = writer_->Run(queries::kBeginImmediate);
  bool any_ok = false;
  for (PendingWrite* p : group) {
    if (!failed.ok()) {
      p->result = failed;
      continue;
    }
    p->result = WriteInSavepoint(*p, &failed);
    any_ok = any_ok || p->result.ok();
  }
  if (failed.ok()) {
    failed = any_ok ? writer_->Run(queries::kCommit) : writer_->Run(queries::kRollback);
    if (failed.ok()) return;
  }
  if (writer_->InTransaction()) (void)writer_->Run(queries::kRollback);
  // Nothing of the group is durable: every write that thought it was fails.
  for (PendingWrite* p : group) {
    if (p->result.ok()) p->result = failed;
  }
}

absl::StatusOr<std::string> SqliteStore::WriteInSavepoint(const PendingWrite& pending,
                                                          absl::Status* group_failed) {
  *group_failed = writer_->Run(queries::kSavepoint);
  if (!group_failed->ok()) return *group_failed;
  absl::StatusOr<std::string> result = WriteLocked(*pending.key, pending.write);
  // Undo a failed write alone; the others of the group stay. If SQLite
  // already rolled the whole transaction back, the group is lost.
  if (!result.ok()) *group_failed = writer_->Run(queries::kRollbackToSavepoint);
  if (group_failed->ok()) *group_failed = writer_->Run(queries::kReleaseSavepoint);
  if (group_failed->ok() && !writer_->InTransaction()) {
    *group_failed = absl::UnavailableError("the store rolled the transaction back; retry");
  }
  if (!group_failed->ok()) return *group_failed;
  return result;
}

absl::StatusOr<std::string> SqliteStore::WriteLocked(
    const std::optional<IdempotencyKey>& key,
    absl::FunctionRef<absl::StatusOr<std::string>(Tx&)> write) {
  if (key) {
    REFNET_ASSIGN_OR_RETURN(Statement s, writer_->Prepare(queries::kGetIdempotency));
    s.Bind(key->scope, key->request_id);
    REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
    if (row) {
      if (s.Text(0) != key->fingerprint) {
        return absl::AlreadyExistsError(
            absl::StrCat("request_id: ", key->request_id,
                         " was already used for a different request; use a new request id"));
      }
      return s.Text(1);
    }
  }
  SqliteTx tx(*writer_, clock_);
  REFNET_ASSIGN_OR_RETURN(std::string response, write(tx));
  if (key) {
    REFNET_ASSIGN_OR_RETURN(Statement s, writer_->Prepare(queries::kPutIdempotency));
    REFNET_RETURN_IF_ERROR(
        s.Bind(key->scope, key->request_id, key->fingerprint, response, ToMicros(clock_.Now()))
            .Run());
  }
  return response;
}

absl::Status SqliteStore::Read(absl::FunctionRef<absl::Status(Tx&)> read) {
  std::unique_ptr<Database> reader;
  {
    absl::MutexLock lock(&read_mu_);
    read_mu_.Await(absl::Condition(
        +[](std::vector<std::unique_ptr<Database>>* idle) { return !idle->empty(); },
        &idle_readers_));
    reader = std::move(idle_readers_.back());
    idle_readers_.pop_back();
  }
  absl::Status status = reader->Run(queries::kBegin);
  if (status.ok()) {
    SqliteTx tx(*reader, clock_);
    status = read(tx);
    absl::Status end = reader->Run(status.ok() ? queries::kCommit : queries::kRollback);
    if (status.ok()) status = end;
  }
  absl::MutexLock lock(&read_mu_);
  idle_readers_.push_back(std::move(reader));
  return status;
}

}  // namespace refnet::storage::sqlite
