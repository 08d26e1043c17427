// The referrals pipeline through ReferralService against a real server: every
// move of the pipeline, the ledger effect of each, etags, confidentiality,
// the report on a hand-built history, and access from other firms and roles.
#include <atomic>
#include <functional>
#include <map>
#include <set>
#include <thread>

#include "gmock/gmock.h"
#include "refnet/v1/ledger_service.grpc.pb.h"
#include "refnet/v1/referral_service.grpc.pb.h"
#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::vector<v1::Stage> kStages = {v1::STAGE_OFFERED,  v1::STAGE_ACCEPTED, v1::STAGE_CONTACTED,
                                        v1::STAGE_MEETING,  v1::STAGE_WON,      v1::STAGE_LOST,
                                        v1::STAGE_DECLINED, v1::STAGE_WITHDRAWN};

// The moves the pipeline allows, and nothing else.
const std::set<std::pair<v1::Stage, v1::Stage>> kLegal = {
    {v1::STAGE_OFFERED, v1::STAGE_ACCEPTED},    {v1::STAGE_OFFERED, v1::STAGE_DECLINED},
    {v1::STAGE_OFFERED, v1::STAGE_WITHDRAWN},   {v1::STAGE_ACCEPTED, v1::STAGE_CONTACTED},
    {v1::STAGE_ACCEPTED, v1::STAGE_WITHDRAWN},  {v1::STAGE_CONTACTED, v1::STAGE_MEETING},
    {v1::STAGE_CONTACTED, v1::STAGE_WITHDRAWN}, {v1::STAGE_MEETING, v1::STAGE_WON},
    {v1::STAGE_MEETING, v1::STAGE_LOST},        {v1::STAGE_MEETING, v1::STAGE_WITHDRAWN}};

// The path from offered to each stage.
const std::map<v1::Stage, std::vector<v1::Stage>> kPathTo = {
    {v1::STAGE_OFFERED, {}},
    {v1::STAGE_ACCEPTED, {v1::STAGE_ACCEPTED}},
    {v1::STAGE_CONTACTED, {v1::STAGE_ACCEPTED, v1::STAGE_CONTACTED}},
    {v1::STAGE_MEETING, {v1::STAGE_ACCEPTED, v1::STAGE_CONTACTED, v1::STAGE_MEETING}},
    {v1::STAGE_WON, {v1::STAGE_ACCEPTED, v1::STAGE_CONTACTED, v1::STAGE_MEETING, v1::STAGE_WON}},
    {v1::STAGE_LOST, {v1::STAGE_ACCEPTED, v1::STAGE_CONTACTED, v1::STAGE_MEETING, v1::STAGE_LOST}},
    {v1::STAGE_DECLINED, {v1::STAGE_DECLINED}},
    {v1::STAGE_WITHDRAWN, {v1::STAGE_WITHDRAWN}}};

v1::Money Eur(int64_t units, int32_t nanos = 0) {
  v1::Money money;
  money.set_currency_code("EUR");
  money.set_units(units);
  money.set_nanos(nanos);
  return money;
}

// Times in whole seconds before one instant, so that differences between
// them are exact.
google::protobuf::Timestamp DaysAgo(int days) {
  static const absl::Time anchor = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()));
  absl::Time t = anchor - absl::Hours(24 * days);
  google::protobuf::Timestamp ts;
  ts.set_seconds(absl::ToUnixSeconds(t));
  return ts;
}

class ReferralsTest : public RefnetTest {
 protected:
  void SetUp() override {
    referrals_ = v1::ReferralService::NewStub(server().channel());
    ledger_ = v1::LedgerService::NewStub(server().channel());
  }

  // After every test the firm's balances must equal a replay of its ledger.
  void TearDown() override {
    for (const TestFirm& firm : firms_) ExpectLedgerSound(firm);
  }

  // A firm with contacts ann and carl.
  TestFirm Firm() {
    firms_.push_back(NewFirm());
    AddContact(firms_.back(), "ann", "Ann");
    AddContact(firms_.back(), "carl", "Carl");
    return firms_.back();
  }

  static v1::CreateReferralRequest Offer(const TestFirm& firm, const std::string& referrer,
                                         const std::string& recipient, int warmth = 3) {
    v1::CreateReferralRequest request;
    request.set_parent(firm.name);
    v1::Referral* r = request.mutable_referral();
    r->set_referrer(referrer);
    r->set_recipient(recipient);
    r->mutable_prospect()->set_description("CFO of Initech");
    r->set_need("an audit before the spring");
    r->set_warmth(warmth);
    return request;
  }

  grpc::Status Create(const std::string& token, const v1::CreateReferralRequest& request,
                      v1::Referral* out = nullptr) {
    v1::Referral ignored;
    return referrals_->CreateReferral(Authed(token).get(), request,
                                      out != nullptr ? out : &ignored);
  }

  // Offers alice → ann and asserts success.
  v1::Referral Offered(const TestFirm& firm) {
    v1::Referral r;
    grpc::Status status =
        Create(firm.alice_token, Offer(firm, firm.Member("alice"), firm.Contact("ann")), &r);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return r;
  }

