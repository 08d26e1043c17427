// A gtest fixture sharing one real server per test suite, with helpers that
// build a fresh firm (admin "boss", member "alice", member "bob", service
// "tool") for each test so tests never see each other's data.
#pragma once

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "refnet/v1/admin_service.grpc.pb.h"
#include "refnet/v1/contact_service.grpc.pb.h"
#include "tests/cache/redis_process.h"
#include "tests/integration/support/server_process.h"

namespace refnet::testing {

struct TestFirm {
  std::string id;
  std::string name;  // firms/{id}
  std::string admin_token;
  std::string alice_token;
  std::string bob_token;
  std::string service_token;
  std::string Member(const std::string& member_id) const { return name + "/members/" + member_id; }
  std::string Contact(const std::string& contact_id) const {
    return name + "/contacts/" + contact_id;
  }
};

class RefnetTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { StartSuite({}); }
  static void TearDownTestSuite();
  // Starts the suite's server with `flags` (and Redis when REFNET_TEST_REDIS
  // is 1), reached through `credentials` (plaintext when null). Suites that
  // need a server configured otherwise call it from their SetUpTestSuite.
  static void StartSuite(const std::vector<std::string>& flags,
                         std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr);

  static ServerProcess& server() { return *server_; }
  // The suite's redis-server, or null when it runs without a cache.
  static RedisProcess* redis() { return redis_; }
  static refnet::v1::AdminService::Stub& admin() { return *admin_; }
  static refnet::v1::ContactService::Stub& contacts() { return *contacts_; }

  // Creates a firm with a unique id and its four members.
  static TestFirm NewFirm();
  // Creates a member and returns its token.
  static std::string AddMember(const TestFirm& firm, const std::string& member_id,
                               refnet::v1::Role role);
  // Creates a contact (asserting success) and returns it.
  static refnet::v1::Contact AddContact(const TestFirm& firm, const std::string& contact_id,
                                        const std::string& display_name,
                                        const std::string& organization = "",
                                        const std::vector<std::string>& emails = {},
                                        const std::vector<std::string>& tags = {});
  // Calls CreateContact and returns the status.
  static grpc::Status TryCreateContact(const std::string& token,
                                       const refnet::v1::CreateContactRequest& request,
                                       refnet::v1::Contact* response = nullptr);
  static void ReconnectStubs();
  // Stops the suite's server and starts it again on the same database with
  // `flags`. Drop your own stubs on its channel first: an open channel holds
  // up the server's drain.
  static void RestartServer(const std::vector<std::string>& flags);
  // Everything a firm holds (members, contacts with archived ones,
  // relationships, interactions, connections) as text, for "nothing changed"
  // checks.
  static std::string FirmState(const TestFirm& firm);
  // Expects the firm's balances to equal a replay of its ledger, and its
  // karma to sum to zero (AdminService/CheckLedger).
  static void ExpectLedgerSound(const TestFirm& firm);

 private:
  static ServerProcess* server_;
  static RedisProcess* redis_;  // null unless REFNET_TEST_REDIS=1
  static std::unique_ptr<refnet::v1::AdminService::Stub> admin_;
  static std::unique_ptr<refnet::v1::ContactService::Stub> contacts_;
};

// Asserts a status code and that the message contains `fragment`.
#define EXPECT_STATUS(status, code, fragment)                                         \
  do {                                                                                \
    grpc::Status s_ = (status);                                                       \
    EXPECT_EQ(s_.error_code(), grpc::StatusCode::code) << s_.error_message();         \
    EXPECT_NE(s_.error_message().find(fragment), std::string::npos)                   \
        << "message \"" << s_.error_message() << "\" lacks \"" << (fragment) << "\""; \
  } while (0)

}  // namespace refnet::testing
