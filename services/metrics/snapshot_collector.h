// Metrics read at scrape time from counters the server keeps anyway (cache,
// admission, store, process), so the hot path pays nothing for them.
#pragma once

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace refnet::metrics {

// One sample: its labels and value.
struct Sample {
  std::vector<std::pair<std::string, std::string>> labels;
  double value = 0;
};

prometheus::MetricFamily CounterFamily(std::string name, std::string help,
                                       const std::vector<Sample>& samples);
prometheus::MetricFamily GaugeFamily(std::string name, std::string help,
                                     const std::vector<Sample>& samples);

// A Collectable that calls `collect` at every scrape.
class SnapshotCollector final : public prometheus::Collectable {
 public:
  using Collect_ = std::function<std::vector<prometheus::MetricFamily>()>;
  explicit SnapshotCollector(Collect_ collect) : collect_(std::move(collect)) {}
  std::vector<prometheus::MetricFamily> Collect() const override { return collect_(); }

 private:
  Collect_ collect_;
};

// The process metrics every Prometheus client exports: process_cpu_seconds_total,
// process_resident_memory_bytes, process_virtual_memory_bytes,
// process_open_fds, process_max_fds, process_start_time_seconds, from /proc.
std::vector<prometheus::MetricFamily> ProcessMetrics();

}  // namespace refnet::metrics
