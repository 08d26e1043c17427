// The favours of a bulk-seeded firm: between members and the contacts they
// know, either way, and between contacts that know each other, so that
// pay-it-forward loops exist. Pure; drawn from the firm's seed.
#pragma once

#include <cstdint>
#include <vector>

#include "clients/loadgen/firm_shape.h"
#include "clients/loadgen/graph_shape.h"
#include "services/ledger/domain/types.h"

namespace refnet::loadgen {

// A party of the firm: member m{index} or contact c{index}.
struct PlannedParty {
  bool member = false;
  int32_t index = 0;
};

struct PlannedFavour {
  PlannedParty giver;
  PlannedParty receiver;
  ledger::FavourKind kind = ledger::FavourKind::kOther;
};

// Every favour in the order it is recorded (oldest first). About 5% pass
// between two connected contacts; the rest between a member and a contact,
// mostly one the member knows.
std::vector<PlannedFavour> PlanFavours(const FirmShape& shape,
                                       const std::vector<PlannedRelationship>& relationships,
                                       const std::vector<PlannedConnection>& connections);

// Favour number `number` as a draft for Ledger::RecordFavour: its value is
// left 0 so the firm's default for the kind applies, and its times spread
// evenly over the year before as_of.
ledger::Favour ShapeFavour(const FirmShape& shape, const PlannedFavour& planned, int64_t number);

// "members/m{index}" or "contacts/c{index}".
std::string PartyKey(const PlannedParty& party);

}  // namespace refnet::loadgen
