// Requests a careful client would never send: each is refused with the right
// code, a message naming the offending field, and nothing written.
#include <google/protobuf/util/message_differencer.h>

#include <functional>
#include <string>
#include <vector>

#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;
using google::protobuf::util::MessageDifferencer;

class BadInputTest : public RefnetTest {
 protected:
  static std::string State(const TestFirm& firm) { return FirmState(firm); }

  static v1::CreateContactRequest NewContact(const TestFirm& firm, const std::string& display) {
    v1::CreateContactRequest request;
    request.set_parent(firm.name);
    request.mutable_contact()->set_display_name(display);
    return request;
  }

  static grpc::Status Create(const TestFirm& firm, const v1::CreateContactRequest& request,
                             v1::Contact* out = nullptr) {
    return TryCreateContact(firm.admin_token, request, out);
  }

  static grpc::Status Update(const TestFirm& firm, const v1::UpdateContactRequest& request,
                             v1::Contact* out = nullptr) {
    v1::Contact ignored;
    return contacts().UpdateContact(Authed(firm.admin_token).get(), request,
                                    out != nullptr ? out : &ignored);
  }

  static v1::Contact Get(const TestFirm& firm, const std::string& name) {
    v1::GetContactRequest request;
    request.set_name(name);
    v1::Contact contact;
    grpc::Status status = contacts().GetContact(Authed(firm.admin_token).get(), request, &contact);
    EXPECT_TRUE(status.ok()) << name << ": " << status.error_message();
    return contact;
  }

  static std::vector<std::string> ContactNames(const TestFirm& firm) {
    v1::ListContactsRequest request;
    request.set_parent(firm.name);
    request.set_show_archived(true);
    request.set_page_size(1000);
    v1::ListContactsResponse page;
    grpc::Status status = contacts().ListContacts(Authed(firm.admin_token).get(), request, &page);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> names;
    for (const auto& c : page.contacts()) names.push_back(c.name());
    return names;
  }

  static grpc::Status SetRelationship(const std::string& token, const TestFirm& firm,
                                      const std::string& member, const std::string& contact,
                                      int strength, bool key = false) {
    v1::SetRelationshipRequest request;
    request.set_parent(firm.name);
    request.mutable_relationship()->set_member(member);
    request.mutable_relationship()->set_contact(contact);
    request.mutable_relationship()->set_strength(strength);
    request.mutable_relationship()->set_key(key);
    v1::Relationship out;
    return contacts().SetRelationship(Authed(token).get(), request, &out);
  }
};

TEST_F(BadInputTest, ContactWithoutANameIsRefused) {
  TestFirm firm = NewFirm();
  v1::Contact kept = AddContact(firm, "kept", "Kept Name");
  std::string before = State(firm);
  for (const std::string& blank : {std::string(), std::string("   "), std::string("\t\n")}) {
    SCOPED_TRACE("\"" + blank + "\"");
    EXPECT_STATUS(Create(firm, NewContact(firm, blank)), INVALID_ARGUMENT, "contact.display_name");
    v1::UpdateContactRequest update;
    update.mutable_contact()->set_name(kept.name());
    update.mutable_contact()->set_display_name(blank);
    update.mutable_update_mask()->add_paths("display_name");
    EXPECT_STATUS(Update(firm, update), INVALID_ARGUMENT, "contact.display_name");
  }
  EXPECT_EQ(State(firm), before);
}

TEST_F(BadInputTest, MalformedEmailIsRefusedNamingItsPosition) {
  TestFirm firm = NewFirm();
  v1::Contact kept = AddContact(firm, "kept", "Kept", "", {"kept@example.com"});
  std::string before = State(firm);
  for (const std::string& bad : std::vector<std::string>{
           "no-at-sign.example.com", "two@@example.com", "a@b@example.com", "@example.com", "user@",
           "user@nodot", "user@example.", "user@.example.com", "user@exa..mple.com",
           "us er@example.com", "user@example.com,other@example.com", "<user@example.com>"}) {
    SCOPED_TRACE(bad);
    v1::CreateContactRequest request = NewContact(firm, "Ann");
    request.mutable_contact()->add_emails("fine@example.com");
    request.mutable_contact()->add_emails(bad);
    EXPECT_STATUS(Create(firm, request), INVALID_ARGUMENT, "contact.emails[1]");

    v1::UpdateContactRequest update;
    update.mutable_contact()->set_name(kept.name());
    update.mutable_contact()->add_emails("kept@example.com");
    update.mutable_contact()->add_emails(bad);
    update.mutable_update_mask()->add_paths("emails");
    EXPECT_STATUS(Update(firm, update), INVALID_ARGUMENT, "contact.emails[1]");
  }
  EXPECT_EQ(State(firm), before);
}

