// The favours ledger through LedgerService: recording, voiding, balances,
// standings and the ledger check, against a real server.
#include <atomic>
#include <functional>
#include <set>
#include <thread>

#include "gmock/gmock.h"
#include "refnet/v1/ledger_service.grpc.pb.h"
#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;

class LedgerTest : public RefnetTest {
 protected:
  void SetUp() override { ledger_ = v1::LedgerService::NewStub(server().channel()); }

  // After every test the firm's balances must equal a replay of its ledger.
  void TearDown() override {
    for (const TestFirm& firm : firms_) ExpectLedgerSound(firm);
  }

  TestFirm Firm() {
    firms_.push_back(NewFirm());
    return firms_.back();
  }

  grpc::Status Record(const std::string& token, const TestFirm& firm, const std::string& giver,
                      const std::string& receiver, v1::FavourKind kind, int64_t points = 0,
                      v1::Favour* out = nullptr, const std::string& request_id = "") {
    v1::RecordFavourRequest request;
    request.set_parent(firm.name);
    request.mutable_favour()->set_giver(giver);
    request.mutable_favour()->set_receiver(receiver);
    request.mutable_favour()->set_kind(kind);
    request.mutable_favour()->set_value_points(points);
    request.set_request_id(request_id);
    v1::Favour ignored;
    return ledger_->RecordFavour(Authed(token).get(), request, out != nullptr ? out : &ignored);
  }

  v1::Balance Balance(const TestFirm& firm, const std::string& party,
                      const std::string& counterparty) {
    v1::GetBalanceRequest request;
    request.set_parent(firm.name);
    request.set_party(party);
    request.set_counterparty(counterparty);
    v1::Balance balance;
    grpc::Status status = ledger_->GetBalance(Authed(firm.bob_token).get(), request, &balance);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return balance;
  }

  v1::Standing Standing(const TestFirm& firm, const std::string& party) {
    v1::GetStandingRequest request;
    request.set_parent(firm.name);
    request.set_party(party);
    v1::Standing standing;
    grpc::Status status = ledger_->GetStanding(Authed(firm.bob_token).get(), request, &standing);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return standing;
  }

  v1::ListTopBalancesResponse Top(const TestFirm& firm) {
    v1::ListTopBalancesRequest request;
    request.set_parent(firm.name);
    v1::ListTopBalancesResponse top;
    grpc::Status status = ledger_->ListTopBalances(Authed(firm.bob_token).get(), request, &top);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return top;
  }

  std::unique_ptr<v1::LedgerService::Stub> ledger_;
  std::vector<TestFirm> firms_;
};

TEST_F(LedgerTest, FavoursMoveThePairBalanceSeenFromEitherSide) {
  TestFirm firm = Firm();
  AddContact(firm, "ann", "Ann");
  std::string alice = firm.Member("alice"), ann = firm.Contact("ann");
  v1::Favour intro;
  ASSERT_TRUE(
      Record(firm.alice_token, firm, alice, ann, v1::FAVOUR_KIND_INTRODUCTION, 0, &intro).ok());
  EXPECT_EQ(intro.value_points(), 30) << "the firm's default for an introduction";
  EXPECT_EQ(intro.recorded_by(), alice);
  ASSERT_TRUE(Record(firm.alice_token, firm, ann, alice, v1::FAVOUR_KIND_ADVICE, 12).ok());
  v1::Balance mine = Balance(firm, alice, ann);
  EXPECT_EQ(mine.net_points(), 18);
  EXPECT_EQ(mine.direction(), v1::BALANCE_DIRECTION_COUNTERPARTY_OWES);
  EXPECT_EQ(mine.given_points(), 30);
  EXPECT_EQ(mine.received_points(), 12);
  EXPECT_EQ(mine.given_count(), 1);
  EXPECT_EQ(mine.version(), 2);
  v1::Balance theirs = Balance(firm, ann, alice);
  EXPECT_EQ(theirs.net_points(), -18);
  EXPECT_EQ(theirs.direction(), v1::BALANCE_DIRECTION_PARTY_OWES);
  EXPECT_EQ(theirs.version(), 2);
  v1::Balance none = Balance(firm, alice, firm.Member("bob"));
  EXPECT_EQ(none.net_points(), 0);
  EXPECT_EQ(none.version(), 0);
  EXPECT_EQ(none.direction(), v1::BALANCE_DIRECTION_EVEN);
}

TEST_F(LedgerTest, VoidingAppendsAReversalOnce) {
  TestFirm firm = Firm();
  AddContact(firm, "ann", "Ann");
  std::string alice = firm.Member("alice"), ann = firm.Contact("ann");
  v1::Favour lead;
  ASSERT_TRUE(Record(firm.alice_token, firm, alice, ann, v1::FAVOUR_KIND_LEAD, 25, &lead).ok());
  v1::VoidFavourRequest void_request;
  void_request.set_name(lead.name());
  void_request.set_reason("wrong contact");
  v1::Favour reversal;
  ASSERT_TRUE(ledger_->VoidFavour(Authed(firm.alice_token).get(), void_request, &reversal).ok());
  EXPECT_EQ(reversal.voids(), lead.name());
  EXPECT_EQ(reversal.value_points(), -25);
  EXPECT_EQ(reversal.void_reason(), "wrong contact");
  EXPECT_EQ(Balance(firm, alice, ann).net_points(), 0);
  EXPECT_EQ(Balance(firm, alice, ann).given_count(), 0);
  EXPECT_STATUS(ledger_->VoidFavour(Authed(firm.admin_token).get(), void_request, &reversal),
                FAILED_PRECONDITION, "already voided");
  void_request.set_name(reversal.name());
  EXPECT_STATUS(ledger_->VoidFavour(Authed(firm.admin_token).get(), void_request, &reversal),
                FAILED_PRECONDITION, "reversal");
  v1::GetFavourRequest get;
  get.set_name(lead.name());
  v1::Favour got;
  ASSERT_TRUE(ledger_->GetFavour(Authed(firm.bob_token).get(), get, &got).ok());
  EXPECT_EQ(got.voided_by(), reversal.name());
  void_request.set_reason("");
  EXPECT_STATUS(ledger_->VoidFavour(Authed(firm.admin_token).get(), void_request, &reversal),
                INVALID_ARGUMENT, "reason");
}

