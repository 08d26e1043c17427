// The cache changes speed, never answers: the same firm read through a server
// caching in Redis (misses, then hits), through one with no cache, and
// through one whose Redis is down gives byte-for-byte the same responses.
#include <random>
#include <vector>

#include "absl/strings/str_split.h"
#include "refnet/v1/ledger_service.grpc.pb.h"
#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;

constexpr int kContacts = 6;
constexpr int kFavours = 60;

// Compares two transcripts and names the first answer that differs.
::testing::AssertionResult SameAnswers(const std::string& expected, const std::string& actual) {
  std::vector<absl::string_view> want = absl::StrSplit(expected, '\n');
  std::vector<absl::string_view> got = absl::StrSplit(actual, '\n');
  for (size_t i = 0; i < want.size() && i < got.size(); ++i) {
    if (want[i] != got[i]) {
      return ::testing::AssertionFailure()
             << "answer " << i << " differs:\n  expected " << want[i] << "\n  got      " << got[i];
    }
  }
  if (want.size() != got.size()) {
    return ::testing::AssertionFailure() << want.size() << " answers expected, got " << got.size();
  }
  return ::testing::AssertionSuccess();
}

class CacheEquivalenceTest : public RefnetTest {
 protected:
  // Restarts the suite's server on the same database with `flags`.
  void Restart(const std::vector<std::string>& flags) {
    ledger_.reset();
    RestartServer(flags);
    ledger_ = v1::LedgerService::NewStub(server().channel());
  }

  std::vector<std::string> Parties() const {
    std::vector<std::string> parties = {firm_.Member("alice"), firm_.Member("bob"),
                                        firm_.Member("boss")};
    // c5 was merged into c4 and is no longer a party.
    for (int i = 0; i < kContacts - 1; ++i) parties.push_back(firm_.Contact(Contact(i)));
    return parties;
  }
  static std::string Contact(int i) { return "c" + std::to_string(i); }

  // Every ledger read the firm offers, for every party and pair.
  std::string Transcript() {
    std::string out;
    auto note = [&out](const std::string& what, const grpc::Status& status,
                       const google::protobuf::Message& response) {
      out += what + " -> " + std::to_string(status.error_code()) + " " + status.error_message() +
             " " + response.ShortDebugString() + "\n";
    };
    const std::string& token = firm_.bob_token;
    std::vector<std::string> parties = Parties();
    for (const std::string& party : parties) {
      for (const std::string& counterparty : parties) {
        v1::GetBalanceRequest request;
        request.set_parent(firm_.name);
        request.set_party(party);
        request.set_counterparty(counterparty);
        v1::Balance balance;
        note("balance " + party + " " + counterparty,
             ledger_->GetBalance(Authed(token).get(), request, &balance), balance);
      }
      v1::GetStandingRequest standing_request;
      standing_request.set_parent(firm_.name);
      standing_request.set_party(party);
      v1::Standing standing;
      note("standing " + party,
           ledger_->GetStanding(Authed(token).get(), standing_request, &standing), standing);
      v1::ListBalancesRequest list;
      list.set_parent(firm_.name);
      list.set_party(party);
      list.set_page_size(2);
      do {
        v1::ListBalancesResponse page;
        note("balances " + party, ledger_->ListBalances(Authed(token).get(), list, &page), page);
        list.set_page_token(page.next_page_token());
      } while (!list.page_token().empty());
    }
    for (int limit : {0, 1, 3, 100}) {
      v1::ListTopBalancesRequest request;
      request.set_parent(firm_.name);
      request.set_limit(limit);
      v1::ListTopBalancesResponse top;
      note("top " + std::to_string(limit),
           ledger_->ListTopBalances(Authed(token).get(), request, &top), top);
    }
    v1::ExplainBalanceRequest explain;
    explain.set_parent(firm_.name);
    explain.set_party(firm_.Member("alice"));
    explain.set_counterparty(firm_.Contact("c4"));
    v1::ExplainBalanceResponse explained;
    note("explain", ledger_->ExplainBalance(Authed(token).get(), explain, &explained), explained);
    // The merged-away contact is refused the same way by every path.
    v1::GetStandingRequest merged;
    merged.set_parent(firm_.name);
    merged.set_party(firm_.Contact("c5"));
    v1::Standing none;
    note("merged", ledger_->GetStanding(Authed(token).get(), merged, &none), none);
    return out;
  }

