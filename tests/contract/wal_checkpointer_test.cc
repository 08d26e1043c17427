// The SQLite store's log checkpointed beside the writer: the log is copied
// into the database by the thread, starts over, stays bounded when a reader
// holds an old snapshot, and loses nothing.
#include "services/storage/sqlite/wal_checkpointer.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/storage/sqlite/database.h"

namespace refnet::storage::sqlite {
namespace {

// Each row fills most of a 4 KiB page, so a commit of kRowsPerCommit rows
// writes about that many log frames.
constexpr char kCreate[] = "CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)";
constexpr char kInsert[] = "INSERT INTO rows (body) VALUES (zeroblob(3000))";
constexpr char kCount[] = "SELECT count(*) FROM rows";
constexpr char kLast[] =
    "SELECT sum(length(body)) FROM (SELECT body FROM rows ORDER BY id DESC LIMIT 20)";
constexpr char kBegin[] = "BEGIN IMMEDIATE";
constexpr char kBeginRead[] = "BEGIN";
constexpr char kCommit[] = "COMMIT";
constexpr int kRowsPerCommit = 20;
constexpr WalCheckpointer::Limits kLimits{.checkpoint_frames = 200, .log_frames_max = 2000};
constexpr int64_t kFrameBytes = 4096 + 24;
constexpr int64_t kLogHeaderBytes = 32;
// The log's bound: the limit and one commit (its rows and the index pages
// they touch).
constexpr int64_t kBoundBytes =
    kLogHeaderBytes + (kLimits.log_frames_max + 2 * kRowsPerCommit) * kFrameBytes;

class WalCheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/refnet-wal-XXXXXX";
    folder_ = mkdtemp(pattern);
    path_ = folder_ + "/refnet.db";
    auto writer = Database::Open(path_, 4);
    ASSERT_TRUE(writer.ok()) << writer.status();
    writer_ = *std::move(writer);
    ASSERT_TRUE(writer_->Exec(kCreate).ok());
    auto checkpointer = WalCheckpointer::Start(path_, *writer_, kLimits);
    ASSERT_TRUE(checkpointer.ok()) << checkpointer.status();
    checkpointer_ = *std::move(checkpointer);
  }
  void TearDown() override {
    checkpointer_.reset();
    writer_.reset();
    std::string command = "rm -rf '" + folder_ + "'";
    ASSERT_EQ(std::system(command.c_str()), 0);
  }

  void Commit() {
    ASSERT_TRUE(writer_->Run(kBegin).ok());
    for (int i = 0; i < kRowsPerCommit; ++i) ASSERT_TRUE(writer_->Run(kInsert).ok());
    ASSERT_TRUE(writer_->Run(kCommit).ok());
  }

  int64_t LogBytes() const {
    struct stat st {};
    if (stat((path_ + "-wal").c_str(), &st) != 0) return 0;
    return st.st_size;
  }

  // Commits back to back, the thread checkpointing beside them, until it
  // has done so `count` times in all or a generous number of commits passed.
  void CommitUntilBackgroundCheckpoints(int count) {
    for (int i = 0; i < 5000 && checkpointer_->Checkpoints().background < count; ++i) Commit();
  }

  std::string folder_;
  std::string path_;
  std::unique_ptr<Database> writer_;
  std::unique_ptr<WalCheckpointer> checkpointer_;
};

TEST_F(WalCheckpointerTest, TheThreadCheckpointsAndTheLogStartsOver) {
  CommitUntilBackgroundCheckpoints(5);
  WalCheckpointer::Counts counts = checkpointer_->Checkpoints();
  EXPECT_GE(counts.background, 5);
  // The writer finished the thread's checkpoints, so the log started over
  // each time: it never reached its bound.
  EXPECT_GE(counts.finishing, 4);
  EXPECT_EQ(counts.bounding, 0);
  EXPECT_LT(LogBytes(), kLimits.log_frames_max * kFrameBytes);
}

TEST_F(WalCheckpointerTest, WhenWritesPauseTheThreadCopiesWhatIsLeft) {
  // Fewer frames than wake the thread.
  for (int i = 0; i < 3; ++i) Commit();
  ASSERT_EQ(checkpointer_->Checkpoints().background, 0);
  // Waits for the pause to be noticed; the bound is only there so that a
  // thread that never notices fails the test instead of hanging it.
  absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (checkpointer_->Checkpoints().quiet == 0 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_GE(checkpointer_->Checkpoints().quiet, 1);
  // Everything was copied: the next commit starts the log over, so the
  // file grows no more however many such rounds follow.
  int64_t size = LogBytes();
  for (int round = 0; round < 3; ++round) {
    int quiet = checkpointer_->Checkpoints().quiet;
    for (int i = 0; i < 3; ++i) Commit();
    while (checkpointer_->Checkpoints().quiet == quiet && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(20));
    }
  }
  EXPECT_EQ(LogBytes(), size);
}

