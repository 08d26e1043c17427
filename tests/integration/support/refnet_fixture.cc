// Shared server and firm-building helpers for the integration tests.
#include "tests/integration/support/refnet_fixture.h"

#include <atomic>
#include <cstdlib>

namespace refnet::testing {

namespace v1 = ::refnet::v1;

ServerProcess* RefnetTest::server_ = nullptr;
RedisProcess* RefnetTest::redis_ = nullptr;
std::unique_ptr<v1::AdminService::Stub> RefnetTest::admin_;
std::unique_ptr<v1::ContactService::Stub> RefnetTest::contacts_;

void RefnetTest::StartSuite(const std::vector<std::string>& suite_flags,
                            std::shared_ptr<grpc::ChannelCredentials> credentials) {
  server_ = new ServerProcess();
  if (credentials != nullptr) server_->set_credentials(std::move(credentials));
  std::vector<std::string> flags = suite_flags;
  // The same suites run once more with Redis caching the hot balances; the
  // answers must not change.
  const char* with_redis = std::getenv("REFNET_TEST_REDIS");
  if (with_redis != nullptr && std::string(with_redis) == "1") {
    redis_ = new RedisProcess();
    absl::Status started = redis_->Start();
    ASSERT_TRUE(started.ok()) << started;
    flags.push_back("--redis=" + redis_->url());
  }
  server_->Start(flags);
  ReconnectStubs();
}

void RefnetTest::ReconnectStubs() {
  admin_ = v1::AdminService::NewStub(server_->channel());
  contacts_ = v1::ContactService::NewStub(server_->channel());
}

void RefnetTest::RestartServer(const std::vector<std::string>& flags) {
  admin_.reset();
  contacts_.reset();
  ASSERT_EQ(server_->Stop(), 0) << server_->log();
  server_->Start(flags);
  ReconnectStubs();
}

void RefnetTest::TearDownTestSuite() {
  admin_.reset();
  contacts_.reset();
  if (server_ != nullptr) {
    EXPECT_EQ(server_->Stop(), 0) << server_->log();
  }
  delete server_;
  server_ = nullptr;
  delete redis_;
  redis_ = nullptr;
}

std::string RefnetTest::AddMember(const TestFirm& firm, const std::string& member_id,
                                  v1::Role role) {
  v1::CreateMemberRequest request;
  request.set_parent(firm.name);
  request.set_member_id(member_id);
  request.mutable_member()->set_display_name("Member " + member_id);
  request.mutable_member()->set_email(member_id + "@" + firm.id + ".test");
  request.mutable_member()->set_role(role);
  v1::Member member;
  grpc::Status status =
      admin_->CreateMember(Authed(server_->PlatformAdminToken()).get(), request, &member);
  EXPECT_TRUE(status.ok()) << status.error_message();
  auth::Role token_role = role == v1::ROLE_ADMIN     ? auth::Role::kAdmin
                          : role == v1::ROLE_SERVICE ? auth::Role::kService
                                                     : auth::Role::kMember;
  return server_->Token(firm.id, member_id, token_role);
}

void RefnetTest::ExpectLedgerSound(const TestFirm& firm) {
  refnet::v1::CheckLedgerRequest request;
  request.set_parent(firm.name);
  refnet::v1::CheckLedgerResponse check;
  grpc::Status status = admin().CheckLedger(Authed(firm.admin_token).get(), request, &check);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(check.ok()) << check.DebugString();
  EXPECT_EQ(check.karma_sum_points(), 0);
}

TestFirm RefnetTest::NewFirm() {
  static std::atomic<int> counter{0};
  TestFirm firm;
  firm.id = "firm-" + std::to_string(counter++) + "-" + NewRequestId().substr(0, 8);
  firm.name = "firms/" + firm.id;
  v1::CreateFirmRequest request;
  request.set_firm_id(firm.id);
  request.mutable_firm()->set_display_name("Firm " + firm.id);
  v1::Firm created;
  grpc::Status status =
      admin_->CreateFirm(Authed(server_->PlatformAdminToken()).get(), request, &created);
  EXPECT_TRUE(status.ok()) << status.error_message();
  firm.admin_token = AddMember(firm, "boss", v1::ROLE_ADMIN);
  firm.alice_token = AddMember(firm, "alice", v1::ROLE_MEMBER);
  firm.bob_token = AddMember(firm, "bob", v1::ROLE_MEMBER);
  firm.service_token = AddMember(firm, "tool", v1::ROLE_SERVICE);
  return firm;
}

grpc::Status RefnetTest::TryCreateContact(const std::string& token,
                                          const v1::CreateContactRequest& request,
                                          v1::Contact* response) {
  v1::Contact ignored;
  return contacts_->CreateContact(Authed(token).get(), request,
                                  response != nullptr ? response : &ignored);
}

v1::Contact RefnetTest::AddContact(const TestFirm& firm, const std::string& contact_id,
                                   const std::string& display_name, const std::string& organization,
                                   const std::vector<std::string>& emails,
                                   const std::vector<std::string>& tags) {
  v1::CreateContactRequest request;
  request.set_parent(firm.name);
  request.set_contact_id(contact_id);
  request.mutable_contact()->set_display_name(display_name);
  request.mutable_contact()->set_organization(organization);
  for (const auto& e : emails) request.mutable_contact()->add_emails(e);
  for (const auto& t : tags) request.mutable_contact()->add_tags(t);
  v1::Contact contact;
  grpc::Status status = TryCreateContact(firm.alice_token, request, &contact);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return contact;
}

// Everything a firm holds, as text, read with the firm's admin token.
std::string RefnetTest::FirmState(const TestFirm& firm) {
  std::string out;
  auto note = [&out](const grpc::Status& status, const google::protobuf::Message& page,
                     const char* what) {
    EXPECT_TRUE(status.ok()) << what << ": " << status.error_message();
    out += std::string(what) + ": " + page.ShortDebugString() + "\n";
  };
  const std::string& token = firm.admin_token;
  {
    v1::ListMembersRequest request;
    request.set_parent(firm.name);
    request.set_show_inactive(true);
    request.set_page_size(1000);
    v1::ListMembersResponse page;
    note(admin().ListMembers(Authed(token).get(), request, &page), page, "members");
  }
  {
    v1::ListContactsRequest request;
    request.set_parent(firm.name);
    request.set_show_archived(true);
    request.set_page_size(1000);
    v1::ListContactsResponse page;
    note(contacts().ListContacts(Authed(token).get(), request, &page), page, "contacts");
  }
  {
    v1::ListRelationshipsRequest request;
    request.set_parent(firm.name);
    request.set_page_size(1000);
    v1::ListRelationshipsResponse page;
    note(contacts().ListRelationships(Authed(token).get(), request, &page), page, "relationships");
  }
  {
    v1::ListInteractionsRequest request;
    request.set_parent(firm.name);
    request.set_page_size(1000);
    v1::ListInteractionsResponse page;
    note(contacts().ListInteractions(Authed(token).get(), request, &page), page, "interactions");
  }
  {
    v1::ListConnectionsRequest request;
    request.set_parent(firm.name);
    request.set_page_size(1000);
    v1::ListConnectionsResponse page;
    note(contacts().ListConnections(Authed(token).get(), request, &page), page, "connections");
  }
  return out;
}

}  // namespace refnet::testing
