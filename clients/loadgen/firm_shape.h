// The shape of a bulk-seeded firm, drawn from a seed: who the contacts are,
// where they work, what they offer and need. Pure functions; the store
// seeder writes what they return.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/admin/domain/types.h"
#include "services/contacts/domain/types.h"

namespace refnet::loadgen {

// Organizations "Org 0".."Org 1999", sizes falling off as a power law.
inline constexpr int64_t kOrganizations = 2000;
// Contacts at the small organization (kSmallOrganization), at most.
inline constexpr int64_t kSmallOrganizationContacts = 30;
// The admin member every bulk-seeded firm has, for admin calls.
inline constexpr char kAdminMemberId[] = "boss";

struct FirmShape {
  std::string firm_id;
  int64_t members = 0;
  int64_t contacts = 0;
  int64_t relationships = 0;
  int64_t connections = 0;
  int64_t favours = 0;
  int64_t hub_member_contacts = 0;
  uint64_t seed = 0;
  absl::Time as_of;
};

// The offers and needs contacts draw from; each phrase may be an offer of
// one contact and a need of another, so introductions and asks can match.
const std::vector<std::string>& OfferPhrases();

// Member m{index}, or the admin when index is -1.
admin::Member ShapeMember(const FirmShape& shape, int64_t index);

// Contact c{index}: name, organization, title, email, tags and, on about one
// contact in five, an offer, a need or both.
contacts::Contact ShapeContact(const FirmShape& shape, int64_t index);

// The organization of contact c{index}: -1 for the small organization, else
// an index below kOrganizations.
int64_t OrganizationOf(const FirmShape& shape, int64_t index);

}  // namespace refnet::loadgen
