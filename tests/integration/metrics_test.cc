// --metrics-listen: the Prometheus text a scraper gets from a real server,
// after calls that succeed, fail, are refused and write.
#include <map>
#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "refnet/v1/ledger_service.grpc.pb.h"
#include "services/common/build_info.h"
#include "tests/cache/redis_process.h"
#include "tests/integration/support/metrics_scrape.h"
#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;
using ::testing::HasSubstr;

class MetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(redis_.Start().ok()) << redis_.log();
    // A firm may make one call and then one a second: the second call in a
    // row is refused.
    server_.Start({"--metrics-listen=127.0.0.1:0", "--redis=" + redis_.url(),
                   "--firm-rate-limit-rps=1", "--firm-rate-burst=3"});
    port_ = server_.LoggedPort("metrics_port");
    ASSERT_GT(port_, 0) << server_.log();
    admin_ = v1::AdminService::NewStub(server_.channel());
    ledger_ = v1::LedgerService::NewStub(server_.channel());
  }

  std::map<std::string, double> Scrape() {
    std::string response = HttpGet(port_, "/metrics");
    EXPECT_THAT(response, HasSubstr("200 OK"));
    EXPECT_THAT(response, HasSubstr("text/plain"));
    text_ = response.substr(response.find("\r\n\r\n") + 4);
    return Samples(text_);
  }

  RedisProcess redis_;
  ServerProcess server_;
  int port_ = 0;
  std::unique_ptr<v1::AdminService::Stub> admin_;
  std::unique_ptr<v1::LedgerService::Stub> ledger_;
  std::string text_;
};

