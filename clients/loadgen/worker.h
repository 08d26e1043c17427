// One driver thread (two in open loops): owns a completion queue and some
// channels, sends the calls due on them, and records what completes, without locks.
#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "clients/loadgen/channels.h"
#include "clients/loadgen/phase.h"
#include "clients/loadgen/stable_hash.h"
#include "clients/loadgen/stats.h"
#include "clients/loadgen/workload.h"

namespace refnet::loadgen {

// Monotonic time in nanoseconds; all of a phase's timestamps use it.
int64_t NowNs();

// What all workers of a phase share.
struct PhaseClock {
  int64_t start_ns = 0;         // t0: open-loop send times count from here
  int64_t window_start_ns = 0;  // calls intended from here on are counted
  int64_t window_end_ns = 0;    // timed phases stop sending here
};

class Worker {
 public:
  Worker(const PhaseConfig& config, const Workload& workload,
         const std::vector<ChannelStubs>& channels, std::vector<int> owned_channels,
         const PhaseClock& clock, std::atomic<int64_t>* next_index, std::atomic<int64_t>* completed,
         uint64_t seed);

  // Runs the phase's share of this worker to the end, drained.
  void Run();

  std::vector<MethodSamples>& samples() { return samples_; }

 private:
  void RunClosedLoop();
  void RunOpenLoop();
  // The next call for `channel` in a closed loop, or false when the phase is over.
  bool SendNext(int channel);
  void Send(std::unique_ptr<Call> call, int channel, int64_t index, int64_t intended_ns,
            int attempt);
  // Accounts for a completed call and frees it. In counted phases a
  // transient failure is sent again instead, and Complete returns true.
  bool Complete(Call* call);
  int64_t OpenLoopCap() const;

  const PhaseConfig& config_;
  const Workload& workload_;
  const std::vector<ChannelStubs>& channels_;
  std::vector<int> owned_channels_;
  PhaseClock clock_;
  std::atomic<int64_t>* next_index_;  // shared by counted phases
  std::atomic<int64_t>* completed_;   // progress, for reports while running
  SplitMix64 rng_;
  std::string authorization_;
  grpc::CompletionQueue cq_;
  // Calls sent and not yet completed. Atomic because in open loops the
  // sender reads it while the receiving thread counts completions off.
  std::atomic<int64_t> outstanding_{0};
  int64_t local_index_ = 0;
  std::vector<MethodSamples> samples_;
};

}  // namespace refnet::loadgen