  grpc::Status Move(const std::string& token, const std::string& name, v1::Stage stage,
                    v1::Referral* out = nullptr, const std::string& etag = "",
                    const v1::Money* closed = nullptr,
                    const google::protobuf::Timestamp* when = nullptr) {
    v1::MoveReferralRequest request;
    request.set_name(name);
    request.set_stage(stage);
    request.set_etag(etag);
    if (closed != nullptr)
      *request.mutable_closed_value() = *closed;
    else if (stage == v1::STAGE_WON)
      *request.mutable_closed_value() = Eur(1000);
    if (when != nullptr) *request.mutable_move_time() = *when;
    v1::Referral ignored;
    return referrals_->MoveReferral(Authed(token).get(), request, out != nullptr ? out : &ignored);
  }

  // A fresh referral walked to `stage` by its referrer alice.
  v1::Referral At(const TestFirm& firm, v1::Stage stage) {
    v1::Referral r = Offered(firm);
    for (v1::Stage next : kPathTo.at(stage)) {
      grpc::Status status = Move(firm.alice_token, r.name(), next, &r);
      EXPECT_TRUE(status.ok()) << status.error_message();
    }
    return r;
  }

  v1::Referral Get(const std::string& token, const std::string& name) {
    v1::GetReferralRequest request;
    request.set_name(name);
    v1::Referral r;
    grpc::Status status = referrals_->GetReferral(Authed(token).get(), request, &r);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return r;
  }

  int64_t Net(const TestFirm& firm, const std::string& party, const std::string& counterparty) {
    v1::GetBalanceRequest request;
    request.set_parent(firm.name);
    request.set_party(party);
    request.set_counterparty(counterparty);
    v1::Balance balance;
    grpc::Status status = ledger_->GetBalance(Authed(firm.bob_token).get(), request, &balance);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return balance.net_points();
  }

  v1::Favour Favour(const TestFirm& firm, const std::string& name) {
    v1::GetFavourRequest request;
    request.set_name(name);
    v1::Favour favour;
    grpc::Status status = ledger_->GetFavour(Authed(firm.bob_token).get(), request, &favour);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return favour;
  }

  v1::ReferralReport Report(const std::string& token, const TestFirm& firm,
                            const std::string& party = "") {
    v1::GetReferralReportRequest request;
    request.set_parent(firm.name);
    request.set_party(party);
    v1::ReferralReport report;
    grpc::Status status = referrals_->GetReferralReport(Authed(token).get(), request, &report);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return report;
  }

  std::unique_ptr<v1::ReferralService::Stub> referrals_;
  std::unique_ptr<v1::LedgerService::Stub> ledger_;
  std::vector<TestFirm> firms_;
};

TEST_F(ReferralsTest, AnOfferRecordsAReferralFavourScaledByWarmth) {
  TestFirm firm = Firm();
  std::string alice = firm.Member("alice"), ann = firm.Contact("ann");
  v1::Referral r;
  ASSERT_TRUE(Create(firm.alice_token, Offer(firm, alice, ann, 3), &r).ok());
  EXPECT_THAT(r.name(), HasSubstr(firm.name + "/referrals/"));
  EXPECT_EQ(r.stage(), v1::STAGE_OFFERED);
  EXPECT_EQ(r.created_by(), alice);
  ASSERT_EQ(r.history_size(), 1);
  EXPECT_EQ(r.history(0).from_stage(), v1::STAGE_UNSPECIFIED);
  EXPECT_EQ(r.history(0).to_stage(), v1::STAGE_OFFERED);
  EXPECT_EQ(r.history(0).moved_by(), alice);
  v1::Favour offer = Favour(firm, r.offer_favour());
  EXPECT_EQ(offer.kind(), v1::FAVOUR_KIND_REFERRAL);
  EXPECT_EQ(offer.giver(), alice);
  EXPECT_EQ(offer.receiver(), ann);
  EXPECT_EQ(offer.referral(), r.name());
  EXPECT_EQ(offer.value_points(), 24) << "40 points for a referral, at warmth 3's 60%";
  EXPECT_EQ(Net(firm, alice, ann), 24);
  v1::Referral warm;
  ASSERT_TRUE(Create(firm.alice_token, Offer(firm, alice, ann, 5), &warm).ok());
  EXPECT_EQ(Favour(firm, warm.offer_favour()).value_points(), 40);
  EXPECT_EQ(Net(firm, alice, ann), 64);
  v1::Referral got = Get(firm.bob_token, r.name());
  EXPECT_EQ(got.need(), "an audit before the spring");
  EXPECT_EQ(got.prospect().description(), "CFO of Initech");
  EXPECT_EQ(got.etag(), r.etag());
}

