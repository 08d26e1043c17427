// The server as a process: restarts keep data, SIGTERM drains and exits 0, a
// crash mid-write leaves nothing half-written, retries never duplicate, and
// every RPC leaves one JSON log line.
#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "refnet/v1/admin_service.grpc.pb.h"
#include "refnet/v1/contact_service.grpc.pb.h"
#include "tests/integration/support/server_process.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;

// Creates firm "acme" with admin "boss" and returns boss's token.
std::string SetUpFirm(ServerProcess& server) {
  auto admin = v1::AdminService::NewStub(server.channel());
  v1::CreateFirmRequest firm;
  firm.set_firm_id("acme");
  firm.mutable_firm()->set_display_name("Acme");
  v1::Firm created;
  EXPECT_TRUE(admin->CreateFirm(Authed(server.PlatformAdminToken()).get(), firm, &created).ok());
  v1::CreateMemberRequest member;
  member.set_parent("firms/acme");
  member.set_member_id("boss");
  member.mutable_member()->set_display_name("Boss");
  member.mutable_member()->set_email("boss@acme.test");
  member.mutable_member()->set_role(v1::ROLE_ADMIN);
  v1::Member m;
  EXPECT_TRUE(admin->CreateMember(Authed(server.PlatformAdminToken()).get(), member, &m).ok());
  return server.Token("acme", "boss", auth::Role::kAdmin);
}

v1::CreateContactRequest ContactRequest(const std::string& id) {
  v1::CreateContactRequest request;
  request.set_parent("firms/acme");
  request.set_contact_id(id);
  request.mutable_contact()->set_display_name("Contact " + id);
  request.mutable_contact()->add_emails(id + "@example.com");
  request.mutable_contact()->add_emails(id + "@other.example.com");
  request.mutable_contact()->add_tags("t-" + id);
  return request;
}

TEST(LifecycleTest, DataSurvivesARestart) {
  ServerProcess server;
  server.Start();
  std::string token = SetUpFirm(server);
  auto contacts = v1::ContactService::NewStub(server.channel());
  v1::Contact ann;
  ASSERT_TRUE(contacts->CreateContact(Authed(token).get(), ContactRequest("ann"), &ann).ok());
  contacts.reset();
  EXPECT_EQ(server.Stop(), 0);

  server.Start();
  contacts = v1::ContactService::NewStub(server.channel());
  v1::GetContactRequest get;
  get.set_name(ann.name());
  v1::Contact got;
  ASSERT_TRUE(contacts->GetContact(Authed(token).get(), get, &got).ok());
  EXPECT_EQ(got.SerializeAsString(), ann.SerializeAsString());
}

TEST(LifecycleTest, ARequestIdRetentionUnderADayIsRefusedAtStart) {
  ServerProcess server;
  auto [out, code] = RunShell(BinaryPath("services/server/refnet-server") +
                              " --token-secret-file=" + server.folder() +
                              "/secret --store=sqlite:" + server.folder() +
                              "/refnet.db --listen=127.0.0.1:0 --request-id-retention=1h 2>&1");
  EXPECT_NE(code, 0);
  EXPECT_NE(out.find("--request-id-retention must be at least 24h"), std::string::npos) << out;
}

TEST(LifecycleTest, ConfigurationCanComeFromTheEnvironment) {
  ServerProcess server;
  server.StartFromEnvironment();
  std::string token = SetUpFirm(server);
  EXPECT_FALSE(token.empty());
  EXPECT_EQ(server.Stop(), 0);
}

