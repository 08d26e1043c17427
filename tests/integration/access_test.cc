// Who may call what: authentication, firm isolation (AIP-211), the platform
// admin's reach and the role matrix, checked over every RPC of AdminService
// and ContactService against a real server.
#include <functional>
#include <string>
#include <vector>

#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;

// One RPC with a complete, otherwise valid request; only the token varies.
struct Rpc {
  std::string method;
  std::function<grpc::Status(const std::string& token)> call;
};

// The names a request is aimed at.
struct Aim {
  std::string firm;     // firms/{firm}
  std::string contact;  // firms/{firm}/contacts/{contact}
  std::string other;    // a second contact of the same firm
  std::string member;   // firms/{firm}/members/{member}
};

Aim AimAt(const TestFirm& firm) {
  return {firm.name, firm.Contact("c1"), firm.Contact("c2"), firm.Member("alice")};
}

std::string Suffix() { return NewRequestId().substr(0, 8); }

v1::AdminService::Stub& AdminStub();
v1::ContactService::Stub& ContactStub();

std::vector<Rpc> AdminRpcs(const Aim& aim) {
  return {
      {"CreateFirm",
       [](const std::string& token) {
         v1::CreateFirmRequest request;
         request.set_firm_id("intruder-" + Suffix());
         request.mutable_firm()->set_display_name("Intruder");
         v1::Firm out;
         return AdminStub().CreateFirm(Authed(token).get(), request, &out);
       }},
      {"GetFirm",
       [aim](const std::string& token) {
         v1::GetFirmRequest request;
         request.set_name(aim.firm);
         v1::Firm out;
         return AdminStub().GetFirm(Authed(token).get(), request, &out);
       }},
      {"ListFirms",
       [](const std::string& token) {
         v1::ListFirmsResponse out;
         return AdminStub().ListFirms(Authed(token).get(), v1::ListFirmsRequest(), &out);
       }},
      {"CreateMember",
       [aim](const std::string& token) {
         std::string id = "intruder-" + Suffix();
         v1::CreateMemberRequest request;
         request.set_parent(aim.firm);
         request.set_member_id(id);
         request.mutable_member()->set_display_name("Intruder");
         request.mutable_member()->set_email(id + "@intruder.test");
         request.mutable_member()->set_role(v1::ROLE_ADMIN);
         v1::Member out;
         return AdminStub().CreateMember(Authed(token).get(), request, &out);
       }},
      {"GetMember",
       [aim](const std::string& token) {
         v1::GetMemberRequest request;
         request.set_name(aim.member);
         v1::Member out;
         return AdminStub().GetMember(Authed(token).get(), request, &out);
       }},
      {"ListMembers",
       [aim](const std::string& token) {
         v1::ListMembersRequest request;
         request.set_parent(aim.firm);
         v1::ListMembersResponse out;
         return AdminStub().ListMembers(Authed(token).get(), request, &out);
       }},
      {"UpdateMember",
       [aim](const std::string& token) {
         v1::UpdateMemberRequest request;
         request.mutable_member()->set_name(aim.member);
         request.mutable_member()->set_display_name("Renamed by intruder");
         request.mutable_update_mask()->add_paths("display_name");
         v1::Member out;
         return AdminStub().UpdateMember(Authed(token).get(), request, &out);
       }},
      {"IssueToken",
       [aim](const std::string& token) {
         v1::IssueTokenRequest request;
         request.set_parent(aim.firm);
         request.set_member(aim.member);
         v1::IssueTokenResponse out;
         return AdminStub().IssueToken(Authed(token).get(), request, &out);
       }},
  };
}

