// Conversions and field validation for the admin API.
#include "services/admin/transport/admin_convert.h"

#include "absl/strings/str_cat.h"
#include "services/common/etag.h"
#include "services/common/limits.h"
#include "services/common/resource_names.h"
#include "services/common/rpc/field_mask.h"
#include "services/common/rpc/proto_time.h"
#include "services/common/status.h"
#include "services/common/validation.h"

namespace refnet::admin {

void ToProto(const Firm& firm, refnet::v1::Firm* out) {
  out->set_name(FirmName(firm.id));
  out->set_display_name(firm.display_name);
  rpc::ToProto(firm.create_time, out->mutable_create_time());
  rpc::ToProto(firm.update_time, out->mutable_update_time());
  out->set_etag(EtagFor(firm.version));
}

void ToProto(const Member& member, refnet::v1::Member* out) {
  out->set_name(MemberName(member.firm_id, member.id));
  out->set_display_name(member.display_name);
  out->set_email(member.email);
  out->set_role(static_cast<refnet::v1::Role>(member.role));
  out->set_active(member.active);
  rpc::ToProto(member.create_time, out->mutable_create_time());
  rpc::ToProto(member.update_time, out->mutable_update_time());
  out->set_etag(EtagFor(member.version));
}

absl::StatusOr<MemberRole> RoleFromProto(refnet::v1::Role role, absl::string_view field) {
  switch (role) {
    case refnet::v1::ROLE_ADMIN:
      return MemberRole::kAdmin;
    case refnet::v1::ROLE_MEMBER:
      return MemberRole::kMember;
    case refnet::v1::ROLE_SERVICE:
      return MemberRole::kService;
    case refnet::v1::ROLE_UNSPECIFIED:
      return FieldError(field, "is required");
    default:
      return FieldError(field, absl::StrCat(static_cast<int>(role), " is not a known role"));
  }
}

absl::Status ValidateNewMember(const refnet::v1::Member& member, absl::string_view field) {
  REFNET_RETURN_IF_ERROR(ValidateRequiredText(
      member.display_name(), absl::StrCat(field, ".display_name"), limits::kNameLengthMax));
  REFNET_RETURN_IF_ERROR(ValidateEmail(member.email(), absl::StrCat(field, ".email")));
  return RoleFromProto(member.role(), absl::StrCat(field, ".role")).status();
}

absl::StatusOr<MemberPatch> MemberPatchFromProto(const refnet::v1::UpdateMemberRequest& request) {
  static const std::set<std::string> kMutable = {"display_name", "email", "role", "active"};
  const refnet::v1::Member& m = request.member();
  REFNET_ASSIGN_OR_RETURN(std::set<std::string> paths,
                          rpc::ResolveUpdateMask(request.update_mask(), m, kMutable));
  MemberPatch patch;
  if (paths.count("display_name")) {
    REFNET_RETURN_IF_ERROR(
        ValidateRequiredText(m.display_name(), "member.display_name", limits::kNameLengthMax));
    patch.display_name = m.display_name();
  }
  if (paths.count("email")) {
    REFNET_RETURN_IF_ERROR(ValidateEmail(m.email(), "member.email"));
    patch.email = m.email();
  }
  if (paths.count("role")) {
    REFNET_ASSIGN_OR_RETURN(MemberRole role, RoleFromProto(m.role(), "member.role"));
    patch.role = role;
  }
  if (paths.count("active")) patch.active = m.active();
  return patch;
}

}  // namespace refnet::admin
