// GetBalance latency through a real server: a cache hit, a cache miss (the
// firm's generation rotated before each call), and a server without Redis.
// One client, one call in flight; run on a quiet machine and compare the
// three in the same run.
#include <benchmark/benchmark.h>

#include <memory>

#include "refnet/v1/admin_service.grpc.pb.h"
#include "refnet/v1/contact_service.grpc.pb.h"
#include "refnet/v1/ledger_service.grpc.pb.h"
#include "tests/cache/redis_process.h"
#include "tests/integration/support/server_process.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;

// A server with one firm, an admin, a contact and one favour between them.
struct Setup {
  explicit Setup(const std::vector<std::string>& flags) {
    server.Start(flags);
    auto admin = v1::AdminService::NewStub(server.channel());
    v1::CreateFirmRequest firm;
    firm.set_firm_id("acme");
    firm.mutable_firm()->set_display_name("Acme");
    v1::Firm f;
    admin->CreateFirm(Authed(server.PlatformAdminToken()).get(), firm, &f);
    v1::CreateMemberRequest member;
    member.set_parent("firms/acme");
    member.set_member_id("alice");
    member.mutable_member()->set_display_name("Alice");
    member.mutable_member()->set_email("alice@acme.test");
    member.mutable_member()->set_role(v1::ROLE_ADMIN);
    v1::Member m;
    admin->CreateMember(Authed(server.PlatformAdminToken()).get(), member, &m);
    token = server.Token("acme", "alice", auth::Role::kAdmin);
    auto contacts = v1::ContactService::NewStub(server.channel());
    v1::CreateContactRequest contact;
    contact.set_parent("firms/acme");
    contact.set_contact_id("ann");
    contact.mutable_contact()->set_display_name("Ann");
    v1::Contact c;
    contacts->CreateContact(Authed(token).get(), contact, &c);
    ledger = v1::LedgerService::NewStub(server.channel());
    v1::RecordFavourRequest favour;
    favour.set_parent("firms/acme");
    favour.mutable_favour()->set_giver("firms/acme/members/alice");
    favour.mutable_favour()->set_receiver("firms/acme/contacts/ann");
    favour.mutable_favour()->set_kind(v1::FAVOUR_KIND_LEAD);
    v1::Favour out;
    ledger->RecordFavour(Authed(token).get(), favour, &out);
    this->admin = std::move(admin);
  }

  bool GetBalance() {
    v1::GetBalanceRequest request;
    request.set_parent("firms/acme");
    request.set_party("firms/acme/members/alice");
    request.set_counterparty("firms/acme/contacts/ann");
    v1::Balance balance;
    return ledger->GetBalance(Authed(token).get(), request, &balance).ok();
  }

  ServerProcess server;
  std::string token;
  std::unique_ptr<v1::AdminService::Stub> admin;
  std::unique_ptr<v1::LedgerService::Stub> ledger;
};

// Function-local statics: their destructors stop the servers and Redis at
// exit, servers first.
RedisProcess& Redis() {
  static RedisProcess redis;
  if (!redis.running() && !redis.Start().ok()) std::abort();
  return redis;
}

Setup& Cached() {
  static Setup setup({"--redis=" + Redis().url()});
  return setup;
}

Setup& Uncached() {
  static Setup setup({});
  return setup;
}

void BM_GetBalanceCacheHit(benchmark::State& state) {
  Setup& s = Cached();
  s.GetBalance();
  for (auto _ : state) {
    if (!s.GetBalance()) state.SkipWithError("GetBalance failed");
  }
}
BENCHMARK(BM_GetBalanceCacheHit)->UseRealTime()->Unit(benchmark::kMicrosecond);

void BM_GetBalanceCacheMiss(benchmark::State& state) {
  Setup& s = Cached();
  v1::RebuildCacheRequest rebuild;
  rebuild.set_parent("firms/acme");
  v1::RebuildCacheResponse out;
  for (auto _ : state) {
    state.PauseTiming();
    s.admin->RebuildCache(Authed(s.token).get(), rebuild, &out);
    state.ResumeTiming();
    if (!s.GetBalance()) state.SkipWithError("GetBalance failed");
  }
}
BENCHMARK(BM_GetBalanceCacheMiss)->UseRealTime()->Unit(benchmark::kMicrosecond);

void BM_GetBalanceWithoutRedis(benchmark::State& state) {
  Setup& s = Uncached();
  for (auto _ : state) {
    if (!s.GetBalance()) state.SkipWithError("GetBalance failed");
  }
}
BENCHMARK(BM_GetBalanceWithoutRedis)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace refnet::testing

BENCHMARK_MAIN();
