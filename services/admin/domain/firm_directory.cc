// Firm and member rules; storage is reached only through AdminRepository.
#include "services/admin/domain/firm_directory.h"

#include "absl/strings/str_cat.h"
#include "services/common/etag.h"
#include "services/common/resource_names.h"
#include "services/common/status.h"
#include "services/common/validation.h"

namespace refnet::admin {

absl::StatusOr<Firm> FirmDirectory::CreateFirm(AdminRepository& repo, const std::string& firm_id,
                                               const std::string& display_name) {
  absl::StatusOr<Firm> existing = repo.GetFirm(firm_id);
  if (existing.ok()) {
    return absl::AlreadyExistsError(
        absl::StrCat("firm_id: firm ", FirmName(firm_id), " already exists"));
  }
  if (!absl::IsNotFound(existing.status())) return existing.status();
  Firm firm;
  firm.id = firm_id;
  firm.display_name = display_name;
  firm.create_time = firm.update_time = clock_.Now();
  firm.version = 1;
  REFNET_RETURN_IF_ERROR(repo.InsertFirm(firm));
  return firm;
}

absl::Status FirmDirectory::CheckEmailFree(AdminRepository& repo, const std::string& firm_id,
                                           const std::string& email, const std::string& member_id) {
  REFNET_ASSIGN_OR_RETURN(std::optional<std::string> holder,
                          repo.FindMemberByEmail(firm_id, LowerAscii(email)));
  if (holder && *holder != member_id) {
    return absl::AlreadyExistsError(absl::StrCat("member.email: ", email, " is already used by ",
                                                 MemberName(firm_id, *holder)));
  }
  return absl::OkStatus();
}

absl::StatusOr<Member> FirmDirectory::CreateMember(AdminRepository& repo, Member draft) {
  REFNET_RETURN_IF_ERROR(repo.GetFirm(draft.firm_id).status());
  if (draft.id.empty()) draft.id = ids_.NewId();
  absl::StatusOr<Member> existing = repo.GetMember(draft.firm_id, draft.id);
  if (existing.ok()) {
    return absl::AlreadyExistsError(
        absl::StrCat("member_id: member ", MemberName(draft.firm_id, draft.id), " already exists"));
  }
  if (!absl::IsNotFound(existing.status())) return existing.status();
  REFNET_RETURN_IF_ERROR(CheckEmailFree(repo, draft.firm_id, draft.email, draft.id));
  draft.active = true;
  draft.create_time = draft.update_time = clock_.Now();
  draft.version = 1;
  REFNET_RETURN_IF_ERROR(repo.InsertMember(draft));
  return draft;
}

absl::StatusOr<Member> FirmDirectory::UpdateMember(AdminRepository& repo,
                                                   const std::string& firm_id,
                                                   const std::string& member_id,
                                                   const MemberPatch& patch,
                                                   const std::string& etag) {
  REFNET_ASSIGN_OR_RETURN(Member member, repo.GetMember(firm_id, member_id));
  REFNET_RETURN_IF_ERROR(CheckEtag(etag, member.version, "member"));
  if (patch.display_name) member.display_name = *patch.display_name;
  if (patch.email) {
    REFNET_RETURN_IF_ERROR(CheckEmailFree(repo, firm_id, *patch.email, member_id));
    member.email = *patch.email;
  }
  if (patch.role) member.role = *patch.role;
  if (patch.active) member.active = *patch.active;
  member.update_time = clock_.Now();
  member.version += 1;
  REFNET_RETURN_IF_ERROR(repo.UpdateMember(member));
  return member;
}

}  // namespace refnet::admin
