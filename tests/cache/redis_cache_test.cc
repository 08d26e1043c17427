// The cache protocol against a real redis-server: versions, tombstones,
// generations, key layout and script reloads.
#include "services/cache/redis/redis_cache.h"

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/cache/redis/wire_format.h"
#include "tests/cache/cache_test_util.h"
#include "tests/cache/redis_process.h"

namespace refnet::cache {
namespace {

using ::refnet::testing::RedisProcess;
using ::testing::Optional;

class RedisCacheTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    redis_ = new RedisProcess();
    absl::Status started = redis_->Start();
    ASSERT_TRUE(started.ok()) << started;
  }
  static void TearDownTestSuite() {
    delete redis_;
    redis_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(redis_->running());
    cache_ = testing::NewCache(testing::TestOptions(*redis_));
    firm_ = std::string("firm-") + ::testing::UnitTest::GetInstance()->current_test_info()->name();
  }

  // A Get that must be answered (Redis is up in these tests).
  CacheRead Read(const std::string& key, const std::string& firm = "") {
    std::optional<CacheRead> read = cache_->Get(firm.empty() ? firm_ : firm, key);
    EXPECT_TRUE(read.has_value()) << "cache unavailable while Redis runs";
    return read.value_or(CacheRead{});
  }

  static RedisProcess* redis_;
  std::unique_ptr<RedisCache> cache_;
  std::string firm_;
};

RedisProcess* RedisCacheTest::redis_ = nullptr;

TEST_F(RedisCacheTest, MissThenFillThenHit) {
  CacheRead miss = Read("alice|bob");
  EXPECT_EQ(miss.value, std::nullopt);
  EXPECT_FALSE(miss.generation.empty());
  cache_->Fill(firm_, miss.generation, "alice|bob", 3, "net=+2");
  CacheRead hit = Read("alice|bob");
  EXPECT_THAT(hit.value, Optional(std::string("net=+2")));
  EXPECT_EQ(hit.version, 3);
  EXPECT_EQ(hit.generation, miss.generation);
  CacheStats stats = cache_->stats();
  EXPECT_EQ(stats.hits, 1);
  EXPECT_EQ(stats.misses, 1);
  EXPECT_EQ(stats.fills_stored, 1);
  EXPECT_TRUE(cache_->Available());
}

TEST_F(RedisCacheTest, FillNeverReplacesANewerOrEqualVersion) {
  const std::string generation = Read("k").generation;
  cache_->Fill(firm_, generation, "k", 5, "five");
  cache_->Fill(firm_, generation, "k", 4, "four");
  cache_->Fill(firm_, generation, "k", 5, "another five");
  CacheRead read = Read("k");
  EXPECT_THAT(read.value, Optional(std::string("five")));
  EXPECT_EQ(read.version, 5);
  cache_->Fill(firm_, generation, "k", 6, "six");
  EXPECT_THAT(Read("k").value, Optional(std::string("six")));
  EXPECT_EQ(cache_->stats().fills_refused, 2);
}

TEST_F(RedisCacheTest, TombstoneRefusesOlderFillsButAcceptsItsOwnVersion) {
  const std::string generation = Read("k").generation;
  cache_->Fill(firm_, generation, "k", 6, "six");
  std::optional<std::string> tombstoned = cache_->Tombstone(firm_, {{"k", 7}, {"other", 1}});
  EXPECT_THAT(tombstoned, Optional(generation));
  CacheRead hidden = Read("k");
  EXPECT_EQ(hidden.value, std::nullopt) << "a key being written is a miss";
  EXPECT_EQ(hidden.version, 7);
  cache_->Fill(firm_, generation, "k", 6, "six again");
  EXPECT_EQ(Read("k").value, std::nullopt);
  cache_->Fill(firm_, generation, "k", 7, "seven");
  EXPECT_THAT(Read("k").value, Optional(std::string("seven")));
}

TEST_F(RedisCacheTest, LateTombstoneKeepsANewerValue) {
  const std::string generation = Read("k").generation;
  cache_->Fill(firm_, generation, "k", 9, "nine");
  ASSERT_TRUE(cache_->Tombstone(firm_, {{"k", 8}}).has_value());
  ASSERT_TRUE(cache_->Tombstone(firm_, {{"k", 9}}).has_value());
  EXPECT_THAT(Read("k").value, Optional(std::string("nine")));
}

