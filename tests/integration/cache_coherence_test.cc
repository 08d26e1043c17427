// Cache coherence under failure: writers and readers hammer hot pairs (their
// balances and the givers' standings) while Redis is killed and restarted,
// flushed, and paused. No read may return a state that was never committed
// or that is older than a write its reader already saw acknowledged, and no
// RPC may fail because of Redis.
#include <atomic>
#include <mutex>
#include <thread>

#include "refnet/v1/ledger_service.grpc.pb.h"
#include "tests/cache/redis_process.h"
#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;

constexpr int kWriters = 3;
constexpr int kReaders = 3;
constexpr int kPairs = 2;

class CacheCoherenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(redis_.Start().ok()) << redis_.log();
    // Readers and writers race here as fast as they can: no rate limit.
    server_.Start({"--redis=" + redis_.url(), "--firm-rate-limit-rps=0"});
    admin_ = v1::AdminService::NewStub(server_.channel());
    contacts_ = v1::ContactService::NewStub(server_.channel());
    ledger_ = v1::LedgerService::NewStub(server_.channel());
    v1::CreateFirmRequest firm;
    firm.set_firm_id("acme");
    firm.mutable_firm()->set_display_name("Acme");
    v1::Firm f;
    ASSERT_TRUE(admin_->CreateFirm(Authed(server_.PlatformAdminToken()).get(), firm, &f).ok());
    v1::CreateMemberRequest member;
    member.set_parent("firms/acme");
    member.set_member_id("tool");
    member.mutable_member()->set_display_name("Tool");
    member.mutable_member()->set_email("tool@acme.test");
    member.mutable_member()->set_role(v1::ROLE_SERVICE);
    v1::Member m;
    ASSERT_TRUE(admin_->CreateMember(Authed(server_.PlatformAdminToken()).get(), member, &m).ok());
    member.set_member_id("boss");
    member.mutable_member()->set_email("boss@acme.test");
    member.mutable_member()->set_role(v1::ROLE_ADMIN);
    ASSERT_TRUE(admin_->CreateMember(Authed(server_.PlatformAdminToken()).get(), member, &m).ok());
    token_ = server_.Token("acme", "tool", auth::Role::kService);
    for (int i = 0; i < kPairs; ++i) {
      for (const char* side : {"giver", "taker"}) {
        v1::CreateContactRequest contact;
        contact.set_parent("firms/acme");
        contact.set_contact_id(std::string(side) + std::to_string(i));
        contact.mutable_contact()->set_display_name(side);
        v1::Contact c;
        ASSERT_TRUE(contacts_->CreateContact(Authed(token_).get(), contact, &c).ok());
      }
    }
  }

  static std::string Giver(int pair) { return "firms/acme/contacts/giver" + std::to_string(pair); }
  static std::string Taker(int pair) { return "firms/acme/contacts/taker" + std::to_string(pair); }

  grpc::Status Read(int pair, v1::Balance* balance) {
    v1::GetBalanceRequest request;
    request.set_parent("firms/acme");
    request.set_party(Giver(pair));
    request.set_counterparty(Taker(pair));
    return ledger_->GetBalance(Authed(token_).get(), request, balance);
  }

  // The pair's balance as the giver's standing reports it; the standing's
  // own totals must agree with it, as they did in the committed state.
  grpc::Status ReadStanding(int pair, v1::Balance* balance) {
    v1::GetStandingRequest request;
    request.set_parent("firms/acme");
    request.set_party(Giver(pair));
    v1::Standing standing;
    grpc::Status status = ledger_->GetStanding(Authed(token_).get(), request, &standing);
    if (!status.ok()) return status;
    if (standing.relationships_size() == 1) *balance = standing.relationships(0).balance();
    if (standing.given_count() != balance->given_count() ||
        standing.given_points() != balance->given_points()) {
      return grpc::Status(
          grpc::StatusCode::DATA_LOSS,
          "standing disagrees with its relationship: " + standing.ShortDebugString());
    }
    return status;
  }

  RedisProcess redis_;
  ServerProcess server_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
  std::unique_ptr<v1::ContactService::Stub> contacts_;
  std::unique_ptr<v1::LedgerService::Stub> ledger_;
  std::string token_;
};

