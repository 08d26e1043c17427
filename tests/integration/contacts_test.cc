// Contacts through ContactService: create, read, list, update, archive, merge.
#include <google/protobuf/util/message_differencer.h>

#include <set>

#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;
using google::protobuf::util::MessageDifferencer;

class ContactsTest : public RefnetTest {
 protected:
  static std::vector<std::string> ListNames(const std::string& token,
                                            v1::ListContactsRequest request) {
    std::vector<std::string> names;
    for (int pages = 0; pages < 100; ++pages) {
      v1::ListContactsResponse page;
      grpc::Status status = contacts().ListContacts(Authed(token).get(), request, &page);
      EXPECT_TRUE(status.ok()) << status.error_message();
      for (const auto& c : page.contacts()) names.push_back(c.name());
      if (!status.ok() || page.next_page_token().empty()) break;
      request.set_page_token(page.next_page_token());
    }
    return names;
  }

  static v1::Contact Get(const std::string& token, const std::string& name,
                         grpc::Status* status_out = nullptr) {
    v1::GetContactRequest request;
    request.set_name(name);
    v1::Contact contact;
    grpc::Status status = contacts().GetContact(Authed(token).get(), request, &contact);
    if (status_out != nullptr) *status_out = status;
    return contact;
  }
};

TEST_F(ContactsTest, CreatedContactReadsBackWithEveryField) {
  TestFirm firm = NewFirm();
  v1::CreateContactRequest request;
  request.set_parent(firm.name);
  v1::Contact* c = request.mutable_contact();
  c->set_display_name("Ann Lee");
  c->set_organization("Globex");
  c->set_title("CFO");
  c->add_emails("ann@globex.com");
  c->add_phones("+1 (555) 010-2000");
  c->add_tags("fintech");
  c->add_offers("introductions to VCs");
  c->add_needs("a tax adviser");
  c->set_notes("Met at the spring summit.");
  c->set_source("event:summit");
  v1::Contact created;
  ASSERT_TRUE(TryCreateContact(firm.alice_token, request, &created).ok());
  EXPECT_EQ(created.name().rfind(firm.name + "/contacts/", 0), 0u) << created.name();
  EXPECT_FALSE(created.etag().empty());
  EXPECT_GT(created.create_time().seconds(), 0);
  v1::Contact got = Get(firm.bob_token, created.name());
  EXPECT_TRUE(MessageDifferencer::Equals(created, got)) << got.DebugString();
  EXPECT_EQ(got.phones(0), "+1 (555) 010-2000");
  EXPECT_EQ(got.offers(0), "introductions to VCs");
}

TEST_F(ContactsTest, EmailsAreUniquePerFirmIgnoringCase) {
  TestFirm firm = NewFirm();
  v1::Contact ann = AddContact(firm, "ann", "Ann", "", {"Ann@Globex.com"});
  v1::CreateContactRequest request;
  request.set_parent(firm.name);
  request.mutable_contact()->set_display_name("Annie");
  request.mutable_contact()->add_emails("annie@elsewhere.com");
  request.mutable_contact()->add_emails("ann@GLOBEX.com");
  EXPECT_STATUS(TryCreateContact(firm.alice_token, request), ALREADY_EXISTS, ann.name());
  EXPECT_EQ(ListNames(firm.alice_token,
                      [&] {
                        v1::ListContactsRequest r;
                        r.set_parent(firm.name);
                        return r;
                      }()),
            std::vector<std::string>{ann.name()});
  // Another firm may hold the same email.
  TestFirm other = NewFirm();
  AddContact(other, "ann", "Ann", "", {"ann@globex.com"});
}

