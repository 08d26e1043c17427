// A firm written by `refnet-loadgen seed-store` and served by a real
// refnet-server: the API sees every row asked for, the ledger is sound, and
// the network scenarios reach the server.
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "refnet/v1/admin_service.grpc.pb.h"
#include "refnet/v1/contact_service.grpc.pb.h"
#include "refnet/v1/ledger_service.grpc.pb.h"
#include "tests/integration/support/server_process.h"
#include "tests/loadgen/program.h"

namespace refnet::loadgen::testing {
namespace {

namespace v1 = ::refnet::v1;
using ::refnet::testing::Authed;
using ::refnet::testing::BinaryPath;
using ::refnet::testing::ServerProcess;

constexpr int kProgramTimeoutS = 120;
constexpr int kMembers = 12;
constexpr int kContacts = 300;
constexpr int kRelationships = 1200;
constexpr int kHubContacts = 150;
constexpr int kConnections = 2000;
constexpr int kFavours = 2000;
// Each referral offered around m0 records a favour too.
constexpr int kReferralFavours = 10;

class LoadgenStoreSeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ProgramResult seeded = Loadgen({"seed-store",
                                    "--store",
                                    "sqlite:" + server_.folder() + "/refnet.db",
                                    "--firm",
                                    "bench",
                                    "--members",
                                    std::to_string(kMembers),
                                    "--contacts",
                                    std::to_string(kContacts),
                                    "--relationships",
                                    std::to_string(kRelationships),
                                    "--hub-member-contacts",
                                    std::to_string(kHubContacts),
                                    "--connections",
                                    std::to_string(kConnections),
                                    "--favours",
                                    std::to_string(kFavours),
                                    "--seed",
                                    "11",
                                    "--json"});
    ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
    seed_ = nlohmann::json::parse(seeded.out);
    // The load generator measures the server flat out: no rate limit.
    server_.Start({"--firm-rate-limit-rps=0"});
    token_ = server_.Token("bench", "boss", auth::Role::kAdmin);
    admin_ = v1::AdminService::NewStub(server_.channel());
    contacts_ = v1::ContactService::NewStub(server_.channel());
  }

  ProgramResult Loadgen(const std::vector<std::string>& args) {
    return RunProgram(BinaryPath("clients/loadgen/refnet-loadgen"), args, server_.folder(),
                      kProgramTimeoutS);
  }

  // Pages through a List method and counts its items.
  template <typename Request, typename Response, typename Call, typename Size>
  int CountAll(Request request, Call call, Size size) {
    int count = 0;
    request.set_page_size(1000);
    while (true) {
      Response response;
      grpc::Status status = call(Authed(token_).get(), request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) return -1;
      count += size(response);
      if (response.next_page_token().empty()) return count;
      request.set_page_token(response.next_page_token());
    }
  }

  ServerProcess server_;
  nlohmann::json seed_;
  std::string token_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
  std::unique_ptr<v1::ContactService::Stub> contacts_;
};

TEST_F(LoadgenStoreSeedTest, TheServerSeesEveryRowAndASoundLedger) {
  EXPECT_EQ(seed_["steps"]["favours"]["rows"], kFavours) << seed_.dump();
  EXPECT_EQ(seed_["steps"]["connections"]["rows"], kConnections) << seed_.dump();
  EXPECT_GT(seed_["store_bytes"].get<int64_t>(), 0);

  v1::ListMembersRequest members;
  members.set_parent("firms/bench");
  EXPECT_EQ((CountAll<v1::ListMembersRequest, v1::ListMembersResponse>(
                members,
                [&](auto* c, const auto& r, auto* out) { return admin_->ListMembers(c, r, out); },
                [](const auto& r) { return r.members_size(); })),
            kMembers + 1);  // and the admin, boss

  v1::ListContactsRequest contacts;
  contacts.set_parent("firms/bench");
  EXPECT_EQ(
      (CountAll<v1::ListContactsRequest, v1::ListContactsResponse>(
          contacts,
          [&](auto* c, const auto& r, auto* out) { return contacts_->ListContacts(c, r, out); },
          [](const auto& r) { return r.contacts_size(); })),
      kContacts);

  v1::ListRelationshipsRequest hub;
  hub.set_parent("firms/bench");
  hub.set_member("firms/bench/members/m0");
  EXPECT_EQ((CountAll<v1::ListRelationshipsRequest, v1::ListRelationshipsResponse>(
                hub,
                [&](auto* c, const auto& r, auto* out) {
                  return contacts_->ListRelationships(c, r, out);
                },
                [](const auto& r) { return r.relationships_size(); })),
            kHubContacts);

  v1::ListConnectionsRequest connections;
  connections.set_parent("firms/bench");
  EXPECT_EQ(
      (CountAll<v1::ListConnectionsRequest, v1::ListConnectionsResponse>(
          connections,
          [&](auto* c, const auto& r, auto* out) { return contacts_->ListConnections(c, r, out); },
          [](const auto& r) { return r.connections_size(); })),
      kConnections);

  v1::CheckLedgerRequest check;
  check.set_parent("firms/bench");
  v1::CheckLedgerResponse ledger;
  grpc::Status status = admin_->CheckLedger(Authed(token_).get(), check, &ledger);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(ledger.ok()) << (ledger.problems().empty() ? "" : ledger.problems(0));
  EXPECT_EQ(ledger.favour_count(), kFavours + kReferralFavours);
  EXPECT_EQ(ledger.karma_sum_points(), 0);
  EXPECT_GT(ledger.pair_count(), 0);
}

TEST_F(LoadgenStoreSeedTest, TheNetworkScenariosReachTheServer) {
  std::string token_file = server_.folder() + "/m0.token";
  std::ofstream(token_file) << server_.Token("bench", "m0", auth::Role::kMember) << "\n";
  // Each scenario with the one method it calls.
  const std::vector<std::pair<std::string, std::string>> scenarios = {
      {"find-intro-paths", "FindIntroPaths"},
      {"suggest-introductions", "SuggestIntroductions"},
      {"weekly-review", "GetWeeklyReview"}};
  for (const auto& [scenario, method] : scenarios) {
    ProgramResult result = Loadgen({"run",
                                    "--target",
                                    server_.address(),
                                    "--token-file",
                                    token_file,
                                    "--firm",
                                    "bench",
                                    "--scenario",
                                    scenario,
                                    "--in-flight",
                                    "1",
                                    "--channels",
                                    "1",
                                    "--duration-s",
                                    "0.5",
                                    "--warmup-s",
                                    "0",
                                    "--contacts",
                                    std::to_string(kContacts),
                                    "--json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    nlohmann::json run = nlohmann::json::parse(result.out);
    EXPECT_EQ(run["scenario"], scenario);
    ASSERT_TRUE(run["rpcs"].contains(method)) << run.dump();
    EXPECT_GT(run["rpcs"][method]["calls"].get<int64_t>(), 0) << run.dump();
    // Answered: never refused for the token, the names or the arguments.
    EXPECT_EQ(run["errors"].get<int64_t>(), 0) << run.dump();
  }
}

}  // namespace
}  // namespace refnet::loadgen::testing