TEST_F(CacheCoherenceTest, ReadsStayCommittedAndFreshThroughRedisFailures) {
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0}, stale{0}, torn{0};
  std::atomic<int64_t> acknowledged[kPairs] = {};
  std::mutex log_mu;
  std::string first_problem;
  auto note = [&](std::atomic<int>& counter, const std::string& what) {
    ++counter;
    std::lock_guard<std::mutex> lock(log_mu);
    if (first_problem.empty()) first_problem = what;
  };
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; !stop && i < 100000; ++i) {
        int pair = (w + i) % kPairs;
        v1::RecordFavourRequest request;
        request.set_parent("firms/acme");
        request.mutable_favour()->set_giver(Giver(pair));
        request.mutable_favour()->set_receiver(Taker(pair));
        request.mutable_favour()->set_kind(v1::FAVOUR_KIND_INFORMATION);
        request.mutable_favour()->set_value_points(3);
        v1::Favour favour;
        grpc::Status status = ledger_->RecordFavour(Authed(token_).get(), request, &favour);
        if (!status.ok()) {
          note(failures, "RecordFavour: " + status.error_message());
          continue;
        }
        // Read-your-writes: at least every favour acknowledged so far.
        int64_t floor = ++acknowledged[pair];
        v1::Balance balance;
        status = Read(pair, &balance);
        if (!status.ok()) note(failures, "GetBalance: " + status.error_message());
        if (status.ok() && balance.given_count() < floor) {
          note(stale, "read " + std::to_string(balance.given_count()) + " after " +
                          std::to_string(floor) + " acknowledged");
        }
      }
    });
  }
  for (int r = 0; r < kReaders; ++r) {
    threads.emplace_back([&, r] {
      int64_t last_seen[kPairs] = {};
      for (int i = 0; !stop && i < 1000000; ++i) {
        int pair = (r + i) % kPairs;
        int64_t floor = acknowledged[pair].load();
        v1::Balance balance;
        // Every other read goes through the giver's standing, cached apart.
        bool standing = i % 2 == 1;
        grpc::Status status = standing ? ReadStanding(pair, &balance) : Read(pair, &balance);
        if (!status.ok()) {
          note(failures, (standing ? "GetStanding: " : "GetBalance: ") + status.error_message());
          continue;
        }
        // Every committed state has 3 points per favour and one version per favour.
        if (balance.given_points() != 3 * balance.given_count() ||
            balance.version() != balance.given_count()) {
          note(torn, "uncommitted state: " + balance.ShortDebugString());
        }
        if (balance.given_count() < floor || balance.given_count() < last_seen[pair]) {
          note(stale, "went back to " + std::to_string(balance.given_count()));
        }
        last_seen[pair] = std::max(last_seen[pair], balance.given_count());
      }
    });
  }
  auto pause = [] { std::this_thread::sleep_for(std::chrono::milliseconds(400)); };
  pause();
  redis_.Kill();
  pause();
  ASSERT_TRUE(redis_.Start().ok()) << redis_.log();
  pause();
  ASSERT_TRUE(redis_.FlushAll().ok());
  pause();
  redis_.Pause();
  pause();
  redis_.Resume();
  pause();
  ASSERT_TRUE(redis_.Restart().ok()) << redis_.log();
  pause();
  stop = true;
  for (auto& t : threads) t.join();

  EXPECT_EQ(failures, 0) << first_problem;
  EXPECT_EQ(stale, 0) << first_problem;
  EXPECT_EQ(torn, 0) << first_problem;
  for (int pair = 0; pair < kPairs; ++pair) {
    v1::Balance balance;
    ASSERT_TRUE(Read(pair, &balance).ok());
    EXPECT_EQ(balance.given_count(), acknowledged[pair].load());
  }
  // Reads went through Redis again once it was back. Pair balances are
  // served from the server's own memory when they can be, so look for the
  // standings, which always go through Redis.
  absl::StatusOr<std::string> keys = redis_.Command({"KEYS", "refnet:*standing:*"});
  ASSERT_TRUE(keys.ok()) << keys.status();
  EXPECT_NE(keys->find("standing:contacts/giver0"), std::string::npos) << *keys;
  v1::CheckLedgerRequest check;
  check.set_parent("firms/acme");
  v1::CheckLedgerResponse result;
  std::string boss = server_.Token("acme", "boss", auth::Role::kAdmin);
  ASSERT_TRUE(admin_->CheckLedger(Authed(boss).get(), check, &result).ok());
  EXPECT_TRUE(result.ok()) << result.DebugString();
  EXPECT_GT(acknowledged[0].load(), 0);
}

}  // namespace
}  // namespace refnet::testing