TEST(LifecycleTest, SigtermStopsServingAndExitsZero) {
  ServerProcess server;
  server.Start();
  auto health = grpc::health::v1::Health::NewStub(server.channel());
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(health->Check(Authed("").get(), {}, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
  health.reset();
  EXPECT_EQ(server.Stop(), 0);
  std::string log = server.log();
  EXPECT_NE(log.find("\"msg\":\"draining\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"msg\":\"stopped\""), std::string::npos) << log;
}

TEST(LifecycleTest, EveryRpcLeavesOneJsonLogLine) {
  ServerProcess server;
  server.Start();
  std::string token = SetUpFirm(server);
  auto contacts = v1::ContactService::NewStub(server.channel());
  v1::Contact out;
  ASSERT_TRUE(contacts->CreateContact(Authed(token).get(), ContactRequest("ann"), &out).ok());
  v1::CreateContactRequest bad = ContactRequest("bad");
  bad.mutable_contact()->set_display_name("");
  EXPECT_FALSE(contacts->CreateContact(Authed(token).get(), bad, &out).ok());
  contacts.reset();
  ASSERT_EQ(server.Stop(), 0);
  std::istringstream lines(server.log());
  std::string line;
  int ok_lines = 0, bad_lines = 0;
  while (std::getline(lines, line)) {
    nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(event.is_discarded()) << "not JSON: " << line;
    if (event.value("method", "") != "/refnet.v1.ContactService/CreateContact") continue;
    EXPECT_EQ(event["firm"], "acme");
    EXPECT_TRUE(event["duration_ms"].is_number());
    if (event["code"] == "OK") ++ok_lines;
    if (event["code"] == "INVALID_ARGUMENT") ++bad_lines;
  }
  EXPECT_EQ(ok_lines, 1);
  EXPECT_EQ(bad_lines, 1);
}

TEST(LifecycleTest, ConcurrentRetriesOfOneRequestCreateOneContact) {
  ServerProcess server;
  server.Start();
  std::string token = SetUpFirm(server);
  v1::CreateContactRequest request = ContactRequest("");
  request.mutable_contact()->clear_emails();
  request.set_request_id(NewRequestId());
  constexpr int kCallers = 8;
  std::vector<v1::Contact> answers(kCallers);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < kCallers; ++i) {
    threads.emplace_back([&, i] {
      auto stub = v1::ContactService::NewStub(server.channel());
      if (!stub->CreateContact(Authed(token).get(), request, &answers[i]).ok()) ++failures;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  for (const auto& answer : answers) EXPECT_EQ(answer.name(), answers[0].name());
  auto contacts = v1::ContactService::NewStub(server.channel());
  v1::ListContactsRequest list;
  list.set_parent("firms/acme");
  v1::ListContactsResponse page;
  ASSERT_TRUE(contacts->ListContacts(Authed(token).get(), list, &page).ok());
  EXPECT_EQ(page.contacts_size(), 1);
}

// Writers race a SIGKILL. After restart every acknowledged contact is there,
// and every contact that is there is whole: its emails are indexed (a
// duplicate is refused naming it) and its tag finds it.
TEST(LifecycleTest, ACrashMidWriteLosesNoAcknowledgedWriteAndLeavesNoHalfWrite) {
  ServerProcess server;
  server.Start();
  std::string token = SetUpFirm(server);
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::vector<std::string> acknowledged;
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      auto stub = v1::ContactService::NewStub(server.channel());
      for (int i = 0; i < 2000 && !stop; ++i) {
        std::string id = "w" + std::to_string(w) + "-" + std::to_string(i);
        v1::Contact out;
        if (stub->CreateContact(Authed(token).get(), ContactRequest(id), &out).ok()) {
          std::lock_guard<std::mutex> lock(mu);
          acknowledged.push_back(id);
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  server.Kill();
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_GT(acknowledged.size(), 0u);

  server.Start();
  auto stub = v1::ContactService::NewStub(server.channel());
  std::vector<v1::Contact> stored;
  v1::ListContactsRequest list;
  list.set_parent("firms/acme");
  list.set_page_size(1000);
  while (true) {
    v1::ListContactsResponse page;
    ASSERT_TRUE(stub->ListContacts(Authed(token).get(), list, &page).ok());
    stored.insert(stored.end(), page.contacts().begin(), page.contacts().end());
    if (page.next_page_token().empty()) break;
    list.set_page_token(page.next_page_token());
  }
  std::set<std::string> stored_names;
  for (const auto& c : stored) stored_names.insert(c.name());
  for (const auto& id : acknowledged) {
    EXPECT_TRUE(stored_names.count("firms/acme/contacts/" + id)) << id << " was acknowledged";
  }
  for (size_t i = 0; i < stored.size(); i += 25) {
    const v1::Contact& c = stored[i];
    ASSERT_EQ(c.emails_size(), 2) << c.DebugString();
    std::string id = c.name().substr(c.name().rfind('/') + 1);
    v1::CreateContactRequest dup = ContactRequest("dup-" + id);
    dup.mutable_contact()->clear_emails();
    dup.mutable_contact()->add_emails(c.emails(1));
    v1::Contact out;
    grpc::Status status = stub->CreateContact(Authed(token).get(), dup, &out);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
    v1::ListContactsRequest by_tag;
    by_tag.set_parent("firms/acme");
    by_tag.set_tag("t-" + id);
    v1::ListContactsResponse tagged;
    ASSERT_TRUE(stub->ListContacts(Authed(token).get(), by_tag, &tagged).ok());
    EXPECT_EQ(tagged.contacts_size(), 1);
  }
}

}  // namespace
}  // namespace refnet::testing
