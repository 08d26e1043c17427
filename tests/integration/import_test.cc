// Event batches through ContactService/ImportContacts: per-row outcomes, the
// event tag, the interactions that schedule follow-ups, idempotent retries,
// and access rules.
#include <google/protobuf/util/message_differencer.h>
#include <sqlite3.h>

#include <map>

#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;
using google::protobuf::util::MessageDifferencer;

struct ImportCall {
  grpc::Status status;
  v1::ImportContactsResponse response;
};

// One row: a contact with a name, emails and an optional id.
v1::ImportContactsRequest Row(const std::string& display_name,
                              const std::vector<std::string>& emails = {},
                              const std::string& contact_id = "") {
  v1::ImportContactsRequest row;
  row.mutable_contact()->set_display_name(display_name);
  for (const std::string& email : emails) row.mutable_contact()->add_emails(email);
  row.set_contact_id(contact_id);
  return row;
}

class ImportTest : public RefnetTest {
 protected:
  static ImportCall Import(const std::string& token,
                           const std::vector<v1::ImportContactsRequest>& messages) {
    ImportCall call;
    auto context = Authed(token);
    auto writer = contacts().ImportContacts(context.get(), &call.response);
    for (const v1::ImportContactsRequest& message : messages) {
      if (!writer->Write(message)) break;
    }
    writer->WritesDone();
    call.status = writer->Finish();
    return call;
  }

  // `rows` with the batch fields in the first message.
  static std::vector<v1::ImportContactsRequest> Batch(const TestFirm& firm,
                                                      const std::string& request_id,
                                                      std::vector<v1::ImportContactsRequest> rows,
                                                      const std::string& event_name = "",
                                                      int64_t event_time_s = 0) {
    v1::ImportContactsRequest& first = rows.at(0);
    first.set_parent(firm.name);
    first.set_request_id(request_id);
    first.set_event_name(event_name);
    if (event_time_s != 0) first.mutable_event_time()->set_seconds(event_time_s);
    return rows;
  }

  static v1::Contact Get(const TestFirm& firm, const std::string& name) {
    v1::GetContactRequest request;
    request.set_name(name);
    v1::Contact contact;
    grpc::Status status = contacts().GetContact(Authed(firm.alice_token).get(), request, &contact);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return contact;
  }

  static v1::ListInteractionsResponse Interactions(const TestFirm& firm,
                                                   const std::string& member) {
    v1::ListInteractionsRequest request;
    request.set_parent(firm.name);
    request.set_member(member);
    request.set_page_size(1000);
    v1::ListInteractionsResponse page;
    grpc::Status status =
        contacts().ListInteractions(Authed(firm.admin_token).get(), request, &page);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return page;
  }

  // The firm's change events, `kind resource` per line, read straight from
  // the server's SQLite file: every stored change must leave one.
  static std::vector<std::string> Events(const TestFirm& firm) {
    std::vector<std::string> events;
    sqlite3* db = nullptr;
    std::string path = server().folder() + "/refnet.db";
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(
        sqlite3_prepare_v2(db, "SELECT kind, resource FROM events WHERE firm_id = ? ORDER BY seq",
                           -1, &stmt, nullptr),
        SQLITE_OK);
    sqlite3_bind_text(stmt, 1, firm.id.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      events.push_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))) +
                       " " + reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return events;
  }
};

