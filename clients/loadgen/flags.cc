// Flag parsing with messages an operator can act on: which flag, what was
// wrong, what was given.
#include "clients/loadgen/flags.h"

#include <algorithm>
#include <cmath>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace refnet::loadgen {
namespace {

bool Contains(absl::Span<const absl::string_view> names, absl::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

absl::Status FlagError(absl::string_view name, absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("--", name, ": ", message));
}

}  // namespace

absl::StatusOr<Flags> Flags::Parse(absl::Span<const std::string> args,
                                   absl::Span<const absl::string_view> value_flags,
                                   absl::Span<const absl::string_view> bool_flags) {
  Flags flags;
  for (size_t i = 0; i < args.size(); ++i) {
    absl::string_view arg = args[i];
    if (!absl::StartsWith(arg, "--") || arg.size() == 2) {
      return absl::InvalidArgumentError(absl::StrCat("unexpected argument \"", arg, "\""));
    }
    absl::string_view name = arg.substr(2);
    std::string value;
    bool inline_value = false;
    if (size_t eq = name.find('='); eq != absl::string_view::npos) {
      value = std::string(name.substr(eq + 1));
      name = name.substr(0, eq);
      inline_value = true;
    }
    if (Contains(bool_flags, name)) {
      if (inline_value) return FlagError(name, "takes no value");
    } else if (Contains(value_flags, name)) {
      if (!inline_value) {
        if (i + 1 >= args.size()) return FlagError(name, "needs a value");
        value = args[++i];
      }
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
    }
    flags.values_[std::string(name)] = value;
  }
  return flags;
}

absl::StatusOr<std::string> Flags::Required(absl::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return FlagError(name, "is required");
  return it->second;
}

std::string Flags::StringOr(absl::string_view name, absl::string_view fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::string(fallback) : it->second;
}

absl::StatusOr<int64_t> Flags::Int(absl::string_view name, int64_t fallback, int64_t min,
                                   int64_t max) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  int64_t value = 0;
  if (!absl::SimpleAtoi(it->second, &value) || value < min || value > max) {
    return FlagError(name, absl::StrCat("must be a whole number from ", min, " to ", max,
                                        ", got \"", it->second, "\""));
  }
  return value;
}

absl::StatusOr<double> Flags::Number(absl::string_view name, double fallback, double min,
                                     double max) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  double value = 0;
  if (!absl::SimpleAtod(it->second, &value) || !std::isfinite(value) || value < min ||
      value > max) {
    return FlagError(name, absl::StrCat("must be a number from ", min, " to ", max, ", got \"",
                                        it->second, "\""));
  }
  return value;
}

}  // namespace refnet::loadgen
