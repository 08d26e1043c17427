// Relationships sample each member's contacts without repeats (Floyd's
// algorithm); connections mix neighbourhood, same-organization and random
// links, as social graphs do.
#include "clients/loadgen/graph_shape.h"

#include <algorithm>
#include <iterator>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "clients/loadgen/stable_hash.h"
#include "clients/loadgen/synthetic_firm.h"

namespace refnet::loadgen {
namespace {

constexpr absl::string_view kHowMet[] = {"conference", "introduction", "former colleague",
                                         "client",     "university",   "industry event",
                                         "referral"};
// Strength 1..5, in percent.
constexpr uint64_t kStrengthPercents[] = {15, 25, 30, 20, 10};
constexpr uint64_t kKeyOneIn = 10;
constexpr int64_t kYearS = int64_t{365} * 24 * 3600;
// Connections: this percent within a contact's neighbourhood, then this
// percent more at its organization; the rest anywhere.
constexpr uint64_t kNeighbourhoodPercent = 60;
constexpr uint64_t kSameOrganizationPercent = 25;
constexpr int64_t kNeighbourhoodMax = 200;

int32_t DrawStrength(SplitMix64& rng) {
  uint64_t roll = rng.Below(100);
  int32_t strength = 1;
  for (uint64_t percent : kStrengthPercents) {
    if (roll < percent) return strength;
    roll -= percent;
    ++strength;
  }
  return strength - 1;
}

// `count` distinct values below `bound`, in the order drawn.
std::vector<int32_t> Sample(SplitMix64& rng, int64_t bound, int64_t count) {
  absl::flat_hash_set<int32_t> taken;
  taken.reserve(static_cast<size_t>(count));
  std::vector<int32_t> drawn;
  drawn.reserve(static_cast<size_t>(count));
  for (int64_t j = bound - count; j < bound; ++j) {
    auto t = static_cast<int32_t>(rng.Below(static_cast<uint64_t>(j + 1)));
    int32_t value = taken.insert(t).second ? t : static_cast<int32_t>(j);
    if (value != t) taken.insert(value);
    drawn.push_back(value);
  }
  return drawn;
}

}  // namespace

std::vector<PlannedRelationship> PlanRelationships(const FirmShape& shape,
                                                   int32_t key_relationships_max) {
  SplitMix64 rng(StableHash("relationships", shape.seed));
  std::vector<PlannedRelationship> planned;
  planned.reserve(static_cast<size_t>(shape.relationships));
  int64_t others = shape.members - 1;
  int64_t rest = shape.relationships - shape.hub_member_contacts;
  for (int64_t member = 0; member < shape.members; ++member) {
    int64_t count = shape.hub_member_contacts;
    if (member > 0) count = rest / others + (member <= rest % others ? 1 : 0);
    int32_t keys = 0;
    for (int32_t contact : Sample(rng, shape.contacts, count)) {
      PlannedRelationship r;
      r.member = static_cast<int32_t>(member);
      r.contact = contact;
      r.strength = DrawStrength(rng);
      r.key = keys < key_relationships_max && rng.Below(kKeyOneIn) == 0;
      if (r.key) ++keys;
      r.touched_s_ago = static_cast<int32_t>(rng.Below(kYearS));
      planned.push_back(r);
    }
  }
  return planned;
}

contacts::Relationship ShapeRelationship(const FirmShape& shape,
                                         const PlannedRelationship& planned) {
  contacts::Relationship r;
  r.firm_id = shape.firm_id;
  r.member_id = MemberId(planned.member);
  r.contact_id = ContactId(planned.contact);
  r.strength = planned.strength;
  r.how_met = std::string(
      kHowMet[static_cast<size_t>(planned.member * 31 + planned.contact) % std::size(kHowMet)]);
  r.key = planned.key;
  r.last_touch_time = shape.as_of - absl::Seconds(planned.touched_s_ago);
  r.create_time = r.update_time = shape.as_of;
  return r;
}

std::vector<PlannedConnection> PlanConnections(const FirmShape& shape) {
  const int64_t n = shape.contacts;
  std::vector<int32_t> organization_of(static_cast<size_t>(n));
  std::vector<std::vector<int32_t>> at_organization(kOrganizations + 1);
  for (int64_t i = 0; i < n; ++i) {
    int64_t slot = OrganizationOf(shape, i) + 1;  // the small organization is slot 0
    organization_of[static_cast<size_t>(i)] = static_cast<int32_t>(slot);
    at_organization[static_cast<size_t>(slot)].push_back(static_cast<int32_t>(i));
  }
  const int64_t neighbourhood = std::clamp<int64_t>(n / 50, 1, kNeighbourhoodMax);
  SplitMix64 rng(StableHash("connections", shape.seed));
  absl::flat_hash_set<uint64_t> seen;
  seen.reserve(static_cast<size_t>(shape.connections));
  std::vector<PlannedConnection> planned;
  planned.reserve(static_cast<size_t>(shape.connections));
  // Options allow at most an eighth of all pairs, so random links always
  // find free pairs; they take over if the local ones run out.
  const int64_t local_attempts_max = 10 * shape.connections;
  for (int64_t attempt = 0; static_cast<int64_t>(planned.size()) < shape.connections; ++attempt) {
    auto a = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(n)));
    int64_t b = 0;
    uint64_t roll = attempt < local_attempts_max ? rng.Below(100) : 100;
    if (roll < kNeighbourhoodPercent) {
      b = (a + 1 + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(neighbourhood)))) % n;
    } else if (roll < kNeighbourhoodPercent + kSameOrganizationPercent) {
      const std::vector<int32_t>& peers =
          at_organization[static_cast<size_t>(organization_of[static_cast<size_t>(a)])];
      b = peers[rng.Below(peers.size())];
    } else {
      b = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(n)));
    }
    if (a == b) continue;
    auto key =
        (static_cast<uint64_t>(std::min(a, b)) << 32) | static_cast<uint64_t>(std::max(a, b));
    if (!seen.insert(key).second) continue;
    bool a_first = ContactId(a) < ContactId(b);
    planned.push_back(
        {static_cast<int32_t>(a_first ? a : b), static_cast<int32_t>(a_first ? b : a)});
  }
  return planned;
}

}  // namespace refnet::loadgen