std::vector<Rpc> ContactRpcs(const Aim& aim) {
  return {
      {"CreateContact",
       [aim](const std::string& token) {
         v1::CreateContactRequest request;
         request.set_parent(aim.firm);
         request.mutable_contact()->set_display_name("Planted contact");
         v1::Contact out;
         return ContactStub().CreateContact(Authed(token).get(), request, &out);
       }},
      {"GetContact",
       [aim](const std::string& token) {
         v1::GetContactRequest request;
         request.set_name(aim.contact);
         v1::Contact out;
         return ContactStub().GetContact(Authed(token).get(), request, &out);
       }},
      {"ListContacts",
       [aim](const std::string& token) {
         v1::ListContactsRequest request;
         request.set_parent(aim.firm);
         v1::ListContactsResponse out;
         return ContactStub().ListContacts(Authed(token).get(), request, &out);
       }},
      {"UpdateContact",
       [aim](const std::string& token) {
         v1::UpdateContactRequest request;
         request.mutable_contact()->set_name(aim.contact);
         request.mutable_contact()->set_display_name("Renamed by intruder");
         request.mutable_update_mask()->add_paths("display_name");
         v1::Contact out;
         return ContactStub().UpdateContact(Authed(token).get(), request, &out);
       }},
      {"DeleteContact",
       [aim](const std::string& token) {
         v1::DeleteContactRequest request;
         request.set_name(aim.contact);
         v1::Contact out;
         return ContactStub().DeleteContact(Authed(token).get(), request, &out);
       }},
      {"MergeContacts",
       [aim](const std::string& token) {
         v1::MergeContactsRequest request;
         request.set_name(aim.contact);
         request.set_merged(aim.other);
         v1::Contact out;
         return ContactStub().MergeContacts(Authed(token).get(), request, &out);
       }},
      {"SetRelationship",
       [aim](const std::string& token) {
         v1::SetRelationshipRequest request;
         request.set_parent(aim.firm);
         request.mutable_relationship()->set_member(aim.member);
         request.mutable_relationship()->set_contact(aim.contact);
         request.mutable_relationship()->set_strength(5);
         request.mutable_relationship()->set_key(true);
         v1::Relationship out;
         return ContactStub().SetRelationship(Authed(token).get(), request, &out);
       }},
      {"ListRelationships",
       [aim](const std::string& token) {
         v1::ListRelationshipsRequest request;
         request.set_parent(aim.firm);
         v1::ListRelationshipsResponse out;
         return ContactStub().ListRelationships(Authed(token).get(), request, &out);
       }},
      {"LogInteraction",
       [aim](const std::string& token) {
         v1::LogInteractionRequest request;
         request.set_parent(aim.firm);
         request.mutable_interaction()->set_member(aim.member);
         request.mutable_interaction()->set_contact(aim.contact);
         request.mutable_interaction()->set_kind(v1::INTERACTION_KIND_CALL);
         v1::Interaction out;
         return ContactStub().LogInteraction(Authed(token).get(), request, &out);
       }},
      {"ListInteractions",
       [aim](const std::string& token) {
         v1::ListInteractionsRequest request;
         request.set_parent(aim.firm);
         v1::ListInteractionsResponse out;
         return ContactStub().ListInteractions(Authed(token).get(), request, &out);
       }},
      {"ConnectContacts",
       [aim](const std::string& token) {
         v1::ConnectContactsRequest request;
         request.set_parent(aim.firm);
         request.set_contact(aim.contact);
         request.set_other(aim.other);
         v1::Connection out;
         return ContactStub().ConnectContacts(Authed(token).get(), request, &out);
       }},
      {"ListConnections",
       [aim](const std::string& token) {
         v1::ListConnectionsRequest request;
         request.set_parent(aim.firm);
         v1::ListConnectionsResponse out;
         return ContactStub().ListConnections(Authed(token).get(), request, &out);
       }},
  };
}

std::vector<Rpc> EveryRpc(const Aim& aim) {
  std::vector<Rpc> rpcs = AdminRpcs(aim);
  for (Rpc& rpc : ContactRpcs(aim)) rpcs.push_back(std::move(rpc));
  return rpcs;
}

// Picks RPCs out of a table by method name, in the order given.
std::vector<Rpc> Only(const std::vector<Rpc>& table, const std::vector<std::string>& methods) {
  std::vector<Rpc> picked;
  for (const std::string& method : methods) {
    for (const Rpc& rpc : table) {
      if (rpc.method == method) picked.push_back(rpc);
    }
  }
  EXPECT_EQ(picked.size(), methods.size()) << "unknown method in the list";
  return picked;
}

