// Latencies in log-linear buckets: exact below 128 µs, then 128 buckets per
// power of two (under 0.8% error).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace refnet::loadgen {

// Recording is an increment, memory is fixed however long a run lasts, and
// histograms of many threads merge by addition.
class LatencyHistogram {
 public:
  LatencyHistogram();

  void Record(uint64_t latency_us);
  void Merge(const LatencyHistogram& other);

  int64_t count() const { return count_; }
  uint64_t max_us() const { return max_us_; }
  double mean_us() const { return count_ == 0 ? 0 : static_cast<double>(sum_us_) / count_; }
  // The nearest-rank percentile, `percent` in (0, 100]: the smallest recorded
  // latency that at least `percent`% of samples do not exceed, to the
  // bucket's precision. 0 when nothing was recorded.
  uint64_t PercentileUs(double percent) const;

  // Bucket arithmetic, public for tests.
  static size_t BucketOf(uint64_t latency_us);
  static uint64_t BucketLowUs(size_t bucket);
  static uint64_t BucketHighUs(size_t bucket);  // inclusive

 private:
  std::vector<int64_t> counts_;
  int64_t count_ = 0;
  uint64_t sum_us_ = 0;
  uint64_t max_us_ = 0;
};

}  // namespace refnet::loadgen