TEST_F(LedgerTest, AHundredConcurrentRetriesRecordOneFavour) {
  TestFirm firm = Firm();
  AddContact(firm, "ann", "Ann");
  std::string request_id = NewRequestId();
  std::vector<std::thread> threads;
  std::vector<std::string> names(100);
  std::atomic<int> failures{0};
  for (int i = 0; i < 100; ++i) {
    threads.emplace_back([&, i] {
      v1::Favour out;
      if (!Record(firm.service_token, firm, firm.Member("alice"), firm.Contact("ann"),
                  v1::FAVOUR_KIND_LEAD, 7, &out, request_id)
               .ok()) {
        ++failures;
      }
      names[i] = out.name();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), 1u);
  v1::Balance balance = Balance(firm, firm.Member("alice"), firm.Contact("ann"));
  EXPECT_EQ(balance.given_points(), 7);
  EXPECT_EQ(balance.given_count(), 1);
}

TEST_F(LedgerTest, MembersRecordAndVoidOnlyTheirOwnFavours) {
  TestFirm firm = Firm();
  AddContact(firm, "ann", "Ann");
  std::string bob = firm.Member("bob"), ann = firm.Contact("ann");
  EXPECT_STATUS(Record(firm.alice_token, firm, bob, ann, v1::FAVOUR_KIND_LEAD), PERMISSION_DENIED,
                "favour.giver");
  v1::Favour bobs;
  ASSERT_TRUE(Record(firm.bob_token, firm, ann, bob, v1::FAVOUR_KIND_ADVICE, 0, &bobs).ok());
  v1::VoidFavourRequest void_request;
  void_request.set_name(bobs.name());
  void_request.set_reason("not mine to void");
  v1::Favour out;
  EXPECT_STATUS(ledger_->VoidFavour(Authed(firm.alice_token).get(), void_request, &out),
                PERMISSION_DENIED, "recorded");
  EXPECT_TRUE(Record(firm.service_token, firm, bob, ann, v1::FAVOUR_KIND_LEAD).ok());
}

TEST_F(LedgerTest, BadFavoursNameTheFieldAndWriteNothing) {
  TestFirm firm = Firm();
  TestFirm other = Firm();
  AddContact(firm, "ann", "Ann");
  std::string alice = firm.Member("alice"), ann = firm.Contact("ann");
  EXPECT_STATUS(Record(firm.admin_token, firm, alice, alice, v1::FAVOUR_KIND_LEAD),
                INVALID_ARGUMENT, "favour.receiver");
  EXPECT_STATUS(Record(firm.admin_token, firm, alice, ann, v1::FAVOUR_KIND_UNSPECIFIED),
                INVALID_ARGUMENT, "favour.kind");
  EXPECT_STATUS(Record(firm.admin_token, firm, alice, ann, static_cast<v1::FavourKind>(42)),
                INVALID_ARGUMENT, "favour.kind");
  EXPECT_STATUS(Record(firm.admin_token, firm, alice, ann, v1::FAVOUR_KIND_LEAD, -5),
                INVALID_ARGUMENT, "favour.value_points");
  EXPECT_STATUS(Record(firm.admin_token, firm, alice, ann, v1::FAVOUR_KIND_LEAD, 1000001),
                INVALID_ARGUMENT, "favour.value_points");
  EXPECT_STATUS(
      Record(firm.admin_token, firm, alice, firm.name + "/favours/x", v1::FAVOUR_KIND_LEAD),
      INVALID_ARGUMENT, "favour.receiver");
  EXPECT_STATUS(Record(firm.admin_token, firm, alice, firm.Contact("ghost"), v1::FAVOUR_KIND_LEAD),
                NOT_FOUND, "favour.receiver");
  EXPECT_STATUS(Record(firm.admin_token, firm, alice, other.Member("alice"), v1::FAVOUR_KIND_LEAD),
                PERMISSION_DENIED, "favour.receiver");
  v1::ListFavoursRequest list;
  list.set_parent(firm.name);
  v1::ListFavoursResponse page;
  ASSERT_TRUE(ledger_->ListFavours(Authed(firm.admin_token).get(), list, &page).ok());
  EXPECT_EQ(page.favours_size(), 0);
  list.set_parent(other.name);
  EXPECT_STATUS(ledger_->ListFavours(Authed(firm.admin_token).get(), list, &page),
                PERMISSION_DENIED, "parent");
}

TEST_F(LedgerTest, ExplainedEntriesSumToTheBalance) {
  TestFirm firm = Firm();
  AddContact(firm, "ann", "Ann");
  std::string alice = firm.Member("alice"), ann = firm.Contact("ann");
  for (int i = 1; i <= 7; ++i) {
    ASSERT_TRUE(Record(firm.admin_token, firm, i % 3 ? alice : ann, i % 3 ? ann : alice,
                       v1::FAVOUR_KIND_INFORMATION, i)
                    .ok());
  }
  ASSERT_TRUE(
      Record(firm.admin_token, firm, firm.Member("bob"), ann, v1::FAVOUR_KIND_LEAD, 50).ok());
  v1::ExplainBalanceRequest request;
  request.set_parent(firm.name);
  request.set_party(alice);
  request.set_counterparty(ann);
  request.set_page_size(3);
  int64_t sum = 0, net = 0;
  int entries = 0;
  for (int pages = 0; pages < 10; ++pages) {
    v1::ExplainBalanceResponse page;
    ASSERT_TRUE(ledger_->ExplainBalance(Authed(firm.bob_token).get(), request, &page).ok());
    net = page.balance().net_points();
    for (int64_t effect : page.effect_points()) sum += effect;
    entries += page.favours_size();
    if (page.next_page_token().empty()) break;
    request.set_page_token(page.next_page_token());
  }
  EXPECT_EQ(entries, 7);
  EXPECT_EQ(sum, net);
  request.clear_page_token();
  request.set_party(firm.Member("zed"));
  v1::ExplainBalanceResponse missing;
  EXPECT_STATUS(ledger_->ExplainBalance(Authed(firm.bob_token).get(), request, &missing), NOT_FOUND,
                "party");
  EXPECT_EQ(net, (1 + 2 + 4 + 5 + 7) - (3 + 6));
}

TEST_F(LedgerTest, CounterpartiesAreRankedByWhatIsOwedEitherWay) {
  TestFirm firm = Firm();
  for (const char* id : {"ann", "bo", "cy", "di"}) AddContact(firm, id, id);
  std::string alice = firm.Member("alice");
  ASSERT_TRUE(
      Record(firm.admin_token, firm, alice, firm.Contact("ann"), v1::FAVOUR_KIND_LEAD, 10).ok());
  ASSERT_TRUE(
      Record(firm.admin_token, firm, firm.Contact("bo"), alice, v1::FAVOUR_KIND_LEAD, 40).ok());
  ASSERT_TRUE(
      Record(firm.admin_token, firm, alice, firm.Contact("cy"), v1::FAVOUR_KIND_LEAD, 25).ok());
  ASSERT_TRUE(
      Record(firm.admin_token, firm, alice, firm.Contact("di"), v1::FAVOUR_KIND_LEAD, 25).ok());
  v1::ListBalancesRequest request;
  request.set_parent(firm.name);
  request.set_party(alice);
  request.set_page_size(2);
  std::vector<std::pair<std::string, int64_t>> seen;
  for (int pages = 0; pages < 5; ++pages) {
    v1::ListBalancesResponse page;
    ASSERT_TRUE(ledger_->ListBalances(Authed(firm.bob_token).get(), request, &page).ok());
    for (const auto& b : page.balances()) seen.emplace_back(b.counterparty(), b.net_points());
    if (page.next_page_token().empty()) break;
    request.set_page_token(page.next_page_token());
  }
  std::vector<std::pair<std::string, int64_t>> expected = {{firm.Contact("bo"), -40},
                                                           {firm.Contact("cy"), 25},
                                                           {firm.Contact("di"), 25},
                                                           {firm.Contact("ann"), 10}};
  EXPECT_EQ(seen, expected);
  request.clear_page_token();
  request.set_page_size(10);
  request.set_direction(v1::BALANCE_DIRECTION_PARTY_OWES);
  v1::ListBalancesResponse owed;
  ASSERT_TRUE(ledger_->ListBalances(Authed(firm.bob_token).get(), request, &owed).ok());
  ASSERT_EQ(owed.balances_size(), 1);
  EXPECT_EQ(owed.balances(0).counterparty(), firm.Contact("bo"));
}

TEST_F(LedgerTest, StandingShowsKarmaFirmBalanceHealthAndTakers) {
  TestFirm firm = Firm();
  AddContact(firm, "ann", "Ann");
  AddContact(firm, "bo", "Bo");
  std::string alice = firm.Member("alice"), bob = firm.Member("bob");
  std::string ann = firm.Contact("ann"), bo = firm.Contact("bo");
  // Ann only takes: five favours from the firm, nothing back.
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(Record(firm.admin_token, firm, alice, ann, v1::FAVOUR_KIND_LEAD, 20).ok());
  for (int i = 0; i < 2; ++i)
    ASSERT_TRUE(Record(firm.admin_token, firm, bob, ann, v1::FAVOUR_KIND_LEAD, 20).ok());
  // Bo and Alice trade evenly.
  ASSERT_TRUE(Record(firm.admin_token, firm, alice, bo, v1::FAVOUR_KIND_ADVICE, 15).ok());
  ASSERT_TRUE(Record(firm.admin_token, firm, bo, alice, v1::FAVOUR_KIND_ADVICE, 10).ok());

  v1::GetStandingRequest request;
  request.set_parent(firm.name);
  request.set_party(ann);
  v1::Standing standing;
  ASSERT_TRUE(ledger_->GetStanding(Authed(firm.bob_token).get(), request, &standing).ok());
  EXPECT_EQ(standing.received_points(), 100);
  EXPECT_EQ(standing.karma_points(), -100);
  EXPECT_EQ(standing.firm_balance_points(), 100) << "Ann owes the firm";
  EXPECT_TRUE(standing.taker());
  EXPECT_NE(standing.taker_reason().find("gave nothing back"), std::string::npos);

  request.set_party(alice);
  ASSERT_TRUE(ledger_->GetStanding(Authed(firm.bob_token).get(), request, &standing).ok());
  EXPECT_EQ(standing.karma_points(), 60 + 15 - 10);
  EXPECT_FALSE(standing.taker());
  ASSERT_EQ(standing.relationships_size(), 2);
  EXPECT_EQ(standing.relationships(0).counterparty(), ann);
  EXPECT_EQ(standing.relationships(0).health(), v1::RECIPROCITY_HEALTH_ONE_WAY_GIVING);
  EXPECT_EQ(standing.relationships(1).counterparty(), bo);
  EXPECT_EQ(standing.relationships(1).health(), v1::RECIPROCITY_HEALTH_BALANCED);

  v1::ListTopBalancesRequest top;
  top.set_parent(firm.name);
  v1::ListTopBalancesResponse tops;
  ASSERT_TRUE(ledger_->ListTopBalances(Authed(firm.bob_token).get(), top, &tops).ok());
  ASSERT_EQ(tops.debtors_size(), 2);
  EXPECT_EQ(tops.debtors(0).contact(), ann);
  EXPECT_EQ(tops.debtors(0).firm_balance_points(), 100);
  EXPECT_EQ(tops.debtors(1).contact(), bo);
  EXPECT_EQ(tops.debtors(1).firm_balance_points(), 5);
  EXPECT_EQ(tops.creditors_size(), 0);
}

// Read, write, read again: every read after an acknowledged write sees it,
// whether the previous answer was cached or not.
TEST_F(LedgerTest, StandingsAndTopListsFollowEveryWrite) {
  TestFirm firm = Firm();
  AddContact(firm, "ann", "Ann");
  std::string alice = firm.Member("alice"), ann = firm.Contact("ann");
  EXPECT_EQ(Top(firm).debtors_size(), 0);
  EXPECT_EQ(Standing(firm, ann).received_count(), 0);
  int64_t owed = 0;
  for (int i = 1; i <= 4; ++i) {
    // Twice, so the second read can come from the cache.
    for (int read = 0; read < 2; ++read) {
      EXPECT_EQ(Standing(firm, ann).firm_balance_points(), owed);
      EXPECT_EQ(Standing(firm, alice).karma_points(), owed);
    }
    bool alice_gives = i % 2 == 1;
    ASSERT_TRUE(Record(firm.admin_token, firm, alice_gives ? alice : ann, alice_gives ? ann : alice,
                       v1::FAVOUR_KIND_ADVICE, 10 * i)
                    .ok());
    owed += alice_gives ? 10 * i : -10 * i;
    v1::Standing standing = Standing(firm, ann);
    EXPECT_EQ(standing.firm_balance_points(), owed);
    EXPECT_EQ(standing.given_count() + standing.received_count(), i);
    ASSERT_EQ(standing.relationships_size(), 1);
    EXPECT_EQ(standing.relationships(0).balance().net_points(), -owed);
    EXPECT_EQ(standing.relationships(0).balance().version(), i);
    v1::ListTopBalancesResponse top = Top(firm);
    if (owed > 0) {
      ASSERT_EQ(top.debtors_size(), 1);
      EXPECT_EQ(top.debtors(0).firm_balance_points(), owed);
      EXPECT_EQ(top.creditors_size(), 0);
    } else {
      ASSERT_EQ(top.creditors_size(), 1);
      EXPECT_EQ(top.creditors(0).firm_balance_points(), owed);
      EXPECT_EQ(top.debtors_size(), 0);
    }
  }
  // A void is a write like any other.
  v1::ListFavoursRequest list;
  list.set_parent(firm.name);
  v1::ListFavoursResponse favours;
  ASSERT_TRUE(ledger_->ListFavours(Authed(firm.admin_token).get(), list, &favours).ok());
  v1::VoidFavourRequest void_request;
  void_request.set_name(favours.favours(3).name());  // Ann gave Alice 40
  void_request.set_reason("never happened");
  v1::Favour reversal;
  ASSERT_TRUE(ledger_->VoidFavour(Authed(firm.admin_token).get(), void_request, &reversal).ok());
  EXPECT_EQ(Standing(firm, ann).firm_balance_points(), owed + 40);
  EXPECT_EQ(Top(firm).debtors(0).firm_balance_points(), owed + 40);
}

// The taker flag weighs the party's recent favours only: a party that took a
// lot long ago and gives now is a taker over a long window and not over a
// short one.
TEST_F(LedgerTest, TheTakerFlagWeighsTheFirmsWindowOfRecentFavours) {
  TestFirm firm = Firm();
  AddContact(firm, "ann", "Ann");
  std::string alice = firm.Member("alice"), ann = firm.Contact("ann");
  for (int i = 0; i < 6; ++i)
    ASSERT_TRUE(Record(firm.admin_token, firm, alice, ann, v1::FAVOUR_KIND_LEAD, 20).ok());
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(Record(firm.admin_token, firm, ann, alice, v1::FAVOUR_KIND_ADVICE, 10).ok());
  v1::Standing standing = Standing(firm, ann);
  EXPECT_TRUE(standing.taker());
  EXPECT_EQ(standing.taker_reason(),
            "in its last 50 favours, received 120 points over 6 favours and gave 30: 4.0 times "
            "as much (the firm flags 3.0)");

  v1::UpdateFirmSettingsRequest update;
  update.mutable_settings()->set_name(firm.name + "/settings");
  update.mutable_settings()->set_taker_window_favours(4);
  update.mutable_update_mask()->add_paths("taker_window_favours");
  v1::FirmSettings updated;
  EXPECT_STATUS(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated),
                INVALID_ARGUMENT, "settings.taker_window_favours");
  update.mutable_settings()->set_taker_window_favours(5);
  ASSERT_TRUE(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated).ok());
  EXPECT_EQ(updated.taker_window_favours(), 5);
  // The last five: three given, two received, under the minimum of five.
  standing = Standing(firm, ann);
  EXPECT_FALSE(standing.taker()) << standing.taker_reason();
  EXPECT_EQ(standing.received_count(), 6) << "totals still cover everything";

  // Voided favours leave the window: the last five live ones are now two
  // given and three received (60 points against 20).
  v1::ListFavoursRequest list;
  list.set_parent(firm.name);
  v1::ListFavoursResponse favours;
  ASSERT_TRUE(ledger_->ListFavours(Authed(firm.admin_token).get(), list, &favours).ok());
  v1::VoidFavourRequest void_request;
  void_request.set_name(favours.favours(8).name());
  void_request.set_reason("duplicate");
  v1::Favour reversal;
  ASSERT_TRUE(ledger_->VoidFavour(Authed(firm.admin_token).get(), void_request, &reversal).ok());
  update.mutable_settings()->set_taker_min_count(3);
  update.mutable_update_mask()->add_paths("taker_min_count");
  ASSERT_TRUE(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated).ok());
  standing = Standing(firm, ann);
  EXPECT_TRUE(standing.taker());
  EXPECT_EQ(standing.taker_reason(),
            "in its last 5 favours, received 60 points over 3 favours and gave 20: 3.0 times as "
            "much (the firm flags 3.0)");
}

