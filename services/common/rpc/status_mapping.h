// The one place where absl::Status becomes grpc::Status. Typed error details
// travel as absl::Status payloads keyed by their type URL, and reach the
// client as google.rpc.Status details (the grpc-status-details-bin trailer).
#pragma once

#include <grpcpp/support/status.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace refnet::rpc {

grpc::Status ToGrpcStatus(const absl::Status& status);

// Attaches a google.rpc.RetryInfo: retry no sooner than `delay`.
void SetRetryInfo(absl::Status& status, absl::Duration delay);
// Attaches a google.rpc.QuotaFailure naming the quota that was exceeded.
void SetQuotaFailure(absl::Status& status, absl::string_view subject,
                     absl::string_view description);

}  // namespace refnet::rpc
