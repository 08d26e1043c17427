// IssueToken: tokens for stored members, signed with the server's keys.
#include "absl/strings/str_cat.h"
#include "services/admin/transport/admin_grpc.h"
#include "services/common/resource_names.h"
#include "services/common/rpc/access.h"
#include "services/common/rpc/idempotent_write.h"
#include "services/common/rpc/proto_time.h"
#include "services/common/status.h"

namespace refnet::admin {

using auth::Principal;
using auth::Role;
namespace v1 = ::refnet::v1;

namespace {

constexpr absl::Duration kTtlDefault = absl::Hours(1);

Role TokenRole(MemberRole role) {
  switch (role) {
    case MemberRole::kAdmin:
      return Role::kAdmin;
    case MemberRole::kService:
      return Role::kService;
    case MemberRole::kMember:
      break;
  }
  return Role::kMember;
}

v1::Role ProtoRole(MemberRole role) { return static_cast<v1::Role>(static_cast<int>(role)); }

absl::StatusOr<absl::Duration> RequestedTtl(const v1::IssueTokenRequest& request) {
  if (!request.has_ttl()) return kTtlDefault;
  const google::protobuf::Duration& ttl = request.ttl();
  if (ttl.nanos() != 0) return FieldError("ttl", "must be a whole number of seconds");
  if (ttl.seconds() < 1) return FieldError("ttl", "must be at least 1s");
  return absl::Seconds(ttl.seconds());
}

// Firm admins speak for their members, service accounts and themselves;
// platform admins for firm admins. Nobody else issues tokens.
absl::Status CheckIssuer(const Principal& caller, const Member& member) {
  if (caller.role == Role::kPlatformAdmin) {
    if (member.role == MemberRole::kAdmin) return absl::OkStatus();
    return absl::PermissionDeniedError(
        "member: platform admins issue tokens for firm admins only; a firm admin issues "
        "tokens for members and service accounts");
  }
  if (member.role == MemberRole::kAdmin && member.id != caller.member_id) {
    return absl::PermissionDeniedError(
        "member: tokens for another firm admin are issued by a platform admin");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status AdminGrpcService::SignIssued(v1::IssueTokenResponse& issued) {
  std::shared_ptr<const auth::KeySet> keys = keys_.Current();
  const auth::SigningKey* key = keys->Find(issued.key_id());
  if (key == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("the key \"", issued.key_id(),
                     "\" that signed this token has been retired; issue again with a new "
                     "request_id"));
  }
  REFNET_ASSIGN_OR_RETURN(ChildName member, ParseChildName(issued.member(), kMembers, "member"));
  auth::TokenClaims claims;
  claims.principal = {TokenRole(static_cast<MemberRole>(issued.role())), member.firm_id, member.id};
  claims.issue_time = rpc::FromProto(issued.issue_time());
  claims.not_before = claims.issue_time;
  claims.expire_time = rpc::FromProto(issued.expire_time());
  REFNET_ASSIGN_OR_RETURN(std::string token, auth::IssueToken(*key, claims));
  issued.set_token(std::move(token));
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* AdminGrpcService::IssueToken(grpc::CallbackServerContext* context,
                                                       const v1::IssueTokenRequest* request,
                                                       v1::IssueTokenResponse* response) {
  return runner_.Run(context, "/refnet.v1.AdminService/IssueToken", [=, this](const Principal& p) {
    REFNET_ASSIGN_OR_RETURN(std::string firm_id, ParseFirmName(request->parent(), "parent"));
    REFNET_RETURN_IF_ERROR(rpc::RequireMemberRead(p, firm_id, "parent"));
    REFNET_RETURN_IF_ERROR(
        rpc::RequireRole(p, {Role::kAdmin, Role::kPlatformAdmin}, "issue tokens"));
    REFNET_ASSIGN_OR_RETURN(ChildName name, ParseChildName(request->member(), kMembers, "member"));
    REFNET_RETURN_IF_ERROR(rpc::RequireNameInFirm(name.firm_id, firm_id, "member"));
    REFNET_ASSIGN_OR_RETURN(absl::Duration ttl, RequestedTtl(*request));
    // What is stored for a retry and written to the event is the token's
    // claims, never the token: a retry signs the same claims again, and
    // HS256 gives the same token. Only the same caller gets that replay; the
    // checks above ran for it the first time.
    REFNET_RETURN_IF_ERROR(rpc::IdempotentWrite(
        store_, firm_id, "IssueToken", *request, response,
        [&](storage::Tx& tx) -> absl::Status {
          REFNET_ASSIGN_OR_RETURN(
              Member member, NotFoundIn(tx.Admin().GetMember(name.firm_id, name.id), "member"));
          REFNET_RETURN_IF_ERROR(CheckIssuer(p, member));
          if (!member.active) {
            return absl::FailedPreconditionError("member: is inactive; tokens are refused for it");
          }
          absl::Duration ttl_max = policy_.LifetimeMax(TokenRole(member.role));
          if (ttl > ttl_max) {
            return FieldError(
                "ttl", absl::StrCat("must be at most ", absl::FormatDuration(ttl_max), " for a ",
                                    auth::RoleToString(TokenRole(member.role)), " token"));
          }
          absl::Time now = absl::FromUnixSeconds(absl::ToUnixSeconds(clock_.Now()));
          response->set_member(MemberName(member.firm_id, member.id));
          response->set_role(ProtoRole(member.role));
          rpc::ToProto(now, response->mutable_issue_time());
          rpc::ToProto(now + ttl, response->mutable_expire_time());
          response->set_key_id(keys_.Current()->signing().id);
          return absl::OkStatus();
        },
        request->member(),
        absl::StrCat(auth::RoleToString(p.role), "/", p.firm_id, "/", p.member_id)));
    return SignIssued(*response);
  });
}

}  // namespace refnet::admin
