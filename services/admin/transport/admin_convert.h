// Firms and members between protobuf and the domain, with input validation.
#pragma once

#include "absl/status/statusor.h"
#include "refnet/v1/admin_service.pb.h"
#include "services/admin/domain/firm_directory.h"
#include "services/admin/domain/types.h"

namespace refnet::admin {

void ToProto(const Firm& firm, refnet::v1::Firm* out);
void ToProto(const Member& member, refnet::v1::Member* out);

absl::StatusOr<MemberRole> RoleFromProto(refnet::v1::Role role, absl::string_view field);

// Validates a member to create (display_name, email, role); `field` prefixes
// the paths in error messages.
absl::Status ValidateNewMember(const refnet::v1::Member& member, absl::string_view field);

// Validates the masked fields of an update and builds the patch.
absl::StatusOr<MemberPatch> MemberPatchFromProto(const refnet::v1::UpdateMemberRequest& request);

}  // namespace refnet::admin
