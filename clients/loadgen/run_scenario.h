// `run`: measures health checks, then the chosen scenario, against the same
// server with the same concurrency and pace, and reports both.
#pragma once

#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "clients/loadgen/options.h"
#include "clients/loadgen/run_report.h"

namespace refnet::loadgen {

// Progress lines go to `progress`. UNAVAILABLE when the target cannot be
// reached; failed calls are in the report, not an error.
absl::StatusOr<RunReport> RunScenario(const RunOptions& options, const std::string& token,
                                      std::ostream& progress);

}  // namespace refnet::loadgen
