// Authentication, status mapping and the per-RPC log line.
#include "services/common/rpc/call_runner.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/log.h"
#include "services/common/rpc/status_mapping.h"

namespace refnet::rpc {
namespace {

constexpr absl::string_view kBearerPrefix = "Bearer ";

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

admin::MemberRole ToMemberRole(auth::Role role) {
  switch (role) {
    case auth::Role::kAdmin:
      return admin::MemberRole::kAdmin;
    case auth::Role::kService:
      return admin::MemberRole::kService;
    default:
      return admin::MemberRole::kMember;
  }
}

}  // namespace

absl::StatusOr<auth::Principal> CallRunner::Authenticate(const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return absl::UnauthenticatedError("missing \"authorization: Bearer <token>\" metadata");
  }
  absl::string_view header(it->second.data(), it->second.size());
  if (!absl::StartsWith(header, kBearerPrefix)) {
    return absl::UnauthenticatedError("authorization metadata must be \"Bearer <token>\"");
  }
  header.remove_prefix(kBearerPrefix.size());
  absl::StatusOr<auth::TokenClaims> claims = auth::VerifyToken(token_secret_, header, clock_.Now());
  if (!claims.ok()) return claims.status();
  auth::Principal principal = claims->principal;
  if (principal.role == auth::Role::kPlatformAdmin) return principal;
  absl::Status status = store_.Read([&](storage::Tx& tx) -> absl::Status {
    absl::StatusOr<admin::Member> member =
        tx.Admin().GetMember(principal.firm_id, principal.member_id);
    if (absl::IsNotFound(member.status())) {
      return absl::UnauthenticatedError("token names a member that does not exist");
    }
    if (!member.ok()) return member.status();
    if (!member->active) return absl::UnauthenticatedError("member is inactive");
    if (member->role != ToMemberRole(principal.role)) {
      return absl::UnauthenticatedError(
          "member's role has changed since the token was issued; issue a new token");
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return principal;
}

grpc::ServerUnaryReactor* CallRunner::Run(
    grpc::CallbackServerContext* context, absl::string_view method,
    absl::FunctionRef<absl::Status(const auth::Principal&)> body) {
  absl::Time start = absl::Now();
  absl::StatusOr<auth::Principal> principal = Authenticate(*context);
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
