// Percentiles from the latency histogram: exact where buckets are single
// microseconds, within the bucket precision above.
#include "clients/loadgen/latency_histogram.h"

#include <cmath>

#include "clients/loadgen/stats.h"
#include "gtest/gtest.h"

namespace refnet::loadgen {
namespace {

TEST(LoadgenLatencyTest, NearestRankPercentilesOfSmallValuesAreExact) {
  LatencyHistogram histogram;
  for (uint64_t us = 1; us <= 100; ++us) histogram.Record(us);
  EXPECT_EQ(histogram.count(), 100);
  EXPECT_EQ(histogram.PercentileUs(50), 50u);
  EXPECT_EQ(histogram.PercentileUs(90), 90u);
  EXPECT_EQ(histogram.PercentileUs(99), 99u);
  EXPECT_EQ(histogram.PercentileUs(99.9), 100u);
  EXPECT_EQ(histogram.PercentileUs(100), 100u);
  EXPECT_EQ(histogram.max_us(), 100u);
  EXPECT_DOUBLE_EQ(histogram.mean_us(), 50.5);
}

TEST(LoadgenLatencyTest, LargeValuesKeepWithinOnePercent) {
  LatencyHistogram histogram;
  for (uint64_t us = 1; us <= 100000; ++us) histogram.Record(us * 10);
  for (double p : {50.0, 90.0, 99.0, 99.9}) {
    double expected = p / 100 * 1000000;
    double got = static_cast<double>(histogram.PercentileUs(p));
    EXPECT_LT(std::abs(got - expected) / expected, 0.01) << "p" << p << " = " << got;
  }
}

TEST(LoadgenLatencyTest, ASingleSlowCallShowsOnlyInTheTail) {
  LatencyHistogram histogram;
  for (int i = 0; i < 999; ++i) histogram.Record(200);
  histogram.Record(5000000);
  EXPECT_EQ(histogram.PercentileUs(99), 200u);
  EXPECT_GT(histogram.PercentileUs(100), 4950000u);
  EXPECT_EQ(histogram.max_us(), 5000000u);
}

TEST(LoadgenLatencyTest, BucketsTileTheRangeWithoutGaps) {
  for (size_t bucket = 0; bucket < 3000; ++bucket) {
    EXPECT_EQ(LatencyHistogram::BucketOf(LatencyHistogram::BucketLowUs(bucket)), bucket);
    EXPECT_EQ(LatencyHistogram::BucketOf(LatencyHistogram::BucketHighUs(bucket)), bucket);
    EXPECT_EQ(LatencyHistogram::BucketHighUs(bucket) + 1,
              LatencyHistogram::BucketLowUs(bucket + 1));
  }
}

TEST(LoadgenLatencyTest, MergedHistogramsEqualOneThatSawEverything) {
  LatencyHistogram a, b, all;
  for (uint64_t us = 0; us < 5000; us += 7) {
    (us % 2 == 0 ? a : b).Record(us);
    all.Record(us);
  }
  a.Merge(b);
  for (double p : {50.0, 90.0, 99.0, 99.9}) EXPECT_EQ(a.PercentileUs(p), all.PercentileUs(p));
  EXPECT_EQ(a.count(), all.count());
}

TEST(LoadgenLatencyTest, EmptySamplesSummarizeToZeros) {
  MethodStats stats = Summarize("GetBalance", MethodSamples(), 1.0);
  EXPECT_EQ(stats.calls, 0);
  EXPECT_EQ(stats.p99_ms, 0);
  EXPECT_EQ(stats.rps, 0);
}

TEST(LoadgenLatencyTest, SummariesCountErrorsByCodeName) {
  MethodSamples samples;
  samples.calls = 10;
  samples.completed_in_window = 20;
  for (int i = 0; i < 10; ++i) samples.latency.Record(1500);
  samples.errors[4] = 2;   // DEADLINE_EXCEEDED
  samples.errors[-1] = 1;  // dropped by the open loop's cap
  MethodStats stats = Summarize("GetBalance", samples, 2.0);
  EXPECT_EQ(stats.rps, 10);
  EXPECT_NEAR(stats.p50_ms, 1.5, 0.015);
  EXPECT_EQ(stats.errors, 3);
  EXPECT_EQ(stats.errors_by_code.at("DEADLINE_EXCEEDED"), 2);
  EXPECT_EQ(stats.errors_by_code.at("DROPPED"), 1);
}

}  // namespace
}  // namespace refnet::loadgen
