// The role matrix of DESIGN.md, as checks the handlers call.
#include "services/common/rpc/access.h"

#include "absl/strings/str_cat.h"
#include "services/common/resource_names.h"

namespace refnet::rpc {
namespace {

absl::Status OtherFirm(absl::string_view field, absl::string_view firm_id) {
  return absl::PermissionDeniedError(
      absl::StrCat(field, ": firms/", firm_id, " is not accessible with this token"));
}

}  // namespace

absl::Status RequireFirmData(const auth::Principal& principal, absl::string_view firm_id,
                             absl::string_view field) {
  if (principal.role == auth::Role::kPlatformAdmin) {
    return absl::PermissionDeniedError(
        absl::StrCat(field, ": platform admins manage firms and members, not firm data"));
  }
  if (principal.firm_id != firm_id) return OtherFirm(field, firm_id);
  return absl::OkStatus();
}

absl::StatusOr<std::string> FirmDataParent(const auth::Principal& principal,
                                           absl::string_view parent) {
  absl::StatusOr<std::string> firm_id = ParseFirmName(parent, "parent");
  if (!firm_id.ok()) return firm_id.status();
  absl::Status access = RequireFirmData(principal, *firm_id, "parent");
  if (!access.ok()) return access;
  return firm_id;
}

absl::Status RequireNameInFirm(absl::string_view name_firm_id, absl::string_view firm_id,
                               absl::string_view field) {
  if (name_firm_id == firm_id) return absl::OkStatus();
  return OtherFirm(field, name_firm_id);
}

absl::Status RequireMemberAdmin(const auth::Principal& principal, absl::string_view firm_id,
                                absl::string_view field) {
  if (principal.role == auth::Role::kPlatformAdmin) return absl::OkStatus();
  if (principal.firm_id != firm_id) return OtherFirm(field, firm_id);
  if (principal.role != auth::Role::kAdmin) {
    return absl::PermissionDeniedError("only the firm's admins may manage members");
  }
  return absl::OkStatus();
}

absl::Status RequireMemberRead(const auth::Principal& principal, absl::string_view firm_id,
                               absl::string_view field) {
  if (principal.role == auth::Role::kPlatformAdmin) return absl::OkStatus();
  if (principal.firm_id != firm_id) return OtherFirm(field, firm_id);
  return absl::OkStatus();
}

absl::Status RequirePlatformAdmin(const auth::Principal& principal, absl::string_view what) {
  if (principal.role == auth::Role::kPlatformAdmin) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat("only platform admins may ", what));
}

absl::Status RequireRole(const auth::Principal& principal, std::initializer_list<auth::Role> roles,
                         absl::string_view what) {
  for (auth::Role role : roles) {
    if (principal.role == role) return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat("role ", auth::RoleToString(principal.role), " may not ", what));
}

}  // namespace refnet::rpc