TEST_F(ContactsTest, ListFiltersByTagOrganizationKnownByAndText) {
  TestFirm firm = NewFirm();
  v1::Contact ann = AddContact(firm, "ann", "Ann Lee", "Globex", {"ann@globex.com"}, {"fintech"});
  v1::Contact bo =
      AddContact(firm, "bo", "Bo Chan", "Initech", {"bo@initech.io"}, {"fintech", "vc"});
  v1::Contact cy = AddContact(firm, "cy", "Cy 100% Real", "globex", {"cy@mail.test"}, {"vc"});
  v1::SetRelationshipRequest rel;
  rel.set_parent(firm.name);
  rel.mutable_relationship()->set_member(firm.Member("bob"));
  rel.mutable_relationship()->set_contact(bo.name());
  rel.mutable_relationship()->set_strength(3);
  v1::Relationship out;
  ASSERT_TRUE(contacts().SetRelationship(Authed(firm.bob_token).get(), rel, &out).ok());

  v1::ListContactsRequest list;
  list.set_parent(firm.name);
  list.set_tag("fintech");
  EXPECT_EQ(ListNames(firm.alice_token, list), (std::vector<std::string>{ann.name(), bo.name()}));
  list.clear_tag();
  list.set_organization("GLOBEX");
  EXPECT_EQ(ListNames(firm.alice_token, list), (std::vector<std::string>{ann.name(), cy.name()}));
  list.clear_organization();
  list.set_known_by(firm.Member("bob"));
  EXPECT_EQ(ListNames(firm.alice_token, list), std::vector<std::string>{bo.name()});
  list.clear_known_by();
  list.set_query("INITECH.io");
  EXPECT_EQ(ListNames(firm.alice_token, list), std::vector<std::string>{bo.name()});
  list.set_query("lee");
  EXPECT_EQ(ListNames(firm.alice_token, list), std::vector<std::string>{ann.name()});
  list.set_query("100%");
  EXPECT_EQ(ListNames(firm.alice_token, list), std::vector<std::string>{cy.name()});
  list.set_query("%");
  EXPECT_EQ(ListNames(firm.alice_token, list), std::vector<std::string>{cy.name()});
  list.set_query("_");
  EXPECT_TRUE(ListNames(firm.alice_token, list).empty());
  list.set_query("globex");
  list.set_tag("vc");
  EXPECT_EQ(ListNames(firm.alice_token, list), std::vector<std::string>{cy.name()});
}

TEST_F(ContactsTest, PagesStayStableWhileContactsAreAdded) {
  TestFirm firm = NewFirm();
  std::vector<std::string> original;
  for (int i = 0; i < 7; ++i) {
    original.push_back(
        AddContact(firm, "c" + std::to_string(i), "Contact " + std::to_string(i)).name());
  }
  v1::ListContactsRequest list;
  list.set_parent(firm.name);
  list.set_page_size(3);
  std::vector<std::string> seen;
  for (int pages = 0; pages < 20; ++pages) {
    v1::ListContactsResponse page;
    ASSERT_TRUE(contacts().ListContacts(Authed(firm.alice_token).get(), list, &page).ok());
    EXPECT_LE(page.contacts_size(), 3);
    for (const auto& c : page.contacts()) seen.push_back(c.name());
    // Someone adds a contact between every page.
    AddContact(firm, "late" + std::to_string(pages), "Late " + std::to_string(pages));
    if (page.next_page_token().empty()) break;
    list.set_page_token(page.next_page_token());
  }
  std::set<std::string> unique(seen.begin(), seen.end());
  EXPECT_EQ(unique.size(), seen.size()) << "a contact was returned twice";
  std::vector<std::string> prefix(seen.begin(), seen.begin() + 7);
  EXPECT_EQ(prefix, original);
}

