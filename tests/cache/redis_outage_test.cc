// Losing Redis only slows the cache down: calls return "unavailable" instead
// of hanging, and nothing cached before an outage, a restart or a pause is
// served once the cache recovers.
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/cache/redis/redis_cache.h"
#include "tests/cache/cache_test_util.h"
#include "tests/cache/redis_process.h"

namespace refnet::cache {
namespace {

using ::refnet::testing::RedisProcess;
using ::testing::Optional;

constexpr char kFirm[] = "acme";
constexpr char kKey[] = "alice|bob";

class RedisOutageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::Status started = redis_.Start();
    ASSERT_TRUE(started.ok()) << started;
  }

  // Short timeouts so an outage is noticed quickly; the tests still only
  // assert that calls return, never how fast.
  std::unique_ptr<RedisCache> OutageCache(absl::Duration cooldown = absl::Milliseconds(100)) {
    RedisOptions options = testing::TestOptions(redis_);
    options.command_timeout = absl::Milliseconds(100);
    options.connect_timeout = absl::Milliseconds(100);
    options.breaker_cooldown = cooldown;
    return testing::NewCache(options);
  }

  // Fills kKey with `value` at version 1 and checks that it is served.
  void Cache(RedisCache& cache, const std::string& value) {
    std::optional<CacheRead> read = cache.Get(kFirm, kKey);
    ASSERT_TRUE(read.has_value());
    cache.Fill(kFirm, read->generation, kKey, 1, value);
    ASSERT_THAT(cache.Get(kFirm, kKey),
                Optional(::testing::Field(&CacheRead::value, Optional(value))));
  }

  std::string ValueKey(const std::string& generation) const {
    return std::string("refnet:{") + kFirm + "}:g:" + generation + ":" + kKey;
  }

  RedisProcess redis_;
};

TEST_F(RedisOutageTest, CrashedRedisIsUnavailableAndItsSnapshotIsNeverServed) {
  std::unique_ptr<RedisCache> cache = OutageCache();
  Cache(*cache, "before the crash");
  const std::string old_generation = cache->Get(kFirm, kKey)->generation;
  ASSERT_TRUE(redis_.Save().ok());  // the restarted server reloads this
  redis_.Kill();

  for (int i = 0; i < 5; ++i) EXPECT_EQ(cache->Get(kFirm, kKey), std::nullopt);
  EXPECT_FALSE(cache->Available());
  EXPECT_EQ(cache->stats().breaker_state, BreakerState::kOpen);
  EXPECT_EQ(cache->Tombstone(kFirm, {{kKey, 2}}), std::nullopt);
  cache->Fill(kFirm, old_generation, kKey, 2, "during the outage");

  ASSERT_TRUE(redis_.Start().ok());
  ASSERT_EQ(redis_.Command({"EXISTS", ValueKey(old_generation)}).value_or(""), "1")
      << "the snapshot brought the old entry back";
  std::optional<CacheRead> read = testing::GetWhenServed(*cache, kFirm, kKey);
  ASSERT_TRUE(read.has_value()) << "the cache recovers";
  EXPECT_EQ(read->value, std::nullopt);
  EXPECT_NE(read->generation, old_generation);
  EXPECT_GE(cache->stats().breaker_opens, 1);
}

TEST_F(RedisOutageTest, RestartBetweenCallsIsNoticedWithoutAnOpenBreaker) {
  std::unique_ptr<RedisCache> cache = OutageCache();
  Cache(*cache, "before the restart");
  ASSERT_TRUE(redis_.Save().ok());
  ASSERT_TRUE(redis_.Restart().ok());
  std::optional<CacheRead> read = testing::GetWhenServed(*cache, kFirm, kKey);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->value, std::nullopt) << "a reloaded snapshot may be stale";
  EXPECT_EQ(cache->stats().breaker_opens, 0) << "the new run_id alone invalidated";
}

