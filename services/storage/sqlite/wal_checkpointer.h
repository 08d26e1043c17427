// Checkpoints the write-ahead log on a thread of its own. SQLite's automatic
// checkpoint runs inside the commit that crosses its threshold: copying the
// log into the database file, with its fsyncs, then sits inside a group
// commit that every queued write waits for. Instead, the writer only notes
// the log's length after each commit; once enough frames wait to
// be copied (Limits), this thread runs a PASSIVE checkpoint on a connection of its own
// while readers and the writer go on. SQLite starts the log over only once a
// checkpoint has copied all of it, which one running beside the writer never
// quite does; so after each, the writer's next commit copies the few frames
// written meanwhile, and the log starts over at the commit after. When
// writes pause with frames left in the log, the thread copies them, so that
// readers no longer look into the log for every page. Should the
// log still outgrow its bound (the thread starved of a core, or a reader
// holding an old snapshot), the writer checkpoints after each commit itself,
// as SQLite would.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/storage/sqlite/database.h"

namespace refnet::storage::sqlite {

struct WalCheckpointLimits {
  // Log frames (pages) not yet copied that wake the thread: 16 MiB of
  // 4 KiB pages.
  int checkpoint_frames = 4000;
  // Log frames not yet copied past which the writer checkpoints itself:
  // 128 MiB.
  int log_frames_max = 32000;
};

class WalCheckpointer {
 public:
  using Limits = WalCheckpointLimits;

  // Opens the thread's connection to the database at `path` and takes over
  // `writer`'s checkpoints. `writer` must outlive the checkpointer.
  static absl::StatusOr<std::unique_ptr<WalCheckpointer>> Start(const std::string& path,
                                                                Database& writer,
                                                                Limits limits = {});
  // Stops the thread (a checkpoint under way finishes first).
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Checkpoints run so far, for tests.
  struct Counts {
    int background = 0;  // by the thread
    int quiet = 0;       // by the thread, once writes paused
    int finishing = 0;   // by the writer, after the thread's
    int bounding = 0;    // by the writer, the log past its bound
  };
  Counts Checkpoints();

 private:
  WalCheckpointer(std::unique_ptr<Database> connection, Database& writer, Limits limits);

  // On the writer's thread, after each of its commits.
  void Committed(int log_frames);
  void Run();
  // Notes that `frames` of the log are in the database.
  void NoteCopied(int frames) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  std::unique_ptr<Database> connection_;
  Database& writer_;
  const Limits limits_;
  absl::Mutex mu_;
  // Frames in the log after the writer's last commit, and of those how
  // many a checkpoint has copied into the database.
  int log_frames_ ABSL_GUARDED_BY(mu_) = 0;
  int copied_frames_ ABSL_GUARDED_BY(mu_) = 0;
  Counts counts_ ABSL_GUARDED_BY(mu_);
  // The log's length before which the thread does not try again.
  int next_try_frames_ ABSL_GUARDED_BY(mu_) = 0;
  // A background checkpoint finished: the writer copies the rest.
  bool finish_due_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace refnet::storage::sqlite