TEST_F(LedgerTest, SettingsChangeDefaultsThresholdsAndTheKeyCap) {
  TestFirm firm = Firm();
  AddContact(firm, "ann", "Ann");
  AddContact(firm, "bo", "Bo");
  v1::GetFirmSettingsRequest get;
  get.set_name(firm.name + "/settings");
  v1::FirmSettings settings;
  ASSERT_TRUE(admin().GetFirmSettings(Authed(firm.alice_token).get(), get, &settings).ok());
  EXPECT_EQ(settings.key_relationships_max(), 10);
  v1::UpdateFirmSettingsRequest update;
  update.mutable_settings()->set_name(settings.name());
  update.mutable_settings()->set_etag(settings.etag());
  v1::FavourValue* value = update.mutable_settings()->add_favour_values();
  value->set_kind(v1::FAVOUR_KIND_LEAD);
  value->set_value_points(77);
  update.mutable_settings()->set_key_relationships_max(1);
  update.mutable_update_mask()->add_paths("favour_values");
  update.mutable_update_mask()->add_paths("key_relationships_max");
  v1::FirmSettings updated;
  EXPECT_STATUS(admin().UpdateFirmSettings(Authed(firm.alice_token).get(), update, &updated),
                PERMISSION_DENIED, "role member");
  ASSERT_TRUE(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated).ok());
  EXPECT_EQ(updated.favour_values(1).value_points(), 77);
  EXPECT_EQ(updated.favour_values(0).value_points(), 30);
  EXPECT_STATUS(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated),
                ABORTED, "etag");
  v1::Favour lead;
  ASSERT_TRUE(Record(firm.alice_token, firm, firm.Member("alice"), firm.Contact("ann"),
                     v1::FAVOUR_KIND_LEAD, 0, &lead)
                  .ok());
  EXPECT_EQ(lead.value_points(), 77);
  v1::SetRelationshipRequest rel;
  rel.set_parent(firm.name);
  rel.mutable_relationship()->set_member(firm.Member("alice"));
  rel.mutable_relationship()->set_contact(firm.Contact("ann"));
  rel.mutable_relationship()->set_strength(3);
  rel.mutable_relationship()->set_key(true);
  v1::Relationship out;
  ASSERT_TRUE(contacts().SetRelationship(Authed(firm.alice_token).get(), rel, &out).ok());
  rel.mutable_relationship()->set_contact(firm.Contact("bo"));
  EXPECT_STATUS(contacts().SetRelationship(Authed(firm.alice_token).get(), rel, &out),
                FAILED_PRECONDITION, "allows 1");
  update.mutable_settings()->clear_etag();
  *update.mutable_settings()->add_favour_values() = *value;
  EXPECT_STATUS(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated),
                INVALID_ARGUMENT, "settings.favour_values[1].kind");
  update.mutable_settings()->set_taker_ratio(0.5);
  update.mutable_update_mask()->Clear();
  update.mutable_update_mask()->add_paths("taker_ratio");
  EXPECT_STATUS(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated),
                INVALID_ARGUMENT, "settings.taker_ratio");
}