TEST_F(RedisOutageTest, PausedRedisTimesOutAndAFillQueuedDuringThePauseIsNeverServed) {
  // A long cool-down keeps the cache from probing before the queued fill ran.
  std::unique_ptr<RedisCache> cache = OutageCache(absl::Seconds(1));
  std::optional<CacheRead> before = cache->Get(kFirm, kKey);
  ASSERT_TRUE(before.has_value());

  redis_.Pause();
  // The fill's bytes wait in the server's socket; the server runs the
  // script after it resumes, long after this call gave up.
  cache->Fill(kFirm, before->generation, kKey, 5, "queued during the pause");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(cache->Get(kFirm, kKey), std::nullopt);
  EXPECT_FALSE(cache->Available());
  redis_.Resume();

  bool landed = false;
  for (int i = 0; i < 200 && !landed; ++i) {
    landed = redis_.Command({"EXISTS", ValueKey(before->generation)}).value_or("") == "1";
    if (!landed) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(landed) << "the queued fill should have run in the generation readers used";
  std::optional<CacheRead> after = testing::GetWhenServed(*cache, kFirm, kKey);
  ASSERT_TRUE(after.has_value()) << "the cache recovers";
  EXPECT_EQ(after->value, std::nullopt);
  EXPECT_NE(after->generation, before->generation);
}

// Redis answers but refuses the tombstone (here: out of memory). The writer
// commits anyway, so the older value must not be served afterwards.
TEST_F(RedisOutageTest, RefusedTombstoneLeavesNoOlderValueReadable) {
  std::unique_ptr<RedisCache> cache = OutageCache();
  Cache(*cache, "version one");
  ASSERT_TRUE(redis_.Command({"CONFIG", "SET", "maxmemory", "1"}).ok());
  EXPECT_EQ(cache->Tombstone(kFirm, {{kKey, 2}}), std::nullopt);
  EXPECT_FALSE(cache->Available()) << "one failed tombstone is enough to stop serving";
  EXPECT_EQ(cache->stats().breaker_state, BreakerState::kClosed);
  ASSERT_TRUE(redis_.Command({"CONFIG", "SET", "maxmemory", "0"}).ok());
  // Version 2 is committed in the store now.
  std::optional<CacheRead> read = testing::GetWhenServed(*cache, kFirm, kKey);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->value, std::nullopt);
}

TEST_F(RedisOutageTest, OpenBreakerRefusesWithoutTouchingTheNetwork) {
  std::unique_ptr<RedisCache> cache = OutageCache(absl::Hours(1));
  Cache(*cache, "cached");
  redis_.Kill();
  while (cache->stats().breaker_state != BreakerState::kOpen) {
    ASSERT_EQ(cache->Get(kFirm, kKey), std::nullopt);
  }
  const CacheStats opened = cache->stats();
  ASSERT_TRUE(redis_.Start().ok());
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(cache->Get(kFirm, kKey), std::nullopt);
    cache->Fill(kFirm, "any", kKey, 9, "x");
    EXPECT_EQ(cache->Tombstone(kFirm, {{kKey, 9}}), std::nullopt);
  }
  EXPECT_EQ(cache->stats().errors, opened.errors) << "no command was attempted";
  EXPECT_EQ(cache->stats().unavailable, opened.unavailable + 300);
}

TEST_F(RedisOutageTest, StartsWhileRedisIsDownAndCatchesUp) {
  redis_.Kill();
  std::unique_ptr<RedisCache> cache = OutageCache();
  EXPECT_EQ(cache->Get(kFirm, kKey), std::nullopt);
  ASSERT_TRUE(redis_.Start().ok());
  std::optional<CacheRead> read = testing::GetWhenServed(*cache, kFirm, kKey);
  ASSERT_TRUE(read.has_value());
  cache->Fill(kFirm, read->generation, kKey, 1, "one");
  EXPECT_THAT(cache->Get(kFirm, kKey),
              Optional(::testing::Field(&CacheRead::value, Optional(std::string("one")))));
}

}  // namespace
}  // namespace refnet::cache