TEST_F(ContactsTest, UpdateChangesOnlyMaskedFieldsAndGuardsWithEtag) {
  TestFirm firm = NewFirm();
  v1::Contact ann = AddContact(firm, "ann", "Ann", "Globex", {"ann@globex.com"}, {"fintech"});
  v1::UpdateContactRequest update;
  *update.mutable_contact() = ann;
  update.mutable_contact()->set_title("CTO");
  update.mutable_contact()->set_organization("ignored");
  update.mutable_update_mask()->add_paths("title");
  v1::Contact updated;
  ASSERT_TRUE(contacts().UpdateContact(Authed(firm.bob_token).get(), update, &updated).ok());
  EXPECT_EQ(updated.title(), "CTO");
  EXPECT_EQ(updated.organization(), "Globex");
  EXPECT_NE(updated.etag(), ann.etag());
  // A writer holding the old etag loses.
  EXPECT_STATUS(contacts().UpdateContact(Authed(firm.alice_token).get(), update, &updated), ABORTED,
                "etag");
  // Without a mask, every set field is written; lists are replaced whole.
  v1::UpdateContactRequest implicit;
  implicit.mutable_contact()->set_name(ann.name());
  implicit.mutable_contact()->add_tags("banking");
  implicit.mutable_contact()->add_emails("Ann.Lee@globex.com");
  ASSERT_TRUE(contacts().UpdateContact(Authed(firm.alice_token).get(), implicit, &updated).ok());
  EXPECT_EQ(updated.tags_size(), 1);
  EXPECT_EQ(updated.tags(0), "banking");
  EXPECT_EQ(updated.emails(0), "Ann.Lee@globex.com");
  EXPECT_EQ(updated.title(), "CTO");
  // The released email is free again; the new one is taken.
  AddContact(firm, "other", "Other", "", {"ann@globex.com"});
  v1::CreateContactRequest dup;
  dup.set_parent(firm.name);
  dup.mutable_contact()->set_display_name("Dup");
  dup.mutable_contact()->add_emails("ann.lee@GLOBEX.com");
  EXPECT_STATUS(TryCreateContact(firm.alice_token, dup), ALREADY_EXISTS, ann.name());
}

TEST_F(ContactsTest, DeleteArchivesAndListHidesArchivedUnlessAsked) {
  TestFirm firm = NewFirm();
  v1::Contact ann = AddContact(firm, "ann", "Ann");
  v1::Contact bo = AddContact(firm, "bo", "Bo");
  v1::DeleteContactRequest del;
  del.set_name(ann.name());
  del.set_etag(ann.etag());
  v1::Contact archived;
  ASSERT_TRUE(contacts().DeleteContact(Authed(firm.admin_token).get(), del, &archived).ok());
  EXPECT_TRUE(archived.archived());
  v1::ListContactsRequest list;
  list.set_parent(firm.name);
  EXPECT_EQ(ListNames(firm.alice_token, list), std::vector<std::string>{bo.name()});
  list.set_show_archived(true);
  EXPECT_EQ(ListNames(firm.alice_token, list), (std::vector<std::string>{ann.name(), bo.name()}));
  grpc::Status status;
  EXPECT_TRUE(Get(firm.alice_token, ann.name(), &status).archived());
  EXPECT_TRUE(status.ok());
  v1::UpdateContactRequest update;
  update.mutable_contact()->set_name(ann.name());
  update.mutable_contact()->set_title("X");
  v1::Contact out;
  EXPECT_STATUS(contacts().UpdateContact(Authed(firm.alice_token).get(), update, &out),
                FAILED_PRECONDITION, "archived");
}