TEST_F(ReferralsTest, EveryLegalMoveSucceedsAndEveryOtherIsRefusedNamingBothStages) {
  TestFirm firm = Firm();
  int legal = 0, illegal = 0;
  for (v1::Stage from : kStages) {
    v1::Referral at = At(firm, from);
    ASSERT_EQ(at.stage(), from);
    for (v1::Stage to : kStages) {
      if (kLegal.count({from, to})) continue;
      ++illegal;
      grpc::Status status = Move(firm.alice_token, at.name(), to);
      EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
          << v1::Stage_Name(from) << " → " << v1::Stage_Name(to);
      EXPECT_THAT(status.error_message(), HasSubstr(v1::Stage_Name(from)));
      EXPECT_THAT(status.error_message(), HasSubstr(v1::Stage_Name(to)));
    }
    EXPECT_EQ(Get(firm.bob_token, at.name()).stage(), from) << "a refused move changes nothing";
    EXPECT_EQ(Get(firm.bob_token, at.name()).history_size(),
              static_cast<int>(kPathTo.at(from).size()) + 1);
    for (v1::Stage to : kStages) {
      if (!kLegal.count({from, to})) continue;
      ++legal;
      v1::Referral fresh = At(firm, from), moved;
      ASSERT_TRUE(Move(firm.alice_token, fresh.name(), to, &moved).ok())
          << v1::Stage_Name(from) << " → " << v1::Stage_Name(to);
      EXPECT_EQ(moved.stage(), to);
      EXPECT_EQ(moved.history(moved.history_size() - 1).from_stage(), from);
      EXPECT_EQ(moved.history(moved.history_size() - 1).to_stage(), to);
      ExpectLedgerSound(firm);
    }
  }
  EXPECT_EQ(legal, 10);
  EXPECT_EQ(illegal, 54);
  v1::Referral r = Offered(firm);
  EXPECT_STATUS(Move(firm.alice_token, r.name(), v1::STAGE_UNSPECIFIED), INVALID_ARGUMENT,
                "stage: is required");
  EXPECT_STATUS(Move(firm.alice_token, r.name(), static_cast<v1::Stage>(42)), INVALID_ARGUMENT,
                "stage");
}

TEST_F(ReferralsTest, WinningCreditsClosedBusinessAndDecliningOrWithdrawingVoidsTheOffer) {
  TestFirm firm = Firm();
  std::string alice = firm.Member("alice"), ann = firm.Contact("ann");
  v1::Referral r = At(firm, v1::STAGE_MEETING);
  EXPECT_EQ(Net(firm, alice, ann), 24);
  v1::Money none;
  EXPECT_STATUS(Move(firm.alice_token, r.name(), v1::STAGE_WON, nullptr, "", &none),
                INVALID_ARGUMENT, "closed_value: is required to move to STAGE_WON");
  v1::Money bad = Eur(5);
  bad.set_currency_code("eu");
  EXPECT_STATUS(Move(firm.alice_token, r.name(), v1::STAGE_WON, nullptr, "", &bad),
                INVALID_ARGUMENT, "closed_value.currency_code");
  v1::Money amount = Eur(1000);
  EXPECT_STATUS(Move(firm.alice_token, r.name(), v1::STAGE_LOST, nullptr, "", &amount),
                INVALID_ARGUMENT, "closed_value");
  v1::Money won_value = Eur(12500, 500000000);
  v1::Referral won;
  ASSERT_TRUE(Move(firm.alice_token, r.name(), v1::STAGE_WON, &won, "", &won_value).ok());
  EXPECT_EQ(won.closed_value().units(), 12500);
  EXPECT_EQ(won.closed_value().nanos(), 500000000);
  v1::Favour closed = Favour(firm, won.closed_favour());
  EXPECT_EQ(closed.kind(), v1::FAVOUR_KIND_CLOSED_BUSINESS);
  EXPECT_EQ(closed.value_points(), 100);
  EXPECT_EQ(closed.giver(), alice);
  EXPECT_EQ(Net(firm, alice, ann), 124);

  for (v1::Stage end : {v1::STAGE_DECLINED, v1::STAGE_WITHDRAWN}) {
    v1::Referral offered = Offered(firm), ended;
    EXPECT_EQ(Net(firm, alice, ann), 148);
    ASSERT_TRUE(Move(firm.alice_token, offered.name(), end, &ended).ok());
    EXPECT_FALSE(Favour(firm, offered.offer_favour()).voided_by().empty());
    EXPECT_EQ(Net(firm, alice, ann), 124) << v1::Stage_Name(end) << " voids the offer";
  }
  // An offer voided by hand stays voided; withdrawing does not fail on it.
  v1::Referral offered = Offered(firm);
  v1::VoidFavourRequest void_request;
  void_request.set_name(offered.offer_favour());
  void_request.set_reason("recorded twice");
  v1::Favour reversal;
  ASSERT_TRUE(ledger_->VoidFavour(Authed(firm.admin_token).get(), void_request, &reversal).ok());
  ASSERT_TRUE(Move(firm.alice_token, offered.name(), v1::STAGE_WITHDRAWN).ok());
  EXPECT_EQ(Net(firm, alice, ann), 124);
  // Lost keeps the offer: the referral was still given.
  v1::Referral lost = At(firm, v1::STAGE_LOST);
  EXPECT_TRUE(Favour(firm, lost.offer_favour()).voided_by().empty());
  EXPECT_EQ(Net(firm, alice, ann), 148);
}

