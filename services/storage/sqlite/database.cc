// SQLite connection handling: pragmas, the statement cache and error mapping.
#include "services/storage/sqlite/database.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/status.h"

namespace refnet::storage::sqlite {
namespace {

constexpr int kBusyTimeoutMs = 5000;
// SQLite's default: checkpoint in the commit that takes the log past this.
constexpr int kAutoCheckpointFrames = 1000;

}  // namespace

Statement::~Statement() {
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

absl::StatusOr<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(rc, sqlite3_db_handle(stmt_), sqlite3_sql(stmt_));
}

absl::Status Statement::Run() {
  while (true) {
    absl::StatusOr<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
  }
}

std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

absl::Status SqliteError(int code, sqlite3* db, absl::string_view what) {
  std::string message = absl::StrCat(sqlite3_errstr(code), ": ",
                                     db != nullptr ? sqlite3_errmsg(db) : "", " (", what, ")");
  switch (code & 0xFF) {
    case SQLITE_CONSTRAINT:
      return absl::AlreadyExistsError(message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(message);
    case SQLITE_FULL:
      return OutOfDiskSpaceError();
    case SQLITE_IOERR:
      return absl::UnavailableError(message);
    default:
      return absl::InternalError(message);
  }
}

absl::Status OutOfDiskSpaceError() {
  return absl::ResourceExhaustedError(std::string(kOutOfDiskSpace));
}

bool IsOutOfDiskSpace(const absl::Status& status) {
  return absl::IsResourceExhausted(status) && status.message() == kOutOfDiskSpace;
}

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path, int cache_mib) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status status = SqliteError(rc, db, absl::StrCat("open ", path));
    sqlite3_close(db);
    return absl::UnavailableError(status.message());
  }
  std::unique_ptr<Database> connection(new Database(db));
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // Savepoint journals (one per write in a group commit) stay in memory
  // instead of temporary files. Durability is unchanged: WAL with
  // synchronous=FULL.
  absl::Status status = connection->Exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
      " PRAGMA temp_store=MEMORY;");
  if (status.ok()) {
    std::string cache = absl::StrCat("PRAGMA cache_size=-", cache_mib * 1024);
    status = connection->Exec(cache.c_str());
  }
  if (!status.ok()) return status;
  return connection;
}

Database::~Database() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

absl::Status Database::Exec(const char* sql) {
  char* error = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    absl::Status status = SqliteError(rc, db_, error != nullptr ? error : sql);
    sqlite3_free(error);
    return status;
  }
  return absl::OkStatus();
}

absl::Status Database::Run(const char* sql) {
  REFNET_ASSIGN_OR_RETURN(Statement s, Prepare(sql));
  return s.Run();
}

bool Database::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

void Database::OnCommit(absl::AnyInvocable<void(int wal_frames)> on_commit) {
  on_commit_ = std::move(on_commit);
  if (!on_commit_) {
    sqlite3_wal_autocheckpoint(db_, kAutoCheckpointFrames);
    return;
  }
  sqlite3_wal_hook(
      db_,
      +[](void* self, sqlite3*, const char*, int frames) {
        static_cast<Database*>(self)->on_commit_(frames);
        return SQLITE_OK;
      },
      this);
}

absl::StatusOr<int> Database::CheckpointPassive() {
  int log_frames = 0;
  int checkpointed = 0;
  int rc =
      sqlite3_wal_checkpoint_v2(db_, "main", SQLITE_CHECKPOINT_PASSIVE, &log_frames, &checkpointed);
  if (rc != SQLITE_OK) return SqliteError(rc, db_, "checkpoint");
  return checkpointed;
}

absl::Status Database::CheckpointRestart(absl::Duration wait) {
  sqlite3_busy_timeout(db_, static_cast<int>(absl::ToInt64Milliseconds(wait)));
  int rc = sqlite3_wal_checkpoint_v2(db_, "main", SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  if (rc != SQLITE_OK) return SqliteError(rc, db_, "checkpoint");
  return absl::OkStatus();
}

absl::Status Database::CheckpointTruncate() {
  int rc = sqlite3_wal_checkpoint_v2(db_, "main", SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(rc, db_, "checkpoint");
  return absl::OkStatus();
}

absl::StatusOr<Statement> Database::Prepare(const char* sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return Statement(it->second);
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(rc, db_, sql);
  statements_.emplace(sql, stmt);
  return Statement(stmt);
}

}  // namespace refnet::storage::sqlite