TEST_F(ContactsTest, MergeMovesEverythingToTheSurvivor) {
  TestFirm firm = NewFirm();
  v1::Contact keep = AddContact(firm, "keep", "Ann Lee", "", {"ann@globex.com"}, {"fintech"});
  v1::Contact dupe = AddContact(firm, "dupe", "A. Lee", "Globex", {"alee@globex.com"}, {"vc"});
  v1::Contact x = AddContact(firm, "xavier", "Xavier");
  auto set_rel = [&](const std::string& member, const std::string& contact, int strength,
                     bool key) {
    v1::SetRelationshipRequest r;
    r.set_parent(firm.name);
    r.mutable_relationship()->set_member(firm.Member(member));
    r.mutable_relationship()->set_contact(contact);
    r.mutable_relationship()->set_strength(strength);
    r.mutable_relationship()->set_key(key);
    v1::Relationship out;
    ASSERT_TRUE(contacts().SetRelationship(Authed(firm.admin_token).get(), r, &out).ok());
  };
  set_rel("alice", keep.name(), 2, false);
  set_rel("alice", dupe.name(), 4, true);
  set_rel("bob", dupe.name(), 3, false);
  auto connect = [&](const std::string& a, const std::string& b) {
    v1::ConnectContactsRequest r;
    r.set_parent(firm.name);
    r.set_contact(a);
    r.set_other(b);
    v1::Connection out;
    ASSERT_TRUE(contacts().ConnectContacts(Authed(firm.alice_token).get(), r, &out).ok());
  };
  connect(dupe.name(), x.name());
  connect(keep.name(), x.name());
  connect(keep.name(), dupe.name());
  v1::LogInteractionRequest log;
  log.set_parent(firm.name);
  log.mutable_interaction()->set_member(firm.Member("bob"));
  log.mutable_interaction()->set_contact(dupe.name());
  log.mutable_interaction()->set_kind(v1::INTERACTION_KIND_CALL);
  v1::Interaction interaction;
  ASSERT_TRUE(contacts().LogInteraction(Authed(firm.bob_token).get(), log, &interaction).ok());

  v1::MergeContactsRequest merge;
  merge.set_name(keep.name());
  merge.set_merged(dupe.name());
  merge.set_request_id(NewRequestId());
  v1::Contact survivor;
  ASSERT_TRUE(contacts().MergeContacts(Authed(firm.admin_token).get(), merge, &survivor).ok());
  EXPECT_EQ(survivor.organization(), "Globex");
  EXPECT_EQ(std::vector<std::string>(survivor.emails().begin(), survivor.emails().end()),
            (std::vector<std::string>{"ann@globex.com", "alee@globex.com"}));
  EXPECT_EQ(std::vector<std::string>(survivor.tags().begin(), survivor.tags().end()),
            (std::vector<std::string>{"fintech", "vc"}));
  v1::Contact again;
  ASSERT_TRUE(contacts().MergeContacts(Authed(firm.admin_token).get(), merge, &again).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(survivor, again));

  grpc::Status status;
  Get(firm.alice_token, dupe.name(), &status);
  EXPECT_STATUS(status, NOT_FOUND, "merged into " + keep.name());

  v1::ListRelationshipsRequest rels;
  rels.set_parent(firm.name);
  v1::ListRelationshipsResponse rel_page;
  ASSERT_TRUE(contacts().ListRelationships(Authed(firm.alice_token).get(), rels, &rel_page).ok());
  ASSERT_EQ(rel_page.relationships_size(), 2);
  for (const auto& r : rel_page.relationships()) {
    EXPECT_EQ(r.contact(), keep.name());
    if (r.member() == firm.Member("alice")) {
      EXPECT_EQ(r.strength(), 4);
      EXPECT_TRUE(r.key());
    } else {
      EXPECT_EQ(r.strength(), 3);
      EXPECT_TRUE(r.has_last_touch_time());
    }
  }
  v1::ListInteractionsRequest ints;
  ints.set_parent(firm.name);
  ints.set_contact(keep.name());
  v1::ListInteractionsResponse int_page;
  ASSERT_TRUE(contacts().ListInteractions(Authed(firm.alice_token).get(), ints, &int_page).ok());
  ASSERT_EQ(int_page.interactions_size(), 1);
  EXPECT_EQ(int_page.interactions(0).name(), interaction.name());

  v1::ListConnectionsRequest conns;
  conns.set_parent(firm.name);
  v1::ListConnectionsResponse conn_page;
  ASSERT_TRUE(contacts().ListConnections(Authed(firm.alice_token).get(), conns, &conn_page).ok());
  ASSERT_EQ(conn_page.connections_size(), 1);
  EXPECT_EQ(conn_page.connections(0).contact(), keep.name());
  EXPECT_EQ(conn_page.connections(0).other(), x.name());

  // The merged contact's email now belongs to the survivor.
  v1::CreateContactRequest dup;
  dup.set_parent(firm.name);
  dup.mutable_contact()->set_display_name("Again");
  dup.mutable_contact()->add_emails("ALEE@globex.com");
  EXPECT_STATUS(TryCreateContact(firm.alice_token, dup), ALREADY_EXISTS, keep.name());
  v1::ListContactsRequest list;
  list.set_parent(firm.name);
  list.set_show_archived(true);
  EXPECT_EQ(ListNames(firm.alice_token, list), (std::vector<std::string>{keep.name(), x.name()}));
  // Merging into a contact that is gone names the survivor.
  merge.set_request_id(NewRequestId());
  merge.set_name(x.name());
  EXPECT_STATUS(contacts().MergeContacts(Authed(firm.admin_token).get(), merge, &again), NOT_FOUND,
                keep.name());
}

}  // namespace
}  // namespace refnet::testing