TEST_F(LedgerTest, ReferralAndAskSettingsHaveDefaultsAndBounds) {
  TestFirm firm = Firm();
  v1::GetFirmSettingsRequest get;
  get.set_name(firm.name + "/settings");
  v1::FirmSettings settings;
  ASSERT_TRUE(admin().GetFirmSettings(Authed(firm.alice_token).get(), get, &settings).ok());
  EXPECT_THAT(settings.referral_warmth_percents(), ::testing::ElementsAre(20, 40, 60, 80, 100));
  EXPECT_EQ(settings.referral_stuck_days(), 14);
  EXPECT_EQ(settings.ask_weekly_cap(), 3);
  EXPECT_EQ(settings.ask_budget_base(), 2);
  EXPECT_EQ(settings.ask_budget_points_per_ask(), 100);
  v1::UpdateFirmSettingsRequest update;
  update.mutable_settings()->set_name(settings.name());
  for (int percent : {10, 20, 30, 40})
    update.mutable_settings()->add_referral_warmth_percents(percent);
  update.mutable_update_mask()->add_paths("referral_warmth_percents");
  v1::FirmSettings updated;
  EXPECT_STATUS(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated),
                INVALID_ARGUMENT, "settings.referral_warmth_percents");
  update.mutable_settings()->add_referral_warmth_percents(1001);
  EXPECT_STATUS(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated),
                INVALID_ARGUMENT, "settings.referral_warmth_percents[4]");
  update.mutable_settings()->set_referral_warmth_percents(4, 50);
  update.mutable_settings()->set_ask_budget_points_per_ask(0);
  update.mutable_update_mask()->add_paths("ask_budget_points_per_ask");
  EXPECT_STATUS(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated),
                INVALID_ARGUMENT, "settings.ask_budget_points_per_ask");
  update.mutable_settings()->set_ask_budget_points_per_ask(60);
  update.mutable_settings()->set_ask_weekly_cap(1);
  update.mutable_update_mask()->add_paths("ask_weekly_cap");
  ASSERT_TRUE(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated).ok());
  EXPECT_THAT(updated.referral_warmth_percents(), ::testing::ElementsAre(10, 20, 30, 40, 50));
  EXPECT_EQ(updated.ask_budget_points_per_ask(), 60);
  EXPECT_EQ(updated.ask_weekly_cap(), 1);
  EXPECT_EQ(updated.referral_stuck_days(), 14);
  ASSERT_TRUE(admin().GetFirmSettings(Authed(firm.alice_token).get(), get, &settings).ok());
  EXPECT_THAT(settings.referral_warmth_percents(), ::testing::ElementsAre(10, 20, 30, 40, 50));
  EXPECT_EQ(settings.ask_weekly_cap(), 1);
}

