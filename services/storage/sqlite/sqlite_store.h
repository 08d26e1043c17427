// The embedded store: one SQLite file in WAL mode. Writes are serialised on
// one connection (SQLite allows one writer); reads use a pool of connections
// that each see a consistent snapshot.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/common/clock.h"
#include "services/storage/sqlite/database.h"
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

 private:
  static constexpr int kReadConnections = 4;

  SqliteStore(Clock& clock, std::unique_ptr<Database> writer,
              std::vector<std::unique_ptr<Database>> readers);

  absl::StatusOr<std::string> WriteLocked(const std::optional<IdempotencyKey>& key,
                                          absl::FunctionRef<absl::StatusOr<std::string>(Tx&)> write)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);

  Clock& clock_;
  absl::Mutex write_mu_;
  std::unique_ptr<Database> writer_ ABSL_GUARDED_BY(write_mu_);
  absl::Mutex read_mu_;
  std::vector<std::unique_ptr<Database>> idle_readers_ ABSL_GUARDED_BY(read_mu_);
};

}  // namespace refnet::storage::sqlite
