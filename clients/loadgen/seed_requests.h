// The requests that build the synthetic firm, each depending only on the
// firm, its index and the firm's size.
#pragma once

#include <cstdint>

#include "absl/strings/string_view.h"
#include "refnet/v1/admin_service.pb.h"
#include "refnet/v1/contact_service.pb.h"
#include "refnet/v1/ledger_service.pb.h"

namespace refnet::loadgen {

// Each carries a request id derived from the same inputs, so seeding again
// replays the first answers instead of duplicating.

// members/m{index}, role member, email m{index}@{firm}.test.
refnet::v1::CreateMemberRequest SeedMember(absl::string_view firm, int64_t index);

// contacts/c{index}.
refnet::v1::CreateContactRequest SeedContact(absl::string_view firm, int64_t index);

// Favour number `index`: about 90% between a member and a contact, either
// way, the rest between two contacts; a random kind and 1–50 points.
refnet::v1::RecordFavourRequest SeedFavour(absl::string_view firm, int64_t index, int64_t members,
                                           int64_t contacts);

}  // namespace refnet::loadgen
