// `seed-store`: writes a large synthetic firm straight into a SQLite store
// through the store's repositories and the domain rules, in transactions of
// many rows, so a server started on the file serves exactly what it would
// have written itself. No events or idempotency records are written: the
// change feed starts after the seed.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/loadgen/firm_shape.h"
#include "clients/loadgen/store_seed_options.h"

namespace refnet::loadgen {

struct StoreSeedStep {
  std::string name;  // members, contacts, relationships, connections, favours, activity
  int64_t rows = 0;
  double seconds = 0;
  // CPU time the process spent on the step. On a busy machine it tells the
  // step's own cost apart from time spent waiting for a core.
  double cpu_s = 0;
};

struct StoreSeedSummary {
  FirmShape shape;
  std::vector<StoreSeedStep> steps;
  // Asks not posted because the asker's ask budget was spent.
  int64_t asks_skipped = 0;
  double total_s = 0;
  double total_cpu_s = 0;
  int64_t store_bytes = 0;  // the database file after it was closed
};

// The firm the options describe, seeded "at" `as_of`.
FirmShape ShapeOf(const StoreSeedOptions& options, absl::Time as_of);

// Writes the firm into the store at options.store_path (created when
// missing), reporting each step on `progress`. ALREADY_EXISTS when the store
// holds the firm already.
absl::StatusOr<StoreSeedSummary> SeedStore(const StoreSeedOptions& options, std::ostream& progress);

}  // namespace refnet::loadgen
