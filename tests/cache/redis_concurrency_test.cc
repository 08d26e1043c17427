// Readers, writers and generation changes racing on a few keys, with the
// store modelled in memory. The property checked on every hit: the version
// served is at least the newest version whose write had completed (commit
// plus the tombstone after it) before the read began, it was committed, and
// the value is the one committed at that version.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/cache/redis/redis_cache.h"
#include "tests/cache/cache_test_util.h"
#include "tests/cache/redis_process.h"

namespace refnet::cache {
namespace {

using ::refnet::testing::RedisProcess;

constexpr char kFirm[] = "race";
constexpr int kKeys = 3;
constexpr int kWriters = 2;
constexpr int kReaders = 4;
constexpr int kWritesPerWriter = 300;

std::string ValueAt(int64_t version) { return absl::StrCat("value@", version); }

// One key in the store: writes are serialized as a database would.
struct StoredKey {
  std::mutex write_lock;
  std::atomic<int64_t> committed{0};
  std::atomic<int64_t> completed{0};
};

class Workload {
 public:
  explicit Workload(RedisCache& cache) : cache_(cache) {}

  // The write protocol of versioned_cache.h.
  void Write(int index) {
    StoredKey& stored = keys_[index];
    const std::string key = absl::StrCat("k", index);
    int64_t version;
    std::optional<std::string> generation;
    {
      std::lock_guard<std::mutex> lock(stored.write_lock);
      version = stored.committed.load() + 1;
      generation = cache_.Tombstone(kFirm, {{key, version}});
      // A commit takes a while (fsync); readers and rotations slip in here.
      std::this_thread::sleep_for(std::chrono::microseconds(500));
      stored.committed.store(version);
    }
    cache_.TombstoneAfterCommit(kFirm, {{key, version}});
    if (generation.has_value()) cache_.Fill(kFirm, *generation, key, version, ValueAt(version));
    int64_t done = stored.completed.load();
    while (done < version && !stored.completed.compare_exchange_weak(done, version)) {
    }
  }

  // The read protocol, checking each hit.
  void Read(int index) {
    StoredKey& stored = keys_[index];
    const std::string key = absl::StrCat("k", index);
    const int64_t floor = stored.completed.load();
    std::optional<CacheRead> read = cache_.Get(kFirm, key);
    if (!read.has_value()) return;
    if (read->value.has_value()) {
      hits_.fetch_add(1);
      EXPECT_GE(read->version, floor) << key << " served a version older than a completed write";
      EXPECT_LE(read->version, stored.committed.load()) << key << " served an uncommitted version";
      EXPECT_EQ(*read->value, ValueAt(read->version));
      return;
    }
    const int64_t version = stored.committed.load();  // the store read
    cache_.Fill(kFirm, read->generation, key, version, ValueAt(version));
  }

  int64_t hits() const { return hits_.load(); }

 private:
  RedisCache& cache_;
  StoredKey keys_[kKeys];
  std::atomic<int64_t> hits_{0};
};

// Runs writers and readers to completion while `disturb` runs alongside.
template <typename Disturb>
int64_t RunWorkload(RedisCache& cache, Disturb disturb) {
  Workload workload(cache);
  std::atomic<bool> writing{true};
  std::vector<std::thread> threads;
  threads.reserve(kWriters + kReaders);
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&] {
      absl::BitGen random;
      for (int i = 0; i < kWritesPerWriter; ++i) {
        workload.Write(absl::Uniform(random, 0, kKeys));
        // Spreads the writes so that reads and disturbances interleave with them.
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    });
  }
  for (int r = 0; r < kReaders; ++r) {
    threads.emplace_back([&] {
      absl::BitGen random;
      while (writing.load()) workload.Read(absl::Uniform(random, 0, kKeys));
    });
  }
  std::thread disturber([&] { disturb(writing); });
  for (int w = 0; w < kWriters; ++w) threads[w].join();
  writing.store(false);
  for (size_t t = kWriters; t < threads.size(); ++t) threads[t].join();
  disturber.join();
  return workload.hits();
}

class RedisConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::Status started = redis_.Start();
    ASSERT_TRUE(started.ok()) << started;
  }
  RedisProcess redis_;
};

TEST_F(RedisConcurrencyTest, NoHitIsOlderThanACompletedWrite) {
  std::unique_ptr<RedisCache> cache = testing::NewCache(testing::TestOptions(redis_));
  int64_t hits = RunWorkload(*cache, [&](std::atomic<bool>& writing) {
    while (writing.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      cache->RotateGeneration(kFirm);
    }
  });
  EXPECT_GT(hits, 0) << "the workload never hit the cache; it tested nothing";
}

TEST_F(RedisConcurrencyTest, NoHitIsOlderThanACompletedWriteAcrossPausesAndFlushes) {
  RedisOptions options = testing::TestOptions(redis_);
  options.command_timeout = absl::Milliseconds(50);
  options.breaker_cooldown = absl::Milliseconds(50);
  std::unique_ptr<RedisCache> cache = testing::NewCache(options);
  int64_t hits = RunWorkload(*cache, [&](std::atomic<bool>& writing) {
    for (int round = 0; writing.load(); ++round) {
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
      switch (round % 3) {
        case 0:
          redis_.Pause();
          std::this_thread::sleep_for(std::chrono::milliseconds(120));
          redis_.Resume();
          break;
        case 1:
          ASSERT_TRUE(redis_.FlushAll().ok());
          break;
        default:
          ASSERT_TRUE(redis_.ScriptFlush().ok());
      }
    }
  });
  EXPECT_GT(hits, 0);
}

}  // namespace
}  // namespace refnet::cache
