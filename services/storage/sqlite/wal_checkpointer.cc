// The write-ahead log checkpointed off the commit path, bounded, and given
// back when the disk fills.
#include "services/storage/sqlite/wal_checkpointer.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/log.h"

namespace refnet::storage::sqlite {
namespace {

// The thread's connection reads and writes pages only to copy them.
constexpr int kConnectionCacheMib = 1;
// Writes that pause this long leave the thread to copy what is left.
constexpr absl::Duration kQuietAfter = absl::Milliseconds(200);
// How long the writer waits, past the log's bound, for reads of old
// snapshots to finish (most take well under a millisecond), and the most
// log lengths it lets the log grow by before waiting again.
constexpr absl::Duration kRestartWait = absl::Milliseconds(100);
constexpr int kRestartGapMax = 16;
// A log frame: a page (SQLite's default size, which refnet keeps) and its
// header; and the log's own header.
constexpr int64_t kFrameBytes = 4096 + 24;
constexpr int64_t kLogHeaderBytes = 32;

int64_t LogBytes(int frames) { return kLogHeaderBytes + frames * kFrameBytes; }

std::string Folder(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace

absl::StatusOr<std::unique_ptr<WalCheckpointer>> WalCheckpointer::Start(const std::string& path,
                                                                        Database& writer,
                                                                        Limits limits) {
  absl::StatusOr<std::unique_ptr<Database>> connection = Database::Open(path, kConnectionCacheMib);
  if (!connection.ok()) return connection.status();
  // The writer is the connection that starts the log over, and truncates it
  // then to this length.
  std::string size_limit =
      absl::StrCat("PRAGMA journal_size_limit=", LogBytes(limits.log_frames_max));
  absl::Status limited = writer.Exec(size_limit.c_str());
  if (!limited.ok()) return limited;
  std::unique_ptr<WalCheckpointer> checkpointer(
      new WalCheckpointer(path, *std::move(connection), writer, limits));
  // A log left by a process that stopped without closing the database (or
  // could not, the disk full).
  absl::Status emptied;
  {
    absl::MutexLock checkpointing(&checkpointer->checkpoint_mu_);
    emptied = checkpointer->connection_->CheckpointTruncate();
  }
  if (IsOutOfDiskSpace(emptied)) {
    checkpointer->OutOfSpace();
  } else if (!emptied.ok()) {
    LogEvent("warn", "checkpoint failed", {{"error", std::string(emptied.message())}});
  }
  return checkpointer;
}

WalCheckpointer::WalCheckpointer(std::string path, std::unique_ptr<Database> connection,
                                 Database& writer, Limits limits)
    : path_(std::move(path)),
      connection_(std::move(connection)),
      writer_(writer),
      limits_(limits),
      restart_gap_frames_(limits.checkpoint_frames) {
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
  bool bound = false;
  bool restart = false;
  {
    absl::MutexLock lock(&mu_);
    // A shorter log than last time: it started over after a checkpoint.
    if (log_frames < log_frames_) StartedOver();
    log_frames_ = log_frames;
    finish = finish_due_;
    finish_due_ = false;
    // A log this long failed to start over, whether copied or not.
    bound = log_frames_ >= limits_.log_frames_max;
    restart = bound && log_frames_ >= next_restart_frames_;
    if (!finish && !bound) return;
  }
  absl::StatusOr<int> copied = absl::UnavailableError("the thread is checkpointing");
  if (bound) {
    // Past the bound the writer waits for the thread's checkpoint, and for
    // readers still on frames it copied, so that the log starts over: reads
    // beside every commit would otherwise keep it from ever doing so. A
    // reader that does not finish in time (a backup) is left to read while
    // the log grows, and waited for again once it has grown by a gap that
    // doubles with each wait in vain.
    absl::MutexLock checkpointing(&checkpoint_mu_);
    bool restarted = restart && writer_.CheckpointRestart(kRestartWait).ok();
    copied = restarted ? absl::StatusOr<int>(log_frames) : writer_.CheckpointPassive();
    if (restart && !restarted) {
      absl::MutexLock lock(&mu_);
      next_restart_frames_ = log_frames_ + restart_gap_frames_;
      restart_gap_frames_ =
          std::min(2 * restart_gap_frames_, kRestartGapMax * limits_.log_frames_max);
    }
  } else if (checkpoint_mu_.TryLock()) {
    // Only the few frames since the thread's checkpoint: not worth waiting
    // for one the thread may have begun since.
    copied = writer_.CheckpointPassive();
    checkpoint_mu_.Unlock();
  }
  absl::MutexLock lock(&mu_);
  if (copied.ok()) {
    NoteCopied(*copied);
    ++(bound ? counts_.bounding : counts_.finishing);
  } else if (finish) {
    finish_due_ = true;  // after the next commit
  }
}

void WalCheckpointer::Run() {
  absl::MutexLock lock(&mu_);
  auto due = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return stopping_ || !has_space_ ||
           (log_frames_ >= next_try_frames_ &&
            log_frames_ - copied_frames_ >= limits_.checkpoint_frames);
  };
  // The log's length when the thread last woke.
  int seen_frames = -1;
  while (true) {
    bool woken = mu_.AwaitWithTimeout(absl::Condition(&due), kQuietAfter);
    if (stopping_) return;
    if (!has_space_) {
      RecoverSpace();
      continue;
    }
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
    absl::StatusOr<int> copied;
    {
      absl::MutexLock checkpointing(&checkpoint_mu_);
      copied = connection_->CheckpointPassive();
    }
    // A full disk shows in the writer's next commit, which starts the
    // episode; anything else is worth a line.
    if (!copied.ok() && !IsOutOfDiskSpace(copied.status())) {
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

void WalCheckpointer::RecoverSpace() {
  while (!stopping_ && !has_space_) {
    mu_.Unlock();
    absl::Status emptied;
    {
      absl::MutexLock checkpointing(&checkpoint_mu_);
      emptied = connection_->CheckpointTruncate();
    }
    // The log is empty (or only a reader keeps it, which takes no more
    // space), and a whole log fits beside the database again.
    int64_t free = FreeBytes(path_);
    bool room =
        !IsOutOfDiskSpace(emptied) && (free < 0 || free >= LogBytes(limits_.log_frames_max));
    mu_.Lock();
    if (room) {
      // The log is empty: nothing in it is left to copy.
      log_frames_ = 0;
      finish_due_ = false;
      StartedOver();
      LogEvent("info", "the store has disk space again; writes resume",
               {{"path", path_}, {"free_bytes", free}});
      SetHasSpace(true);
      return;
    }
    auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
    mu_.AwaitWithTimeout(absl::Condition(&stopping), limits_.out_of_space_retry);
  }
}

void WalCheckpointer::OutOfSpace() {
  absl::MutexLock lock(&mu_);
  if (!has_space_) return;
  ++counts_.episodes;
  LogEvent("error", "the store is out of disk space; writes are refused until space is freed",
           {{"path", path_}, {"free_bytes", FreeBytes(path_)}});
  SetHasSpace(false);
}

bool WalCheckpointer::HasSpace() const {
  absl::MutexLock lock(&mu_);
  return has_space_;
}

void WalCheckpointer::ObserveSpace(SpaceObserver observer) {
  absl::MutexLock lock(&mu_);
  observer_ = std::move(observer);
  if (observer_) observer_(has_space_);
}

void WalCheckpointer::SetHasSpace(bool has_space) {
  has_space_ = has_space;
  if (observer_) observer_(has_space);
}

int64_t WalCheckpointer::FreeBytes(const std::string& path) {
  struct statvfs fs {};
  if (statvfs(Folder(path).c_str(), &fs) != 0) return -1;
  return static_cast<int64_t>(fs.f_bavail) * static_cast<int64_t>(fs.f_frsize);
}

void WalCheckpointer::StartedOver() {
  copied_frames_ = 0;
  next_try_frames_ = 0;
  next_restart_frames_ = 0;
  restart_gap_frames_ = limits_.checkpoint_frames;
}

void WalCheckpointer::NoteCopied(int frames) {
  // The log may have started over while the checkpoint ran.
  if (frames <= log_frames_) copied_frames_ = std::max(copied_frames_, frames);
}

WalCheckpointer::Counts WalCheckpointer::Checkpoints() const {
  absl::MutexLock lock(&mu_);
  return counts_;
}

}  // namespace refnet::storage::sqlite
