// The load generator's flag syntax: `--name value` or `--name=value`, bare
// booleans such as `--json`, no positional words. Every error names its flag.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace refnet::loadgen {

class Flags {
 public:
  // Parses `args`, accepting only the listed flags (names without dashes).
  static absl::StatusOr<Flags> Parse(absl::Span<const std::string> args,
                                     absl::Span<const absl::string_view> value_flags,
                                     absl::Span<const absl::string_view> bool_flags);

  bool Has(absl::string_view name) const { return values_.find(name) != values_.end(); }
  bool Bool(absl::string_view name) const { return Has(name); }
  // The flag's value; an error naming it when it was not given.
  absl::StatusOr<std::string> Required(absl::string_view name) const;
  std::string StringOr(absl::string_view name, absl::string_view fallback) const;
  // An integer in [min, max], or `fallback` when the flag is absent.
  absl::StatusOr<int64_t> Int(absl::string_view name, int64_t fallback, int64_t min,
                              int64_t max) const;
  // A decimal number in [min, max], or `fallback` when the flag is absent.
  absl::StatusOr<double> Number(absl::string_view name, double fallback, double min,
                                double max) const;

 private:
  // Repeating a flag is allowed; the last value wins, as in most shells' tools.
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace refnet::loadgen