TEST_F(MetricsTest, CountsEveryCallByMethodAndCodeWithGrpcPrometheusNames) {
  std::string platform = server_.PlatformAdminToken();
  for (int i = 0; i < 3; ++i) {
    v1::ServerInfo info;
    ASSERT_TRUE(admin_->GetServerInfo(Authed(platform).get(), {}, &info).ok());
  }
  v1::GetFirmRequest bad;
  bad.set_name("not a firm name");
  v1::Firm firm;
  EXPECT_EQ(admin_->GetFirm(Authed(platform).get(), bad, &firm).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  std::map<std::string, double> samples = Scrape();
  const std::vector<std::string> info = {"grpc_method=\"GetServerInfo\"",
                                         "grpc_service=\"refnet.v1.AdminService\"",
                                         "grpc_type=\"unary\""};
  EXPECT_EQ(Value(samples, "grpc_server_started_total", info), 3) << text_;
  std::vector<std::string> ok = info;
  ok.push_back("grpc_code=\"OK\"");
  EXPECT_EQ(Value(samples, "grpc_server_handled_total", ok), 3) << text_;
  EXPECT_EQ(Value(samples, "grpc_server_msg_received_total", info), 3);
  EXPECT_EQ(Value(samples, "grpc_server_msg_sent_total", info), 3);
  EXPECT_EQ(Value(samples, "grpc_server_handling_seconds_count", info), 3);
  EXPECT_GT(Value(samples, "grpc_server_handling_seconds_sum", info), 0);
  EXPECT_EQ(Value(samples, "grpc_server_handling_seconds_bucket",
                  {"grpc_method=\"GetServerInfo\"", "le=\"+Inf\""}),
            3);
  EXPECT_EQ(Value(samples, "grpc_server_handled_total",
                  {"grpc_method=\"GetFirm\"", "grpc_code=\"InvalidArgument\""}),
            1)
      << text_;
  // Every method is there before it is first called, at zero.
  EXPECT_EQ(Value(samples, "grpc_server_started_total",
                  {"grpc_service=\"refnet.v1.ContactService\"", "grpc_method=\"ImportContacts\"",
                   "grpc_type=\"client_stream\""}),
            0)
      << text_;
  // gRPC's own services too: the fixture waited for health to say SERVING.
  EXPECT_GE(Value(samples, "grpc_server_handled_total",
                  {"grpc_service=\"grpc.health.v1.Health\"", "grpc_method=\"Check\"",
                   "grpc_code=\"OK\""}),
            1);
  EXPECT_EQ(Value(samples, "grpc_server_started_total",
                  {"grpc_service=\"grpc.health.v1.Health\"", "grpc_method=\"Watch\"",
                   "grpc_type=\"server_stream\""}),
            0);
  EXPECT_EQ(Value(samples, "refnet_build_info",
                  {"version=\"" + std::string(BuildVersion()) + "\"",
                   "revision=\"" + std::string(BuildRevision()) + "\""}),
            1)
      << text_;
  EXPECT_GT(Value(samples, "process_resident_memory_bytes"), 1e6);
  EXPECT_GT(Value(samples, "process_open_fds"), 3);
  EXPECT_GT(Value(samples, "process_max_fds"), 0);
  EXPECT_GE(Value(samples, "process_cpu_seconds_total"), 0);
  EXPECT_GT(Value(samples, "process_start_time_seconds"), 1.7e9);
  EXPECT_EQ(Value(samples, "refnet_calls_in_flight"), 0);
  EXPECT_EQ(Value(samples, "refnet_handler_queue_depth"), 0);
}

TEST_F(MetricsTest, ShowsTheCacheTheStoreAndRefusalsWithoutNamingFirms) {
  std::string platform = server_.PlatformAdminToken();
  v1::CreateFirmRequest create;
  create.set_firm_id("metered");
  create.mutable_firm()->set_display_name("Metered");
  v1::Firm firm;
  ASSERT_TRUE(admin_->CreateFirm(Authed(platform).get(), create, &firm).ok());
  v1::CreateMemberRequest member;
  member.set_parent("firms/metered");
  member.set_member_id("tool");
  member.mutable_member()->set_display_name("Tool");
  member.mutable_member()->set_email("tool@metered.test");
  member.mutable_member()->set_role(v1::ROLE_SERVICE);
  v1::Member m;
  ASSERT_TRUE(admin_->CreateMember(Authed(platform).get(), member, &m).ok());
  std::string tool = server_.Token("metered", "tool", auth::Role::kService);
  v1::GetStandingRequest standing;
  standing.set_parent("firms/metered");
  standing.set_party("firms/metered/members/tool");
  int refused = 0;
  for (int i = 0; i < 6; ++i) {
    v1::Standing out;
    grpc::Status status = ledger_->GetStanding(Authed(tool).get(), standing, &out);
    if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) ++refused;
  }
  ASSERT_GE(refused, 1);

  std::map<std::string, double> samples = Scrape();
  EXPECT_EQ(Value(samples, "refnet_calls_refused_total", {"reason=\"firm_rate_limit\""}), refused)
      << text_;
  EXPECT_EQ(Value(samples, "refnet_calls_refused_total", {"reason=\"server_in_flight\""}), 0);
  EXPECT_EQ(Value(samples, "grpc_server_handled_total",
                  {"grpc_method=\"GetStanding\"", "grpc_code=\"ResourceExhausted\""}),
            refused);
  // The standing was read through Redis: a miss, then hits.
  EXPECT_GE(Value(samples, "refnet_cache_requests_total", {"tier=\"redis\"", "result=\"miss\""}), 1)
      << text_;
  EXPECT_GE(Value(samples, "refnet_cache_requests_total", {"tier=\"redis\"", "result=\"hit\""}), 0);
  EXPECT_EQ(Value(samples, "refnet_cache_requests_total", {"tier=\"redis\"", "result=\"error\""}),
            0);
  EXPECT_GE(Value(samples, "refnet_cache_requests_total", {"tier=\"near\"", "result=\"miss\""}), 0);
  EXPECT_EQ(Value(samples, "refnet_cache_breaker_state", {"state=\"closed\""}), 1);
  EXPECT_EQ(Value(samples, "refnet_cache_breaker_state", {"state=\"open\""}), 0);
  // Two writes committed (the firm, the member).
  EXPECT_GE(Value(samples, "refnet_store_commit_seconds_count"), 2) << text_;
  EXPECT_GE(Value(samples, "refnet_store_group_commit_writes_sum"), 2);
  EXPECT_GT(Value(samples, "refnet_store_wal_bytes"), 0);
  EXPECT_THAT(text_, ::testing::Not(HasSubstr("metered")));

  // Redis down: its errors and the open breaker show.
  redis_.Kill();
  v1::ServerInfo info;
  for (int i = 0; i < 50; ++i) {
    (void)admin_->GetServerInfo(Authed(platform).get(), {}, &info);
    if (info.cache_state() == v1::CACHE_STATE_UNAVAILABLE) break;
    absl::SleepFor(absl::Seconds(1));
    v1::Standing out;
    (void)ledger_->GetStanding(Authed(tool).get(), standing, &out);
  }
  samples = Scrape();
  EXPECT_GE(Value(samples, "refnet_cache_requests_total", {"tier=\"redis\"", "result=\"error\""}),
            1)
      << text_;
  EXPECT_EQ(Value(samples, "refnet_cache_breaker_state", {"state=\"closed\""}), 0) << text_;
}

TEST(MetricsListenTest, AnAddressInUseStopsTheServerWithAMessage) {
  ServerProcess first;
  first.Start({"--metrics-listen=127.0.0.1:0"});
  int taken = first.LoggedPort("metrics_port");
  ASSERT_GT(taken, 0);
  // A second server on its own database, told to serve metrics there.
  std::string command = BinaryPath("services/server/refnet-server") +
                        " --listen=127.0.0.1:0 --store=sqlite:" + first.folder() +
                        "/second.db --token-secret-file=" + first.folder() +
                        "/secret --metrics-listen=127.0.0.1:" + std::to_string(taken) + " 2>&1";
  auto [out, code] = RunShell(command);
  EXPECT_GT(code, 0) << out;
  EXPECT_THAT(out,
              HasSubstr("--metrics-listen: cannot listen on 127.0.0.1:" + std::to_string(taken)));
}

}  // namespace
}  // namespace refnet::testing
