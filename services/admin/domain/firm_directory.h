// The rules for firms and members: ids, unique emails, roles, etags.
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/admin/domain/settings.h"
#include "services/admin/domain/types.h"
#include "services/admin/ports/admin_repository.h"
#include "services/common/clock.h"

namespace refnet::admin {

// The fields an update may change; unset means unchanged.
struct MemberPatch {
  std::optional<std::string> display_name;
  std::optional<std::string> email;
  std::optional<MemberRole> role;
  std::optional<bool> active;
};

class FirmDirectory {
 public:
  FirmDirectory(Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  absl::StatusOr<Firm> CreateFirm(AdminRepository& repo, const std::string& firm_id,
                                  const std::string& display_name);
  // Creates an active member; a random id is chosen when `draft.id` is empty.
  absl::StatusOr<Member> CreateMember(AdminRepository& repo, Member draft);
  absl::StatusOr<Member> UpdateMember(AdminRepository& repo, const std::string& firm_id,
                                      const std::string& member_id, const MemberPatch& patch,
                                      const std::string& etag);
  // Marks settings as changed now: a new version and update time.
  void Stamp(FirmSettings& settings) {
    settings.version += 1;
    settings.update_time = clock_.Now();
  }

 private:
  absl::Status CheckEmailFree(AdminRepository& repo, const std::string& firm_id,
                              const std::string& email, const std::string& member_id);

  Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace refnet::admin
