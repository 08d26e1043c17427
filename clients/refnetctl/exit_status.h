// How refnetctl reports failures: usage errors exit 2, everything else exits
// with its gRPC status code after a `refnetctl: CODE: message` line.
#pragma once

#include <ostream>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace refnet::ctl {

inline constexpr int kExitUsage = 2;

// A mistake in the command line itself, as opposed to one the server found.
absl::Status UsageError(absl::string_view message);
bool IsUsageError(const absl::Status& status);

// Prints `refnetctl: CODE_NAME: message` and returns the status code number.
int ReportError(const absl::Status& status, std::ostream& err);

}  // namespace refnet::ctl