TEST_F(RedisCacheTest, FillInARetiredGenerationIsRefused) {
  const std::string old_generation = Read("k").generation;
  cache_->Fill(firm_, old_generation, "k", 1, "one");
  cache_->RotateGeneration(firm_);
  CacheRead read = Read("k");
  EXPECT_NE(read.generation, old_generation);
  EXPECT_EQ(read.value, std::nullopt) << "rotation makes every key unreachable";
  cache_->Fill(firm_, old_generation, "k", 2, "two");
  EXPECT_EQ(Read("k").value, std::nullopt);
}

// A write in flight while the generation changes (e.g. RebuildCache) still
// keeps readers that read the store before its commit from filling.
TEST_F(RedisCacheTest, TombstoneOutlivesAGenerationChange) {
  std::optional<std::string> writer = cache_->Tombstone(firm_, {{"k", 2}});  // before commit
  ASSERT_TRUE(writer.has_value());
  cache_->RotateGeneration(firm_);
  CacheRead reader = Read("k");
  EXPECT_NE(reader.generation, *writer);
  cache_->Fill(firm_, reader.generation, "k", 1, "one");  // read before the commit
  EXPECT_EQ(Read("k").value, std::nullopt);
  // The commit of version 2 happens here.
  cache_->TombstoneAfterCommit(firm_, {{"k", 2}});
  cache_->Fill(firm_, *writer, "k", 2, "two");
  EXPECT_EQ(Read("k").value, std::nullopt) << "the writer's generation was retired";
  cache_->Fill(firm_, Read("k").generation, "k", 2, "two");  // the next reader
  EXPECT_THAT(Read("k").value, Optional(std::string("two")));
}

// FLUSHALL while a write is in flight drops its tombstone; a reader may then
// fill the older version, and the tombstone after the commit hides it again.
TEST_F(RedisCacheTest, TombstoneAfterCommitRestoresWhatAFlushLost) {
  std::optional<std::string> writer = cache_->Tombstone(firm_, {{"k", 2}});
  ASSERT_TRUE(writer.has_value());
  ASSERT_TRUE(redis_->FlushAll().ok());
  CacheRead reader = Read("k");
  cache_->Fill(firm_, reader.generation, "k", 1, "one");  // read before the commit
  EXPECT_THAT(Read("k").value, Optional(std::string("one"))) << "the write is not done yet";
  // The commit of version 2 happens here.
  cache_->TombstoneAfterCommit(firm_, {{"k", 2}});
  EXPECT_EQ(Read("k").value, std::nullopt);
  cache_->Fill(firm_, reader.generation, "k", 1, "one");  // a late reader
  EXPECT_EQ(Read("k").value, std::nullopt);
  cache_->Fill(firm_, Read("k").generation, "k", 2, "two");
  EXPECT_THAT(Read("k").value, Optional(std::string("two")));
}

// Writer A commits version 1 and stalls; writer B commits and completes
// version 2; the generation changes; A finishes. A's fill must not bring
// version 1 back, which is why it uses the generation from before its commit.
TEST_F(RedisCacheTest, StalledWriterCannotPutBackAnOverwrittenVersion) {
  std::optional<std::string> a = cache_->Tombstone(firm_, {{"k", 1}});
  ASSERT_TRUE(a.has_value());
  // A commits version 1, then stalls.
  std::optional<std::string> b = cache_->Tombstone(firm_, {{"k", 2}});
  ASSERT_TRUE(b.has_value());
  // B commits version 2.
  cache_->TombstoneAfterCommit(firm_, {{"k", 2}});
  cache_->Fill(firm_, *b, "k", 2, "two");
  EXPECT_THAT(Read("k").value, Optional(std::string("two")));
  cache_->RotateGeneration(firm_);
  cache_->TombstoneAfterCommit(firm_, {{"k", 1}});  // A resumes
  cache_->Fill(firm_, *a, "k", 1, "one");
  CacheRead read = Read("k");
  EXPECT_EQ(read.value, std::nullopt);
  cache_->Fill(firm_, read.generation, "k", 2, "two");  // the next reader
  EXPECT_THAT(Read("k").value, Optional(std::string("two")));
}

TEST_F(RedisCacheTest, FlushAllStartsAFreshGeneration) {
  const std::string old_generation = Read("k").generation;
  cache_->Fill(firm_, old_generation, "k", 1, "one");
  ASSERT_TRUE(redis_->FlushAll().ok());
  CacheRead read = Read("k");
  EXPECT_NE(read.generation, old_generation);
  EXPECT_EQ(read.value, std::nullopt);
  cache_->Fill(firm_, old_generation, "k", 1, "one");  // a fill that read before the flush
  EXPECT_EQ(Read("k").value, std::nullopt);
}