TEST_F(LedgerTest, ReviewAndNettingSettingsHaveDefaultsAndBounds) {
  TestFirm firm = Firm();
  v1::GetFirmSettingsRequest get;
  get.set_name(firm.name + "/settings");
  v1::FirmSettings settings;
  ASSERT_TRUE(admin().GetFirmSettings(Authed(firm.alice_token).get(), get, &settings).ok());
  EXPECT_THAT(settings.follow_up_days(), ::testing::ElementsAre(1, 7));
  EXPECT_EQ(settings.nurture_days(), 30);
  ASSERT_TRUE(settings.has_netting_enabled());
  EXPECT_TRUE(settings.netting_enabled());

  v1::UpdateFirmSettingsRequest update;
  update.mutable_settings()->set_name(settings.name());
  update.mutable_update_mask()->add_paths("follow_up_days");
  v1::FirmSettings updated;
  EXPECT_STATUS(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated),
                INVALID_ARGUMENT, "settings.follow_up_days");
  for (int days : {2, 2}) update.mutable_settings()->add_follow_up_days(days);
  EXPECT_STATUS(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated),
                INVALID_ARGUMENT, "settings.follow_up_days[1]");
  update.mutable_settings()->set_follow_up_days(1, 91);
  EXPECT_STATUS(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated),
                INVALID_ARGUMENT, "settings.follow_up_days[1]");
  update.mutable_settings()->clear_follow_up_days();
  for (int days : {1, 2, 3, 4, 5, 6}) update.mutable_settings()->add_follow_up_days(days);
  EXPECT_STATUS(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated),
                INVALID_ARGUMENT, "settings.follow_up_days");
  update.mutable_settings()->clear_follow_up_days();
  for (int days : {2, 14, 90}) update.mutable_settings()->add_follow_up_days(days);
  update.mutable_settings()->set_nurture_days(3651);
  update.mutable_update_mask()->add_paths("nurture_days");
  EXPECT_STATUS(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated),
                INVALID_ARGUMENT, "settings.nurture_days");
  // Masked without a value, netting turns off: false is a value like any other.
  update.mutable_settings()->set_nurture_days(45);
  update.mutable_update_mask()->add_paths("netting_enabled");
  ASSERT_TRUE(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated).ok());
  EXPECT_THAT(updated.follow_up_days(), ::testing::ElementsAre(2, 14, 90));
  EXPECT_EQ(updated.nurture_days(), 45);
  EXPECT_FALSE(updated.netting_enabled());

  // An update that does not name netting leaves it as it is.
  v1::UpdateFirmSettingsRequest other;
  other.mutable_settings()->set_name(settings.name());
  other.mutable_settings()->set_dormant_days(90);
  other.mutable_update_mask()->add_paths("dormant_days");
  ASSERT_TRUE(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), other, &updated).ok());
  EXPECT_FALSE(updated.netting_enabled());
  // With an empty mask, a netting value that is set counts, false included.
  other.clear_update_mask();
  other.mutable_settings()->set_netting_enabled(true);
  ASSERT_TRUE(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), other, &updated).ok());
  EXPECT_TRUE(updated.netting_enabled());
  other.mutable_settings()->set_netting_enabled(false);
  ASSERT_TRUE(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), other, &updated).ok());
  EXPECT_FALSE(updated.netting_enabled());
  other.mutable_settings()->clear_netting_enabled();
  ASSERT_TRUE(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), other, &updated).ok());
  EXPECT_FALSE(updated.netting_enabled());
  ASSERT_TRUE(admin().GetFirmSettings(Authed(firm.alice_token).get(), get, &settings).ok());
  EXPECT_THAT(settings.follow_up_days(), ::testing::ElementsAre(2, 14, 90));
  EXPECT_EQ(settings.nurture_days(), 45);
  EXPECT_FALSE(settings.netting_enabled());
  EXPECT_EQ(settings.dormant_days(), 90);
}

