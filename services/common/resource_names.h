// Parsing and formatting of resource names (`firms/{firm}/contacts/{contact}`, …).
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace refnet {

// A resource directly under a firm: `firms/{firm}/{collection}/{id}`.
struct ChildName {
  std::string firm_id;
  std::string id;
};

// Parses `firms/{firm}`; INVALID_ARGUMENT naming `field` when malformed.
absl::StatusOr<std::string> ParseFirmName(absl::string_view name, absl::string_view field);

// Parses `firms/{firm}/{collection}/{id}`; INVALID_ARGUMENT naming `field`
// when malformed or when the name belongs to another collection.
absl::StatusOr<ChildName> ParseChildName(absl::string_view name, absl::string_view collection,
                                         absl::string_view field);

// Checks a caller-chosen id (firm_id, member_id, contact_id): 2–63 characters
// of lowercase letters, digits and hyphens, starting with a letter.
absl::Status ValidateNewId(absl::string_view id, absl::string_view field);

std::string FirmName(absl::string_view firm_id);
std::string MemberName(absl::string_view firm_id, absl::string_view member_id);
std::string ContactName(absl::string_view firm_id, absl::string_view contact_id);
std::string InteractionName(absl::string_view firm_id, absl::string_view interaction_id);
std::string ConnectionName(absl::string_view firm_id, absl::string_view connection_id);
std::string RelationshipName(absl::string_view firm_id, absl::string_view member_id,
                             absl::string_view contact_id);

inline constexpr absl::string_view kMembers = "members";
inline constexpr absl::string_view kContacts = "contacts";

}  // namespace refnet
