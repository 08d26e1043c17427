// Durations as people type them: "90s", "30m", "1h30m", "7d", "1d12h".
#pragma once

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace refnet::ctl {

// Parses absl's duration syntax plus a leading whole number of days ("7d").
// Only positive durations are accepted; anything else is a usage error
// naming `flag`.
absl::StatusOr<absl::Duration> ParsePositiveDuration(absl::string_view text,
                                                     absl::string_view flag);

}  // namespace refnet::ctl
