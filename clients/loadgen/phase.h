// A phase: one workload driven at one pace (closed loop, open loop, or a
// fixed number of calls) over a set of channels, with its samples merged.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "clients/loadgen/channels.h"
#include "clients/loadgen/stats.h"
#include "clients/loadgen/workload.h"

namespace refnet::loadgen {

struct PhaseConfig {
  std::string token;  // sent as `authorization: Bearer <token>` on every call
  absl::Duration rpc_timeout = absl::Seconds(10);
  // Closed loop: calls kept outstanding, spread evenly over the channels.
  int64_t in_flight = 64;
  // Open loop (rate > 0): calls sent at t0 + i / rate whatever happens, and
  // dropped (counted as errors) while this many are outstanding.
  double rate = 0;
  int64_t max_in_flight = 10000;
  // Timed phases send during warmup + duration; only the duration counts.
  absl::Duration warmup = absl::ZeroDuration();
  absl::Duration duration = absl::Seconds(1);
  // When >= 0: a closed-loop phase of exactly this many calls, all counted
  // (used for seeding). Transient failures are retried up to max_attempts.
  int64_t total_calls = -1;
  int max_attempts = 1;
  // Called about once a second from the thread that runs the phase.
  std::function<void(int64_t completed, absl::Duration elapsed)> progress;
};

struct PhaseResult {
  std::vector<std::string> method_names;
  std::vector<MethodSamples> methods;  // by method index
  MethodSamples total;                 // every method together
  double window_s = 0;                 // the measured window, or the whole phase when counted
};

PhaseResult RunPhase(const PhaseConfig& config, const Workload& workload,
                     const std::vector<ChannelStubs>& channels);

}  // namespace refnet::loadgen
