// Firms and members in SQLite.
#pragma once

#include "services/admin/ports/admin_repository.h"
#include "services/storage/sqlite/database.h"

namespace refnet::storage::sqlite {

class SqliteAdminRepository final : public admin::AdminRepository {
 public:
  explicit SqliteAdminRepository(Database& db) : db_(db) {}

  absl::StatusOr<admin::Firm> GetFirm(absl::string_view firm_id) override;
  absl::Status InsertFirm(admin::Firm& firm) override;
  absl::StatusOr<std::vector<admin::Firm>> ListFirms(int64_t after_position,
                                                     int32_t limit) override;
  absl::StatusOr<admin::Member> GetMember(absl::string_view firm_id,
                                          absl::string_view member_id) override;
  absl::StatusOr<std::optional<std::string>> FindMemberByEmail(
      absl::string_view firm_id, absl::string_view email_lower) override;
  absl::Status InsertMember(admin::Member& member) override;
  absl::Status UpdateMember(const admin::Member& member) override;
  absl::StatusOr<std::vector<admin::Member>> ListMembers(absl::string_view firm_id,
                                                         bool include_inactive,
                                                         int64_t after_position,
                                                         int32_t limit) override;
  absl::StatusOr<admin::FirmSettings> GetSettings(absl::string_view firm_id) override;
  absl::Status PutSettings(const admin::FirmSettings& settings) override;

 private:
  Database& db_;
};

}  // namespace refnet::storage::sqlite
