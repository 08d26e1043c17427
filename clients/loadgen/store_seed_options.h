// The flags of `seed-store`, which writes a large synthetic firm straight
// into a SQLite store file before a server is started on it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

namespace refnet::loadgen {

struct StoreSeedOptions {
  std::string store_path;  // from --store sqlite:PATH
  std::string firm;
  int64_t members = 500;
  int64_t contacts = 100000;
  int64_t relationships = 1000000;
  int64_t connections = 1000000;
  int64_t favours = 1000000;
  // Relationships of member m0; at most --contacts and --relationships.
  int64_t hub_member_contacts = 5000;
  uint64_t seed = 1;
  // The moment the firm is seeded "at": every time in it lies before this.
  // Unset means now.
  std::optional<absl::Time> as_of;
  bool json = false;
};

// Usage errors are INVALID_ARGUMENT and name the flag.
absl::StatusOr<StoreSeedOptions> ParseStoreSeedOptions(absl::Span<const std::string> args);

}  // namespace refnet::loadgen