TEST_F(BadInputTest, MalformedPhoneIsRefusedNamingItsPosition) {
  TestFirm firm = NewFirm();
  std::string before = State(firm);
  for (const std::string& bad :
       std::vector<std::string>{"call me", "1234", "12-ab-3456", "0044+20 7946 0000",
                                "+1 555 0100 ext 7", "123456789012345678901", "++15550100"}) {
    SCOPED_TRACE(bad);
    v1::CreateContactRequest request = NewContact(firm, "Ann");
    request.mutable_contact()->add_phones(bad);
    request.mutable_contact()->add_phones("+1 (555) 010-2000");
    EXPECT_STATUS(Create(firm, request), INVALID_ARGUMENT, "contact.phones[0]");
  }
  EXPECT_EQ(State(firm), before);
}

TEST_F(BadInputTest, RelationshipStrengthOutsideOneToFiveIsRefused) {
  TestFirm firm = NewFirm();
  AddContact(firm, "c1", "Ann");
  std::string before = State(firm);
  for (int strength : {0, 6, -1, 100}) {
    SCOPED_TRACE(strength);
    EXPECT_STATUS(
        SetRelationship(firm.alice_token, firm, firm.Member("alice"), firm.Contact("c1"), strength),
        INVALID_ARGUMENT, "relationship.strength");
  }
  EXPECT_EQ(State(firm), before);
  // The bounds themselves are fine.
  EXPECT_TRUE(
      SetRelationship(firm.alice_token, firm, firm.Member("alice"), firm.Contact("c1"), 1).ok());
  EXPECT_TRUE(
      SetRelationship(firm.alice_token, firm, firm.Member("alice"), firm.Contact("c1"), 5).ok());
}

TEST_F(BadInputTest, UnknownEnumValuesAreRefused) {
  TestFirm firm = NewFirm();
  AddContact(firm, "c1", "Ann");
  std::string before = State(firm);
  for (int kind : {99, 0, -3}) {
    SCOPED_TRACE(kind);
    v1::LogInteractionRequest log;
    log.set_parent(firm.name);
    log.mutable_interaction()->set_member(firm.Member("alice"));
    log.mutable_interaction()->set_contact(firm.Contact("c1"));
    log.mutable_interaction()->set_kind(static_cast<v1::InteractionKind>(kind));
    v1::Interaction interaction;
    EXPECT_STATUS(contacts().LogInteraction(Authed(firm.alice_token).get(), log, &interaction),
                  INVALID_ARGUMENT, "interaction.kind");
  }
  for (int role : {42, 0, -1}) {
    SCOPED_TRACE(role);
    v1::CreateMemberRequest create;
    create.set_parent(firm.name);
    create.set_member_id("carol");
    create.mutable_member()->set_display_name("Carol");
    create.mutable_member()->set_email("carol@example.com");
    create.mutable_member()->set_role(static_cast<v1::Role>(role));
    v1::Member member;
    EXPECT_STATUS(admin().CreateMember(Authed(firm.admin_token).get(), create, &member),
                  INVALID_ARGUMENT, "member.role");

    v1::UpdateMemberRequest update;
    update.mutable_member()->set_name(firm.Member("bob"));
    update.mutable_member()->set_role(static_cast<v1::Role>(role));
    update.mutable_update_mask()->add_paths("role");
    EXPECT_STATUS(admin().UpdateMember(Authed(firm.admin_token).get(), update, &member),
                  INVALID_ARGUMENT, "member.role");
  }
  EXPECT_EQ(State(firm), before);
}

