// Usage errors are INVALID_ARGUMENT statuses carrying a marker payload, so
// they travel through the same absl::Status plumbing as every other error.
#include "clients/refnetctl/exit_status.h"

#include "absl/strings/cord.h"

namespace refnet::ctl {
namespace {

constexpr absl::string_view kUsagePayloadUrl = "type.refnet.dev/refnetctl.UsageError";
constexpr absl::string_view kCheckPayloadUrl = "type.refnet.dev/refnetctl.CheckFailed";

}  // namespace

absl::Status UsageError(absl::string_view message) {
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kUsagePayloadUrl, absl::Cord("usage"));
  return status;
}

bool IsUsageError(const absl::Status& status) {
  return status.GetPayload(kUsagePayloadUrl).has_value();
}

absl::Status CheckFailedError(absl::string_view message) {
  absl::Status status = absl::FailedPreconditionError(message);
  status.SetPayload(kCheckPayloadUrl, absl::Cord("check"));
  return status;
}

bool IsCheckFailed(const absl::Status& status) {
  return status.GetPayload(kCheckPayloadUrl).has_value();
}

int ReportError(const absl::Status& status, std::ostream& err) {
  if (IsCheckFailed(status)) {
    err << "refnetctl: " << status.message() << "\n";
    return kExitCheckFailed;
  }
  err << "refnetctl: " << absl::StatusCodeToString(status.code()) << ": " << status.message()
      << "\n";
  return static_cast<int>(status.code());
}

}  // namespace refnet::ctl