TEST_F(RedisCacheTest, FirmsDoNotSeeEachOther) {
  const std::string other = firm_ + "-other";
  cache_->Fill(firm_, Read("k").generation, "k", 1, "mine");
  EXPECT_EQ(Read("k", other).value, std::nullopt);
  cache_->Fill(other, Read("k", other).generation, "k", 1, "theirs");
  cache_->RotateGeneration(firm_);
  EXPECT_THAT(Read("k", other).value, Optional(std::string("theirs")));
  EXPECT_EQ(Read("k").value, std::nullopt);
}

TEST_F(RedisCacheTest, KeysCarryTheFirmHashTagAndVersionedEntries) {
  const std::string generation = Read("alice|bob").generation;
  cache_->Fill(firm_, generation, "alice|bob", 12, "payload");
  const std::string value_key = "refnet:{" + firm_ + "}:g:" + generation + ":alice|bob";
  EXPECT_EQ(redis_->Command({"GET", "refnet:{" + firm_ + "}:gen"}).value_or(""), generation);
  absl::StatusOr<std::string> stored = redis_->Command({"GET", value_key});
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(*stored, "v:" + EncodeVersion(12) + ":payload");
  absl::StatusOr<std::string> ttl = redis_->Command({"PTTL", value_key});
  ASSERT_TRUE(ttl.ok());
  EXPECT_GT(std::stoll(*ttl), 0) << "cached entries expire";
  ASSERT_TRUE(cache_->Tombstone(firm_, {{"alice|bob", 13}}).has_value());
  EXPECT_EQ(redis_->Command({"GET", value_key}).value_or(""), "t:" + EncodeVersion(13));
  EXPECT_EQ(redis_->Command({"GET", "refnet:{" + firm_ + "}:f:alice|bob"}).value_or(""),
            EncodeVersion(13));
}

TEST_F(RedisCacheTest, BinaryKeysAndValuesRoundTrip) {
  const std::string key("a:b\0{c}", 7);
  const std::string value("\0v:1:\xff\r\n", 8);
  cache_->Fill(firm_, Read(key).generation, key, 1, value);
  EXPECT_THAT(Read(key).value, Optional(value));
}

TEST_F(RedisCacheTest, ScriptFlushIsReloadedTransparently) {
  cache_->Fill(firm_, Read("k").generation, "k", 1, "one");
  ASSERT_TRUE(redis_->ScriptFlush().ok());
  EXPECT_THAT(Read("k").value, Optional(std::string("one")));
  ASSERT_TRUE(redis_->ScriptFlush().ok());
  cache_->Fill(firm_, Read("k").generation, "k", 2, "two");
  EXPECT_THAT(Read("k").value, Optional(std::string("two")));
  EXPECT_GE(cache_->stats().script_loads, 2);
  EXPECT_EQ(cache_->stats().errors, 0);
}

TEST_F(RedisCacheTest, InvalidFirmIsUnavailable) {
  EXPECT_EQ(cache_->Get("a{b", "k"), std::nullopt);
  EXPECT_EQ(cache_->Get("", "k"), std::nullopt);
  EXPECT_EQ(cache_->Get(firm_, ""), std::nullopt);
}

// A tombstone the cache cannot write (here: a negative version) must not
// leave the older value readable: everything is invalidated instead.
TEST_F(RedisCacheTest, TombstoneThatCannotBeWrittenInvalidatesEverything) {
  cache_->Fill(firm_, Read("k").generation, "k", 1, "one");
  EXPECT_EQ(cache_->Tombstone(firm_, {{"k", -1}}), std::nullopt);
  EXPECT_FALSE(cache_->Available());
  EXPECT_EQ(Read("k").value, std::nullopt);
  EXPECT_TRUE(cache_->Available());
}

TEST_F(RedisCacheTest, UsesTheDatabaseNamedInTheUrl) {
  absl::StatusOr<RedisOptions> options = ParseRedisUrl(redis_->url() + "/2");
  ASSERT_TRUE(options.ok());
  std::unique_ptr<RedisCache> cache = testing::NewCache(*options);
  std::optional<CacheRead> read = cache->Get(firm_, "k");
  ASSERT_TRUE(read.has_value());
  absl::StatusOr<std::string> in_db2 =
      redis_->Command({"EVAL", "redis.call('SELECT', 2) return redis.call('EXISTS', KEYS[1])", "1",
                       "refnet:{" + firm_ + "}:gen"});
  EXPECT_EQ(in_db2.value_or(""), "1");
  EXPECT_EQ(redis_->Command({"EXISTS", "refnet:{" + firm_ + "}:gen"}).value_or(""), "0");
}

}  // namespace
}  // namespace refnet::cache
