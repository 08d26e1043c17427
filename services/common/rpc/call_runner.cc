// Authentication, status mapping and the per-RPC log line.
#include "services/common/rpc/call_runner.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/log.h"
#include "services/common/rpc/status_mapping.h"

namespace refnet::rpc {
namespace {

absl::string_view CodeName(absl::StatusCode code) {
  static const char* const kNames[] = {"OK",
                                       "CANCELLED",
                                       "UNKNOWN",
                                       "INVALID_ARGUMENT",
                                       "DEADLINE_EXCEEDED",
                                       "NOT_FOUND",
                                       "ALREADY_EXISTS",
                                       "PERMISSION_DENIED",
                                       "RESOURCE_EXHAUSTED",
                                       "FAILED_PRECONDITION",
                                       "ABORTED",
                                       "OUT_OF_RANGE",
                                       "UNIMPLEMENTED",
                                       "INTERNAL",
                                       "UNAVAILABLE",
                                       "DATA_LOSS",
                                       "UNAUTHENTICATED"};
  int index = static_cast<int>(code);
  if (index < 0 || index > 16) return "UNKNOWN";
  return kNames[index];
}

}  // namespace

grpc::ServerUnaryReactor* CallRunner::Run(
    grpc::CallbackServerContext* context, absl::string_view method,
    absl::FunctionRef<absl::Status(const auth::Principal&)> body) {
  absl::Time start = absl::Now();
  absl::StatusOr<auth::Principal> principal = authenticator_.Authenticate(*context);
  absl::Status status = principal.ok() ? body(*principal) : principal.status();
  nlohmann::json fields = {
      {"method", std::string(method)},
      {"code", std::string(CodeName(status.code()))},
      {"duration_ms", absl::ToDoubleMilliseconds(absl::Now() - start)},
  };
  if (principal.ok()) {
    fields["firm"] = principal->firm_id;
    fields["member"] = principal->member_id;
    fields["role"] = std::string(auth::RoleToString(principal->role));
  }
  if (!status.ok()) fields["error"] = std::string(status.message());
  bool server_fault = status.code() == absl::StatusCode::kInternal ||
                      status.code() == absl::StatusCode::kUnknown ||
                      status.code() == absl::StatusCode::kDataLoss;
  LogEvent(server_fault ? "error" : "info", "rpc", std::move(fields));
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

}  // namespace refnet::rpc
