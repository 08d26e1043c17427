// `seed`: builds the synthetic firm through the public API with many calls
// in flight: members first, then contacts, then the favours between them.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/loadgen/options.h"

namespace refnet::loadgen {

// What one step (members, contacts or favours) did.
struct SeedStepSummary {
  std::string step;
  int64_t calls = 0;
  int64_t ok = 0;              // created now, or replayed from an earlier seed
  int64_t already_exists = 0;  // created earlier by other means; fine
  int64_t failed = 0;
  std::map<std::string, int64_t> failures_by_code;
  double elapsed_s = 0;
};

struct SeedSummary {
  std::vector<SeedStepSummary> steps;
  double elapsed_s = 0;
  int64_t calls() const;
  int64_t failed() const;
};

// Seeds the firm; progress lines go to `progress`. UNAVAILABLE when the
// target cannot be reached. Failed calls are in the summary, not an error.
absl::StatusOr<SeedSummary> RunSeed(const SeedOptions& options, const std::string& token,
                                    std::ostream& progress);

}  // namespace refnet::loadgen
