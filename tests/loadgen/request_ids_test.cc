// Request ids and seed requests are derived, not random, so seeding twice
// replays the same writes; load uses fresh ids.
#include "clients/loadgen/request_ids.h"

#include <set>

#include "clients/loadgen/seed_requests.h"
#include "clients/loadgen/synthetic_firm.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace refnet::loadgen {
namespace {

bool IsUuid(const std::string& id) {
  if (id.size() != 36) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (id[i] == '-')) return false;
    if (!dash && !isxdigit(static_cast<unsigned char>(id[i]))) return false;
  }
  return true;
}

TEST(LoadgenRequestIdsTest, DerivedIdsAreStableUuids) {
  std::string id = DerivedRequestId("acme", "favour", 42);
  EXPECT_TRUE(IsUuid(id)) << id;
  EXPECT_EQ(id, DerivedRequestId("acme", "favour", 42));
  // Pinned, so a change to the derivation (which would make a second seed
  // duplicate the first) cannot go unnoticed.
  EXPECT_EQ(id, "d367b92a-5fa7-8f59-ba51-99f3957ead94");
}

TEST(LoadgenRequestIdsTest, DerivedIdsDifferByFirmKindAndIndex) {
  std::set<std::string> ids;
  for (const char* firm : {"acme", "globex"}) {
    for (const char* kind : {"member", "contact", "favour"}) {
      for (int64_t i = 0; i < 1000; ++i) ids.insert(DerivedRequestId(firm, kind, i));
    }
  }
  EXPECT_EQ(ids.size(), 6000u);
  EXPECT_NE(DerivedRequestId("ab", "c", 1), DerivedRequestId("a", "bc", 1));
}

TEST(LoadgenRequestIdsTest, RandomIdsAreVersionFourUuids) {
  std::string id = RandomRequestId(0xffffffffffffffffULL, 0);
  EXPECT_TRUE(IsUuid(id)) << id;
  EXPECT_EQ(id[14], '4');
  EXPECT_NE(RandomRequestId(1, 2), RandomRequestId(1, 3));
}

TEST(LoadgenRequestIdsTest, SeedRequestsAreTheSameOnEveryRun) {
  google::protobuf::util::MessageDifferencer same;
  for (int64_t i = 0; i < 100; ++i) {
    EXPECT_TRUE(same.Compare(SeedFavour("acme", i, 20, 50), SeedFavour("acme", i, 20, 50)));
    EXPECT_TRUE(same.Compare(SeedContact("acme", i), SeedContact("acme", i)));
    EXPECT_TRUE(same.Compare(SeedMember("acme", i), SeedMember("acme", i)));
  }
  EXPECT_EQ(SeedMember("acme", 3).member().email(), "m3@acme.test");
  EXPECT_EQ(SeedContact("acme", 7).contact_id(), "c7");
}

TEST(LoadgenRequestIdsTest, SeedFavoursStayInsideTheFirmAndItsRanges) {
  int contact_pairs = 0;
  for (int64_t i = 0; i < 2000; ++i) {
    refnet::v1::RecordFavourRequest favour = SeedFavour("acme", i, 3, 5);
    const refnet::v1::Favour& f = favour.favour();
    EXPECT_NE(f.giver(), f.receiver());
    EXPECT_GE(f.value_points(), 1);
    EXPECT_LE(f.value_points(), 50);
    EXPECT_NE(f.kind(), refnet::v1::FAVOUR_KIND_UNSPECIFIED);
    bool giver_contact = f.giver().rfind("firms/acme/contacts/c", 0) == 0;
    bool receiver_contact = f.receiver().rfind("firms/acme/contacts/c", 0) == 0;
    EXPECT_TRUE(giver_contact || f.giver().rfind("firms/acme/members/m", 0) == 0) << f.giver();
    if (giver_contact && receiver_contact) ++contact_pairs;
  }
  // About one in ten is between two contacts.
  EXPECT_GT(contact_pairs, 120);
  EXPECT_LT(contact_pairs, 280);
}

TEST(LoadgenRequestIdsTest, TheHotSetIsFixedAndUsesSeededIds) {
  std::vector<HotPair> a = BuildHotSet("acme", 20, 1000, 50);
  std::vector<HotPair> b = BuildHotSet("acme", 20, 1000, 50);
  ASSERT_EQ(a.size(), 50u);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].member, b[i].member);
    EXPECT_EQ(a[i].contact, b[i].contact);
    EXPECT_EQ(a[i].member.rfind("firms/acme/members/m", 0), 0u);
    EXPECT_EQ(a[i].contact.rfind("firms/acme/contacts/c", 0), 0u);
  }
}

}  // namespace
}  // namespace refnet::loadgen
