// Latency of the cache's hot paths against a real redis-server on loopback:
// a hit, a miss followed by its fill, and a Get refused by an open breaker.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/cache/redis/redis_cache.h"
#include "tests/cache/redis_process.h"

namespace refnet::cache {
namespace {

using ::refnet::testing::RedisProcess;

constexpr char kFirm[] = "bench";

// A static object, so the server is stopped when the benchmark exits.
RedisProcess& Redis() {
  static RedisProcess redis;
  if (!redis.running()) {
    absl::Status started = redis.Start();
    if (!started.ok()) {
      std::cerr << "cannot start redis-server: " << started << "\n";
      std::exit(1);
    }
  }
  return redis;
}

std::unique_ptr<RedisCache> NewCache(absl::Duration cooldown = absl::Seconds(1)) {
  absl::StatusOr<RedisOptions> options = ParseRedisUrl(Redis().url());
  options->breaker_cooldown = cooldown;
  return std::move(RedisCache::Create(*options).value());
}

void BM_GetHit(benchmark::State& state) {
  std::unique_ptr<RedisCache> cache = NewCache();
  std::optional<CacheRead> read = cache->Get(kFirm, "hot");
  cache->Fill(kFirm, read->generation, "hot", 1, std::string(64, 'x'));
  for (auto _ : state) {
    std::optional<CacheRead> hit = cache->Get(kFirm, "hot");
    if (!hit.has_value() || !hit->value.has_value()) state.SkipWithError("expected a hit");
    benchmark::DoNotOptimize(hit);
  }
}
BENCHMARK(BM_GetHit);

void BM_GetMissThenFill(benchmark::State& state) {
  std::unique_ptr<RedisCache> cache = NewCache();
  int64_t n = 0;
  for (auto _ : state) {
    const std::string key = absl::StrCat("cold-", n++);
    std::optional<CacheRead> miss = cache->Get(kFirm, key);
    if (!miss.has_value() || miss->value.has_value()) state.SkipWithError("expected a miss");
    cache->Fill(kFirm, miss->generation, key, 1, std::string(64, 'x'));
  }
}
BENCHMARK(BM_GetMissThenFill);

// An unused port: every call fails until the breaker opens, then is refused.
void BM_GetBreakerOpen(benchmark::State& state) {
  RedisProcess down;
  if (!down.Start().ok()) state.SkipWithError("cannot start redis-server");
  absl::StatusOr<RedisOptions> options = ParseRedisUrl(down.url());
  options->breaker_cooldown = absl::Hours(1);
  down.Kill();
  std::unique_ptr<RedisCache> cache = std::move(RedisCache::Create(*options).value());
  while (cache->stats().breaker_state != BreakerState::kOpen) cache->Get(kFirm, "k");
  for (auto _ : state) benchmark::DoNotOptimize(cache->Get(kFirm, "k"));
}
BENCHMARK(BM_GetBreakerOpen);

}  // namespace
}  // namespace refnet::cache

BENCHMARK_MAIN();
