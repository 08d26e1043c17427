// refnet-server's Prometheus metrics (--metrics-listen): the per-RPC series
// (grpc_server_*), refnet's own (refnet_*) and the process's (process_*).
//
// refnet_* metrics, none labelled by firm (a server holds any number of
// firms, so a firm label would be unbounded):
//   refnet_build_info{version, revision}                       gauge, 1
//   refnet_cache_requests_total{tier="near"|"redis",
//     result="hit"|"miss"|"error"|"breaker_open"}              counter
//   refnet_cache_breaker_state{state="closed"|"open"|"probing"} gauge, 1 for the current
//   refnet_near_cache_entries                                  gauge
//   refnet_store_commit_seconds                                histogram, per group commit
//   refnet_store_group_commit_writes                           histogram, writes per commit
//   refnet_store_wal_bytes                                     gauge
//   refnet_calls_in_flight                                     gauge
//   refnet_calls_refused_total{reason="firm_rate_limit"|"firm_in_flight"|
//     "server_in_flight"|"handler_queue_full"}                 counter
//   refnet_handler_queue_depth                                 gauge
// The Redis series exist only with --redis, the near cache's only on the
// embedded store.
#pragma once

#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/cache/redis/redis_cache.h"
#include "services/common/rpc/call_runner.h"
#include "services/ledger/cache/near_cache.h"
#include "services/metrics/grpc_server_metrics.h"
#include "services/metrics/metrics_endpoint.h"
#include "services/storage/sqlite/sqlite_store.h"

namespace refnet::server {

// What the refnet_* metrics are read from; each may be null but the runner.
struct MetricSources {
  const rpc::CallRunner* runner = nullptr;
  const cache::RedisCache* redis = nullptr;
  const ledger::NearCache* near = nullptr;
  const storage::sqlite::SqliteStore* store = nullptr;
};

class ServerMetrics {
 public:
  // The per-RPC series cover `services` (full names). Serving starts with
  // Serve.
  explicit ServerMetrics(const std::vector<std::string>& services);

  metrics::GrpcServerMetrics& grpc() { return *grpc_; }
  // For SqliteStore::set_commit_observer.
  void ObserveCommit(absl::Duration took, size_t writes);

  // Serves /metrics on `address`, reading `sources` at each scrape.
  absl::Status Serve(const std::string& address, MetricSources sources);
  int port() const { return endpoint_ == nullptr ? 0 : endpoint_->port(); }
  // Stops serving scrapes (before the sources go away).
  void StopServing() { endpoint_.reset(); }

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<metrics::GrpcServerMetrics> grpc_;
  prometheus::Histogram* commit_seconds_;
  prometheus::Histogram* group_writes_;
  std::unique_ptr<metrics::MetricsEndpoint> endpoint_;
};

}  // namespace refnet::server
