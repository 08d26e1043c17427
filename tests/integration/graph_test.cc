// The relationship graph: relationships, key caps, interactions and last
// touch, connections.
#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;

class GraphTest : public RefnetTest {
 protected:
  static grpc::Status SetRelationship(const std::string& token, const TestFirm& firm,
                                      const std::string& member, const std::string& contact,
                                      int strength, bool key = false,
                                      v1::Relationship* out = nullptr) {
    v1::SetRelationshipRequest r;
    r.set_parent(firm.name);
    r.mutable_relationship()->set_member(firm.Member(member));
    r.mutable_relationship()->set_contact(contact);
    r.mutable_relationship()->set_strength(strength);
    r.mutable_relationship()->set_how_met("conference");
    r.mutable_relationship()->set_key(key);
    v1::Relationship ignored;
    return contacts().SetRelationship(Authed(token).get(), r, out != nullptr ? out : &ignored);
  }

  static v1::Interaction Log(const TestFirm& firm, const std::string& token,
                             const std::string& member, const std::string& contact,
                             int64_t occurred_at_s) {
    v1::LogInteractionRequest r;
    r.set_parent(firm.name);
    r.mutable_interaction()->set_member(firm.Member(member));
    r.mutable_interaction()->set_contact(contact);
    r.mutable_interaction()->set_kind(v1::INTERACTION_KIND_EVENT);
    r.mutable_interaction()->set_event_name("Fintech Week");
    r.mutable_interaction()->mutable_occurred_at()->set_seconds(occurred_at_s);
    v1::Interaction out;
    grpc::Status status = contacts().LogInteraction(Authed(token).get(), r, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  static v1::ListRelationshipsResponse Relationships(const TestFirm& firm,
                                                     v1::ListRelationshipsRequest request) {
    request.set_parent(firm.name);
    v1::ListRelationshipsResponse page;
    grpc::Status status =
        contacts().ListRelationships(Authed(firm.alice_token).get(), request, &page);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return page;
  }
};

TEST_F(GraphTest, SettingARelationshipTwiceReplacesIt) {
  TestFirm firm = NewFirm();
  v1::Contact ann = AddContact(firm, "ann", "Ann");
  v1::Contact bo = AddContact(firm, "bo", "Bo");
  v1::Relationship first, second;
  ASSERT_TRUE(SetRelationship(firm.alice_token, firm, "alice", ann.name(), 2, false, &first).ok());
  ASSERT_TRUE(SetRelationship(firm.alice_token, firm, "alice", ann.name(), 5, true, &second).ok());
  EXPECT_EQ(second.name(), firm.Member("alice") + "/relationships/ann");
  EXPECT_EQ(second.strength(), 5);
  EXPECT_TRUE(second.key());
  EXPECT_EQ(second.create_time().seconds(), first.create_time().seconds());
  ASSERT_TRUE(SetRelationship(firm.bob_token, firm, "bob", ann.name(), 1).ok());
  ASSERT_TRUE(SetRelationship(firm.bob_token, firm, "bob", bo.name(), 3).ok());

  v1::ListRelationshipsRequest by_member;
  by_member.set_member(firm.Member("bob"));
  EXPECT_EQ(Relationships(firm, by_member).relationships_size(), 2);
  v1::ListRelationshipsRequest by_contact;
  by_contact.set_contact(ann.name());
  EXPECT_EQ(Relationships(firm, by_contact).relationships_size(), 2);
  v1::ListRelationshipsRequest keys;
  keys.set_key_only(true);
  v1::ListRelationshipsResponse key_page = Relationships(firm, keys);
  ASSERT_EQ(key_page.relationships_size(), 1);
  EXPECT_EQ(key_page.relationships(0).member(), firm.Member("alice"));
}

TEST_F(GraphTest, AMemberHasAtMostTenKeyRelationships) {
  TestFirm firm = NewFirm();
  for (int i = 0; i < 11; ++i)
    AddContact(firm, "k" + std::to_string(i), "Key " + std::to_string(i));
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(SetRelationship(firm.alice_token, firm, "alice",
                                firm.Contact("k" + std::to_string(i)), 4, true)
                    .ok());
  }
  EXPECT_STATUS(SetRelationship(firm.alice_token, firm, "alice", firm.Contact("k10"), 4, true),
                FAILED_PRECONDITION, "relationship.key");
  // Re-saving an existing key relationship is not a new one.
  EXPECT_TRUE(SetRelationship(firm.alice_token, firm, "alice", firm.Contact("k3"), 5, true).ok());
  // Unmarking one frees a slot.
  ASSERT_TRUE(SetRelationship(firm.alice_token, firm, "alice", firm.Contact("k0"), 4, false).ok());
  EXPECT_TRUE(SetRelationship(firm.alice_token, firm, "alice", firm.Contact("k10"), 4, true).ok());
  // The cap is per member.
  EXPECT_TRUE(SetRelationship(firm.bob_token, firm, "bob", firm.Contact("k10"), 4, true).ok());
}

TEST_F(GraphTest, InteractionsMoveLastTouchForwardOnly) {
  TestFirm firm = NewFirm();
  v1::Contact ann = AddContact(firm, "ann", "Ann");
  int64_t now_s = absl::ToUnixSeconds(absl::Now());
  // No relationship yet: logging one creates it at strength 1.
  v1::Interaction met = Log(firm, firm.alice_token, "alice", ann.name(), now_s - 86400 * 10);
  EXPECT_EQ(met.event_name(), "Fintech Week");
  v1::ListRelationshipsRequest request;
  request.set_member(firm.Member("alice"));
  v1::ListRelationshipsResponse page = Relationships(firm, request);
  ASSERT_EQ(page.relationships_size(), 1);
  EXPECT_EQ(page.relationships(0).strength(), 1);
  EXPECT_EQ(page.relationships(0).last_touch_time().seconds(), now_s - 86400 * 10);
  Log(firm, firm.alice_token, "alice", ann.name(), now_s - 3600);
  Log(firm, firm.alice_token, "alice", ann.name(), now_s - 86400 * 30);  // logged late
  page = Relationships(firm, request);
  EXPECT_EQ(page.relationships(0).last_touch_time().seconds(), now_s - 3600);
  // Setting the relationship keeps its last touch.
  ASSERT_TRUE(SetRelationship(firm.alice_token, firm, "alice", ann.name(), 4).ok());
  page = Relationships(firm, request);
  EXPECT_EQ(page.relationships(0).strength(), 4);
  EXPECT_EQ(page.relationships(0).last_touch_time().seconds(), now_s - 3600);

  v1::ListInteractionsRequest list;
  list.set_parent(firm.name);
  list.set_member(firm.Member("alice"));
  list.set_page_size(2);
  v1::ListInteractionsResponse interactions;
  ASSERT_TRUE(contacts().ListInteractions(Authed(firm.bob_token).get(), list, &interactions).ok());
  EXPECT_EQ(interactions.interactions_size(), 2);
  EXPECT_EQ(interactions.interactions(0).name(), met.name());
  EXPECT_FALSE(interactions.next_page_token().empty());
  list.set_member(firm.Member("bob"));
  list.clear_page_token();
  ASSERT_TRUE(contacts().ListInteractions(Authed(firm.bob_token).get(), list, &interactions).ok());
  EXPECT_EQ(interactions.interactions_size(), 0);
}

TEST_F(GraphTest, InteractionsInTheFarFutureAreRefused) {
  TestFirm firm = NewFirm();
  v1::Contact ann = AddContact(firm, "ann", "Ann");
  v1::LogInteractionRequest r;
  r.set_parent(firm.name);
  r.mutable_interaction()->set_member(firm.Member("alice"));
  r.mutable_interaction()->set_contact(ann.name());
  r.mutable_interaction()->set_kind(v1::INTERACTION_KIND_MEETING);
  r.mutable_interaction()->mutable_occurred_at()->set_seconds(absl::ToUnixSeconds(absl::Now()) +
                                                              86400 * 7);
  v1::Interaction out;
  EXPECT_STATUS(contacts().LogInteraction(Authed(firm.alice_token).get(), r, &out),
                INVALID_ARGUMENT, "interaction.occurred_at");
  v1::ListRelationshipsRequest request;
  EXPECT_EQ(Relationships(firm, request).relationships_size(), 0);
}

TEST_F(GraphTest, ConnectionsAreUndirectedAndRecordedOnce) {
  TestFirm firm = NewFirm();
  v1::Contact ann = AddContact(firm, "ann", "Ann");
  v1::Contact bo = AddContact(firm, "bo", "Bo");
  v1::Contact cy = AddContact(firm, "cy", "Cy");
  auto connect = [&](const std::string& a, const std::string& b, v1::Connection* out) {
    v1::ConnectContactsRequest r;
    r.set_parent(firm.name);
    r.set_contact(a);
    r.set_other(b);
    r.set_note("co-founders");
    return contacts().ConnectContacts(Authed(firm.alice_token).get(), r, out);
  };
  v1::Connection first, second, third;
  ASSERT_TRUE(connect(bo.name(), ann.name(), &first).ok());
  ASSERT_TRUE(connect(ann.name(), bo.name(), &second).ok());
  EXPECT_EQ(first.name(), second.name());
  ASSERT_TRUE(connect(cy.name(), bo.name(), &third).ok());
  EXPECT_STATUS(connect(cy.name(), cy.name(), &third), INVALID_ARGUMENT, "other");
  EXPECT_STATUS(connect(cy.name(), firm.Contact("nobody"), &third), NOT_FOUND, "other");

  v1::ListConnectionsRequest list;
  list.set_parent(firm.name);
  list.set_contact(bo.name());
  v1::ListConnectionsResponse page;
  ASSERT_TRUE(contacts().ListConnections(Authed(firm.bob_token).get(), list, &page).ok());
  EXPECT_EQ(page.connections_size(), 2);
  list.set_contact(ann.name());
  ASSERT_TRUE(contacts().ListConnections(Authed(firm.bob_token).get(), list, &page).ok());
  ASSERT_EQ(page.connections_size(), 1);
  EXPECT_EQ(page.connections(0).note(), "co-founders");
}

TEST_F(GraphTest, MetThroughMustBeAnotherContactOfTheFirm) {
  TestFirm firm = NewFirm();
  v1::Contact ann = AddContact(firm, "ann", "Ann");
  v1::Contact bo = AddContact(firm, "bo", "Bo");
  v1::SetRelationshipRequest r;
  r.set_parent(firm.name);
  r.mutable_relationship()->set_member(firm.Member("alice"));
  r.mutable_relationship()->set_contact(ann.name());
  r.mutable_relationship()->set_strength(3);
  r.mutable_relationship()->set_met_through(ann.name());
  v1::Relationship out;
  EXPECT_STATUS(contacts().SetRelationship(Authed(firm.alice_token).get(), r, &out),
                INVALID_ARGUMENT, "relationship.met_through");
  r.mutable_relationship()->set_met_through(firm.Contact("ghost"));
  EXPECT_STATUS(contacts().SetRelationship(Authed(firm.alice_token).get(), r, &out), NOT_FOUND,
                "relationship.met_through");
  r.mutable_relationship()->set_met_through(bo.name());
  ASSERT_TRUE(contacts().SetRelationship(Authed(firm.alice_token).get(), r, &out).ok());
  EXPECT_EQ(out.met_through(), bo.name());
  r.mutable_relationship()->set_member(firm.Member("ghost"));
  EXPECT_STATUS(contacts().SetRelationship(Authed(firm.admin_token).get(), r, &out), NOT_FOUND,
                "relationship.member");
}

}  // namespace
}  // namespace refnet::testing
