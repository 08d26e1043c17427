// A SQLite database connection with a cache of prepared statements, and a scoped
// statement handle that binds, steps and reads columns.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace refnet::storage::sqlite {

// A prepared statement borrowed from a connection's cache. It is reset and its
// bindings cleared when the handle goes out of scope.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(Statement&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Binds parameters 1..N in order.
  template <typename... Args>
  Statement& Bind(const Args&... args) {
    int index = 1;
    (BindOne(index++, args), ...);
    return *this;
  }

  // Steps once: true when a row is available, false when done.
  absl::StatusOr<bool> Step();
  // Steps to completion, for statements that return no rows.
  absl::Status Run();

  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  bool Bool(int column) const { return Int(column) != 0; }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string Text(int column) const;

 private:
  void BindOne(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  void BindOne(int index, int32_t value) { sqlite3_bind_int64(stmt_, index, value); }
  void BindOne(int index, bool value) { sqlite3_bind_int64(stmt_, index, value ? 1 : 0); }
  void BindOne(int index, absl::string_view value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  void BindOne(int index, const std::string& value) { BindOne(index, absl::string_view(value)); }
  void BindOne(int index, const char* value) { BindOne(index, absl::string_view(value)); }
  void BindOne(int index, const std::optional<int64_t>& value) {
    if (value) {
      BindOne(index, *value);
    } else {
      sqlite3_bind_null(stmt_, index);
    }
  }

  sqlite3_stmt* stmt_;
};

class Database {
 public:
  // Opens (creating when needed) a database in WAL mode with synchronous=FULL,
  // foreign keys on and a page cache of `cache_mib`.
  static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& path, int cache_mib);
  ~Database();

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that return no rows, parsing them each time.
  absl::Status Exec(const char* sql);
  // Runs one statement that returns no rows, prepared once and cached like
  // Prepare's (the same rule for `sql` holds).
  absl::Status Run(const char* sql);
  // Whether a transaction is open. SQLite rolls the whole transaction back by
  // itself after some errors (disk full, I/O, out of memory).
  bool InTransaction() const;
  // Returns the cached prepared statement for this SQL text. The SQL must be a
  // constant with static storage: the cache is keyed by its address.
  absl::StatusOr<Statement> Prepare(const char* sql);

  int64_t LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
  // Rows the last statement inserted, updated or deleted.
  int64_t Changes() const { return sqlite3_changes64(db_); }

  // Called after each commit of this connection with the number of frames
  // in the write-ahead log, instead of SQLite's own automatic checkpoint
  // (which an empty `on_commit` restores). Runs on the committing thread,
  // before the commit returns.
  void OnCommit(absl::AnyInvocable<void(int wal_frames)> on_commit);
  // A PASSIVE checkpoint: copies what it can of the log into the database
  // without waiting for readers or the writer. Returns the frames the log
  // holds that are now in the database.
  absl::StatusOr<int> CheckpointPassive();
  // A TRUNCATE checkpoint: waits (up to the busy timeout) for the writer and
  // for readers of old snapshots, copies the whole log into the database and
  // truncates the log file to nothing.
  absl::Status CheckpointTruncate();
  // A RESTART checkpoint, waiting at most `wait` for readers of old
  // snapshots: copies the whole log, and the next commit starts it over.
  // UNAVAILABLE when a reader kept it from doing so in time.
  absl::Status CheckpointRestart(absl::Duration wait);

 private:
  explicit Database(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  absl::AnyInvocable<void(int)> on_commit_;
  std::unordered_map<const char*, sqlite3_stmt*> statements_;
};

// Maps a SQLite result code to a status: constraint violations become
// ALREADY_EXISTS, a busy database or an I/O error UNAVAILABLE, a full disk
// OutOfDiskSpaceError, the rest INTERNAL.
absl::Status SqliteError(int code, sqlite3* db, absl::string_view what);

// What a write that could not commit for lack of disk space fails with:
// RESOURCE_EXHAUSTED, so that clients do not retry it at once.
inline constexpr absl::string_view kOutOfDiskSpace =
    "the store is out of disk space; writes resume once space is freed";
absl::Status OutOfDiskSpaceError();
bool IsOutOfDiskSpace(const absl::Status& status);

}  // namespace refnet::storage::sqlite
