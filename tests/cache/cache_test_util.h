// Shared by the cache tests: a RedisCache on a test's redis-server, and a
// bounded wait for the cache to serve again after an outage.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/cache/redis/redis_cache.h"
#include "tests/cache/redis_process.h"

namespace refnet::cache::testing {

// Generous timeouts: a loaded CI machine must not turn into failed
// assertions. Outage tests pass shorter ones.
inline RedisOptions TestOptions(const refnet::testing::RedisProcess& redis) {
  absl::StatusOr<RedisOptions> options = ParseRedisUrl(redis.url());
  EXPECT_TRUE(options.ok()) << options.status();
  options->command_timeout = absl::Milliseconds(500);
  options->connect_timeout = absl::Milliseconds(500);
  options->breaker_cooldown = absl::Milliseconds(100);
  return *options;
}

inline std::unique_ptr<RedisCache> NewCache(const RedisOptions& options) {
  absl::StatusOr<std::unique_ptr<RedisCache>> cache = RedisCache::Create(options);
  EXPECT_TRUE(cache.ok()) << cache.status();
  return std::move(*cache);
}

// Calls Get until the cache answers again (at most ~20 s, far beyond any
// cool-down the tests use); nullopt if it never does.
inline std::optional<CacheRead> GetWhenServed(RedisCache& cache, const std::string& firm,
                                              const std::string& key) {
  for (int i = 0; i < 2000; ++i) {
    std::optional<CacheRead> read = cache.Get(firm, key);
    if (read.has_value()) return read;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return std::nullopt;
}

}  // namespace refnet::cache::testing
