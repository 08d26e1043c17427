// How refnetctl reports failures: usage errors exit 2, a check that ran and
// found problems exits 1, everything else exits with its gRPC status code
// after a `refnetctl: CODE: message` line.
#pragma once

#include <ostream>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace refnet::ctl {

inline constexpr int kExitCheckFailed = 1;
inline constexpr int kExitUsage = 2;

// A mistake in the command line itself, as opposed to one the server found.
absl::Status UsageError(absl::string_view message);
bool IsUsageError(const absl::Status& status);

// A call that succeeded but reports that what it checked is unsound, such as
// `ledger check` finding problems. The result has already been printed.
absl::Status CheckFailedError(absl::string_view message);
bool IsCheckFailed(const absl::Status& status);

// Prints `refnetctl: CODE_NAME: message` and returns the status code number;
// a failed check prints `refnetctl: message` and returns kExitCheckFailed.
int ReportError(const absl::Status& status, std::ostream& err);

}  // namespace refnet::ctl