class AccessTest : public RefnetTest {
 protected:
  // A firm with two contacts (c1, c2) both tagged "shared" and sharing emails
  // with any other firm seeded the same way, a relationship and an interaction
  // between alice and c1, and a connection c1–c2.
  static TestFirm SeededFirm() {
    TestFirm firm = NewFirm();
    AddContact(firm, "c1", "Ann Shared", "Shared Org", {"ann@shared.test"}, {"shared"});
    AddContact(firm, "c2", "Ben Shared", "Shared Org", {"ben@shared.test"}, {"shared"});
    v1::SetRelationshipRequest rel;
    rel.set_parent(firm.name);
    rel.mutable_relationship()->set_member(firm.Member("alice"));
    rel.mutable_relationship()->set_contact(firm.Contact("c1"));
    rel.mutable_relationship()->set_strength(3);
    v1::Relationship relationship;
    grpc::Status status =
        contacts().SetRelationship(Authed(firm.alice_token).get(), rel, &relationship);
    EXPECT_TRUE(status.ok()) << status.error_message();
    v1::LogInteractionRequest log;
    log.set_parent(firm.name);
    log.mutable_interaction()->set_member(firm.Member("alice"));
    log.mutable_interaction()->set_contact(firm.Contact("c1"));
    log.mutable_interaction()->set_kind(v1::INTERACTION_KIND_MEETING);
    v1::Interaction interaction;
    status = contacts().LogInteraction(Authed(firm.alice_token).get(), log, &interaction);
    EXPECT_TRUE(status.ok()) << status.error_message();
    v1::ConnectContactsRequest connect;
    connect.set_parent(firm.name);
    connect.set_contact(firm.Contact("c1"));
    connect.set_other(firm.Contact("c2"));
    v1::Connection connection;
    status = contacts().ConnectContacts(Authed(firm.alice_token).get(), connect, &connection);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return firm;
  }

  // Everything a firm holds, plus Gets of existing and missing contacts.
  static std::string State(const TestFirm& firm) {
    std::string out = FirmState(firm);
    for (const char* id : {"c1", "c2", "ghost-1", "ghost-2"}) {
      v1::GetContactRequest get;
      get.set_name(firm.Contact(id));
      v1::Contact contact;
      grpc::Status status = contacts().GetContact(Authed(firm.admin_token).get(), get, &contact);
      out += std::string("get ") + id + ": " + std::to_string(status.error_code()) + " " +
             contact.ShortDebugString() + "\n";
    }
    return out;
  }

  // Calls every RPC of `table` with `token` and expects `code` from each.
  static void ExpectAll(const std::vector<Rpc>& table, const std::string& token,
                        grpc::StatusCode code, const std::string& fragment = "") {
    for (const Rpc& rpc : table) {
      SCOPED_TRACE(rpc.method);
      grpc::Status status = rpc.call(token);
      EXPECT_EQ(status.error_code(), code)
          << rpc.method << " answered " << status.error_code() << ": " << status.error_message();
      EXPECT_NE(status.error_message().find(fragment), std::string::npos)
          << rpc.method << ": message \"" << status.error_message() << "\" lacks \"" << fragment
          << "\"";
    }
  }

  static void ExpectAllOk(const std::vector<Rpc>& table, const std::string& token) {
    for (const Rpc& rpc : table) {
      SCOPED_TRACE(rpc.method);
      grpc::Status status = rpc.call(token);
      EXPECT_TRUE(status.ok()) << rpc.method << " answered " << status.error_code() << ": "
                               << status.error_message();
    }
  }

  friend v1::AdminService::Stub& AdminStub();
  friend v1::ContactService::Stub& ContactStub();
};

v1::AdminService::Stub& AdminStub() { return AccessTest::admin(); }
v1::ContactService::Stub& ContactStub() { return AccessTest::contacts(); }