TEST_F(LedgerTest, MergingContactsMovesTheirFavours) {
  TestFirm firm = Firm();
  AddContact(firm, "ann", "Ann");
  AddContact(firm, "ann-dup", "Ann (dup)");
  std::string alice = firm.Member("alice");
  ASSERT_TRUE(
      Record(firm.admin_token, firm, alice, firm.Contact("ann"), v1::FAVOUR_KIND_LEAD, 10).ok());
  ASSERT_TRUE(
      Record(firm.admin_token, firm, alice, firm.Contact("ann-dup"), v1::FAVOUR_KIND_LEAD, 15)
          .ok());
  ASSERT_TRUE(Record(firm.admin_token, firm, firm.Contact("ann-dup"), firm.Contact("ann"),
                     v1::FAVOUR_KIND_INFORMATION, 4)
                  .ok());
  int64_t version_before = Balance(firm, alice, firm.Contact("ann")).version();
  // Read before the merge, so a cache holds the old answers.
  EXPECT_EQ(Standing(firm, alice).relationships_size(), 2);
  EXPECT_EQ(Top(firm).debtors_size(), 2);
  v1::MergeContactsRequest merge;
  merge.set_name(firm.Contact("ann"));
  merge.set_merged(firm.Contact("ann-dup"));
  v1::Contact survivor;
  ASSERT_TRUE(contacts().MergeContacts(Authed(firm.admin_token).get(), merge, &survivor).ok());
  v1::Balance merged = Balance(firm, alice, firm.Contact("ann"));
  EXPECT_EQ(merged.net_points(), 25);
  EXPECT_EQ(merged.given_count(), 2);
  EXPECT_GT(merged.version(), version_before);
  EXPECT_STATUS(
      Record(firm.admin_token, firm, alice, firm.Contact("ann-dup"), v1::FAVOUR_KIND_LEAD),
      NOT_FOUND,
      "favour.receiver: contact " + firm.Contact("ann-dup") + " was merged into " +
          firm.Contact("ann"));
  v1::Standing standing = Standing(firm, alice);
  ASSERT_EQ(standing.relationships_size(), 1);
  EXPECT_EQ(standing.relationships(0).counterparty(), firm.Contact("ann"));
  EXPECT_EQ(standing.relationships(0).balance().net_points(), 25);
  v1::ListTopBalancesResponse top = Top(firm);
  ASSERT_EQ(top.debtors_size(), 1);
  EXPECT_EQ(top.debtors(0).contact(), firm.Contact("ann"));
  EXPECT_EQ(top.debtors(0).firm_balance_points(), 25);
  v1::ListFavoursRequest list;
  list.set_parent(firm.name);
  list.set_party(firm.Contact("ann"));
  v1::ListFavoursResponse page;
  ASSERT_TRUE(ledger_->ListFavours(Authed(firm.bob_token).get(), list, &page).ok());
  EXPECT_EQ(page.favours_size(), 3);
}

