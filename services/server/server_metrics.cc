// The registry, the store's histograms and the scrape-time snapshot.
#include "services/server/server_metrics.h"

#include <string>

#include "services/common/build_info.h"
#include "services/metrics/snapshot_collector.h"

namespace refnet::server {
namespace {

using metrics::CounterFamily;
using metrics::GaugeFamily;
using metrics::Sample;

std::vector<prometheus::MetricFamily> RefnetMetrics(const MetricSources& sources) {
  std::vector<prometheus::MetricFamily> families;
  families.push_back(GaugeFamily(
      "refnet_build_info", "The version and source revision refnet-server was built from.",
      {{{{"version", std::string(BuildVersion())}, {"revision", std::string(BuildRevision())}},
        1}}));

  std::vector<Sample> cache;
  if (sources.near != nullptr) {
    ledger::NearCache::Stats near = sources.near->stats();
    cache.push_back({{{"tier", "near"}, {"result", "hit"}}, static_cast<double>(near.hits)});
    cache.push_back({{{"tier", "near"}, {"result", "miss"}}, static_cast<double>(near.misses)});
    families.push_back(GaugeFamily("refnet_near_cache_entries",
                                   "Pair balances held in this process.",
                                   {{{}, static_cast<double>(near.entries)}}));
  }
  if (sources.redis != nullptr) {
    cache::CacheStats redis = sources.redis->stats();
    auto redis_sample = [](const char* result, int64_t value) {
      return Sample{{{"tier", "redis"}, {"result", result}}, static_cast<double>(value)};
    };
    cache.push_back(redis_sample("hit", redis.hits));
    cache.push_back(redis_sample("miss", redis.misses));
    cache.push_back(redis_sample("error", redis.errors));
    cache.push_back(redis_sample("breaker_open", redis.breaker_refused));
    std::vector<Sample> breaker;
    for (auto [state, name] : {std::pair{cache::BreakerState::kClosed, "closed"},
                               {cache::BreakerState::kOpen, "open"},
                               {cache::BreakerState::kProbing, "probing"}}) {
      breaker.push_back({{{"state", name}}, redis.breaker_state == state ? 1.0 : 0.0});
    }
    families.push_back(GaugeFamily(
        "refnet_cache_breaker_state",
        "The Redis circuit breaker's state: 1 for the current one. Open: reads go to the store.",
        breaker));
  }
  if (!cache.empty()) {
    families.push_back(CounterFamily(
        "refnet_cache_requests_total",
        "Balance cache lookups by tier and result (Redis commands of every kind for errors).",
        cache));
  }

  if (sources.store != nullptr) {
    families.push_back(GaugeFamily("refnet_store_wal_bytes",
                                   "Size of the SQLite write-ahead log on disk.",
                                   {{{}, static_cast<double>(sources.store->WalBytes())}}));
    families.push_back(
        GaugeFamily("refnet_store_disk_full",
                    "1 while writes are refused because the store's disk is full; reads go on.",
                    {{{}, sources.store->HasDiskSpace() ? 0.0 : 1.0}}));
    families.push_back(
        CounterFamily("refnet_store_disk_full_episodes_total", "Times the store's disk filled up.",
                      {{{}, static_cast<double>(sources.store->DiskFullEpisodes())}}));
    storage::sqlite::SqliteStore::Pruned pruned = sources.store->PrunedTotal();
    families.push_back(CounterFamily(
        "refnet_store_pruned_rows_total", "Rows deleted past their retention, by table.",
        {{{{"table", "events"}}, static_cast<double>(pruned.events)},
         {{{"table", "idempotency"}}, static_cast<double>(pruned.request_ids)}}));
    families.push_back(GaugeFamily("refnet_store_disk_free_bytes",
                                   "Free space on the file system the store is on.",
                                   {{{}, static_cast<double>(sources.store->DiskFreeBytes())}}));
  }

  rpc::CallStats calls = sources.runner->stats();
  families.push_back(GaugeFamily("refnet_calls_in_flight",
                                 "Calls admitted and not finished (queued, running, streams open).",
                                 {{{}, static_cast<double>(calls.in_flight)}}));
  families.push_back(CounterFamily(
      "refnet_calls_refused_total", "Calls refused RESOURCE_EXHAUSTED before they ran, by bound.",
      {{{{"reason", "firm_rate_limit"}}, static_cast<double>(calls.refused_firm_rate)},
       {{{"reason", "firm_in_flight"}}, static_cast<double>(calls.refused_firm_in_flight)},
       {{{"reason", "server_in_flight"}}, static_cast<double>(calls.refused_server_in_flight)},
       {{{"reason", "handler_queue_full"}}, static_cast<double>(calls.refused_queue_full)}}));
  families.push_back(GaugeFamily("refnet_handler_queue_depth",
                                 "Handler bodies waiting for a handler thread.",
                                 {{{}, static_cast<double>(calls.queued)}}));
  return families;
}

}  // namespace

ServerMetrics::ServerMetrics(const std::vector<std::string>& services)
    : registry_(std::make_shared<prometheus::Registry>()),
      grpc_(std::make_unique<metrics::GrpcServerMetrics>(*registry_, services)) {
  commit_seconds_ =
      &prometheus::BuildHistogram()
           .Name("refnet_store_commit_seconds")
           .Help("Time to run and commit one group of writes, fsync included.")
           .Register(*registry_)
           .Add({}, prometheus::Histogram::BucketBoundaries{0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                            0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5});
  group_writes_ =
      &prometheus::BuildHistogram()
           .Name("refnet_store_group_commit_writes")
           .Help("Writes that shared one commit.")
           .Register(*registry_)
           .Add({}, prometheus::Histogram::BucketBoundaries{1, 2, 4, 8, 16, 32, 64, 128, 256});
}

void ServerMetrics::ObserveCommit(absl::Duration took, size_t writes) {
  commit_seconds_->Observe(absl::ToDoubleSeconds(took));
  group_writes_->Observe(static_cast<double>(writes));
}

absl::Status ServerMetrics::Serve(const std::string& address, MetricSources sources) {
  auto refnet =
      std::make_shared<metrics::SnapshotCollector>([sources] { return RefnetMetrics(sources); });
  auto process = std::make_shared<metrics::SnapshotCollector>(metrics::ProcessMetrics);
  absl::StatusOr<std::unique_ptr<metrics::MetricsEndpoint>> endpoint =
      metrics::MetricsEndpoint::Start(address, {registry_, refnet, process});
  if (!endpoint.ok()) return endpoint.status();
  endpoint_ = *std::move(endpoint);
  return absl::OkStatus();
}

}  // namespace refnet::server
