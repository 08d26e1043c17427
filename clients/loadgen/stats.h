// What the driver records per method and what reports print: call counts,
// throughput, latency percentiles and errors by status code.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "clients/loadgen/latency_histogram.h"

namespace refnet::loadgen {

// What one worker saw of one method during a phase. Workers record into
// their own samples and the driver merges them at the end, so recording
// takes no lock.
struct MethodSamples {
  // Calls whose (intended) start fell in the measured window, dropped ones included.
  int64_t calls = 0;
  // Completions, of any status, that happened inside the measured window:
  // the basis of throughput.
  int64_t completed_in_window = 0;
  // Latency of every counted call that was sent, failed ones included; and
  // apart, of the calls that ended OK and of those refused with
  // RESOURCE_EXHAUSTED, since under overload the two differ by orders of
  // magnitude.
  LatencyHistogram latency;
  LatencyHistogram ok_latency;
  LatencyHistogram refused_latency;
  // Counted calls that did not end OK, by status code (kDroppedCode for drops).
  std::map<int, int64_t> errors;

  void Merge(const MethodSamples& other);
};

struct MethodStats {
  std::string method;
  int64_t calls = 0;
  double rps = 0;
  double p50_ms = 0;
  double p90_ms = 0;
  double p99_ms = 0;
  double p999_ms = 0;
  double mean_ms = 0;
  double max_ms = 0;
  int64_t errors = 0;
  std::map<std::string, int64_t> errors_by_code;
  double ok_p50_ms = 0;
  double ok_p99_ms = 0;
  int64_t refused = 0;  // RESOURCE_EXHAUSTED
  double refused_p50_ms = 0;
  double refused_p99_ms = 0;
  double refused_max_ms = 0;
};

// Summarizes samples taken over a window of `window_s` seconds.
MethodStats Summarize(const std::string& method, const MethodSamples& samples, double window_s);

}  // namespace refnet::loadgen
