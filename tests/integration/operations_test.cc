// What ops ask of a running server: which build it is (--version,
// GetServerInfo), what it runs on, and whether its cache is usable.
#include <cstdio>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "refnet/v1/ledger_service.grpc.pb.h"
#include "services/common/build_info.h"
#include "tests/cache/redis_process.h"
#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;
using ::testing::HasSubstr;

TEST(ServerVersionTest, PrintsTheVersionAndRevisionItWasBuiltFrom) {
  auto [out, code] = RunShell(BinaryPath("services/server/refnet-server") + " --version");
  EXPECT_EQ(code, 0);
  EXPECT_EQ(out, absl::StrCat(VersionLine("refnet-server"), "\n"));
  EXPECT_THAT(out, HasSubstr(" 0."));
  EXPECT_THAT(std::string(BuildRevision()), ::testing::Not(::testing::IsEmpty()));
}

class ServerInfoTest : public RefnetTest {};

TEST_F(ServerInfoTest, AnyCallerLearnsTheBuildStoreCacheAndUptime) {
  TestFirm firm = NewFirm();
  absl::Time before = absl::Now();
  for (const std::string& token :
       {firm.alice_token, firm.service_token, firm.admin_token, server().PlatformAdminToken()}) {
    v1::ServerInfo info;
    grpc::Status status = admin().GetServerInfo(Authed(token).get(), {}, &info);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(info.version(), BuildVersion());
    EXPECT_EQ(info.revision(), BuildRevision());
    EXPECT_EQ(info.store_kind(), "sqlite");
    EXPECT_EQ(info.cache_state(),
              redis() == nullptr ? v1::CACHE_STATE_DISABLED : v1::CACHE_STATE_AVAILABLE);
    EXPECT_LE(info.start_time().seconds(), absl::ToUnixSeconds(before));
    EXPECT_GE(info.uptime().seconds(), 0);
    EXPECT_GT(info.uptime().seconds() * 1000000000LL + info.uptime().nanos(), 0);
  }
}

TEST_F(ServerInfoTest, AnUnauthenticatedCallerLearnsNothing) {
  v1::ServerInfo info;
  grpc::ClientContext context;
  EXPECT_STATUS(admin().GetServerInfo(&context, {}, &info), UNAUTHENTICATED, "authorization");
  EXPECT_EQ(info.version(), "");
  auto forged = Authed("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
  EXPECT_EQ(admin().GetServerInfo(forged.get(), {}, &info).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

// The cache state follows Redis: available, unavailable while it is down
// (after the breaker opened), available again once it is back.
TEST(ServerInfoCacheTest, ReportsTheCacheAsRedisFailsAndRecovers) {
  RedisProcess redis;
  ASSERT_TRUE(redis.Start().ok()) << redis.log();
  ServerProcess server;
  server.Start({"--redis=" + redis.url()});
  auto admin = v1::AdminService::NewStub(server.channel());
  auto ledger = v1::LedgerService::NewStub(server.channel());
  std::string token = server.PlatformAdminToken();
  auto state = [&] {
    v1::ServerInfo info;
    grpc::Status status = admin->GetServerInfo(Authed(token).get(), {}, &info);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return info.cache_state();
  };
  // Anything that reads a balance goes through the cache first.
  v1::CreateFirmRequest create;
  create.set_firm_id("ops");
  create.mutable_firm()->set_display_name("Ops");
  v1::Firm firm;
  ASSERT_TRUE(admin->CreateFirm(Authed(token).get(), create, &firm).ok());
  v1::CreateMemberRequest member;
  member.set_parent("firms/ops");
  member.set_member_id("tool");
  member.mutable_member()->set_display_name("Tool");
  member.mutable_member()->set_email("tool@ops.test");
  member.mutable_member()->set_role(v1::ROLE_SERVICE);
  v1::Member m;
  ASSERT_TRUE(admin->CreateMember(Authed(token).get(), member, &m).ok());
  std::string tool = server.Token("ops", "tool", auth::Role::kService);
  auto read_balance = [&] {
    v1::GetStandingRequest request;
    request.set_parent("firms/ops");
    request.set_party("firms/ops/members/tool");
    v1::Standing standing;
    return ledger->GetStanding(Authed(tool).get(), request, &standing);
  };
  ASSERT_TRUE(read_balance().ok());
  EXPECT_EQ(state(), v1::CACHE_STATE_AVAILABLE);

  redis.Kill();
  int reads = 0;
  while (state() == v1::CACHE_STATE_AVAILABLE && reads < 100) {
    // Reads keep working from the store while Redis is down.
    ASSERT_TRUE(read_balance().ok());
    ++reads;
  }
  EXPECT_EQ(state(), v1::CACHE_STATE_UNAVAILABLE) << "after " << reads << " reads";

  ASSERT_TRUE(redis.Start().ok()) << redis.log();
  absl::Time give_up = absl::Now() + absl::Seconds(30);
  while (state() != v1::CACHE_STATE_AVAILABLE && absl::Now() < give_up) {
    ASSERT_TRUE(read_balance().ok());
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_EQ(state(), v1::CACHE_STATE_AVAILABLE);
}

}  // namespace
}  // namespace refnet::testing
