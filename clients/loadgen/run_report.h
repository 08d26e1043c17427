// What `run` measured and how it is printed: a table for people, one JSON
// object for scripts.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "clients/loadgen/options.h"
#include "clients/loadgen/stats.h"

namespace refnet::loadgen {

// Every rate is also given relative to health checks on the same server,
// the ceiling of what its RPC layer serves on that machine.
struct RunReport {
  RunOptions options;
  MethodStats health;             // the health phase
  MethodStats overall;            // the scenario phase, every method together
  std::vector<MethodStats> rpcs;  // each method the scenario called, then Check

  double RatioToHealth(double rps) const;
};

void PrintRunTable(const RunReport& report, std::ostream& out);
void PrintRunJson(const RunReport& report, std::ostream& out);

}  // namespace refnet::loadgen
