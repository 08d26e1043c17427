// Bucket index = exact value below 2^7; above, the power of two and the next
// seven bits below the leading one.
#include "clients/loadgen/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace refnet::loadgen {
namespace {

constexpr int kSubBits = 7;
constexpr uint64_t kSubCount = uint64_t{1} << kSubBits;
// Latencies are clamped at 2^40 µs (about 12 days); deadlines end calls long before.
constexpr int kTopExponent = 40;
constexpr size_t kBucketCount = kSubCount + (kTopExponent - kSubBits + 1) * kSubCount;

}  // namespace

LatencyHistogram::LatencyHistogram() : counts_(kBucketCount, 0) {}

size_t LatencyHistogram::BucketOf(uint64_t latency_us) {
  if (latency_us < kSubCount) return static_cast<size_t>(latency_us);
  int exponent = static_cast<int>(std::bit_width(latency_us)) - 1;
  if (exponent > kTopExponent) return kBucketCount - 1;
  int shift = exponent - kSubBits;
  uint64_t sub = (latency_us >> shift) - kSubCount;
  return static_cast<size_t>(kSubCount + static_cast<uint64_t>(shift) * kSubCount + sub);
}

uint64_t LatencyHistogram::BucketLowUs(size_t bucket) {
  if (bucket < kSubCount) return bucket;
  uint64_t shift = (bucket - kSubCount) / kSubCount;
  uint64_t sub = (bucket - kSubCount) % kSubCount;
  return (kSubCount + sub) << shift;
}

uint64_t LatencyHistogram::BucketHighUs(size_t bucket) {
  if (bucket < kSubCount) return bucket;
  uint64_t shift = (bucket - kSubCount) / kSubCount;
  return BucketLowUs(bucket) + (uint64_t{1} << shift) - 1;
}

void LatencyHistogram::Record(uint64_t latency_us) {
  ++counts_[BucketOf(latency_us)];
  ++count_;
  sum_us_ += latency_us;
  max_us_ = std::max(max_us_, latency_us);
}

void LatencyHistogram::Merge(const LatencyHistogram& other) {
  for (size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  sum_us_ += other.sum_us_;
  max_us_ = std::max(max_us_, other.max_us_);
}

uint64_t LatencyHistogram::PercentileUs(double percent) const {
  if (count_ == 0) return 0;
  auto rank = static_cast<int64_t>(std::ceil(percent / 100.0 * static_cast<double>(count_)));
  rank = std::clamp<int64_t>(rank, 1, count_);
  int64_t seen = 0;
  for (size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      // The bucket's midpoint, but never above the largest latency seen.
      uint64_t middle = BucketLowUs(i) + (BucketHighUs(i) - BucketLowUs(i)) / 2;
      return std::min(middle, max_us_);
    }
  }
  return max_us_;
}

}  // namespace refnet::loadgen
