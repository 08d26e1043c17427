// Favour kinds are weighted towards the everyday ones (information,
// introductions, advice); closed business is rare.
#include "clients/loadgen/ledger_shape.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "clients/loadgen/stable_hash.h"
#include "clients/loadgen/synthetic_firm.h"

namespace refnet::loadgen {
namespace {

constexpr uint64_t kContactToContactPercent = 5;
// Of member–contact favours, the percent along a relationship.
constexpr uint64_t kAlongRelationshipPercent = 90;
// Weights of kinds 1..9: introduction, lead, referral, closed business,
// information, invitation, feedback, advice, other.
constexpr uint64_t kKindWeights[] = {20, 10, 8, 2, 20, 12, 10, 13, 5};
constexpr int64_t kYearUs = int64_t{365} * 24 * 3600 * 1000000;

ledger::FavourKind DrawKind(SplitMix64& rng) {
  uint64_t total = 0;
  for (uint64_t w : kKindWeights) total += w;
  uint64_t roll = rng.Below(total);
  int kind = 1;
  for (uint64_t w : kKindWeights) {
    if (roll < w) break;
    roll -= w;
    ++kind;
  }
  return static_cast<ledger::FavourKind>(kind);
}

int32_t Below(SplitMix64& rng, int64_t bound) {
  return static_cast<int32_t>(rng.Below(static_cast<uint64_t>(bound)));
}

}  // namespace

std::string PartyKey(const PlannedParty& party) {
  return party.member ? absl::StrCat("members/", MemberId(party.index))
                      : absl::StrCat("contacts/", ContactId(party.index));
}

std::vector<PlannedFavour> PlanFavours(const FirmShape& shape,
                                       const std::vector<PlannedRelationship>& relationships,
                                       const std::vector<PlannedConnection>& connections) {
  SplitMix64 rng(StableHash("favours", shape.seed));
  std::vector<PlannedFavour> planned;
  planned.reserve(static_cast<size_t>(shape.favours));
  for (int64_t i = 0; i < shape.favours; ++i) {
    PlannedFavour f;
    if (rng.Below(100) < kContactToContactPercent) {
      PlannedConnection c;
      if (connections.empty()) {
        c.low = Below(rng, shape.contacts);
        c.high =
            (c.low + 1 + Below(rng, shape.contacts - 1)) % static_cast<int32_t>(shape.contacts);
      } else {
        c = connections[rng.Below(connections.size())];
      }
      f.giver = {false, c.low};
      f.receiver = {false, c.high};
    } else {
      PlannedParty member{true, 0};
      PlannedParty contact{false, 0};
      if (!relationships.empty() && rng.Below(100) < kAlongRelationshipPercent) {
        const PlannedRelationship& r = relationships[rng.Below(relationships.size())];
        member.index = r.member;
        contact.index = r.contact;
      } else {
        member.index = Below(rng, shape.members);
        contact.index = Below(rng, shape.contacts);
      }
      f.giver = member;
      f.receiver = contact;
    }
    if (rng.Below(2) == 0) std::swap(f.giver, f.receiver);
    f.kind = DrawKind(rng);
    planned.push_back(f);
  }
  return planned;
}

ledger::Favour ShapeFavour(const FirmShape& shape, const PlannedFavour& planned, int64_t number) {
  ledger::Favour favour;
  favour.firm_id = shape.firm_id;
  favour.giver = PartyKey(planned.giver);
  favour.receiver = PartyKey(planned.receiver);
  favour.kind = planned.kind;
  favour.value_points = 0;
  int64_t step_us = kYearUs / std::max<int64_t>(shape.favours, 1);
  favour.occurred_at = shape.as_of - absl::Microseconds(kYearUs - number * step_us);
  // Whoever keeps the firm's side records it: the member, or the admin
  // for favours between contacts.
  if (planned.giver.member) {
    favour.recorded_by = MemberId(planned.giver.index);
  } else if (planned.receiver.member) {
    favour.recorded_by = MemberId(planned.receiver.index);
  } else {
    favour.recorded_by = kAdminMemberId;
  }
  return favour;
}

}  // namespace refnet::loadgen