TEST_F(WalCheckpointerTest, NothingCommittedIsLost) {
  CommitUntilBackgroundCheckpoints(3);
  int commits_after = 7;
  for (int i = 0; i < commits_after; ++i) Commit();
  int64_t expected = 0;
  {
    auto s = writer_->Prepare(kCount);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE(*s->Step());
    expected = s->Int(0);
  }
  checkpointer_.reset();
  writer_.reset();
  auto reopened = Database::Open(path_, 4);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  auto s = (*reopened)->Prepare(kCount);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(*s->Step());
  EXPECT_EQ(s->Int(0), expected);
  EXPECT_GT(expected, 0);
}

TEST_F(WalCheckpointerTest, UnderSustainedWritesTheLogStaysWithinItsBound) {
  int64_t largest = 0;
  for (int i = 0; i < 10 * kLimits.log_frames_max / kRowsPerCommit; ++i) {
    Commit();
    largest = std::max(largest, LogBytes());
  }
  EXPECT_GT(checkpointer_->Checkpoints().background, 0);
  // Past the bound the writer waits for the thread's checkpoint and then
  // copies the rest itself: at most the bound and one commit.
  EXPECT_LE(largest, kBoundBytes);
}

TEST_F(WalCheckpointerTest, ReadsBesideEveryCommitDoNotKeepTheLogFromStartingOver) {
  // Short reads back to back (point lookups, as the store's readers mostly
  // make) beside the writer: there is nearly always one on frames a
  // checkpoint just copied.
  std::atomic<bool> stop{false};
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&] {
      auto reader = Database::Open(path_, 4);
      ASSERT_TRUE(reader.ok()) << reader.status();
      while (!stop) {
        ASSERT_TRUE((*reader)->Run(kBeginRead).ok());
        {
          auto s = (*reader)->Prepare(kLast);
          ASSERT_TRUE(s.ok());
          ASSERT_TRUE(*s->Step());
        }
        ASSERT_TRUE((*reader)->Run(kCommit).ok());
      }
    });
  }
  int64_t largest = 0;
  for (int i = 0; i < 10 * kLimits.log_frames_max / kRowsPerCommit; ++i) {
    Commit();
    largest = std::max(largest, LogBytes());
  }
  stop = true;
  for (std::thread& t : readers) t.join();
  // A reader the scheduler stops for longer than the writer waits (on a
  // busy machine) lets the log grow by a little more before the next wait;
  // without the wait it grows to several times the bound.
  EXPECT_LE(largest, kBoundBytes + kBoundBytes / 2);
}

TEST_F(WalCheckpointerTest, AReaderOnAnOldSnapshotLeavesTheWriterToBoundTheLog) {
  Commit();
  auto reader = Database::Open(path_, 4);
  ASSERT_TRUE(reader.ok()) << reader.status();
  ASSERT_TRUE((*reader)->Run(kBeginRead).ok());
  {
    auto s = (*reader)->Prepare(kCount);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE(*s->Step());  // the read snapshot starts here
  }
  // The reader keeps every frame after its snapshot in the log: no
  // checkpoint can copy them, and past the bound the writer tries itself
  // after each commit.
  int commits = 2 * kLimits.log_frames_max / kRowsPerCommit;
  for (int i = 0; i < commits; ++i) Commit();
  EXPECT_GT(checkpointer_->Checkpoints().bounding, 0);
  int64_t grown = LogBytes();
  EXPECT_GT(grown, kLogHeaderBytes + kLimits.log_frames_max * kFrameBytes);
  ASSERT_TRUE((*reader)->Run(kCommit).ok());
  // Once the reader is done, the log is copied and starts over, and its
  // file is cut back to the bound.
  for (int i = 0; i < 100 && LogBytes() > kBoundBytes; ++i) Commit();
  EXPECT_LE(LogBytes(), kBoundBytes);
  int64_t largest = 0;
  for (int i = 0; i < 50; ++i) {
    Commit();
    largest = std::max(largest, LogBytes());
  }
  EXPECT_LE(largest, kBoundBytes);
}

}  // namespace
}  // namespace refnet::storage::sqlite