// Every ledger RPC and the ledger's admin RPCs, aimed at firm `target`.
std::vector<std::pair<std::string, std::function<grpc::Status(const std::string&)>>> LedgerRpcs(
    v1::LedgerService::Stub& ledger, v1::AdminService::Stub& admin, const TestFirm& target,
    const std::string& favour) {
  std::string alice = target.Member("alice"), c1 = target.Contact("c1");
  return {
      {"RecordFavour",
       [&, alice, c1](const std::string& t) {
         v1::RecordFavourRequest r;
         r.set_parent(target.name);
         r.mutable_favour()->set_giver(alice);
         r.mutable_favour()->set_receiver(c1);
         r.mutable_favour()->set_kind(v1::FAVOUR_KIND_LEAD);
         v1::Favour out;
         return ledger.RecordFavour(Authed(t).get(), r, &out);
       }},
      {"GetFavour",
       [&, favour](const std::string& t) {
         v1::GetFavourRequest r;
         r.set_name(favour);
         v1::Favour out;
         return ledger.GetFavour(Authed(t).get(), r, &out);
       }},
      {"ListFavours",
       [&](const std::string& t) {
         v1::ListFavoursRequest r;
         r.set_parent(target.name);
         v1::ListFavoursResponse out;
         return ledger.ListFavours(Authed(t).get(), r, &out);
       }},
      {"VoidFavour",
       [&, favour](const std::string& t) {
         v1::VoidFavourRequest r;
         r.set_name(favour);
         r.set_reason("intrusion");
         v1::Favour out;
         return ledger.VoidFavour(Authed(t).get(), r, &out);
       }},
      {"GetBalance",
       [&, alice, c1](const std::string& t) {
         v1::GetBalanceRequest r;
         r.set_parent(target.name);
         r.set_party(alice);
         r.set_counterparty(c1);
         v1::Balance out;
         return ledger.GetBalance(Authed(t).get(), r, &out);
       }},
      {"ListBalances",
       [&, alice](const std::string& t) {
         v1::ListBalancesRequest r;
         r.set_parent(target.name);
         r.set_party(alice);
         v1::ListBalancesResponse out;
         return ledger.ListBalances(Authed(t).get(), r, &out);
       }},
      {"GetStanding",
       [&, c1](const std::string& t) {
         v1::GetStandingRequest r;
         r.set_parent(target.name);
         r.set_party(c1);
         v1::Standing out;
         return ledger.GetStanding(Authed(t).get(), r, &out);
       }},
      {"ListTopBalances",
       [&](const std::string& t) {
         v1::ListTopBalancesRequest r;
         r.set_parent(target.name);
         v1::ListTopBalancesResponse out;
         return ledger.ListTopBalances(Authed(t).get(), r, &out);
       }},
      {"ExplainBalance",
       [&, alice, c1](const std::string& t) {
         v1::ExplainBalanceRequest r;
         r.set_parent(target.name);
         r.set_party(alice);
         r.set_counterparty(c1);
         v1::ExplainBalanceResponse out;
         return ledger.ExplainBalance(Authed(t).get(), r, &out);
       }},
      {"GetFirmSettings",
       [&](const std::string& t) {
         v1::GetFirmSettingsRequest r;
         r.set_name(target.name + "/settings");
         v1::FirmSettings out;
         return admin.GetFirmSettings(Authed(t).get(), r, &out);
       }},
      {"UpdateFirmSettings",
       [&](const std::string& t) {
         v1::UpdateFirmSettingsRequest r;
         r.mutable_settings()->set_name(target.name + "/settings");
         r.mutable_settings()->set_dormant_days(1);
         v1::FirmSettings out;
         return admin.UpdateFirmSettings(Authed(t).get(), r, &out);
       }},
      {"CheckLedger",
       [&](const std::string& t) {
         v1::CheckLedgerRequest r;
         r.set_parent(target.name);
         v1::CheckLedgerResponse out;
         return admin.CheckLedger(Authed(t).get(), r, &out);
       }},
      {"RebuildCache",
       [&](const std::string& t) {
         v1::RebuildCacheRequest r;
         r.set_parent(target.name);
         v1::RebuildCacheResponse out;
         return admin.RebuildCache(Authed(t).get(), r, &out);
       }},
  };
}

