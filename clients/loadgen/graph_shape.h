// The relationship graph of a bulk-seeded firm: which member knows which
// contact, how well, and which contacts know each other. Pure; drawn from
// the firm's seed in a fixed order.
#pragma once

#include <cstdint>
#include <vector>

#include "absl/time/time.h"
#include "clients/loadgen/firm_shape.h"
#include "services/contacts/domain/types.h"

namespace refnet::loadgen {

// Member m{member} knows contact c{contact}.
struct PlannedRelationship {
  int32_t member = 0;
  int32_t contact = 0;
  int32_t strength = 0;       // 1 to 5
  bool key = false;           // at most key_relationships_max per member
  int32_t touched_s_ago = 0;  // last touch, seconds before as_of
};

// Every relationship, member by member: m0 knows hub_member_contacts
// contacts, the other members share the rest evenly. No member knows a
// contact twice. About one in ten is key until the member reaches
// `key_relationships_max`.
std::vector<PlannedRelationship> PlanRelationships(const FirmShape& shape,
                                                   int32_t key_relationships_max);

// The relationship as the store keeps it.
contacts::Relationship ShapeRelationship(const FirmShape& shape,
                                         const PlannedRelationship& planned);

// Contacts c{low} and c{high} know each other, with the id of c{low}
// ordered before the id of c{high} as the store requires.
struct PlannedConnection {
  int32_t low = 0;
  int32_t high = 0;
};

// Every connection, each pair once. Most join contacts close in number (a
// neighbourhood) or at the same organization, the rest are random, so
// warm paths of 2–4 hops exist between most contacts.
std::vector<PlannedConnection> PlanConnections(const FirmShape& shape);

}  // namespace refnet::loadgen
