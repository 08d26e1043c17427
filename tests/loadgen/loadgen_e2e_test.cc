// refnet-loadgen against a real refnet-server: seeding builds what it says,
// runs report in the documented JSON shape, and mistakes fail clearly.
#include <fstream>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "refnet/v1/admin_service.grpc.pb.h"
#include "refnet/v1/contact_service.grpc.pb.h"
#include "tests/integration/support/server_process.h"
#include "tests/loadgen/program.h"

namespace refnet::loadgen::testing {
namespace {

namespace v1 = ::refnet::v1;
using ::refnet::testing::Authed;
using ::refnet::testing::BinaryPath;
using ::refnet::testing::ServerProcess;

constexpr int kProgramTimeoutS = 60;

class LoadgenEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The load generator measures the server flat out: no rate limit.
    server_.Start({"--firm-rate-limit-rps=0"});
    admin_ = v1::AdminService::NewStub(server_.channel());
    v1::CreateFirmRequest firm;
    firm.set_firm_id("loadtest");
    firm.mutable_firm()->set_display_name("Load test");
    v1::Firm created_firm;
    ASSERT_TRUE(
        admin_->CreateFirm(Authed(server_.PlatformAdminToken()).get(), firm, &created_firm).ok());
    v1::CreateMemberRequest boss;
    boss.set_parent("firms/loadtest");
    boss.set_member_id("boss");
    boss.mutable_member()->set_display_name("Boss");
    boss.mutable_member()->set_email("boss@loadtest.test");
    boss.mutable_member()->set_role(v1::ROLE_ADMIN);
    v1::Member member;
    ASSERT_TRUE(
        admin_->CreateMember(Authed(server_.PlatformAdminToken()).get(), boss, &member).ok());
    token_ = server_.Token("loadtest", "boss", auth::Role::kAdmin);
    token_file_ = server_.folder() + "/boss.token";
    std::ofstream(token_file_) << token_ << "\n";
  }

  ProgramResult Loadgen(const std::vector<std::string>& args) {
    return RunProgram(BinaryPath("clients/loadgen/refnet-loadgen"), args, server_.folder(),
                      kProgramTimeoutS);
  }

  std::vector<std::string> Common(const std::string& command) {
    return {command,     "--target", server_.address(), "--token-file",
            token_file_, "--firm",   "loadtest"};
  }