TEST_F(ImportTest, EachRowIsCreatedUpdatedDuplicatedOrRefusedNamingTheField) {
  TestFirm firm = NewFirm();
  v1::Contact ann = AddContact(firm, "ann", "Ann Lee", "", {"ann@globex.com"}, {"fintech"});
  std::vector<v1::ImportContactsRequest> rows = {
      Row("Bo Chen", {"bo@initech.com"}, "bo"),
      Row("A. Lee", {"ANN@globex.com", "ann@home.test"}),
      Row("Bo again", {"bo@initech.com"}),
      Row("Cy", {"cy@hooli.com", "not-an-email"}),
      Row(""),
      Row("Dee", {}, "bo"),
      Row("Eve", {}, "Bad Id"),
      Row("Cy Young", {"cy@hooli.com"}),
  };
  rows[1].mutable_contact()->set_organization("Globex");
  rows[1].mutable_contact()->set_title("CEO");
  rows[1].mutable_contact()->add_offers("intros to VCs");
  ImportCall call = Import(firm.alice_token, Batch(firm, NewRequestId(), rows, "Spring Summit"));
  ASSERT_TRUE(call.status.ok()) << call.status.error_message();
  const v1::ImportContactsResponse& r = call.response;
  ASSERT_EQ(r.rows_size(), 8) << r.DebugString();
  struct Expected {
    v1::ImportRowResult::Outcome outcome;
    std::string contact;
    std::string field;
  };
  std::vector<Expected> expected = {
      {v1::ImportRowResult::CREATED, firm.Contact("bo"), ""},
      {v1::ImportRowResult::UPDATED, ann.name(), "contact.emails[0]"},
      {v1::ImportRowResult::DUPLICATE, firm.Contact("bo"), "contact.emails[0]"},
      {v1::ImportRowResult::ERROR, "", "contact.emails[1]"},
      {v1::ImportRowResult::ERROR, "", "contact.display_name"},
      {v1::ImportRowResult::DUPLICATE, firm.Contact("bo"), "contact_id"},
      {v1::ImportRowResult::ERROR, "", "contact_id"},
      {v1::ImportRowResult::CREATED, "", ""},
  };
  for (int i = 0; i < 8; ++i) {
    SCOPED_TRACE(i + 1);
    EXPECT_EQ(r.rows(i).row(), i + 1);
    EXPECT_EQ(r.rows(i).outcome(), expected[i].outcome);
    if (!expected[i].contact.empty()) {
      EXPECT_EQ(r.rows(i).contact(), expected[i].contact);
    }
    EXPECT_EQ(r.rows(i).field(), expected[i].field);
  }
  EXPECT_EQ(r.rows(2).message(), "same contact as row 1");
  EXPECT_NE(r.rows(3).message().find("not-an-email"), std::string::npos) << r.rows(3).message();
  EXPECT_EQ(r.rows(7).contact().rfind(firm.name + "/contacts/", 0), 0u);
  EXPECT_EQ(r.created(), 2);
  EXPECT_EQ(r.updated(), 1);
  EXPECT_EQ(r.duplicates(), 2);
  EXPECT_EQ(r.errors(), 3);

  // The update merged in without blanking or overwriting anything.
  v1::Contact merged = Get(firm, ann.name());
  EXPECT_EQ(merged.display_name(), "Ann Lee");
  EXPECT_EQ(merged.organization(), "Globex");
  EXPECT_EQ(merged.title(), "CEO");  // it was empty, so the row filled it
  EXPECT_EQ(std::vector<std::string>(merged.emails().begin(), merged.emails().end()),
            (std::vector<std::string>{"ann@globex.com", "ann@home.test"}));
  EXPECT_EQ(std::vector<std::string>(merged.tags().begin(), merged.tags().end()),
            (std::vector<std::string>{"fintech", "Spring Summit"}));
  EXPECT_EQ(merged.offers(0), "intros to VCs");
  // Refused rows wrote nothing: the only Cy is the one row 8 created.
  v1::ListContactsRequest cys;
  cys.set_parent(firm.name);
  cys.set_query("cy@hooli.com");
  v1::ListContactsResponse found;
  ASSERT_TRUE(contacts().ListContacts(Authed(firm.alice_token).get(), cys, &found).ok());
  ASSERT_EQ(found.contacts_size(), 1);
  EXPECT_EQ(found.contacts(0).name(), r.rows(7).contact());
  EXPECT_EQ(found.contacts(0).display_name(), "Cy Young");
  ExpectLedgerSound(firm);
}

