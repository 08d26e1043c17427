// Hashes and a tiny generator whose output never changes between builds or
// machines, so seeded data and hot sets are the same on every run.
#pragma once

#include <cstdint>

#include "absl/strings/string_view.h"

namespace refnet::loadgen {

// 64-bit FNV-1a of `text`, mixed with `salt`. std::hash is not used because
// it may differ between standard libraries.
uint64_t StableHash(absl::string_view text, uint64_t salt = 0);

// SplitMix64: fast, stateless to seed, and good enough to pick ids and kinds.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  // A value in [0, bound); bound must be positive.
  uint64_t Below(uint64_t bound) { return Next() % bound; }

 private:
  uint64_t state_;
};

}  // namespace refnet::loadgen
