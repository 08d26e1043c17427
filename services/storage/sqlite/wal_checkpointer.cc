// The write-ahead log checkpointed off the commit path.
#include "services/storage/sqlite/wal_checkpointer.h"

#include <algorithm>
#include <utility>

#include "absl/time/time.h"
#include "services/common/log.h"

namespace refnet::storage::sqlite {
namespace {

// The thread's connection reads and writes pages only to copy them.
constexpr int kConnectionCacheMib = 1;
// Writes that pause this long leave the thread to copy what is left.
constexpr absl::Duration kQuietAfter = absl::Milliseconds(200);

}  // namespace

absl::StatusOr<std::unique_ptr<WalCheckpointer>> WalCheckpointer::Start(const std::string& path,
                                                                        Database& writer,
                                                                        Limits limits) {
  absl::StatusOr<std::unique_ptr<Database>> connection = Database::Open(path, kConnectionCacheMib);
  if (!connection.ok()) return connection.status();
  return std::unique_ptr<WalCheckpointer>(
      new WalCheckpointer(*std::move(connection), writer, limits));
}

WalCheckpointer::WalCheckpointer(std::unique_ptr<Database> connection, Database& writer,
                                 Limits limits)
    : connection_(std::move(connection)), writer_(writer), limits_(limits) {
  writer_.OnCommit([this](int log_frames) { Committed(log_frames); });
  thread_ = std::thread([this] { Run(); });
}

WalCheckpointer::~WalCheckpointer() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
  // The writer may outlive this object by a little: back to SQLite's own
  // checkpoints.
  writer_.OnCommit(nullptr);
}

void WalCheckpointer::Committed(int log_frames) {
  bool finish = false;
  {
    absl::MutexLock lock(&mu_);
    // A shorter log than last time: it started over after a checkpoint.
    if (log_frames < log_frames_) {
      copied_frames_ = 0;
      next_try_frames_ = 0;
    }
    log_frames_ = log_frames;
    finish = finish_due_;
    finish_due_ = false;
    if (!finish && log_frames_ - copied_frames_ < limits_.log_frames_max) return;
  }
  absl::StatusOr<int> copied = writer_.CheckpointPassive();
  absl::MutexLock lock(&mu_);
  if (copied.ok()) {
    NoteCopied(*copied);
    ++(finish ? counts_.finishing : counts_.bounding);
  } else {
    // The thread is checkpointing: finish after the next commit.
    finish_due_ = true;
  }
}

void WalCheckpointer::Run() {
  absl::MutexLock lock(&mu_);
  auto due = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return stopping_ || (log_frames_ >= next_try_frames_ &&
                         log_frames_ - copied_frames_ >= limits_.checkpoint_frames);
  };
  // The log's length when the thread last woke.
  int seen_frames = -1;
  while (true) {
    bool woken = mu_.AwaitWithTimeout(absl::Condition(&due), kQuietAfter);
    if (stopping_) return;
    // No commit since the last wake, and frames not yet copied: with no
    // writer beside it the checkpoint copies everything, and readers stop
    // looking into the log at all.
    bool quiet = !woken && log_frames_ == seen_frames && copied_frames_ < log_frames_;
    seen_frames = log_frames_;
    if (!woken && !quiet) continue;
    // A checkpoint that cannot copy everything (a reader still needs old
    // frames) is tried again once the log has grown as much again, not
    // after every commit.
    next_try_frames_ = log_frames_ + limits_.checkpoint_frames;
    mu_.Unlock();
    absl::StatusOr<int> copied = connection_->CheckpointPassive();
    // Busy means the writer is checkpointing itself.
    if (!copied.ok() && !absl::IsUnavailable(copied.status())) {
      LogEvent("warn", "checkpoint failed", {{"error", std::string(copied.status().message())}});
    }
    mu_.Lock();
    if (!copied.ok()) continue;
    NoteCopied(*copied);
    if (woken) {
      ++counts_.background;
      finish_due_ = true;
    } else {
      ++counts_.quiet;
    }
  }
}

void WalCheckpointer::NoteCopied(int frames) {
  // The log may have started over while the checkpoint ran.
  if (frames <= log_frames_) copied_frames_ = std::max(copied_frames_, frames);
}

WalCheckpointer::Counts WalCheckpointer::Checkpoints() {
  absl::MutexLock lock(&mu_);
  return counts_;
}

}  // namespace refnet::storage::sqlite
