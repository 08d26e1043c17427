// The shape of a bulk-seeded firm: the same for the same seed, the sizes
// asked for, and the invariants the store relies on (no repeated pairs,
// connections stored low id first, the key cap).
#include "clients/loadgen/firm_shape.h"

#include <map>
#include <set>

#include "clients/loadgen/graph_shape.h"
#include "clients/loadgen/ledger_shape.h"
#include "clients/loadgen/seeded_ids.h"
#include "clients/loadgen/synthetic_firm.h"
#include "gtest/gtest.h"

namespace refnet::loadgen {
namespace {

FirmShape SmallFirm() {
  FirmShape shape;
  shape.firm_id = "bench";
  shape.members = 10;
  shape.contacts = 300;
  shape.relationships = 900;
  shape.connections = 2000;
  shape.favours = 2000;
  shape.hub_member_contacts = 120;
  shape.seed = 3;
  shape.as_of = absl::FromUnixSeconds(1769850000);
  return shape;
}

TEST(LoadgenFirmShapeTest, ContactsFollowFromTheSeedAlone) {
  FirmShape shape = SmallFirm();
  contacts::Contact a = ShapeContact(shape, 17);
  contacts::Contact b = ShapeContact(shape, 17);
  EXPECT_EQ(a.id, "c17");
  EXPECT_EQ(a.display_name, b.display_name);
  EXPECT_EQ(a.organization, b.organization);
  EXPECT_EQ(a.tags, b.tags);
  EXPECT_EQ(a.offers, b.offers);
  ASSERT_EQ(a.emails.size(), 1u);
  EXPECT_FALSE(a.display_name.empty());
  EXPECT_FALSE(a.tags.empty());
  shape.seed = 4;
  int differ = 0;
  for (int64_t i = 0; i < 50; ++i) {
    differ += ShapeContact(shape, i).display_name != ShapeContact(SmallFirm(), i).display_name;
  }
  EXPECT_GT(differ, 25);
}

TEST(LoadgenFirmShapeTest, OrganizationsAreSkewedWithOneSmallOne) {
  FirmShape shape = SmallFirm();
  shape.contacts = 100000;
  std::map<int64_t, int64_t> sizes;
  int64_t with_offer_or_need = 0;
  for (int64_t i = 0; i < shape.contacts; ++i) ++sizes[OrganizationOf(shape, i)];
  for (int64_t i = 0; i < 2000; ++i) {
    contacts::Contact c = ShapeContact(shape, i);
    with_offer_or_need += !c.offers.empty() || !c.needs.empty();
  }
  EXPECT_EQ(sizes[-1], kSmallOrganizationContacts);
  EXPECT_GT(sizes[0], 2000);
  EXPECT_LT(sizes[kOrganizations - 1], 50);
  EXPECT_GT(sizes.size(), 1900u);
  EXPECT_NEAR(static_cast<double>(with_offer_or_need) / 2000, 0.2, 0.04);
  EXPECT_EQ(ShapeContact(shape, 1666).organization, "Globex");
}

TEST(LoadgenFirmShapeTest, RelationshipsHaveTheSizesAskedForAndNoRepeats) {
  FirmShape shape = SmallFirm();
  std::vector<PlannedRelationship> planned = PlanRelationships(shape, 10);
  ASSERT_EQ(static_cast<int64_t>(planned.size()), shape.relationships);
  std::set<std::pair<int32_t, int32_t>> pairs;
  std::map<int32_t, int> per_member;
  std::map<int32_t, int> keys;
  for (const PlannedRelationship& r : planned) {
    EXPECT_TRUE(pairs.insert({r.member, r.contact}).second);
    EXPECT_GE(r.strength, 1);
    EXPECT_LE(r.strength, 5);
    EXPECT_LT(r.touched_s_ago, 365 * 24 * 3600);
    ++per_member[r.member];
    keys[r.member] += r.key;
  }
  EXPECT_EQ(per_member[0], shape.hub_member_contacts);
  for (int32_t m = 1; m < shape.members; ++m) {
    EXPECT_NEAR(per_member[m], (900 - 120) / 9.0, 1) << m;
  }
  for (const auto& [member, count] : keys) EXPECT_LE(count, 10) << member;
  EXPECT_GT(keys[0], 0);
  contacts::Relationship stored = ShapeRelationship(shape, planned[0]);
  EXPECT_EQ(stored.member_id, "m0");
  ASSERT_TRUE(stored.last_touch_time.has_value());
  EXPECT_LE(*stored.last_touch_time, shape.as_of);
}

TEST(LoadgenFirmShapeTest, ConnectionsAreDistinctPairsStoredLowIdFirst) {
  FirmShape shape = SmallFirm();
  std::vector<PlannedConnection> planned = PlanConnections(shape);
  ASSERT_EQ(static_cast<int64_t>(planned.size()), shape.connections);
  std::set<std::pair<int32_t, int32_t>> pairs;
  for (const PlannedConnection& c : planned) {
    EXPECT_NE(c.low, c.high);
    EXPECT_LT(ContactId(c.low), ContactId(c.high));
    EXPECT_TRUE(pairs.insert({std::min(c.low, c.high), std::max(c.low, c.high)}).second);
  }
  std::vector<PlannedConnection> again = PlanConnections(shape);
  EXPECT_EQ(again[1234].low, planned[1234].low);
  EXPECT_EQ(again[1234].high, planned[1234].high);
}

TEST(LoadgenFirmShapeTest, FavoursRunBothWaysAndSomeBetweenContacts) {
  FirmShape shape = SmallFirm();
  std::vector<PlannedRelationship> relationships = PlanRelationships(shape, 10);
  std::vector<PlannedConnection> connections = PlanConnections(shape);
  std::vector<PlannedFavour> planned = PlanFavours(shape, relationships, connections);
  ASSERT_EQ(static_cast<int64_t>(planned.size()), shape.favours);
  int between_contacts = 0;
  int members_give = 0;
  for (const PlannedFavour& f : planned) {
    EXPECT_FALSE(f.giver.member && f.receiver.member);
    EXPECT_FALSE(!f.giver.member && !f.receiver.member && f.giver.index == f.receiver.index);
    between_contacts += !f.giver.member && !f.receiver.member;
    members_give += f.giver.member;
  }
  EXPECT_NEAR(between_contacts, 100, 40);
  EXPECT_NEAR(members_give, 950, 120);
  ledger::Favour first = ShapeFavour(shape, planned[0], 0);
  ledger::Favour last = ShapeFavour(shape, planned.back(), shape.favours - 1);
  EXPECT_EQ(first.value_points, 0);  // the firm's default for the kind
  EXPECT_GE(first.occurred_at, shape.as_of - absl::Hours(24 * 365));
  EXPECT_LT(first.occurred_at, last.occurred_at);
  EXPECT_LT(last.occurred_at, shape.as_of);
  EXPECT_FALSE(first.recorded_by.empty());
}

TEST(LoadgenFirmShapeTest, SeededIdsAreOrderedVersionSevenUuids) {
  SeededIdGenerator ids(3, absl::FromUnixSeconds(1769850000));
  SeededIdGenerator same(3, absl::FromUnixSeconds(1769850000));
  std::string previous;
  for (int i = 0; i < 10000; ++i) {
    std::string id = ids.NewId();
    ASSERT_EQ(id.size(), 36u);
    EXPECT_EQ(id[14], '7') << id;
    EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;
    EXPECT_GT(id, previous);
    EXPECT_EQ(id, same.NewId());
    previous = id;
  }
}

}  // namespace
}  // namespace refnet::loadgen
