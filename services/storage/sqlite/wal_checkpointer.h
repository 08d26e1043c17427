// Checkpoints the write-ahead log on a thread of its own, keeps it small, and
// sees the store through a full disk.
//
// SQLite's automatic checkpoint runs inside the commit that crosses its
// threshold: copying the log into the database file, with its fsyncs, then
// sits inside a group commit that every queued write waits for. Instead, the
// writer only notes the log's length after each commit; once enough frames
// wait to be copied (Limits), this thread runs a PASSIVE checkpoint on a
// connection of its own while readers and the writer go on. SQLite starts the
// log over only once a checkpoint has copied all of it, which one running
// beside the writer never quite does; so after each, the writer's next commit
// copies the few frames written meanwhile, and the log starts over at the
// commit after. When writes pause with frames left in the log, the thread
// copies them, so that readers no longer look into the log for every page.
//
// What bounds the log: past log_frames_max frames the writer checkpoints
// after its commit itself (RESTART), waiting for a checkpoint the thread is
// running and for reads still on the frames it copied, so that the next
// commit starts the log over: under any rate of writes and reads the log
// holds at most log_frames_max frames and one group commit's. Only a reader
// holding an old snapshot for long (a backup, say) keeps the log from
// starting over, and it grows while that reads; when it next starts over,
// its file is truncated back to log_frames_max frames (journal_size_limit).
//
// A full disk: a commit that fails for lack of space (OutOfSpace) starts an
// episode in which writes are refused at once, without touching the disk,
// and every retry interval the thread tries a TRUNCATE checkpoint, which
// gives the log's space back once the database file has room to take its
// pages. The episode ends when that succeeded and the file system has room
// for a whole log again.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/storage/sqlite/database.h"

namespace refnet::storage::sqlite {

struct WalCheckpointLimits {
  // Log frames (pages) not yet copied that wake the thread: 1 MiB of 4 KiB
  // pages.
  int checkpoint_frames = 256;
  // Log frames past which the writer checkpoints itself, and the length the
  // log file is truncated back to when it starts over: 4 MiB.
  int log_frames_max = 1024;
  // While the disk is full, how often the thread tries to give the log's
  // space back.
  absl::Duration out_of_space_retry = absl::Milliseconds(250);
};

class WalCheckpointer {
 public:
  using Limits = WalCheckpointLimits;
  // Told whether writes can commit: false when an episode of a full disk
  // begins, true when it ends.
  using SpaceObserver = std::function<void(bool has_space)>;

  // Opens the thread's connection to the database at `path`, copies in and
  // truncates any log a previous process left (starting in an episode of a
  // full disk when that finds no room), and takes over `writer`'s
  // checkpoints. `writer` must outlive the checkpointer.
  static absl::StatusOr<std::unique_ptr<WalCheckpointer>> Start(const std::string& path,
                                                                Database& writer,
                                                                Limits limits = {});
  // Stops the thread (a checkpoint under way finishes first).
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // On the writer's thread, after a commit failed for lack of disk space:
  // starts an episode, if none is under way.
  void OutOfSpace();
  // Whether writes may try to commit: false during an episode.
  bool HasSpace() const;
  // Calls `observer` with whether writes can commit now, and again each time
  // that changes (on the thread that noticed, before writes are answered).
  void ObserveSpace(SpaceObserver observer);

  // The free bytes of the file system holding `path`, or -1 when unknown.
  static int64_t FreeBytes(const std::string& path);

  // Checkpoints run so far, for tests.
  struct Counts {
    int background = 0;  // by the thread
    int quiet = 0;       // by the thread, once writes paused
    int finishing = 0;   // by the writer, after the thread's
    int bounding = 0;    // by the writer, the log past its bound
    int episodes = 0;    // of a full disk, begun
  };
  Counts Checkpoints() const;

 private:
  WalCheckpointer(std::string path, std::unique_ptr<Database> connection, Database& writer,
                  Limits limits);

  // On the writer's thread, after each of its commits.
  void Committed(int log_frames);
  void Run();
  // While out of space: empties the log when there is room, until there is
  // room to write again. Returns with mu_ held, as it was called.
  void RecoverSpace() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The log starts from its beginning again: nothing of it is copied.
  void StartedOver() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Notes that `frames` of the log are in the database.
  void NoteCopied(int frames) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void SetHasSpace(bool has_space) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::string path_;
  std::unique_ptr<Database> connection_;
  Database& writer_;
  const Limits limits_;
  // Held by whoever checkpoints (the thread or the writer), so that neither
  // finds the other's checkpoint in the way.
  absl::Mutex checkpoint_mu_;
  mutable absl::Mutex mu_;
  // Frames in the log after the writer's last commit, and of those how
  // many a checkpoint has copied into the database.
  int log_frames_ ABSL_GUARDED_BY(mu_) = 0;
  int copied_frames_ ABSL_GUARDED_BY(mu_) = 0;
  Counts counts_ ABSL_GUARDED_BY(mu_);
  // The log's length before which the thread does not try again.
  int next_try_frames_ ABSL_GUARDED_BY(mu_) = 0;
  // The log's length before which the writer does not wait for readers
  // again, after a reader kept it waiting in vain.
  int next_restart_frames_ ABSL_GUARDED_BY(mu_) = 0;
  int restart_gap_frames_ ABSL_GUARDED_BY(mu_);
  // A background checkpoint finished: the writer copies the rest.
  bool finish_due_ ABSL_GUARDED_BY(mu_) = false;
  bool has_space_ ABSL_GUARDED_BY(mu_) = true;
  SpaceObserver observer_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace refnet::storage::sqlite