TEST_F(AccessTest, EveryRpcWithoutATokenIsUnauthenticated) {
  TestFirm firm = SeededFirm();
  std::string before = State(firm);
  std::vector<Rpc> table = EveryRpc(AimAt(firm));
  ASSERT_EQ(table.size(), 20u);
  ExpectAll(table, "", grpc::StatusCode::UNAUTHENTICATED, "authorization");
  EXPECT_EQ(State(firm), before);
}

TEST_F(AccessTest, AnotherFirmsExistingResourcesAreDeniedAndUntouched) {
  TestFirm a = SeededFirm();
  TestFirm b = SeededFirm();
  std::string before = State(b);
  std::vector<Rpc> table = EveryRpc(AimAt(b));
  for (const std::string& token : {a.admin_token, a.alice_token, a.service_token}) {
    ExpectAll(table, token, grpc::StatusCode::PERMISSION_DENIED);
  }
  EXPECT_EQ(State(b), before);
}

TEST_F(AccessTest, AnotherFirmsMissingResourcesAreDeniedTheSameWay) {
  TestFirm a = SeededFirm();
  TestFirm b = SeededFirm();
  std::string before = State(b);
  Aim missing{b.name, b.Contact("ghost-1"), b.Contact("ghost-2"), b.Member("ghost")};
  std::vector<Rpc> existing_table = EveryRpc(AimAt(b));
  std::vector<Rpc> missing_table = EveryRpc(missing);
  ASSERT_EQ(existing_table.size(), missing_table.size());
  for (size_t i = 0; i < missing_table.size(); ++i) {
    SCOPED_TRACE(missing_table[i].method);
    grpc::Status on_existing = existing_table[i].call(a.admin_token);
    grpc::Status on_missing = missing_table[i].call(a.admin_token);
    EXPECT_EQ(on_missing.error_code(), grpc::StatusCode::PERMISSION_DENIED)
        << on_missing.error_message();
    EXPECT_EQ(on_missing.error_code(), on_existing.error_code())
        << "existing: " << on_existing.error_message()
        << "; missing: " << on_missing.error_message();
    EXPECT_EQ(on_missing.error_message().find("not exist"), std::string::npos)
        << on_missing.error_message();
  }
  EXPECT_EQ(State(b), before);
}