  // Seeds `contacts` and `favours` and returns the parsed summary.
  nlohmann::json Seed(int contacts, int favours) {
    std::vector<std::string> args = Common("seed");
    args.insert(args.end(), {"--contacts", std::to_string(contacts), "--favours",
                             std::to_string(favours), "--in-flight", "16", "--json"});
    ProgramResult result = Loadgen(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return nlohmann::json::parse(result.out);
  }

  v1::CheckLedgerResponse CheckLedger() {
    v1::CheckLedgerRequest request;
    request.set_parent("firms/loadtest");
    v1::CheckLedgerResponse response;
    grpc::Status status = admin_->CheckLedger(Authed(token_).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  int CountContacts() {
    auto contacts = v1::ContactService::NewStub(server_.channel());
    v1::ListContactsRequest request;
    request.set_parent("firms/loadtest");
    request.set_page_size(1000);
    v1::ListContactsResponse response;
    EXPECT_TRUE(contacts->ListContacts(Authed(token_).get(), request, &response).ok());
    return response.contacts_size();
  }

  int CountMembers() {
    v1::ListMembersRequest request;
    request.set_parent("firms/loadtest");
    request.set_page_size(1000);
    v1::ListMembersResponse response;
    EXPECT_TRUE(admin_->ListMembers(Authed(token_).get(), request, &response).ok());
    return response.members_size();
  }

  static void ExpectCleanRun(const nlohmann::json& run, const std::string& scenario) {
    for (const char* field :
         {"scenario", "rps", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "errors", "errors_by_code",
          "health_rps", "ratio_to_health", "in_flight", "channels", "duration_s", "rate", "rpcs"}) {
      EXPECT_TRUE(run.contains(field)) << field << " missing from " << run.dump();
    }
    EXPECT_EQ(run["scenario"], scenario);
    EXPECT_EQ(run["errors"], 0) << run.dump();
    EXPECT_GT(run["rps"].get<double>(), 0);
    EXPECT_GT(run["health_rps"].get<double>(), 0);
    EXPECT_GT(run["ratio_to_health"].get<double>(), 0);
    ASSERT_TRUE(run["rpcs"].contains("Check")) << run.dump();
    EXPECT_EQ(run["rpcs"]["Check"]["errors"], 0);
  }

  ServerProcess server_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
  std::string token_;
  std::string token_file_;
};

TEST_F(LoadgenEndToEndTest, SeedsTheFirmThenMeasuresAMixAndAnOpenLoop) {
  nlohmann::json seed = Seed(50, 200);
  EXPECT_EQ(seed["errors"], 0) << seed.dump();
  EXPECT_EQ(seed["steps"]["favours"]["ok"], 200);
  EXPECT_EQ(CheckLedger().favour_count(), 200);
  EXPECT_TRUE(CheckLedger().ok());
  EXPECT_EQ(CountContacts(), 50);
  EXPECT_EQ(CountMembers(), 21);  // m0..m19 and boss

  std::vector<std::string> mix = Common("run");
  mix.insert(mix.end(), {"--scenario", "mix", "--in-flight", "8", "--duration-s", "1", "--contacts",
                         "50", "--json"});
  ProgramResult mixed = Loadgen(mix);
  ASSERT_EQ(mixed.exit_code, 0) << mixed.err;
  nlohmann::json run = nlohmann::json::parse(mixed.out);
  ExpectCleanRun(run, "mix");
  EXPECT_EQ(run["in_flight"], 8);
  EXPECT_EQ(run["rate"], 0);
  for (const char* method : {"GetBalance", "RecordFavour", "ListContacts"}) {
    ASSERT_TRUE(run["rpcs"].contains(method)) << run.dump();
    EXPECT_GT(run["rpcs"][method]["calls"].get<int64_t>(), 0) << method;
  }
  // The favours the mix recorded are in the ledger, and it still balances.
  EXPECT_GT(CheckLedger().favour_count(), 200);
  EXPECT_TRUE(CheckLedger().ok());

  std::vector<std::string> open = Common("run");
  open.insert(open.end(), {"--scenario", "get-balance", "--rate", "200", "--duration-s", "1",
                           "--contacts", "50", "--json"});
  ProgramResult paced = Loadgen(open);
  ASSERT_EQ(paced.exit_code, 0) << paced.err;
  run = nlohmann::json::parse(paced.out);
  ExpectCleanRun(run, "get-balance");
  EXPECT_EQ(run["rate"], 200);
  EXPECT_GT(run["rpcs"]["GetBalance"]["calls"].get<int64_t>(), 0);
}

TEST_F(LoadgenEndToEndTest, ReferralsAndHelperSuggestionsHaveScenarios) {
  nlohmann::json seed = Seed(30, 100);
  ASSERT_EQ(seed["errors"], 0) << seed.dump();
  int64_t favours = CheckLedger().favour_count();
  for (const char* scenario : {"create-referral", "suggest-helpers"}) {
    std::vector<std::string> args = Common("run");
    args.insert(args.end(), {"--scenario", scenario, "--in-flight", "4", "--duration-s", "1",
                             "--contacts", "30", "--json"});
    ProgramResult result = Loadgen(args);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    nlohmann::json run = nlohmann::json::parse(result.out);
    ExpectCleanRun(run, scenario);
    const char* method =
        std::string(scenario) == "create-referral" ? "CreateReferral" : "SuggestHelpers";
    EXPECT_GT(run["rpcs"][method]["calls"].get<int64_t>(), 0) << run.dump();
  }
  // Every referral offered recorded its favour, and the ledger balances.
  EXPECT_GT(CheckLedger().favour_count(), favours);
  EXPECT_TRUE(CheckLedger().ok());
  // A second run finds the same asks instead of posting more.
  std::vector<std::string> again = Common("run");
  again.insert(again.end(), {"--scenario", "suggest-helpers", "--in-flight", "2", "--duration-s",
                             "1", "--contacts", "30", "--json"});
  ProgramResult second = Loadgen(again);
  ASSERT_EQ(second.exit_code, 0) << second.err;
}

TEST_F(LoadgenEndToEndTest, SeedingTwiceAddsNothing) {
  nlohmann::json first = Seed(10, 40);
  EXPECT_EQ(first["errors"], 0) << first.dump();
  nlohmann::json second = Seed(10, 40);
  EXPECT_EQ(second["errors"], 0) << second.dump();
  EXPECT_EQ(CheckLedger().favour_count(), 40);
  EXPECT_EQ(CountContacts(), 10);
  EXPECT_EQ(CountMembers(), 21);
}

TEST_F(LoadgenEndToEndTest, UsageErrorsNameTheFlagAndExitTwo) {
  std::vector<std::string> args = Common("run");
  args.insert(args.end(), {"--scenario", "get-balance", "--duration-s", "1", "--channels", "0"});
  ProgramResult result = Loadgen(args);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--channels"), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty());
}

TEST_F(LoadgenEndToEndTest, AnUnreachableTargetFailsWithExitOne) {
  ProgramResult result =
      Loadgen({"run", "--target", "127.0.0.1:1", "--token-file", token_file_, "--firm", "loadtest",
               "--scenario", "health", "--duration-s", "1"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("cannot reach 127.0.0.1:1"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace refnet::loadgen::testing
