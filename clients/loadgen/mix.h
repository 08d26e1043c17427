// The weighted mix of methods the `mix` scenario draws from, written on the
// command line as `get-balance=80,record-favour=15,list-contacts=5`.
#pragma once

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clients/loadgen/scenario.h"

namespace refnet::loadgen {

inline constexpr absl::string_view kDefaultMix = "get-balance=80,record-favour=15,list-contacts=5";
inline constexpr int64_t kMixWeightMax = 1000000;

struct MixEntry {
  Method method;
  int64_t weight;  // positive; entries of weight 0 are dropped when parsing
};

// Parses `name=weight` pairs separated by commas. Names are those of the
// scenarios other than health and mix; each may appear once; the weights
// must not all be zero.
absl::StatusOr<std::vector<MixEntry>> ParseMix(absl::string_view text);

// Picks methods in proportion to their weights.
class MixPicker {
 public:
  explicit MixPicker(std::vector<MixEntry> entries);
  // `random` is any 64-bit random value.
  Method Pick(uint64_t random) const;

 private:
  std::vector<MixEntry> entries_;
  std::vector<int64_t> cumulative_;  // running sums of the weights
};

}  // namespace refnet::loadgen