TEST_F(ImportTest, ContactsAreTaggedAndGetAnEventInteractionWithTheMember) {
  TestFirm firm = NewFirm();
  v1::Contact ann = AddContact(firm, "ann", "Ann", "", {"ann@globex.com"});
  int64_t event_time_s = absl::ToUnixSeconds(absl::Now() - absl::Hours(30));
  ImportCall call = Import(
      firm.alice_token, Batch(firm, NewRequestId(),
                              {Row("Bo", {"bo@initech.com"}, "bo"), Row("Ann", {"ann@globex.com"}),
                               Row("Bo", {"bo@initech.com"})},
                              "  Spring   Summit ", event_time_s));
  ASSERT_TRUE(call.status.ok()) << call.status.error_message();

  v1::ListContactsRequest tagged;
  tagged.set_parent(firm.name);
  tagged.set_tag("Spring Summit");
  v1::ListContactsResponse page;
  ASSERT_TRUE(contacts().ListContacts(Authed(firm.bob_token).get(), tagged, &page).ok());
  ASSERT_EQ(page.contacts_size(), 2);
  EXPECT_EQ(page.contacts(0).name(), ann.name());
  EXPECT_EQ(page.contacts(1).name(), firm.Contact("bo"));

  // One event interaction per created or updated row, none for the duplicate.
  v1::ListInteractionsResponse interactions = Interactions(firm, firm.Member("alice"));
  ASSERT_EQ(interactions.interactions_size(), 2) << interactions.DebugString();
  std::map<std::string, v1::Interaction> by_contact;
  for (const v1::Interaction& i : interactions.interactions()) by_contact[i.contact()] = i;
  for (const std::string& contact : {ann.name(), firm.Contact("bo")}) {
    SCOPED_TRACE(contact);
    const v1::Interaction& i = by_contact[contact];
    EXPECT_EQ(i.kind(), v1::INTERACTION_KIND_EVENT);
    EXPECT_EQ(i.event_name(), "Spring Summit");
    EXPECT_EQ(i.occurred_at().seconds(), event_time_s);
    EXPECT_EQ(i.member(), firm.Member("alice"));
  }

  // The member now knows both, with the event as the last touch.
  v1::ListRelationshipsRequest mine;
  mine.set_parent(firm.name);
  mine.set_member(firm.Member("alice"));
  v1::ListRelationshipsResponse relationships;
  ASSERT_TRUE(
      contacts().ListRelationships(Authed(firm.alice_token).get(), mine, &relationships).ok());
  ASSERT_EQ(relationships.relationships_size(), 2);
  for (const v1::Relationship& rel : relationships.relationships()) {
    EXPECT_EQ(rel.strength(), 1);
    EXPECT_EQ(rel.last_touch_time().seconds(), event_time_s);
  }

  // Each stored change left its event: a contact and an interaction per row.
  std::vector<std::string> events = Events(firm);
  int imported = 0;
  for (const std::string& event : events) imported += event.rfind("ImportContacts ", 0) == 0;
  EXPECT_EQ(imported, 4) << ::testing::PrintToString(events);
}

TEST_F(ImportTest, ARetryReturnsTheFirstReportAndWritesNothing) {
  TestFirm firm = NewFirm();
  AddContact(firm, "ann", "Ann", "", {"ann@globex.com"});
  std::string request_id = NewRequestId();
  std::vector<v1::ImportContactsRequest> batch =
      Batch(firm, request_id,
            {Row("Bo", {"bo@initech.com"}), Row("Ann", {"ann@globex.com"}), Row("", {})},
            "Spring Summit");
  ImportCall first = Import(firm.alice_token, batch);
  ASSERT_TRUE(first.status.ok()) << first.status.error_message();
  std::string state = FirmState(firm);
  size_t events = Events(firm).size();

  ImportCall again = Import(firm.alice_token, batch);
  ASSERT_TRUE(again.status.ok()) << again.status.error_message();
  EXPECT_TRUE(MessageDifferencer::Equals(first.response, again.response))
      << again.response.DebugString();
  // Repeating the batch fields in every message is the same stream.
  std::vector<v1::ImportContactsRequest> repeated = batch;
  for (v1::ImportContactsRequest& message : repeated) {
    message.set_parent(firm.name);
    message.set_request_id(request_id);
    message.set_event_name("Spring Summit");
  }
  ImportCall third = Import(firm.alice_token, repeated);
  ASSERT_TRUE(third.status.ok()) << third.status.error_message();
  EXPECT_TRUE(MessageDifferencer::Equals(first.response, third.response));
  EXPECT_EQ(FirmState(firm), state);
  EXPECT_EQ(Events(firm).size(), events);

  std::vector<v1::ImportContactsRequest> changed = batch;
  changed[0].mutable_contact()->set_display_name("Bo Chen");
  EXPECT_STATUS(Import(firm.alice_token, changed).status, ALREADY_EXISTS, "");
  EXPECT_EQ(FirmState(firm), state);
}

