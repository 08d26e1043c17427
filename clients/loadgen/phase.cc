// Splits the channels over worker threads (no more than there are cores),
// runs them, reports progress while they work, and merges their samples.
#include "clients/loadgen/phase.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <limits>
#include <memory>
#include <random>
#include <thread>

#include "clients/loadgen/worker.h"

namespace refnet::loadgen {
namespace {

constexpr int64_t kNsPerS = 1000000000;

int WorkerCount(size_t channel_count) {
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<int>(std::min<size_t>(channel_count, cores));
}

}  // namespace

PhaseResult RunPhase(const PhaseConfig& config, const Workload& workload,
                     const std::vector<ChannelStubs>& channels) {
  PhaseResult result;
  result.method_names = workload.MethodNames();
  const bool counted = config.total_calls >= 0;
  PhaseClock clock;
  clock.start_ns = NowNs();
  if (counted) {
    clock.window_start_ns = clock.start_ns;
    clock.window_end_ns = std::numeric_limits<int64_t>::max();
  } else {
    clock.window_start_ns = clock.start_ns + absl::ToInt64Nanoseconds(config.warmup);
    clock.window_end_ns = clock.window_start_ns + absl::ToInt64Nanoseconds(config.duration);
  }

  const int worker_count = WorkerCount(channels.size());
  std::atomic<int64_t> next_index{0};
  std::atomic<int64_t> completed{0};
  std::random_device entropy;
  std::vector<std::unique_ptr<Worker>> workers;
  for (int w = 0; w < worker_count; ++w) {
    std::vector<int> owned;
    for (int c = w; c < static_cast<int>(channels.size()); c += worker_count) owned.push_back(c);
    uint64_t seed = (static_cast<uint64_t>(entropy()) << 32) ^ entropy() ^ static_cast<uint64_t>(w);
    workers.push_back(std::make_unique<Worker>(config, workload, channels, std::move(owned), clock,
                                               &next_index, &completed, seed));
  }
  std::atomic<int> running{worker_count};
  std::vector<std::thread> threads;
  threads.reserve(workers.size());
  for (auto& worker : workers) {
    threads.emplace_back([&running, w = worker.get()] {
      w->Run();
      running.fetch_sub(1);
    });
  }
  int64_t next_progress_ns = clock.start_ns + kNsPerS;
  while (running.load() > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    int64_t now = NowNs();
    if (config.progress && now >= next_progress_ns) {
      config.progress(completed.load(), absl::Nanoseconds(now - clock.start_ns));
      next_progress_ns += kNsPerS;
    }
  }
  for (std::thread& thread : threads) thread.join();
  const int64_t end_ns = NowNs();

  result.methods.resize(result.method_names.size());
  for (auto& worker : workers) {
    for (size_t m = 0; m < result.methods.size(); ++m) {
      result.methods[m].Merge(worker->samples()[m]);
      result.total.Merge(worker->samples()[m]);
    }
  }
  result.window_s = counted ? static_cast<double>(end_ns - clock.start_ns) / kNsPerS
                            : absl::ToDoubleSeconds(config.duration);
  return result;
}

}  // namespace refnet::loadgen
