// Flag parsing for a command line with subcommands: `--name value`,
// `--name=value`, bare boolean flags, repeated flags, and `--` to end flags.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/btree_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace refnet::ctl {

enum class FlagKind {
  kValue,     // takes one value; the last one given wins
  kRepeated,  // takes one value per use; every use is kept
  kBool,      // `--name` is true; `--name=false` spells out the value
};

// One flag a command accepts, described for the parser and for usage text.
struct FlagSpec {
  absl::string_view name = {};  // without the leading dashes
  FlagKind kind = FlagKind::kValue;
  absl::string_view value_name = {};  // shown in usage, e.g. "FILE"
  absl::string_view help = {};
};

// The words and flags of a command line.
class ParsedArgs {
 public:
  std::vector<std::string> positional;

  bool Has(absl::string_view name) const;
  // The last value of a flag, if it was given.
  std::optional<std::string> Value(absl::string_view name) const;
  // Every value of a flag, in the order given.
  std::vector<std::string> Values(absl::string_view name) const;
  // A boolean flag's value; false when absent.
  bool Bool(absl::string_view name) const;
  // Reads an integer flag into `*out` when it was given; a usage error otherwise.
  absl::Status Int32(absl::string_view name, int32_t* out) const;
  absl::Status Int64(absl::string_view name, int64_t* out) const;
  // Reads a decimal number flag such as 2.5 into `*out` when it was given.
  absl::Status Double(absl::string_view name, double* out) const;

  void Add(absl::string_view name, std::string value);
  // Appends every flag and positional word of `other`.
  void Merge(const ParsedArgs& other);

 private:
  absl::btree_map<std::string, std::vector<std::string>, std::less<>> flags_;
};

struct ParseResult {
  ParsedArgs args;
  // Index of the first token that was not consumed.
  size_t next = 0;
};

// Parses `tokens` against `specs`, stopping once `positional_limit` positional
// words have been read (the remaining tokens are left for a later pass).
// Unknown flags and missing values are usage errors.
absl::StatusOr<ParseResult> ParseFlags(absl::Span<const std::string> tokens,
                                       absl::Span<const FlagSpec> specs,
                                       size_t positional_limit = SIZE_MAX);

}  // namespace refnet::ctl
