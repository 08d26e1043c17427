// Turning merged samples into the numbers reports print.
#include "clients/loadgen/stats.h"

#include "clients/loadgen/status_names.h"

namespace refnet::loadgen {
namespace {

double Ms(uint64_t us) { return static_cast<double>(us) / 1000.0; }

}  // namespace

void MethodSamples::Merge(const MethodSamples& other) {
  calls += other.calls;
  completed_in_window += other.completed_in_window;
  latency.Merge(other.latency);
  ok_latency.Merge(other.ok_latency);
  refused_latency.Merge(other.refused_latency);
  for (const auto& [code, count] : other.errors) errors[code] += count;
}

MethodStats Summarize(const std::string& method, const MethodSamples& samples, double window_s) {
  MethodStats stats;
  stats.method = method;
  stats.calls = samples.calls;
  stats.rps = window_s > 0 ? static_cast<double>(samples.completed_in_window) / window_s : 0;
  stats.p50_ms = Ms(samples.latency.PercentileUs(50));
  stats.p90_ms = Ms(samples.latency.PercentileUs(90));
  stats.p99_ms = Ms(samples.latency.PercentileUs(99));
  stats.p999_ms = Ms(samples.latency.PercentileUs(99.9));
  stats.mean_ms = samples.latency.mean_us() / 1000.0;
  stats.max_ms = Ms(samples.latency.max_us());
  stats.ok_p50_ms = Ms(samples.ok_latency.PercentileUs(50));
  stats.ok_p99_ms = Ms(samples.ok_latency.PercentileUs(99));
  stats.refused = samples.refused_latency.count();
  stats.refused_p50_ms = Ms(samples.refused_latency.PercentileUs(50));
  stats.refused_p99_ms = Ms(samples.refused_latency.PercentileUs(99));
  stats.refused_max_ms = Ms(samples.refused_latency.max_us());
  for (const auto& [code, count] : samples.errors) {
    stats.errors += count;
    stats.errors_by_code[StatusCodeName(code)] += count;
  }
  return stats;
}

}  // namespace refnet::loadgen
