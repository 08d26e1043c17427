// What the admin domain needs from a store: firms and members.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/admin/domain/settings.h"
#include "services/admin/domain/types.h"

namespace refnet::admin {

class AdminRepository {
 public:
  virtual ~AdminRepository() = default;

  // NOT_FOUND when there is no such firm.
  virtual absl::StatusOr<Firm> GetFirm(absl::string_view firm_id) = 0;
  // ALREADY_EXISTS when the id is taken. Sets `position`.
  virtual absl::Status InsertFirm(Firm& firm) = 0;
  // Firms with position > after_position in order, at most `limit`.
  virtual absl::StatusOr<std::vector<Firm>> ListFirms(int64_t after_position, int32_t limit) = 0;

  // NOT_FOUND when there is no such member in the firm.
  virtual absl::StatusOr<Member> GetMember(absl::string_view firm_id,
                                           absl::string_view member_id) = 0;
  // The id of the firm's member with this (lower-cased) email, if any.
  virtual absl::StatusOr<std::optional<std::string>> FindMemberByEmail(
      absl::string_view firm_id, absl::string_view email_lower) = 0;
  // ALREADY_EXISTS when the id is taken. Sets `position`.
  virtual absl::Status InsertMember(Member& member) = 0;
  // Replaces the stored member with the same firm and id.
  virtual absl::Status UpdateMember(const Member& member) = 0;
  virtual absl::StatusOr<std::vector<Member>> ListMembers(absl::string_view firm_id,
                                                          bool include_inactive,
                                                          int64_t after_position,
                                                          int32_t limit) = 0;

  // The firm's settings; defaults (version 0) when never stored.
  virtual absl::StatusOr<FirmSettings> GetSettings(absl::string_view firm_id) = 0;
  virtual absl::Status PutSettings(const FirmSettings& settings) = 0;
};

}  // namespace refnet::admin