TEST_F(ReferralsTest, OfTwoConcurrentMovesWithOneEtagOneWinsAndTheOtherIsAborted) {
  TestFirm firm = Firm();
  for (int round = 0; round < 5; ++round) {
    v1::Referral r = Offered(firm);
    std::atomic<int> ok{0}, aborted{0};
    std::vector<std::thread> threads;
    for (v1::Stage to : {v1::STAGE_ACCEPTED, v1::STAGE_DECLINED}) {
      threads.emplace_back([&, to] {
        grpc::Status status = Move(firm.alice_token, r.name(), to, nullptr, r.etag());
        if (status.ok()) ++ok;
        if (status.error_code() == grpc::StatusCode::ABORTED) ++aborted;
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(ok, 1);
    EXPECT_EQ(aborted, 1);
    EXPECT_EQ(Get(firm.bob_token, r.name()).history_size(), 2);
  }
  v1::Referral r = Offered(firm);
  ASSERT_TRUE(Move(firm.alice_token, r.name(), v1::STAGE_ACCEPTED, nullptr, r.etag()).ok());
  EXPECT_STATUS(Move(firm.alice_token, r.name(), v1::STAGE_CONTACTED, nullptr, r.etag()), ABORTED,
                "etag");
}

TEST_F(ReferralsTest, ConfidentialAmountsAreHiddenFromAThirdMemberButCountForTheReferrer) {
  TestFirm firm = Firm();
  std::string alice = firm.Member("alice"), ann = firm.Contact("ann");
  v1::CreateReferralRequest request = Offer(firm, alice, ann, 4);
  request.mutable_referral()->set_confidential(true);
  *request.mutable_referral()->mutable_estimated_value() = Eur(90000);
  v1::Referral r;
  ASSERT_TRUE(Create(firm.alice_token, request, &r).ok());
  EXPECT_EQ(r.estimated_value().units(), 90000);
  for (v1::Stage next : kPathTo.at(v1::STAGE_MEETING)) {
    ASSERT_TRUE(Move(firm.alice_token, r.name(), next).ok());
  }
  v1::Money value = Eur(70000);
  ASSERT_TRUE(Move(firm.alice_token, r.name(), v1::STAGE_WON, nullptr, "", &value).ok());
  // An open referral alongside, not confidential.
  v1::Referral plain = At(firm, v1::STAGE_MEETING);
  v1::Money plain_value = Eur(500);
  ASSERT_TRUE(Move(firm.alice_token, plain.name(), v1::STAGE_WON, nullptr, "", &plain_value).ok());

  v1::Referral seen_by_bob = Get(firm.bob_token, r.name());
  EXPECT_TRUE(seen_by_bob.amounts_withheld());
  EXPECT_FALSE(seen_by_bob.has_estimated_value());
  EXPECT_FALSE(seen_by_bob.has_closed_value());
  EXPECT_EQ(seen_by_bob.stage(), v1::STAGE_WON);
  EXPECT_FALSE(Get(firm.bob_token, plain.name()).amounts_withheld());
  for (const std::string& token : {firm.alice_token, firm.admin_token}) {
    v1::Referral seen = Get(token, r.name());
    EXPECT_FALSE(seen.amounts_withheld());
    EXPECT_EQ(seen.closed_value().units(), 70000);
  }
  v1::ListReferralsRequest list;
  list.set_parent(firm.name);
  v1::ListReferralsResponse page;
  ASSERT_TRUE(referrals_->ListReferrals(Authed(firm.bob_token).get(), list, &page).ok());
  ASSERT_EQ(page.referrals_size(), 2);
  EXPECT_TRUE(page.referrals(0).amounts_withheld());
  EXPECT_FALSE(page.referrals(0).has_closed_value());

  v1::ReferralReport for_bob = Report(firm.bob_token, firm);
  ASSERT_EQ(for_bob.credits_size(), 1);
  EXPECT_EQ(for_bob.credits(0).referrer(), alice);
  EXPECT_EQ(for_bob.credits(0).won_count(), 2) << "the confidential win still counts";
  EXPECT_EQ(for_bob.credits(0).withheld_count(), 1);
  ASSERT_EQ(for_bob.credits(0).closed_value_size(), 1);
  EXPECT_EQ(for_bob.credits(0).closed_value(0).units(), 500);
  v1::ReferralReport for_admin = Report(firm.admin_token, firm);
  EXPECT_EQ(for_admin.credits(0).withheld_count(), 0);
  EXPECT_EQ(for_admin.credits(0).closed_value(0).units(), 70500);
}

TEST_F(ReferralsTest, TheReportAddsUpAHandBuiltHistory) {
  TestFirm firm = Firm();
  std::string alice = firm.Member("alice"), bob = firm.Member("bob");
  std::string ann = firm.Contact("ann"), carl = firm.Contact("carl");
  // Each referral: who refers to whom, offered how many days ago, then moves
  // with the days ago each happened.
  struct Step {
    v1::Stage stage;
    int days_ago;
  };
  struct Planned {
    std::string referrer, recipient;
    int offered_days_ago;
    std::vector<Step> steps;
    int64_t won_units = 0;
  };
  std::vector<Planned> plan = {
      // alice → ann: won; 10 days offered, 2 accepted, 2 contacted, 2 meeting.
      {alice,
       ann,
       40,
       {{v1::STAGE_ACCEPTED, 30},
        {v1::STAGE_CONTACTED, 28},
        {v1::STAGE_MEETING, 26},
        {v1::STAGE_WON, 24}},
       3000},
      // alice → ann: lost; 2 days offered, 6 accepted, 4 contacted, 6 meeting.
      {alice,
       ann,
       38,
       {{v1::STAGE_ACCEPTED, 36},
        {v1::STAGE_CONTACTED, 30},
        {v1::STAGE_MEETING, 26},
        {v1::STAGE_LOST, 20}}},
      // alice → carl: declined after 3 days.
      {alice, carl, 20, {{v1::STAGE_DECLINED, 17}}},
      // alice → carl: 5 days offered, accepted 30 days ago and stuck there.
      {alice, carl, 35, {{v1::STAGE_ACCEPTED, 30}}},
      // carl → bob: won; 1 day offered, 2 accepted, 3 contacted, 4 meeting.
      {carl,
       bob,
       15,
       {{v1::STAGE_ACCEPTED, 14},
        {v1::STAGE_CONTACTED, 12},
        {v1::STAGE_MEETING, 9},
        {v1::STAGE_WON, 5}},
       800},
      // carl → alice: offered 3 days ago, not stuck yet.
      {carl, alice, 3, {}},
  };
  std::vector<std::string> names;
  for (const Planned& p : plan) {
    v1::CreateReferralRequest request = Offer(firm, p.referrer, p.recipient);
    *request.mutable_referral()->mutable_offer_time() = DaysAgo(p.offered_days_ago);
    v1::Referral r;
    ASSERT_TRUE(Create(firm.admin_token, request, &r).ok());
    for (const Step& step : p.steps) {
      google::protobuf::Timestamp when = DaysAgo(step.days_ago);
      v1::Money value = Eur(p.won_units);
      ASSERT_TRUE(Move(firm.admin_token, r.name(), step.stage, nullptr, "",
                       step.stage == v1::STAGE_WON ? &value : nullptr, &when)
                      .ok());
    }
    names.push_back(r.name());
  }
  v1::MoveReferralRequest backwards;
  backwards.set_name(names[5]);
  backwards.set_stage(v1::STAGE_ACCEPTED);
  *backwards.mutable_move_time() = DaysAgo(4);
  v1::Referral ignored;
  EXPECT_STATUS(referrals_->MoveReferral(Authed(firm.admin_token).get(), backwards, &ignored),
                INVALID_ARGUMENT, "move_time: is before the referral entered STAGE_OFFERED");

  v1::ReferralReport whole = Report(firm.admin_token, firm);
  EXPECT_EQ(whole.party(), "");
  EXPECT_EQ(whole.given_count(), 6);
  EXPECT_EQ(whole.received_count(), 6);
  EXPECT_EQ(whole.won_count(), 2);
  EXPECT_EQ(whole.lost_count(), 1);
  EXPECT_EQ(whole.declined_count(), 1);
  EXPECT_EQ(whole.withdrawn_count(), 0);
  EXPECT_EQ(whole.open_count(), 2);
  EXPECT_DOUBLE_EQ(whole.conversion_rate(), 2.0 / 6.0);
  // One win each: ties go by referrer name, and contacts/ sorts before members/.
  ASSERT_EQ(whole.credits_size(), 2);
  EXPECT_EQ(whole.credits(0).referrer(), carl);
  EXPECT_EQ(whole.credits(0).closed_value(0).units(), 800);
  EXPECT_EQ(whole.credits(1).referrer(), alice);
  EXPECT_EQ(whole.credits(1).closed_value(0).units(), 3000);
  EXPECT_EQ(whole.stuck_after_days(), 14);
  ASSERT_EQ(whole.stuck_size(), 1);
  EXPECT_EQ(whole.stuck(0).referral(), names[3]);
  EXPECT_EQ(whole.stuck(0).stage(), v1::STAGE_ACCEPTED);
  EXPECT_EQ(whole.stuck(0).days(), 30);
  // Medians over the referrals that left each stage:
  //   offered   10, 2, 3, 5, 1 days   → 3
  //   accepted  2, 6, 2 days          → 2
  //   contacted 2, 4, 3 days          → 3
  //   meeting   2, 6, 4 days          → 4
  std::map<v1::Stage, std::pair<int, int64_t>> medians;
  for (const v1::StageTime& t : whole.stage_times()) {
    medians[t.stage()] = {t.count(), t.median().seconds()};
  }
  int64_t day = 24 * 3600;
  EXPECT_EQ(medians[v1::STAGE_OFFERED], std::make_pair(5, 3 * day));
  EXPECT_EQ(medians[v1::STAGE_ACCEPTED], std::make_pair(3, 2 * day));
  EXPECT_EQ(medians[v1::STAGE_CONTACTED], std::make_pair(3, 3 * day));
  EXPECT_EQ(medians[v1::STAGE_MEETING], std::make_pair(3, 4 * day));
  EXPECT_EQ(whole.stage_times_size(), 4);

  v1::ReferralReport of_alice = Report(firm.bob_token, firm, alice);
  EXPECT_EQ(of_alice.party(), alice);
  EXPECT_EQ(of_alice.given_count(), 4);
  EXPECT_EQ(of_alice.received_count(), 1);
  EXPECT_EQ(of_alice.won_count(), 1);
  EXPECT_EQ(of_alice.lost_count(), 1);
  EXPECT_EQ(of_alice.declined_count(), 1);
  EXPECT_EQ(of_alice.open_count(), 1);
  EXPECT_DOUBLE_EQ(of_alice.conversion_rate(), 0.25);
  ASSERT_EQ(of_alice.credits_size(), 1);
  EXPECT_EQ(of_alice.credits(0).referrer(), alice);
  EXPECT_EQ(of_alice.credits(0).closed_value(0).units(), 3000);

  v1::ReferralReport of_carl = Report(firm.bob_token, firm, carl);
  EXPECT_EQ(of_carl.given_count(), 2);
  EXPECT_EQ(of_carl.received_count(), 2);
  EXPECT_DOUBLE_EQ(of_carl.conversion_rate(), 0.5);
  ASSERT_EQ(of_carl.credits_size(), 1);
  EXPECT_EQ(of_carl.credits(0).referrer(), carl);
  EXPECT_EQ(of_carl.credits(0).closed_value(0).units(), 800);

  // A time range: only referrals offered from 16 to 4 days ago.
  v1::GetReferralReportRequest ranged;
  ranged.set_parent(firm.name);
  *ranged.mutable_start_time() = DaysAgo(16);
  *ranged.mutable_end_time() = DaysAgo(4);
  v1::ReferralReport recent;
  ASSERT_TRUE(referrals_->GetReferralReport(Authed(firm.bob_token).get(), ranged, &recent).ok());
  EXPECT_EQ(recent.given_count(), 1) << "carl → bob; carl → alice was offered after the range";
  EXPECT_EQ(recent.stage_times_size(), 4);
  EXPECT_EQ(recent.won_count(), 1);
  *ranged.mutable_end_time() = DaysAgo(20);
  EXPECT_STATUS(referrals_->GetReferralReport(Authed(firm.bob_token).get(), ranged, &recent),
                INVALID_ARGUMENT, "end_time");
  ranged.clear_end_time();
  ranged.set_party(firm.Contact("ghost"));
  EXPECT_STATUS(referrals_->GetReferralReport(Authed(firm.bob_token).get(), ranged, &recent),
                NOT_FOUND, "party");
}

TEST_F(ReferralsTest, ListsFilterByPartyProspectStageAndStatusAndPage) {
  TestFirm firm = Firm();
  std::string alice = firm.Member("alice"), ann = firm.Contact("ann");
  std::string carl = firm.Contact("carl");
  v1::Referral won = At(firm, v1::STAGE_WON);
  v1::Referral accepted = At(firm, v1::STAGE_ACCEPTED);
  v1::CreateReferralRequest about_carl = Offer(firm, alice, ann);
  about_carl.mutable_referral()->mutable_prospect()->clear_description();
  about_carl.mutable_referral()->mutable_prospect()->set_contact(carl);
  v1::Referral prospect;
  ASSERT_TRUE(Create(firm.alice_token, about_carl, &prospect).ok());
  EXPECT_EQ(prospect.prospect().contact(), carl);
  auto names = [&](std::function<void(v1::ListReferralsRequest&)> filter) {
    v1::ListReferralsRequest request;
    request.set_parent(firm.name);
    filter(request);
    v1::ListReferralsResponse page;
    grpc::Status status = referrals_->ListReferrals(Authed(firm.bob_token).get(), request, &page);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> out;
    for (const v1::Referral& r : page.referrals()) out.push_back(r.name());
    return out;
  };
  EXPECT_THAT(names([](auto&) {}), ElementsAre(won.name(), accepted.name(), prospect.name()));
  EXPECT_THAT(names([&](auto& r) { r.set_status(v1::REFERRAL_STATUS_OPEN); }),
              ElementsAre(accepted.name(), prospect.name()));
  EXPECT_THAT(names([&](auto& r) { r.set_status(v1::REFERRAL_STATUS_CLOSED); }),
              ElementsAre(won.name()));
  EXPECT_THAT(names([&](auto& r) { r.set_stage(v1::STAGE_ACCEPTED); }),
              ElementsAre(accepted.name()));
  EXPECT_THAT(names([&](auto& r) { r.set_prospect(carl); }), ElementsAre(prospect.name()));
  EXPECT_THAT(names([&](auto& r) { r.set_referrer(ann); }), ElementsAre());
  EXPECT_EQ(names([&](auto& r) { r.set_recipient(ann); }).size(), 3u);

  v1::ListReferralsRequest request;
  request.set_parent(firm.name);
  request.set_page_size(2);
  v1::ListReferralsResponse first, second;
  ASSERT_TRUE(referrals_->ListReferrals(Authed(firm.bob_token).get(), request, &first).ok());
  ASSERT_EQ(first.referrals_size(), 2);
  ASSERT_FALSE(first.next_page_token().empty());
  request.set_page_token(first.next_page_token());
  ASSERT_TRUE(referrals_->ListReferrals(Authed(firm.bob_token).get(), request, &second).ok());
  ASSERT_EQ(second.referrals_size(), 1);
  EXPECT_EQ(second.referrals(0).name(), prospect.name());
  EXPECT_TRUE(second.next_page_token().empty());
  request.set_stage(v1::STAGE_WON);
  EXPECT_STATUS(referrals_->ListReferrals(Authed(firm.bob_token).get(), request, &second),
                INVALID_ARGUMENT, "page_token");
  request.clear_page_token();
  request.set_status(static_cast<v1::ReferralStatus>(9));
  EXPECT_STATUS(referrals_->ListReferrals(Authed(firm.bob_token).get(), request, &second),
                INVALID_ARGUMENT, "status");
}

TEST_F(ReferralsTest, BadInputNamesTheFieldAndLeavesNothingBehind) {
  TestFirm firm = Firm();
  std::string alice = firm.Member("alice"), ann = firm.Contact("ann");
  auto refused = [&](std::function<void(v1::Referral&)> change, grpc::StatusCode code,
                     const std::string& fragment) {
    v1::CreateReferralRequest request = Offer(firm, alice, ann);
    change(*request.mutable_referral());
    grpc::Status status = Create(firm.admin_token, request);
    EXPECT_EQ(status.error_code(), code) << fragment << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(fragment));
  };
  using grpc::StatusCode;
  refused([](auto& r) { r.clear_referrer(); }, StatusCode::INVALID_ARGUMENT,
          "referral.referrer: is required");
  refused([&](auto& r) { r.set_recipient(firm.name + "/favours/x"); }, StatusCode::INVALID_ARGUMENT,
          "referral.recipient");
  refused([&](auto& r) { r.set_recipient(alice); }, StatusCode::INVALID_ARGUMENT,
          "referral.recipient: must differ from the referrer");
  refused([&](auto& r) { r.set_recipient(firm.Contact("ghost")); }, StatusCode::NOT_FOUND,
          "referral.recipient");
  refused([](auto& r) { r.clear_prospect(); }, StatusCode::INVALID_ARGUMENT, "referral.prospect");
  refused([&](auto& r) { r.mutable_prospect()->set_contact(firm.Contact("ann")); },
          StatusCode::INVALID_ARGUMENT, "referral.prospect");
  refused(
      [&](auto& r) {
        r.mutable_prospect()->clear_description();
        r.mutable_prospect()->set_contact(firm.Contact("ghost"));
      },
      StatusCode::NOT_FOUND, "referral.prospect.contact");
  refused([](auto& r) { r.clear_need(); }, StatusCode::INVALID_ARGUMENT, "referral.need");
  refused([](auto& r) { r.set_need(std::string(501, 'x')); }, StatusCode::INVALID_ARGUMENT,
          "referral.need");
  refused([](auto& r) { r.set_warmth(0); }, StatusCode::INVALID_ARGUMENT, "referral.warmth");
  refused([](auto& r) { r.set_warmth(6); }, StatusCode::INVALID_ARGUMENT, "referral.warmth");
  refused([](auto& r) { *r.mutable_estimated_value() = Eur(-5); }, StatusCode::INVALID_ARGUMENT,
          "referral.estimated_value.units");
  refused([](auto& r) { *r.mutable_estimated_value() = Eur(5, 1000000000); },
          StatusCode::INVALID_ARGUMENT, "referral.estimated_value.nanos");
  refused([](auto& r) { r.mutable_estimated_value()->set_units(7); }, StatusCode::INVALID_ARGUMENT,
          "referral.estimated_value.currency_code");
  refused(
      [](auto& r) {
        r.mutable_offer_time()->set_seconds(absl::ToUnixSeconds(absl::Now()) + 3 * 86400);
      },
      StatusCode::INVALID_ARGUMENT, "referral.offer_time");
  // Nothing was written by any of them.
  v1::ListReferralsRequest list;
  list.set_parent(firm.name);
  v1::ListReferralsResponse page;
  ASSERT_TRUE(referrals_->ListReferrals(Authed(firm.bob_token).get(), list, &page).ok());
  EXPECT_EQ(page.referrals_size(), 0);
  EXPECT_EQ(Net(firm, alice, ann), 0);

  // A retry with the same request id returns the first answer and offers once.
  v1::CreateReferralRequest request = Offer(firm, alice, ann);
  request.set_request_id("1b4e28ba-2fa1-4d2b-a3e8-0c7ab4f1d201");
  v1::Referral first, again;
  ASSERT_TRUE(Create(firm.alice_token, request, &first).ok());
  ASSERT_TRUE(Create(firm.alice_token, request, &again).ok());
  EXPECT_EQ(again.name(), first.name());
  EXPECT_EQ(Net(firm, alice, ann), 24);
  request.mutable_referral()->set_warmth(5);
  EXPECT_STATUS(Create(firm.alice_token, request), ALREADY_EXISTS, "request_id");
  v1::MoveReferralRequest move;
  move.set_name(first.name());
  move.set_stage(v1::STAGE_DECLINED);
  move.set_request_id("1b4e28ba-2fa1-4d2b-a3e8-0c7ab4f1d202");
  v1::Referral declined;
  ASSERT_TRUE(referrals_->MoveReferral(Authed(firm.alice_token).get(), move, &declined).ok());
  ASSERT_TRUE(referrals_->MoveReferral(Authed(firm.alice_token).get(), move, &declined).ok())
      << "a retried move replays, it is not refused as a move out of STAGE_DECLINED";
  EXPECT_EQ(Get(firm.bob_token, first.name()).history_size(), 2);
  EXPECT_EQ(Net(firm, alice, ann), 0);
  move.set_note(std::string(2001, 'n'));
  move.set_request_id("");
  EXPECT_STATUS(referrals_->MoveReferral(Authed(firm.alice_token).get(), move, &declined),
                INVALID_ARGUMENT, "note");
  EXPECT_STATUS(Move(firm.alice_token, firm.name + "/referrals/ghost", v1::STAGE_ACCEPTED),
                NOT_FOUND, "name");
  EXPECT_STATUS(Move(firm.alice_token, "referrals/x", v1::STAGE_ACCEPTED), INVALID_ARGUMENT,
                "name");
}

TEST_F(ReferralsTest, MembersWorkOnlyOnReferralsTheyGiveOrReceive) {
  TestFirm firm = Firm();
  std::string alice = firm.Member("alice"), bob = firm.Member("bob");
  std::string ann = firm.Contact("ann");
  EXPECT_STATUS(Create(firm.bob_token, Offer(firm, alice, ann)), PERMISSION_DENIED,
                "referral: members create only referrals they give or receive");
  v1::Referral to_bob;
  ASSERT_TRUE(Create(firm.alice_token, Offer(firm, alice, bob), &to_bob).ok());
  v1::Referral to_ann = Offered(firm);
  EXPECT_STATUS(Move(firm.bob_token, to_ann.name(), v1::STAGE_ACCEPTED), PERMISSION_DENIED,
                "name: members move only referrals they give or receive");
  EXPECT_STATUS(Move(firm.bob_token, to_bob.name(), v1::STAGE_WITHDRAWN), PERMISSION_DENIED,
                "only the referrer withdraws");
  EXPECT_STATUS(Move(firm.alice_token, to_bob.name(), v1::STAGE_ACCEPTED), PERMISSION_DENIED,
                "stage: only the recipient moves a referral to STAGE_ACCEPTED");
  ASSERT_TRUE(Move(firm.bob_token, to_bob.name(), v1::STAGE_ACCEPTED).ok())
      << "the recipient accepts";
  ASSERT_TRUE(Move(firm.alice_token, to_bob.name(), v1::STAGE_WITHDRAWN).ok());
  // Admins and tools act for any party.
  ASSERT_TRUE(Create(firm.service_token, Offer(firm, ann, bob)).ok());
  ASSERT_TRUE(Move(firm.admin_token, to_ann.name(), v1::STAGE_WITHDRAWN).ok());
}

TEST_F(ReferralsTest, AnotherFirmsReferralsAreOutOfReach) {
  TestFirm firm = Firm();
  TestFirm other = Firm();
  v1::Referral r = Offered(firm);
  std::string theirs = other.alice_token;
  EXPECT_STATUS(Create(theirs, Offer(firm, firm.Member("alice"), firm.Contact("ann"))),
                PERMISSION_DENIED, "parent");
  EXPECT_STATUS(Create(theirs, Offer(other, other.Member("alice"), firm.Contact("ann"))),
                PERMISSION_DENIED, "referral.recipient");
  v1::GetReferralRequest get;
  get.set_name(r.name());
  v1::Referral out;
  EXPECT_STATUS(referrals_->GetReferral(Authed(theirs).get(), get, &out), PERMISSION_DENIED,
                "name");
  EXPECT_STATUS(Move(theirs, r.name(), v1::STAGE_ACCEPTED), PERMISSION_DENIED, "name");
  v1::ListReferralsRequest list;
  list.set_parent(firm.name);
  v1::ListReferralsResponse page;
  EXPECT_STATUS(referrals_->ListReferrals(Authed(theirs).get(), list, &page), PERMISSION_DENIED,
                "parent");
  v1::GetReferralReportRequest report;
  report.set_parent(firm.name);
  v1::ReferralReport out_report;
  EXPECT_STATUS(referrals_->GetReferralReport(Authed(theirs).get(), report, &out_report),
                PERMISSION_DENIED, "parent");
  // Their own lists never show this firm's referrals.
  list.set_parent(other.name);
  ASSERT_TRUE(referrals_->ListReferrals(Authed(theirs).get(), list, &page).ok());
  EXPECT_EQ(page.referrals_size(), 0);
  EXPECT_EQ(Get(firm.bob_token, r.name()).stage(), v1::STAGE_OFFERED);
}

TEST_F(ReferralsTest, MergingAContactMovesItsReferrals) {
  TestFirm firm = Firm();
  AddContact(firm, "ann-dup", "Ann (dup)");
  std::string alice = firm.Member("alice");
  v1::Referral to_dup;
  ASSERT_TRUE(Create(firm.alice_token, Offer(firm, alice, firm.Contact("ann-dup")), &to_dup).ok());
  v1::CreateReferralRequest about_dup = Offer(firm, alice, firm.Contact("carl"));
  about_dup.mutable_referral()->mutable_prospect()->clear_description();
  about_dup.mutable_referral()->mutable_prospect()->set_contact(firm.Contact("ann-dup"));
  v1::Referral prospect;
  ASSERT_TRUE(Create(firm.alice_token, about_dup, &prospect).ok());
  v1::MergeContactsRequest merge;
  merge.set_name(firm.Contact("ann"));
  merge.set_merged(firm.Contact("ann-dup"));
  v1::Contact survivor;
  ASSERT_TRUE(contacts().MergeContacts(Authed(firm.admin_token).get(), merge, &survivor).ok());
  EXPECT_EQ(Get(firm.bob_token, to_dup.name()).recipient(), firm.Contact("ann"));
  EXPECT_EQ(Get(firm.bob_token, prospect.name()).prospect().contact(), firm.Contact("ann"));
  EXPECT_EQ(Net(firm, alice, firm.Contact("ann")), 24);
  ASSERT_TRUE(Move(firm.alice_token, to_dup.name(), v1::STAGE_WITHDRAWN).ok());
  EXPECT_EQ(Net(firm, alice, firm.Contact("ann")), 0);

  // A merge that leaves one contact on both sides: nothing is owed any more.
  v1::Referral between;
  ASSERT_TRUE(
      Create(firm.admin_token, Offer(firm, firm.Contact("ann"), firm.Contact("carl")), &between)
          .ok());
  merge.set_merged(firm.Contact("carl"));
  ASSERT_TRUE(contacts().MergeContacts(Authed(firm.admin_token).get(), merge, &survivor).ok());
  v1::Referral merged = Get(firm.bob_token, between.name());
  EXPECT_EQ(merged.referrer(), merged.recipient());
  EXPECT_NE(merged.etag(), between.etag()) << "the merge changed the referral";
  EXPECT_STATUS(Move(firm.admin_token, between.name(), v1::STAGE_DECLINED), FAILED_PRECONDITION,
                "merged into one contact");
}

}  // namespace
}  // namespace refnet::testing
