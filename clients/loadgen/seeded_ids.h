// A clock stopped at one moment and ids drawn from a seed, so a bulk-seeded
// store is the same for the same flags.
#pragma once

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "clients/loadgen/stable_hash.h"
#include "services/common/clock.h"

namespace refnet::loadgen {

class FixedClock final : public Clock {
 public:
  explicit FixedClock(absl::Time now) : now_(now) {}
  absl::Time Now() override { return now_; }

 private:
  absl::Time now_;
};

// Version-7 UUIDs like the server's, in the order they are drawn: the time
// field starts at `start` and rises by a millisecond every 4096 ids, the
// counter fills the bits after it, and the rest comes from the seed. Ids in
// order keep the store's id indexes appending.
class SeededIdGenerator final : public IdGenerator {
 public:
  SeededIdGenerator(uint64_t seed, absl::Time start);
  std::string NewId() override;

 private:
  SplitMix64 rng_;
  uint64_t start_ms_;
  uint64_t count_ = 0;
};

}  // namespace refnet::loadgen
