// Retention on the SQLite store: events and request ids past their
// retention are deleted in batches, the rest stay, and a request id that was
// pruned no longer replays its first answer.
#include "services/storage/sqlite/pruner.h"

#include <cstdlib>
#include <memory>
#include <string>

#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"
#include "services/storage/sqlite/database.h"
#include "services/storage/sqlite/sqlite_store.h"

namespace refnet::storage::sqlite {
namespace {

class SettableClock final : public Clock {
 public:
  absl::Time Now() override {
    absl::MutexLock lock(&mu_);
    return now_;
  }
  void Advance(absl::Duration by) {
    absl::MutexLock lock(&mu_);
    now_ += by;
  }

 private:
  absl::Mutex mu_;
  absl::Time now_ = absl::FromUnixSeconds(1800000000);
};

class PrunerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/refnet-pruner-XXXXXX";
    folder_ = mkdtemp(pattern);
    auto store = SqliteStore::Open(folder_ + "/refnet.db", clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }
  void TearDown() override {
    store_.reset();
    std::string command = "rm -rf '" + folder_ + "'";
    ASSERT_EQ(std::system(command.c_str()), 0);
  }

  // A write under request id `id` that appends one event; how many times
  // its body ran so far.
  void Record(const std::string& id) {
    IdempotencyKey key{"acme", id, "fp"};
    absl::StatusOr<std::string> done =
        store_->Write(key, [&](Tx& tx) -> absl::StatusOr<std::string> {
          ++runs_;
          absl::StatusOr<int64_t> seq = tx.Events().Append({"acme", "RecordFavour", id, "x"});
          if (!seq.ok()) return seq.status();
          return std::string("answer");
        });
    ASSERT_TRUE(done.ok()) << done.status();
  }

  int64_t Rows(const char* table) {
    auto db = Database::Open(folder_ + "/refnet.db", 1);
    EXPECT_TRUE(db.ok());
    std::string sql = std::string("SELECT count(*) FROM ") + table;
    auto s = (*db)->Prepare(sql.c_str());
    EXPECT_TRUE(s.ok());
    EXPECT_TRUE(*s->Step());
    return s->Int(0);
  }

  std::string folder_;
  SettableClock clock_;
  std::unique_ptr<SqliteStore> store_;
  int runs_ = 0;
};

TEST_F(PrunerTest, WhatIsPastItsRetentionGoesInBatchesAndTheRestStays) {
  RetentionPolicy policy{.events = absl::Hours(72),
                         .request_ids = absl::Hours(24),
                         .every = absl::Hours(1000),  // rounds run by hand below
                         .batch = 7};
  // 30 writes four days ago, 20 two days ago, 10 now.
  for (int i = 0; i < 30; ++i) Record("old-" + std::to_string(i));
  clock_.Advance(absl::Hours(48));
  for (int i = 0; i < 20; ++i) Record("middle-" + std::to_string(i));
  clock_.Advance(absl::Hours(48));
  for (int i = 0; i < 10; ++i) Record("new-" + std::to_string(i));
  Pruner pruner(*store_, clock_, policy);
  // The thread's first round may already have run; another finds the rest.
  absl::StatusOr<SqliteStore::Pruned> round = pruner.RunRound();
  ASSERT_TRUE(round.ok()) << round.status();
  EXPECT_EQ(store_->PrunedTotal().events, 30);
  EXPECT_EQ(store_->PrunedTotal().request_ids, 50);
  EXPECT_EQ(Rows("events"), 30);
  EXPECT_EQ(Rows("idempotency"), 10);

  // Within its retention a retry replays; past it, it runs again.
  int runs = runs_;
  Record("new-3");
  EXPECT_EQ(runs_, runs);
  Record("middle-3");
  EXPECT_EQ(runs_, runs + 1);
}

TEST_F(PrunerTest, NothingPastItsRetentionDeletesNothing) {
  for (int i = 0; i < 5; ++i) Record("id-" + std::to_string(i));
  Pruner pruner(*store_, clock_, {});
  absl::StatusOr<SqliteStore::Pruned> round = pruner.RunRound();
  ASSERT_TRUE(round.ok()) << round.status();
  EXPECT_EQ(round->events + round->request_ids, 0);
  EXPECT_EQ(Rows("events"), 5);
  EXPECT_EQ(Rows("idempotency"), 5);
}

}  // namespace
}  // namespace refnet::storage::sqlite
