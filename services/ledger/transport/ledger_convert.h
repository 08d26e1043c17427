// Favours and balances between protobuf and the domain, with validation.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "refnet/v1/ledger_service.pb.h"
#include "services/ledger/domain/ledger.h"
#include "services/ledger/domain/types.h"

namespace refnet::ledger {

// Parses a party name under `firm_id` (a member or a contact) into its key
// ("members/{id}" / "contacts/{id}"). Another firm's name is PERMISSION_DENIED.
absl::StatusOr<std::string> PartyKey(absl::string_view name, const std::string& firm_id,
                                     absl::string_view field);
std::string PartyName(const std::string& firm_id, const std::string& key);

absl::StatusOr<Favour> FavourFromProto(const refnet::v1::Favour& favour,
                                       const std::string& firm_id);
void ToProto(const Favour& favour, refnet::v1::Favour* out);
void ToProto(const std::string& firm_id, const Balance& balance, refnet::v1::Balance* out);
refnet::v1::ReciprocityHealth HealthToProto(Health health);

}  // namespace refnet::ledger