TEST_F(LedgerTest, LedgerRpcsRefuseStrangersAndOtherFirms) {
  TestFirm a = Firm();
  TestFirm b = Firm();
  AddContact(b, "c1", "C1");
  v1::Favour favour;
  ASSERT_TRUE(
      Record(b.admin_token, b, b.Member("alice"), b.Contact("c1"), v1::FAVOUR_KIND_LEAD, 5, &favour)
          .ok());
  std::string before = FirmState(b);
  auto rpcs = LedgerRpcs(*ledger_, admin(), b, favour.name());
  auto ghosts = LedgerRpcs(*ledger_, admin(), b, b.name + "/favours/ghost");
  const std::string platform = server().PlatformAdminToken();
  for (size_t i = 0; i < rpcs.size(); ++i) {
    SCOPED_TRACE(rpcs[i].first);
    EXPECT_EQ(rpcs[i].second("").error_code(), grpc::StatusCode::UNAUTHENTICATED);
    for (const std::string& token : {a.admin_token, a.alice_token, a.service_token, platform}) {
      // Platform admins read every firm's settings: they set its rate limits.
      if (rpcs[i].first == "GetFirmSettings" && token == platform) continue;
      grpc::Status status = rpcs[i].second(token);
      EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << status.error_message();
    }
    grpc::Status ghost = ghosts[i].second(a.admin_token);
    EXPECT_EQ(ghost.error_code(), grpc::StatusCode::PERMISSION_DENIED) << ghost.error_message();
  }
  EXPECT_EQ(FirmState(b), before);
  v1::CheckLedgerRequest check;
  check.set_parent(b.name);
  v1::CheckLedgerResponse result;
  ASSERT_TRUE(admin().CheckLedger(Authed(b.admin_token).get(), check, &result).ok());
  EXPECT_EQ(result.favour_count(), 1);
  // Members may not run the admin-only ledger RPCs of their own firm.
  auto own = LedgerRpcs(*ledger_, admin(), b, favour.name());
  for (const auto& [method, call] : own) {
    if (method != "UpdateFirmSettings" && method != "CheckLedger" && method != "RebuildCache")
      continue;
    SCOPED_TRACE(method);
    EXPECT_EQ(call(b.alice_token).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  }
}

}  // namespace
}  // namespace refnet::testing