TEST_F(BadInputTest, OverLongTextAndTooManyEntriesAreRefused) {
  TestFirm firm = NewFirm();
  v1::Contact kept = AddContact(firm, "kept", "Kept");
  std::string before = State(firm);
  struct Case {
    std::string what;
    std::function<void(v1::Contact*)> spoil;
    std::string field;
    std::string mask;
  };
  std::vector<Case> cases = {
      {"display_name of 201", [](v1::Contact* c) { c->set_display_name(std::string(201, 'n')); },
       "contact.display_name", "display_name"},
      {"organization of 201", [](v1::Contact* c) { c->set_organization(std::string(201, 'o')); },
       "contact.organization", "organization"},
      {"title of 201", [](v1::Contact* c) { c->set_title(std::string(201, 't')); }, "contact.title",
       "title"},
      {"notes of 10001", [](v1::Contact* c) { c->set_notes(std::string(10001, 'x')); },
       "contact.notes", "notes"},
      {"tag of 65",
       [](v1::Contact* c) {
         c->add_tags("fine");
         c->add_tags(std::string(65, 'g'));
       },
       "contact.tags[1]", "tags"},
      {"21 emails",
       [](v1::Contact* c) {
         for (int i = 0; i < 21; ++i) c->add_emails("e" + std::to_string(i) + "@example.com");
       },
       "contact.emails", "emails"},
      {"51 tags",
       [](v1::Contact* c) {
         for (int i = 0; i < 51; ++i) c->add_tags("t" + std::to_string(i));
       },
       "contact.tags", "tags"},
      {"21 phones",
       [](v1::Contact* c) {
         for (int i = 0; i < 21; ++i) c->add_phones("+1 555 01" + std::to_string(10 + i));
       },
       "contact.phones", "phones"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    v1::CreateContactRequest request = NewContact(firm, "Ann");
    c.spoil(request.mutable_contact());
    EXPECT_STATUS(Create(firm, request), INVALID_ARGUMENT, c.field);

    v1::UpdateContactRequest update;
    update.mutable_contact()->set_name(kept.name());
    update.mutable_contact()->set_display_name("Kept");
    c.spoil(update.mutable_contact());
    update.mutable_update_mask()->add_paths(c.mask);
    EXPECT_STATUS(Update(firm, update), INVALID_ARGUMENT, c.field);
  }
  EXPECT_EQ(State(firm), before);
}

TEST_F(BadInputTest, TextAndListsExactlyAtTheirLimitsAreAccepted) {
  TestFirm firm = NewFirm();
  v1::CreateContactRequest request = NewContact(firm, std::string(200, 'n'));
  v1::Contact* c = request.mutable_contact();
  c->set_notes(std::string(10000, 'x'));
  for (int i = 0; i < 20; ++i) c->add_emails("e" + std::to_string(i) + "@example.com");
  for (int i = 0; i < 49; ++i) c->add_tags("t" + std::to_string(i));
  c->add_tags(std::string(64, 'g'));
  v1::Contact created;
  grpc::Status status = Create(firm, request, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(created.display_name().size(), 200u);
  EXPECT_EQ(created.notes().size(), 10000u);
  EXPECT_EQ(created.emails_size(), 20);
  EXPECT_EQ(created.tags_size(), 50);
}

TEST_F(BadInputTest, NegativePageSizeIsRefusedOnEveryList) {
  TestFirm firm = NewFirm();
  const std::string& token = firm.admin_token;
  {
    v1::ListContactsRequest r;
    r.set_parent(firm.name);
    r.set_page_size(-1);
    v1::ListContactsResponse out;
    EXPECT_STATUS(contacts().ListContacts(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "page_size");
  }
  {
    v1::ListRelationshipsRequest r;
    r.set_parent(firm.name);
    r.set_page_size(-5);
    v1::ListRelationshipsResponse out;
    EXPECT_STATUS(contacts().ListRelationships(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "page_size");
  }
  {
    v1::ListInteractionsRequest r;
    r.set_parent(firm.name);
    r.set_page_size(-1);
    v1::ListInteractionsResponse out;
    EXPECT_STATUS(contacts().ListInteractions(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "page_size");
  }
  {
    v1::ListConnectionsRequest r;
    r.set_parent(firm.name);
    r.set_page_size(-1);
    v1::ListConnectionsResponse out;
    EXPECT_STATUS(contacts().ListConnections(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "page_size");
  }
  {
    v1::ListMembersRequest r;
    r.set_parent(firm.name);
    r.set_page_size(-1);
    v1::ListMembersResponse out;
    EXPECT_STATUS(admin().ListMembers(Authed(token).get(), r, &out), INVALID_ARGUMENT, "page_size");
  }
  {
    v1::ListFirmsRequest r;
    r.set_page_size(-1);
    v1::ListFirmsResponse out;
    EXPECT_STATUS(admin().ListFirms(Authed(server().PlatformAdminToken()).get(), r, &out),
                  INVALID_ARGUMENT, "page_size");
  }
}

TEST_F(BadInputTest, PageTokenFromADifferentFilterIsRefused) {
  TestFirm firm = NewFirm();
  for (const char* id : {"x1", "x2", "x3"}) AddContact(firm, id, id, "", {}, {"x"});
  for (const char* id : {"y1", "y2", "y3"}) AddContact(firm, id, id, "", {}, {"y"});
  v1::ListContactsRequest request;
  request.set_parent(firm.name);
  request.set_tag("x");
  request.set_page_size(1);
  v1::ListContactsResponse page;
  ASSERT_TRUE(contacts().ListContacts(Authed(firm.alice_token).get(), request, &page).ok());
  ASSERT_FALSE(page.next_page_token().empty());
  const std::string token = page.next_page_token();

  // The token works for its own query...
  request.set_page_token(token);
  v1::ListContactsResponse second;
  ASSERT_TRUE(contacts().ListContacts(Authed(firm.alice_token).get(), request, &second).ok());
  ASSERT_EQ(second.contacts_size(), 1);
  EXPECT_EQ(second.contacts(0).name(), firm.Contact("x2"));

  // ...and for no other.
  std::vector<v1::ListContactsRequest> others(5, request);
  others[0].set_tag("y");
  others[1].clear_tag();
  others[2].set_show_archived(true);
  others[3].set_query("x");
  others[4].set_known_by(firm.Member("alice"));
  for (const auto& other : others) {
    SCOPED_TRACE(other.ShortDebugString());
    v1::ListContactsResponse out;
    EXPECT_STATUS(contacts().ListContacts(Authed(firm.alice_token).get(), other, &out),
                  INVALID_ARGUMENT, "page_token");
    EXPECT_EQ(out.contacts_size(), 0);
  }

  // A token of ListContacts is not one of ListMembers either.
  v1::ListMembersRequest members;
  members.set_parent(firm.name);
  members.set_page_size(1);
  members.set_page_token(token);
  v1::ListMembersResponse member_page;
  EXPECT_STATUS(admin().ListMembers(Authed(firm.alice_token).get(), members, &member_page),
                INVALID_ARGUMENT, "page_token");

  request.set_page_token("not a token");
  EXPECT_STATUS(contacts().ListContacts(Authed(firm.alice_token).get(), request, &page),
                INVALID_ARGUMENT, "page_token");
}

TEST_F(BadInputTest, PageTokenFromAnotherFirmIsRefused) {
  TestFirm a = NewFirm();
  TestFirm b = NewFirm();
  for (const TestFirm* firm : {&a, &b}) {
    for (const char* id : {"c1", "c2", "c3"}) AddContact(*firm, id, id, "", {}, {"t"});
  }
  {
    v1::ListContactsRequest request;
    request.set_parent(a.name);
    request.set_tag("t");
    request.set_page_size(1);
    v1::ListContactsResponse page;
    ASSERT_TRUE(contacts().ListContacts(Authed(a.admin_token).get(), request, &page).ok());
    ASSERT_FALSE(page.next_page_token().empty());
    request.set_parent(b.name);
    request.set_page_token(page.next_page_token());
    v1::ListContactsResponse out;
    EXPECT_STATUS(contacts().ListContacts(Authed(b.admin_token).get(), request, &out),
                  INVALID_ARGUMENT, "page_token");
    EXPECT_EQ(out.contacts_size(), 0);
  }
  {
    v1::ListMembersRequest request;
    request.set_parent(a.name);
    request.set_page_size(1);
    v1::ListMembersResponse page;
    ASSERT_TRUE(admin().ListMembers(Authed(a.admin_token).get(), request, &page).ok());
    ASSERT_FALSE(page.next_page_token().empty());
    request.set_parent(b.name);
    request.set_page_token(page.next_page_token());
    v1::ListMembersResponse out;
    EXPECT_STATUS(admin().ListMembers(Authed(b.admin_token).get(), request, &out), INVALID_ARGUMENT,
                  "page_token");
    EXPECT_EQ(out.members_size(), 0);
  }
}

TEST_F(BadInputTest, UpdateMaskWithUnknownOrImmutablePathsIsRefused) {
  TestFirm firm = NewFirm();
  v1::Contact kept = AddContact(firm, "kept", "Kept", "Org", {"kept@example.com"});
  std::string before = State(firm);
  for (const std::string& path : std::vector<std::string>{
           "create_time", "update_time", "name", "etag", "archived", "bogus", "display_name.x"}) {
    SCOPED_TRACE(path);
    v1::UpdateContactRequest update;
    update.mutable_contact()->set_name(kept.name());
    update.mutable_contact()->set_display_name("Changed");
    update.mutable_contact()->set_archived(true);
    update.mutable_contact()->set_etag(kept.etag());
    update.mutable_update_mask()->add_paths("display_name");
    update.mutable_update_mask()->add_paths(path);
    EXPECT_STATUS(Update(firm, update), INVALID_ARGUMENT, "update_mask");
    EXPECT_TRUE(MessageDifferencer::Equals(Get(firm, kept.name()), kept));
  }
  for (const std::string& path : std::vector<std::string>{"create_time", "name", "etag", "bogus"}) {
    SCOPED_TRACE("member " + path);
    v1::UpdateMemberRequest update;
    update.mutable_member()->set_name(firm.Member("bob"));
    update.mutable_member()->set_display_name("Changed");
    update.mutable_update_mask()->add_paths("display_name");
    update.mutable_update_mask()->add_paths(path);
    v1::Member out;
    EXPECT_STATUS(admin().UpdateMember(Authed(firm.admin_token).get(), update, &out),
                  INVALID_ARGUMENT, "update_mask");
  }
  EXPECT_EQ(State(firm), before);
}

TEST_F(BadInputTest, StaleEtagIsAbortedAndChangesNothing) {
  TestFirm firm = NewFirm();
  v1::Contact original = AddContact(firm, "kept", "Kept");
  v1::UpdateContactRequest update;
  update.mutable_contact()->set_name(original.name());
  update.mutable_contact()->set_display_name("First edit");
  update.mutable_contact()->set_etag(original.etag());
  update.mutable_update_mask()->add_paths("display_name");
  v1::Contact current;
  ASSERT_TRUE(Update(firm, update, &current).ok());
  std::string before = State(firm);

  update.mutable_contact()->set_display_name("Lost update");
  EXPECT_STATUS(Update(firm, update), ABORTED, "etag");

  v1::DeleteContactRequest del;
  del.set_name(original.name());
  del.set_etag(original.etag());
  v1::Contact deleted;
  EXPECT_STATUS(contacts().DeleteContact(Authed(firm.admin_token).get(), del, &deleted), ABORTED,
                "etag");

  v1::GetMemberRequest get;
  get.set_name(firm.Member("bob"));
  v1::Member bob;
  ASSERT_TRUE(admin().GetMember(Authed(firm.admin_token).get(), get, &bob).ok());
  v1::UpdateMemberRequest member_update;
  member_update.mutable_member()->set_name(bob.name());
  member_update.mutable_member()->set_display_name("Bob Renamed");
  member_update.mutable_member()->set_etag("W/\"999\"");
  member_update.mutable_update_mask()->add_paths("display_name");
  v1::Member out;
  EXPECT_STATUS(admin().UpdateMember(Authed(firm.admin_token).get(), member_update, &out), ABORTED,
                "etag");

  EXPECT_EQ(State(firm), before);
  v1::Contact after = Get(firm, original.name());
  EXPECT_EQ(after.display_name(), "First edit");
  EXPECT_EQ(after.etag(), current.etag());
  EXPECT_FALSE(after.archived());
}

TEST_F(BadInputTest, MissingParentOrNameIsRefused) {
  TestFirm firm = NewFirm();
  AddContact(firm, "c1", "Ann");
  AddContact(firm, "c2", "Ben");
  std::string before = State(firm);
  const std::string& token = firm.admin_token;
  {
    v1::CreateContactRequest r = NewContact(firm, "Ann");
    r.clear_parent();
    EXPECT_STATUS(Create(firm, r), INVALID_ARGUMENT, "parent");
  }
  {
    v1::ListContactsRequest r;
    v1::ListContactsResponse out;
    EXPECT_STATUS(contacts().ListContacts(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "parent");
  }
  {
    v1::SetRelationshipRequest r;
    r.mutable_relationship()->set_member(firm.Member("alice"));
    r.mutable_relationship()->set_contact(firm.Contact("c1"));
    r.mutable_relationship()->set_strength(3);
    v1::Relationship out;
    EXPECT_STATUS(contacts().SetRelationship(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "parent");
  }
  {
    v1::ListRelationshipsRequest r;
    v1::ListRelationshipsResponse out;
    EXPECT_STATUS(contacts().ListRelationships(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "parent");
  }
  {
    v1::LogInteractionRequest r;
    r.mutable_interaction()->set_member(firm.Member("alice"));
    r.mutable_interaction()->set_contact(firm.Contact("c1"));
    r.mutable_interaction()->set_kind(v1::INTERACTION_KIND_CALL);
    v1::Interaction out;
    EXPECT_STATUS(contacts().LogInteraction(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "parent");
  }
  {
    v1::ListInteractionsRequest r;
    v1::ListInteractionsResponse out;
    EXPECT_STATUS(contacts().ListInteractions(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "parent");
  }
  {
    v1::ConnectContactsRequest r;
    r.set_contact(firm.Contact("c1"));
    r.set_other(firm.Contact("c2"));
    v1::Connection out;
    EXPECT_STATUS(contacts().ConnectContacts(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "parent");
  }
  {
    v1::ListConnectionsRequest r;
    v1::ListConnectionsResponse out;
    EXPECT_STATUS(contacts().ListConnections(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "parent");
  }
  {
    v1::CreateMemberRequest r;
    r.mutable_member()->set_display_name("Carol");
    r.mutable_member()->set_email("carol@example.com");
    r.mutable_member()->set_role(v1::ROLE_MEMBER);
    v1::Member out;
    EXPECT_STATUS(admin().CreateMember(Authed(token).get(), r, &out), INVALID_ARGUMENT, "parent");
  }
  {
    v1::ListMembersRequest r;
    v1::ListMembersResponse out;
    EXPECT_STATUS(admin().ListMembers(Authed(token).get(), r, &out), INVALID_ARGUMENT, "parent");
  }
  {
    v1::GetContactRequest r;
    v1::Contact out;
    EXPECT_STATUS(contacts().GetContact(Authed(token).get(), r, &out), INVALID_ARGUMENT, "name");
  }
  {
    v1::DeleteContactRequest r;
    v1::Contact out;
    EXPECT_STATUS(contacts().DeleteContact(Authed(token).get(), r, &out), INVALID_ARGUMENT, "name");
  }
  {
    v1::UpdateContactRequest r;
    r.mutable_contact()->set_display_name("Nameless");
    r.mutable_update_mask()->add_paths("display_name");
    v1::Contact out;
    EXPECT_STATUS(contacts().UpdateContact(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "contact.name");
  }
  {
    v1::MergeContactsRequest r;
    r.set_merged(firm.Contact("c2"));
    v1::Contact out;
    EXPECT_STATUS(contacts().MergeContacts(Authed(token).get(), r, &out), INVALID_ARGUMENT, "name");
    r.set_name(firm.Contact("c1"));
    r.clear_merged();
    EXPECT_STATUS(contacts().MergeContacts(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "merged");
  }
  {
    v1::GetMemberRequest r;
    v1::Member out;
    EXPECT_STATUS(admin().GetMember(Authed(token).get(), r, &out), INVALID_ARGUMENT, "name");
  }
  EXPECT_EQ(State(firm), before);
}

TEST_F(BadInputTest, NameOfTheWrongCollectionIsRefused) {
  TestFirm firm = NewFirm();
  AddContact(firm, "c1", "Ann");
  AddContact(firm, "alice", "A contact whose id is alice");
  std::string before = State(firm);
  const std::string& token = firm.admin_token;
  const std::string member_name = firm.Member("alice");
  const std::string contact_name = firm.Contact("alice");
  {
    v1::GetContactRequest r;
    r.set_name(member_name);
    v1::Contact out;
    EXPECT_STATUS(contacts().GetContact(Authed(token).get(), r, &out), INVALID_ARGUMENT, "name");
  }
  {
    v1::DeleteContactRequest r;
    r.set_name(member_name);
    v1::Contact out;
    EXPECT_STATUS(contacts().DeleteContact(Authed(token).get(), r, &out), INVALID_ARGUMENT, "name");
  }
  {
    v1::UpdateContactRequest r;
    r.mutable_contact()->set_name(member_name);
    r.mutable_contact()->set_display_name("Changed");
    r.mutable_update_mask()->add_paths("display_name");
    v1::Contact out;
    EXPECT_STATUS(contacts().UpdateContact(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "contact.name");
  }
  {
    v1::MergeContactsRequest r;
    r.set_name(firm.Contact("c1"));
    r.set_merged(member_name);
    v1::Contact out;
    EXPECT_STATUS(contacts().MergeContacts(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "merged");
  }
  {
    v1::SetRelationshipRequest r;
    r.set_parent(firm.name);
    r.mutable_relationship()->set_member(member_name);
    r.mutable_relationship()->set_contact(member_name);
    r.mutable_relationship()->set_strength(3);
    v1::Relationship out;
    EXPECT_STATUS(contacts().SetRelationship(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "relationship.contact");
    r.mutable_relationship()->set_member(contact_name);
    r.mutable_relationship()->set_contact(contact_name);
    EXPECT_STATUS(contacts().SetRelationship(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "relationship.member");
  }
  {
    v1::ListContactsRequest r;
    r.set_parent(firm.name);
    r.set_known_by(contact_name);
    v1::ListContactsResponse out;
    EXPECT_STATUS(contacts().ListContacts(Authed(token).get(), r, &out), INVALID_ARGUMENT,
                  "known_by");
  }
  {
    v1::CreateContactRequest r = NewContact(firm, "Ann");
    r.set_parent(firm.Contact("c1"));
    EXPECT_STATUS(Create(firm, r), INVALID_ARGUMENT, "parent");
  }
  {
    v1::GetMemberRequest r;
    r.set_name(contact_name);
    v1::Member out;
    EXPECT_STATUS(admin().GetMember(Authed(token).get(), r, &out), INVALID_ARGUMENT, "name");
  }
  EXPECT_EQ(State(firm), before);
}

TEST_F(BadInputTest, MergingAContactIntoItselfIsRefused) {
  TestFirm firm = NewFirm();
  v1::Contact ann = AddContact(firm, "ann", "Ann", "", {"ann@example.com"});
  std::string before = State(firm);
  v1::MergeContactsRequest request;
  request.set_name(ann.name());
  request.set_merged(ann.name());
  v1::Contact out;
  EXPECT_STATUS(contacts().MergeContacts(Authed(firm.admin_token).get(), request, &out),
                INVALID_ARGUMENT, "merged");
  EXPECT_EQ(State(firm), before);
  EXPECT_TRUE(MessageDifferencer::Equals(Get(firm, ann.name()), ann));
}

TEST_F(BadInputTest, EleventhKeyRelationshipIsRefused) {
  TestFirm firm = NewFirm();
  for (int i = 0; i <= 10; ++i)
    AddContact(firm, "k" + std::to_string(i), "Key " + std::to_string(i));
  for (int i = 0; i < 10; ++i) {
    SCOPED_TRACE(i);
    grpc::Status status = SetRelationship(firm.alice_token, firm, firm.Member("alice"),
                                          firm.Contact("k" + std::to_string(i)), 4, true);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }
  std::string before = State(firm);
  EXPECT_STATUS(
      SetRelationship(firm.alice_token, firm, firm.Member("alice"), firm.Contact("k10"), 4, true),
      FAILED_PRECONDITION, "relationship.key");
  // The same refusal when an admin marks it for her.
  EXPECT_STATUS(
      SetRelationship(firm.admin_token, firm, firm.Member("alice"), firm.Contact("k10"), 4, true),
      FAILED_PRECONDITION, "relationship.key");
  EXPECT_EQ(State(firm), before);

  v1::ListRelationshipsRequest list;
  list.set_parent(firm.name);
  list.set_member(firm.Member("alice"));
  list.set_key_only(true);
  v1::ListRelationshipsResponse page;
  ASSERT_TRUE(contacts().ListRelationships(Authed(firm.alice_token).get(), list, &page).ok());
  EXPECT_EQ(page.relationships_size(), 10);

  // Re-saving one of the ten keeps working, and bob has his own ten.
  EXPECT_TRUE(
      SetRelationship(firm.alice_token, firm, firm.Member("alice"), firm.Contact("k0"), 5, true)
          .ok());
  EXPECT_TRUE(
      SetRelationship(firm.bob_token, firm, firm.Member("bob"), firm.Contact("k10"), 4, true).ok());
}

TEST_F(BadInputTest, SameEmailTwiceInOneRequestIsRefused) {
  TestFirm firm = NewFirm();
  v1::Contact kept = AddContact(firm, "kept", "Kept", "", {"kept@example.com"});
  std::string before = State(firm);
  v1::CreateContactRequest request = NewContact(firm, "Ann");
  request.mutable_contact()->add_emails("ann@example.com");
  request.mutable_contact()->add_emails("ANN@Example.com");
  EXPECT_STATUS(Create(firm, request), INVALID_ARGUMENT, "contact.emails[1]");

  v1::UpdateContactRequest update;
  update.mutable_contact()->set_name(kept.name());
  update.mutable_contact()->add_emails("kept@example.com");
  update.mutable_contact()->add_emails("other@example.com");
  update.mutable_contact()->add_emails("Kept@Example.COM");
  update.mutable_update_mask()->add_paths("emails");
  EXPECT_STATUS(Update(firm, update), INVALID_ARGUMENT, "contact.emails[2]");
  EXPECT_EQ(State(firm), before);
}

TEST_F(BadInputTest, EmailHeldByAnotherContactNamesThatContact) {
  TestFirm firm = NewFirm();
  v1::Contact holder = AddContact(firm, "holder", "Holder", "", {"taken@example.com"});
  v1::Contact other = AddContact(firm, "other", "Other", "", {"other@example.com"});
  std::string before = State(firm);

  for (const std::vector<std::string>& emails : std::vector<std::vector<std::string>>{
           {"TAKEN@example.com"},
           {"fresh@example.com", "Taken@Example.Com"},
           {"fresh@example.com", "fresh2@example.com", "taken@EXAMPLE.com"}}) {
    SCOPED_TRACE(emails.back());
    v1::CreateContactRequest request = NewContact(firm, "Copycat");
    request.set_contact_id("copycat");
    for (const auto& e : emails) request.mutable_contact()->add_emails(e);
    EXPECT_STATUS(Create(firm, request), ALREADY_EXISTS, holder.name());

    v1::UpdateContactRequest update;
    update.mutable_contact()->set_name(other.name());
    for (const auto& e : emails) update.mutable_contact()->add_emails(e);
    update.mutable_update_mask()->add_paths("emails");
    EXPECT_STATUS(Update(firm, update), ALREADY_EXISTS, holder.name());
  }
  EXPECT_EQ(State(firm), before);
  EXPECT_TRUE(MessageDifferencer::Equals(Get(firm, other.name()), other));

  // The emails listed before the duplicate were not claimed: they are still free.
  v1::CreateContactRequest fresh = NewContact(firm, "Fresh");
  fresh.mutable_contact()->add_emails("fresh@example.com");
  fresh.mutable_contact()->add_emails("fresh2@example.com");
  grpc::Status status = Create(firm, fresh);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(BadInputTest, RequestIdThatIsNotAUuidIsRefused) {
  TestFirm firm = NewFirm();
  std::string before = State(firm);
  for (const std::string& bad : std::vector<std::string>{
           "not-a-uuid", "123", "123e4567e89b12d3a456426614174000",
           "123e4567-e89b-12d3-a456-42661417400g", "{123e4567-e89b-12d3-a456-426614174000}",
           " 123e4567-e89b-12d3-a456-426614174000"}) {
    SCOPED_TRACE(bad);
    v1::CreateContactRequest request = NewContact(firm, "Ann");
    request.set_request_id(bad);
    EXPECT_STATUS(Create(firm, request), INVALID_ARGUMENT, "request_id");
  }
  EXPECT_EQ(State(firm), before);
}

TEST_F(BadInputTest, ReusedRequestIdWithADifferentBodyIsRefused) {
  TestFirm firm = NewFirm();
  v1::CreateContactRequest request = NewContact(firm, "Ann");
  request.set_request_id(NewRequestId());
  v1::Contact first;
  ASSERT_TRUE(Create(firm, request, &first).ok());
  std::string before = State(firm);

  request.mutable_contact()->set_display_name("Someone else");
  EXPECT_STATUS(Create(firm, request), ALREADY_EXISTS, "request_id");
  // Reused for another method, it is refused as well.
  v1::UpdateContactRequest update;
  update.mutable_contact()->set_name(first.name());
  update.mutable_contact()->set_display_name("Changed");
  update.mutable_update_mask()->add_paths("display_name");
  update.set_request_id(request.request_id());
  EXPECT_STATUS(Update(firm, update), ALREADY_EXISTS, "request_id");

  EXPECT_EQ(State(firm), before);
  EXPECT_EQ(ContactNames(firm), std::vector<std::string>{first.name()});
}

TEST_F(BadInputTest, RetriedCreateReturnsTheFirstAnswerAndCreatesOnce) {
  TestFirm firm = NewFirm();
  v1::CreateContactRequest request = NewContact(firm, "Ann");
  request.mutable_contact()->add_emails("ann@example.com");
  request.set_request_id(NewRequestId());
  v1::Contact first;
  ASSERT_TRUE(Create(firm, request, &first).ok());
  for (int retry = 0; retry < 3; ++retry) {
    v1::Contact again;
    grpc::Status status = Create(firm, request, &again);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_TRUE(MessageDifferencer::Equals(first, again)) << first.ShortDebugString() << "\nvs\n"
                                                          << again.ShortDebugString();
  }
  EXPECT_EQ(ContactNames(firm), std::vector<std::string>{first.name()});
}

}  // namespace
}  // namespace refnet::testing
