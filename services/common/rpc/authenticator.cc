// Bearer tokens to principals, with the verified-token and member caches.
#include "services/common/rpc/authenticator.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace refnet::rpc {
namespace {

constexpr absl::string_view kBearerPrefix = "Bearer ";

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

absl::StatusOr<auth::Principal> Authenticator::Verify(const grpc::ServerContextBase& context) {
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
  absl::StatusOr<auth::TokenClaims> claims = VerifyToken(header, clock_.Now());
  if (!claims.ok()) return claims.status();
  return claims->principal;
}

absl::StatusOr<auth::TokenClaims> Authenticator::VerifyToken(absl::string_view token,
                                                             absl::Time now) {
  uint64_t generation = keys_.generation();
  {
    absl::MutexLock lock(&mu_);
    if (tokens_generation_ != generation) {
      // A key may have been retired: every token is verified again.
      tokens_.clear();
      tokens_generation_ = generation;
    }
    auto it = tokens_.find(token);
    if (it != tokens_.end() && it->second.expire_time > now) return it->second;
  }
  absl::StatusOr<auth::TokenClaims> claims =
      auth::VerifyToken(*keys_.Current(), token, now, policy_);
  if (!claims.ok()) return claims;
  absl::MutexLock lock(&mu_);
  if (tokens_generation_ != generation) return claims;
  if (tokens_.size() >= kTokensMax) tokens_.clear();
  tokens_.insert_or_assign(std::string(token), *claims);
  return claims;
}

absl::Status Authenticator::CheckMember(const auth::Principal& principal) {
  if (principal.role == auth::Role::kPlatformAdmin) return absl::OkStatus();
  absl::Time now = clock_.Now();
  std::string key = absl::StrCat(principal.firm_id, "/", principal.member_id);
  uint64_t epoch = 0;
  {
    absl::MutexLock lock(&mu_);
    auto it = members_.find(key);
    if (it != members_.end() && it->second.role == principal.role &&
        now - it->second.checked < kMemberTtl) {
      return absl::OkStatus();
    }
    epoch = members_epoch_;
  }
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
  absl::MutexLock lock(&mu_);
  if (epoch == members_epoch_) {
    if (members_.size() >= kMembersMax) members_.clear();
    members_.insert_or_assign(std::move(key), MemberSeen{principal.role, now});
  }
  return absl::OkStatus();
}

void Authenticator::ForgetMembers() {
  absl::MutexLock lock(&mu_);
  members_.clear();
  ++members_epoch_;
}

}  // namespace refnet::rpc