TEST_F(AccessTest, AFirmThatDoesNotExistIsDeniedNotNotFound) {
  TestFirm a = SeededFirm();
  std::string ghost = "firms/ghost-" + Suffix();
  Aim aim{ghost, ghost + "/contacts/c1", ghost + "/contacts/c2", ghost + "/members/alice"};
  ExpectAll(EveryRpc(aim), a.admin_token, grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(AccessTest, NamesFromAnotherFirmInsideOwnFirmRequestsAreDenied) {
  TestFirm a = SeededFirm();
  TestFirm b = SeededFirm();
  std::string before_a = State(a);
  std::string before_b = State(b);
  const std::string& token = a.admin_token;
  std::vector<Rpc> mixed = {
      {"SetRelationship(contact from B)",
       [&](const std::string& t) {
         v1::SetRelationshipRequest request;
         request.set_parent(a.name);
         request.mutable_relationship()->set_member(a.Member("alice"));
         request.mutable_relationship()->set_contact(b.Contact("c2"));
         request.mutable_relationship()->set_strength(2);
         v1::Relationship out;
         return contacts().SetRelationship(Authed(t).get(), request, &out);
       }},
      {"SetRelationship(member from B)",
       [&](const std::string& t) {
         v1::SetRelationshipRequest request;
         request.set_parent(a.name);
         request.mutable_relationship()->set_member(b.Member("bob"));
         request.mutable_relationship()->set_contact(a.Contact("c2"));
         request.mutable_relationship()->set_strength(2);
         v1::Relationship out;
         return contacts().SetRelationship(Authed(t).get(), request, &out);
       }},
      {"SetRelationship(met_through from B)",
       [&](const std::string& t) {
         v1::SetRelationshipRequest request;
         request.set_parent(a.name);
         request.mutable_relationship()->set_member(a.Member("bob"));
         request.mutable_relationship()->set_contact(a.Contact("c2"));
         request.mutable_relationship()->set_met_through(b.Contact("c1"));
         request.mutable_relationship()->set_strength(2);
         v1::Relationship out;
         return contacts().SetRelationship(Authed(t).get(), request, &out);
       }},
      {"LogInteraction(contact from B)",
       [&](const std::string& t) {
         v1::LogInteractionRequest request;
         request.set_parent(a.name);
         request.mutable_interaction()->set_member(a.Member("alice"));
         request.mutable_interaction()->set_contact(b.Contact("c1"));
         request.mutable_interaction()->set_kind(v1::INTERACTION_KIND_EMAIL);
         v1::Interaction out;
         return contacts().LogInteraction(Authed(t).get(), request, &out);
       }},
      {"LogInteraction(member from B)",
       [&](const std::string& t) {
         v1::LogInteractionRequest request;
         request.set_parent(a.name);
         request.mutable_interaction()->set_member(b.Member("alice"));
         request.mutable_interaction()->set_contact(a.Contact("c1"));
         request.mutable_interaction()->set_kind(v1::INTERACTION_KIND_EMAIL);
         v1::Interaction out;
         return contacts().LogInteraction(Authed(t).get(), request, &out);
       }},
      {"ConnectContacts(other from B)",
       [&](const std::string& t) {
         v1::ConnectContactsRequest request;
         request.set_parent(a.name);
         request.set_contact(a.Contact("c1"));
         request.set_other(b.Contact("c2"));
         v1::Connection out;
         return contacts().ConnectContacts(Authed(t).get(), request, &out);
       }},
      {"ConnectContacts(contact from B)",
       [&](const std::string& t) {
         v1::ConnectContactsRequest request;
         request.set_parent(a.name);
         request.set_contact(b.Contact("c1"));
         request.set_other(a.Contact("c2"));
         v1::Connection out;
         return contacts().ConnectContacts(Authed(t).get(), request, &out);
       }},
      {"MergeContacts(survivor from B)",
       [&](const std::string& t) {
         v1::MergeContactsRequest request;
         request.set_name(b.Contact("c1"));
         request.set_merged(a.Contact("c2"));
         v1::Contact out;
         return contacts().MergeContacts(Authed(t).get(), request, &out);
       }},
      {"MergeContacts(merged from B)",
       [&](const std::string& t) {
         v1::MergeContactsRequest request;
         request.set_name(a.Contact("c1"));
         request.set_merged(b.Contact("c2"));
         v1::Contact out;
         return contacts().MergeContacts(Authed(t).get(), request, &out);
       }},
      {"ListContacts(known_by from B)",
       [&](const std::string& t) {
         v1::ListContactsRequest request;
         request.set_parent(a.name);
         request.set_known_by(b.Member("alice"));
         v1::ListContactsResponse out;
         return contacts().ListContacts(Authed(t).get(), request, &out);
       }},
      {"ListRelationships(member from B)",
       [&](const std::string& t) {
         v1::ListRelationshipsRequest request;
         request.set_parent(a.name);
         request.set_member(b.Member("alice"));
         v1::ListRelationshipsResponse out;
         return contacts().ListRelationships(Authed(t).get(), request, &out);
       }},
      {"ListRelationships(contact from B)",
       [&](const std::string& t) {
         v1::ListRelationshipsRequest request;
         request.set_parent(a.name);
         request.set_contact(b.Contact("c1"));
         v1::ListRelationshipsResponse out;
         return contacts().ListRelationships(Authed(t).get(), request, &out);
       }},
      {"ListInteractions(member from B)",
       [&](const std::string& t) {
         v1::ListInteractionsRequest request;
         request.set_parent(a.name);
         request.set_member(b.Member("alice"));
         v1::ListInteractionsResponse out;
         return contacts().ListInteractions(Authed(t).get(), request, &out);
       }},
      {"ListInteractions(contact from B)",
       [&](const std::string& t) {
         v1::ListInteractionsRequest request;
         request.set_parent(a.name);
         request.set_contact(b.Contact("c1"));
         v1::ListInteractionsResponse out;
         return contacts().ListInteractions(Authed(t).get(), request, &out);
       }},
      {"ListConnections(contact from B)",
       [&](const std::string& t) {
         v1::ListConnectionsRequest request;
         request.set_parent(a.name);
         request.set_contact(b.Contact("c1"));
         v1::ListConnectionsResponse out;
         return contacts().ListConnections(Authed(t).get(), request, &out);
       }},
  };
  ExpectAll(mixed, token, grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(State(a), before_a);
  EXPECT_EQ(State(b), before_b);
}

TEST_F(AccessTest, RequestIdsOfAnotherFirmNeitherCollideNorReplay) {
  TestFirm a = NewFirm();
  TestFirm b = NewFirm();
  std::string request_id = NewRequestId();
  v1::Contact from_a, from_b;
  for (auto [firm, out] : {std::pair{&a, &from_a}, std::pair{&b, &from_b}}) {
    v1::CreateContactRequest request;
    request.set_parent(firm->name);
    request.set_contact_id("same-id");
    request.mutable_contact()->set_display_name("Same body");
    request.mutable_contact()->add_emails("same@example.com");
    request.set_request_id(request_id);
    grpc::Status status = TryCreateContact(firm->admin_token, request, out);
    ASSERT_TRUE(status.ok()) << firm->name << ": " << status.error_message();
  }
  EXPECT_EQ(from_a.name(), a.Contact("same-id"));
  EXPECT_EQ(from_b.name(), b.Contact("same-id"));
  v1::GetContactRequest get;
  get.set_name(b.Contact("same-id"));
  v1::Contact stored;
  ASSERT_TRUE(contacts().GetContact(Authed(b.admin_token).get(), get, &stored).ok());
  EXPECT_EQ(stored.display_name(), "Same body");
}

TEST_F(AccessTest, ListsNeverReturnAnotherFirmsRows) {
  TestFirm a = SeededFirm();
  TestFirm b = SeededFirm();
  // B gets rows A does not have, under the same tag and organization.
  AddContact(b, "c3", "Cat Shared", "Shared Org", {"cat@shared.test"}, {"shared"});
  const std::string prefix = a.name + "/";
  auto all_in_a = [&prefix](const std::vector<std::string>& names) {
    for (const std::string& name : names) {
      EXPECT_EQ(name.rfind(prefix, 0), 0u) << name << " is not under " << prefix;
    }
  };
  for (const std::string& token : {a.admin_token, a.alice_token, a.service_token}) {
    std::vector<v1::ListContactsRequest> contact_queries(5);
    for (auto& q : contact_queries) q.set_parent(a.name);
    contact_queries[1].set_tag("shared");
    contact_queries[2].set_organization("shared org");
    contact_queries[3].set_query("Shared");
    contact_queries[4].set_show_archived(true);
    for (const auto& query : contact_queries) {
      SCOPED_TRACE(query.ShortDebugString());
      v1::ListContactsResponse page;
      grpc::Status status = contacts().ListContacts(Authed(token).get(), query, &page);
      ASSERT_TRUE(status.ok()) << status.error_message();
      std::vector<std::string> names;
      for (const auto& c : page.contacts()) names.push_back(c.name());
      all_in_a(names);
      EXPECT_EQ(names, (std::vector<std::string>{a.Contact("c1"), a.Contact("c2")}));
    }
    {
      v1::ListRelationshipsRequest request;
      request.set_parent(a.name);
      v1::ListRelationshipsResponse page;
      ASSERT_TRUE(contacts().ListRelationships(Authed(token).get(), request, &page).ok());
      std::vector<std::string> names;
      for (const auto& r : page.relationships()) {
        names.push_back(r.name());
        names.push_back(r.member());
        names.push_back(r.contact());
      }
      EXPECT_EQ(page.relationships_size(), 1);
      all_in_a(names);
    }
    {
      v1::ListInteractionsRequest request;
      request.set_parent(a.name);
      v1::ListInteractionsResponse page;
      ASSERT_TRUE(contacts().ListInteractions(Authed(token).get(), request, &page).ok());
      std::vector<std::string> names;
      for (const auto& i : page.interactions()) {
        names.push_back(i.name());
        names.push_back(i.member());
        names.push_back(i.contact());
      }
      EXPECT_EQ(page.interactions_size(), 1);
      all_in_a(names);
    }
    {
      v1::ListConnectionsRequest request;
      request.set_parent(a.name);
      v1::ListConnectionsResponse page;
      ASSERT_TRUE(contacts().ListConnections(Authed(token).get(), request, &page).ok());
      std::vector<std::string> names;
      for (const auto& c : page.connections()) {
        names.push_back(c.name());
        names.push_back(c.contact());
        names.push_back(c.other());
      }
      EXPECT_EQ(page.connections_size(), 1);
      all_in_a(names);
    }
    {
      v1::ListMembersRequest request;
      request.set_parent(a.name);
      request.set_show_inactive(true);
      v1::ListMembersResponse page;
      ASSERT_TRUE(admin().ListMembers(Authed(token).get(), request, &page).ok());
      std::vector<std::string> names;
      for (const auto& m : page.members()) names.push_back(m.name());
      EXPECT_EQ(names.size(), 4u);
      all_in_a(names);
    }
  }
}

TEST_F(AccessTest, PlatformAdminIsDeniedEveryContactServiceRpc) {
  TestFirm firm = SeededFirm();
  std::string before = State(firm);
  std::vector<Rpc> table = ContactRpcs(AimAt(firm));
  ASSERT_EQ(table.size(), 12u);
  ExpectAll(table, server().PlatformAdminToken(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(State(firm), before);
}

TEST_F(AccessTest, PlatformAdminManagesMembersOfAnyFirm) {
  TestFirm a = SeededFirm();
  TestFirm b = SeededFirm();
  std::vector<std::string> methods = {"CreateMember", "GetMember", "ListMembers", "UpdateMember"};
  for (const TestFirm* firm : {&a, &b}) {
    SCOPED_TRACE(firm->name);
    ExpectAllOk(Only(AdminRpcs(AimAt(*firm)), methods), server().PlatformAdminToken());
    v1::GetMemberRequest get;
    get.set_name(firm->Member("alice"));
    v1::Member alice;
    ASSERT_TRUE(admin().GetMember(Authed(firm->admin_token).get(), get, &alice).ok());
    EXPECT_EQ(alice.display_name(), "Renamed by intruder");
    v1::ListMembersRequest list;
    list.set_parent(firm->name);
    v1::ListMembersResponse page;
    ASSERT_TRUE(admin().ListMembers(Authed(firm->admin_token).get(), list, &page).ok());
    EXPECT_EQ(page.members_size(), 5);
  }
}

TEST_F(AccessTest, MembersCannotManageFirmsOrMembers) {
  TestFirm firm = SeededFirm();
  std::string before = State(firm);
  std::vector<Rpc> table = Only(AdminRpcs(AimAt(firm)), {"CreateFirm", "GetFirm", "ListFirms",
                                                         "CreateMember", "UpdateMember"});
  ExpectAll(table, firm.alice_token, grpc::StatusCode::PERMISSION_DENIED);
  ExpectAll(Only(table, {"CreateMember", "UpdateMember"}), firm.service_token,
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(State(firm), before);
}

TEST_F(AccessTest, MembersCanReadTheirColleagues) {
  TestFirm firm = SeededFirm();
  std::vector<Rpc> table = Only(AdminRpcs(AimAt(firm)), {"GetMember", "ListMembers"});
  ExpectAllOk(table, firm.alice_token);
  ExpectAllOk(table, firm.bob_token);
  ExpectAllOk(table, firm.service_token);
}

TEST_F(AccessTest, MembersCannotArchiveOrMergeContacts) {
  TestFirm firm = SeededFirm();
  std::string before = State(firm);
  ExpectAll(Only(ContactRpcs(AimAt(firm)), {"DeleteContact", "MergeContacts"}), firm.alice_token,
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(State(firm), before);
}

TEST_F(AccessTest, ServiceMayArchiveButNotMergeContacts) {
  TestFirm firm = SeededFirm();
  std::string before = State(firm);
  std::vector<Rpc> table = ContactRpcs(AimAt(firm));
  ExpectAll(Only(table, {"MergeContacts"}), firm.service_token,
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(State(firm), before);

  ExpectAllOk(Only(table, {"DeleteContact"}), firm.service_token);
  v1::GetContactRequest get;
  get.set_name(firm.Contact("c1"));
  v1::Contact c1;
  ASSERT_TRUE(contacts().GetContact(Authed(firm.admin_token).get(), get, &c1).ok());
  EXPECT_TRUE(c1.archived());
  get.set_name(firm.Contact("c2"));
  v1::Contact c2;
  ASSERT_TRUE(contacts().GetContact(Authed(firm.admin_token).get(), get, &c2).ok());
  EXPECT_FALSE(c2.archived());
}

TEST_F(AccessTest, AdminMayArchiveAndMergeContacts) {
  TestFirm firm = SeededFirm();
  AddContact(firm, "c3", "Cat");
  Aim merge_aim{firm.name, firm.Contact("c1"), firm.Contact("c2"), firm.Member("alice")};
  ExpectAllOk(Only(ContactRpcs(merge_aim), {"MergeContacts"}), firm.admin_token);
  Aim delete_aim{firm.name, firm.Contact("c3"), firm.Contact("c1"), firm.Member("alice")};
  ExpectAllOk(Only(ContactRpcs(delete_aim), {"DeleteContact"}), firm.admin_token);
}

TEST_F(AccessTest, MembersRecordOnlyTheirOwnRelationshipsAndInteractions) {
  TestFirm firm = SeededFirm();
  std::string before = State(firm);
  Aim for_bob{firm.name, firm.Contact("c2"), firm.Contact("c1"), firm.Member("bob")};
  std::vector<std::string> writes = {"SetRelationship", "LogInteraction"};
  ExpectAll(Only(ContactRpcs(for_bob), writes), firm.alice_token,
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(State(firm), before);

  Aim for_alice{firm.name, firm.Contact("c2"), firm.Contact("c1"), firm.Member("alice")};
  ExpectAllOk(Only(ContactRpcs(for_alice), writes), firm.alice_token);
  v1::ListRelationshipsRequest list;
  list.set_parent(firm.name);
  list.set_contact(firm.Contact("c2"));
  v1::ListRelationshipsResponse page;
  ASSERT_TRUE(contacts().ListRelationships(Authed(firm.admin_token).get(), list, &page).ok());
  ASSERT_EQ(page.relationships_size(), 1);
  EXPECT_EQ(page.relationships(0).member(), firm.Member("alice"));
}

TEST_F(AccessTest, AdminsAndServicesRecordRelationshipsForAnyMember) {
  TestFirm firm = SeededFirm();
  for (const std::string* token : {&firm.admin_token, &firm.service_token}) {
    for (const char* member : {"alice", "bob", "boss", "tool"}) {
      SCOPED_TRACE(member);
      Aim aim{firm.name, firm.Contact("c2"), firm.Contact("c1"), firm.Member(member)};
      ExpectAllOk(Only(ContactRpcs(aim), {"SetRelationship", "LogInteraction"}), *token);
    }
  }
  v1::ListRelationshipsRequest list;
  list.set_parent(firm.name);
  list.set_contact(firm.Contact("c2"));
  v1::ListRelationshipsResponse page;
  ASSERT_TRUE(contacts().ListRelationships(Authed(firm.admin_token).get(), list, &page).ok());
  EXPECT_EQ(page.relationships_size(), 4);
}

}  // namespace
}  // namespace refnet::testing