TEST_F(ImportTest, MembersImportOnlyForThemselvesAndOnlyInTheirFirm) {
  TestFirm firm = NewFirm();
  TestFirm other = NewFirm();
  std::string other_state = FirmState(other);
  std::vector<v1::ImportContactsRequest> batch = Batch(other, NewRequestId(), {Row("Bo")});
  EXPECT_STATUS(Import(firm.alice_token, batch).status, PERMISSION_DENIED, "parent");
  EXPECT_STATUS(Import(firm.admin_token, batch).status, PERMISSION_DENIED, "parent");
  EXPECT_EQ(FirmState(other), other_state);

  std::string state = FirmState(firm);
  batch = Batch(firm, NewRequestId(), {Row("Bo")});
  batch[0].set_member(firm.Member("bob"));
  EXPECT_STATUS(Import(firm.alice_token, batch).status, PERMISSION_DENIED, "member");
  batch[0].set_member(other.Member("alice"));
  EXPECT_STATUS(Import(firm.admin_token, batch).status, PERMISSION_DENIED, "member");
  EXPECT_EQ(FirmState(firm), state);

  // Admins and services import for any member of the firm.
  batch = Batch(firm, NewRequestId(), {Row("Bo")});
  batch[0].set_member(firm.Member("bob"));
  ImportCall call = Import(firm.service_token, batch);
  ASSERT_TRUE(call.status.ok()) << call.status.error_message();
  EXPECT_EQ(Interactions(firm, firm.Member("bob")).interactions_size(), 1);
  EXPECT_EQ(Interactions(firm, firm.Member("boss")).interactions_size(), 0);
}

TEST_F(ImportTest, BadBatchFieldsFailTheCallNamingTheField) {
  TestFirm firm = NewFirm();
  std::string state = FirmState(firm);
  EXPECT_STATUS(Import(firm.alice_token, {}).status, INVALID_ARGUMENT, "contact");

  std::vector<v1::ImportContactsRequest> batch = Batch(firm, "", {Row("Bo")});
  EXPECT_STATUS(Import(firm.alice_token, batch).status, INVALID_ARGUMENT, "request_id");
  batch = Batch(firm, NewRequestId(), {Row("Bo")}, std::string(65, 'x'));
  EXPECT_STATUS(Import(firm.alice_token, batch).status, INVALID_ARGUMENT, "event_name");
  batch = Batch(firm, NewRequestId(), {Row("Bo"), Row("Cy")}, "Summit");
  batch[1].set_event_name("Other");
  EXPECT_STATUS(Import(firm.alice_token, batch).status, INVALID_ARGUMENT, "event_name");
  batch = Batch(firm, NewRequestId(), {Row("Bo")}, "Summit",
                absl::ToUnixSeconds(absl::Now() + absl::Hours(48)));
  EXPECT_STATUS(Import(firm.alice_token, batch).status, INVALID_ARGUMENT, "event_time");
  batch = Batch(firm, NewRequestId(), {Row("Bo")});
  batch[0].set_parent("firms");
  EXPECT_STATUS(Import(firm.alice_token, batch).status, INVALID_ARGUMENT, "parent");
  EXPECT_STATUS(Import("", Batch(firm, NewRequestId(), {Row("Bo")})).status, UNAUTHENTICATED, "");

  std::vector<v1::ImportContactsRequest> too_many(10001, Row("Someone"));
  EXPECT_STATUS(Import(firm.alice_token, Batch(firm, NewRequestId(), too_many)).status,
                INVALID_ARGUMENT, "contact: a stream carries at most 10000 rows");
  EXPECT_EQ(FirmState(firm), state);
}

TEST_F(ImportTest, ARowMatchingAnArchivedContactIsRefused) {
  TestFirm firm = NewFirm();
  v1::Contact ann = AddContact(firm, "ann", "Ann", "", {"ann@globex.com"});
  v1::DeleteContactRequest archive;
  archive.set_name(ann.name());
  v1::Contact archived;
  ASSERT_TRUE(contacts().DeleteContact(Authed(firm.admin_token).get(), archive, &archived).ok());
  std::string state = FirmState(firm);
  ImportCall call = Import(firm.alice_token,
                           Batch(firm, NewRequestId(), {Row("Ann", {"ann@globex.com"})}, "Summit"));
  ASSERT_TRUE(call.status.ok()) << call.status.error_message();
  ASSERT_EQ(call.response.rows_size(), 1);
  EXPECT_EQ(call.response.rows(0).outcome(), v1::ImportRowResult::ERROR);
  EXPECT_EQ(call.response.rows(0).field(), "contact.emails[0]");
  EXPECT_NE(call.response.rows(0).message().find("archived"), std::string::npos);
  EXPECT_EQ(FirmState(firm), state);
}

}  // namespace
}  // namespace refnet::testing