  TestFirm firm_;
  std::unique_ptr<v1::LedgerService::Stub> ledger_;
};

TEST_F(CacheEquivalenceTest, RedisOnOffOrDownGivesTheSameAnswers) {
  RedisProcess redis;
  ASSERT_TRUE(redis.Start().ok()) << redis.log();
  Restart({"--redis=" + redis.url()});
  firm_ = NewFirm();
  for (int i = 0; i < kContacts; ++i) AddContact(firm_, Contact(i), "Contact " + Contact(i));

  // A fixed pseudo-random history: favours both ways, a merge halfway, a
  // few voids. Reads between writes leave cached values for the writes to
  // replace, so a write that failed to invalidate one shows up below.
  std::mt19937 random(7);
  std::vector<std::string> parties = {firm_.Member("alice"), firm_.Member("bob"),
                                      firm_.Member("boss")};
  for (int i = 0; i < kContacts; ++i) parties.push_back(firm_.Contact(Contact(i)));
  std::vector<std::string> favours;
  for (int i = 0; i < kFavours; ++i) {
    if (i == kFavours / 2) {
      v1::MergeContactsRequest merge;
      merge.set_name(firm_.Contact("c4"));
      merge.set_merged(firm_.Contact("c5"));
      merge.set_request_id(NewRequestId());
      v1::Contact survivor;
      ASSERT_TRUE(contacts().MergeContacts(Authed(firm_.admin_token).get(), merge, &survivor).ok());
      parties.pop_back();
    }
    size_t giver = random() % parties.size();
    size_t receiver = (giver + 1 + random() % (parties.size() - 1)) % parties.size();
    v1::RecordFavourRequest request;
    request.set_parent(firm_.name);
    request.mutable_favour()->set_giver(parties[giver]);
    request.mutable_favour()->set_receiver(parties[receiver]);
    request.mutable_favour()->set_kind(static_cast<v1::FavourKind>(1 + random() % 9));
    request.mutable_favour()->set_value_points(static_cast<int64_t>(1 + random() % 50));
    request.set_request_id(NewRequestId());
    v1::Favour favour;
    ASSERT_TRUE(ledger_->RecordFavour(Authed(firm_.service_token).get(), request, &favour).ok());
    favours.push_back(favour.name());
    if (i % 10 == 9) Transcript();
  }
  for (size_t i = kFavours / 2; i < favours.size(); i += 7) {
    v1::VoidFavourRequest request;
    request.set_name(favours[i]);
    request.set_reason("entered twice");
    request.set_request_id(NewRequestId());
    v1::Favour reversal;
    ASSERT_TRUE(ledger_->VoidFavour(Authed(firm_.admin_token).get(), request, &reversal).ok());
    Transcript();
  }

  std::string first = Transcript();
  EXPECT_TRUE(SameAnswers(first, Transcript())) << "cache hits against the misses that filled them";
  EXPECT_NE(redis.Command({"DBSIZE"}).value_or("0"), "0") << "nothing was cached";

  Restart({});
  EXPECT_TRUE(SameAnswers(first, Transcript())) << "a server without a cache";

  Restart({"--redis=" + redis.url()});
  EXPECT_TRUE(SameAnswers(first, Transcript())) << "a restarted server on the same Redis";

  redis.Kill();
  Restart({"--redis=" + redis.url()});
  EXPECT_TRUE(SameAnswers(first, Transcript())) << "a server whose Redis is down";

  v1::CheckLedgerRequest check;
  check.set_parent(firm_.name);
  v1::CheckLedgerResponse checked;
  ASSERT_TRUE(admin().CheckLedger(Authed(firm_.admin_token).get(), check, &checked).ok());
  EXPECT_TRUE(checked.ok()) << checked.DebugString();
  Restart({});
}

}  // namespace
}  // namespace refnet::testing
