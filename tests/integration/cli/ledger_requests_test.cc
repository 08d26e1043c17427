// The ledger commands turn flags into exactly the favours, parties, filters
// and settings masks the user asked for.
#include <string>
#include <utility>
#include <vector>

#include "clients/refnetctl/balance_requests.h"
#include "clients/refnetctl/exit_status.h"
#include "clients/refnetctl/favour_requests.h"
#include "clients/refnetctl/referral_requests.h"
#include "clients/refnetctl/review_requests.h"
#include "clients/refnetctl/settings_requests.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace refnet::ctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

ParsedArgs Args(std::vector<std::pair<std::string, std::string>> flags,
                std::vector<std::string> positional = {}) {
  ParsedArgs args;
  for (auto& [name, value] : flags) args.Add(name, value);
  args.positional = std::move(positional);
  return args;
}

GlobalOptions Acme() {
  GlobalOptions options;
  options.firm_id = "acme";
  options.caller_member_id = "alice";
  options.request_id = "6f1c2f7e-1111-4222-8333-444455556666";
  return options;
}

TEST(FavourRequestsTest, RecordMapsEveryFlag) {
  absl::StatusOr<v1::RecordFavourRequest> request =
      BuildRecordFavour(Args({{"giver", "members/alice"},
                              {"receiver", "contacts/ann"},
                              {"kind", "closed-business"},
                              {"points", "250"},
                              {"occurred-at", "2024-05-01T09:30:00Z"},
                              {"note", "the Globex deal"},
                              {"referral", "r1"},
                              {"ask", "firms/acme/asks/a1"},
                              {"introduced", "firms/acme/contacts/bob"}}),
                        Acme());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->parent(), "firms/acme");
  EXPECT_EQ(request->request_id(), "6f1c2f7e-1111-4222-8333-444455556666");
  const v1::Favour& favour = request->favour();
  EXPECT_EQ(favour.giver(), "firms/acme/members/alice");
  EXPECT_EQ(favour.receiver(), "firms/acme/contacts/ann");
  EXPECT_EQ(favour.kind(), v1::FAVOUR_KIND_CLOSED_BUSINESS);
  EXPECT_EQ(favour.value_points(), 250);
  EXPECT_EQ(favour.occurred_at().seconds(), 1714555800);
  EXPECT_EQ(favour.note(), "the Globex deal");
  EXPECT_EQ(favour.referral(), "firms/acme/referrals/r1");
  EXPECT_EQ(favour.ask(), "firms/acme/asks/a1");
  EXPECT_EQ(favour.introduced_party(), "firms/acme/contacts/bob");
}

TEST(FavourRequestsTest, RecordLeavesDefaultsToTheServer) {
  absl::StatusOr<v1::RecordFavourRequest> request = BuildRecordFavour(
      Args({{"giver", "contacts/ann"}, {"receiver", "members/alice"}, {"kind", "LEAD"}}), Acme());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->favour().kind(), v1::FAVOUR_KIND_LEAD);
  EXPECT_EQ(request->favour().value_points(), 0);
  EXPECT_FALSE(request->favour().has_occurred_at());
  EXPECT_EQ(request->favour().introduced_party(), "");
}

TEST(FavourRequestsTest, BareIdsAndBadValuesAreUsageErrors) {
  absl::Status bare = BuildRecordFavour(Args({{"giver", "alice"}}), Acme()).status();
  EXPECT_TRUE(IsUsageError(bare));
  EXPECT_THAT(bare.message(), HasSubstr("--giver \"alice\""));
  EXPECT_THAT(bare.message(), HasSubstr("members/ID, contacts/ID"));
  EXPECT_TRUE(IsUsageError(BuildRecordFavour(Args({{"kind", "bribe"}}), Acme()).status()));
  EXPECT_TRUE(IsUsageError(BuildRecordFavour(Args({{"points", "ten"}}), Acme()).status()));
  EXPECT_TRUE(IsUsageError(BuildRecordFavour(Args({{"occurred-at", "soon"}}), Acme()).status()));
  EXPECT_TRUE(
      IsUsageError(BuildRecordFavour(Args({{"introduced", "favours/x"}}), Acme()).status()));
}

TEST(FavourRequestsTest, ListCopiesFilters) {
  absl::StatusOr<v1::ListFavoursRequest> request =
      BuildListFavours(Args({{"party", "members/alice"},
                             {"counterparty", "contacts/ann"},
                             {"kind", "advice"},
                             {"since", "2024-05-01"},
                             {"until", "2024-06-01T00:00:00Z"},
                             {"page-size", "5"},
                             {"page-token", "T"}}),
                       Acme());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->party(), "firms/acme/members/alice");
  EXPECT_EQ(request->counterparty(), "firms/acme/contacts/ann");
  EXPECT_EQ(request->kind(), v1::FAVOUR_KIND_ADVICE);
  EXPECT_EQ(request->start_time().seconds(), 1714521600);
  EXPECT_EQ(request->end_time().seconds(), 1717200000);
  EXPECT_EQ(request->page_size(), 5);
  EXPECT_EQ(request->page_token(), "T");
  absl::StatusOr<v1::ListFavoursRequest> plain = BuildListFavours(Args({}), Acme());
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain->has_start_time());
  EXPECT_FALSE(plain->has_end_time());
  EXPECT_TRUE(
      IsUsageError(BuildListFavours(Args({{"counterparty", "contacts/ann"}}), Acme()).status()));
}

TEST(FavourRequestsTest, GetAndVoidNameTheFavour) {
  EXPECT_EQ(BuildGetFavour(Args({}, {"f1"}), Acme())->name(), "firms/acme/favours/f1");
  absl::StatusOr<v1::VoidFavourRequest> request =
      BuildVoidFavour(Args({{"reason", "typo"}}, {"firms/acme/favours/f1"}), Acme());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->name(), "firms/acme/favours/f1");
  EXPECT_EQ(request->reason(), "typo");
  EXPECT_EQ(request->request_id(), "6f1c2f7e-1111-4222-8333-444455556666");
}

TEST(BalanceRequestsTest, PairsTakePartyThenCounterparty) {
  absl::StatusOr<v1::GetBalanceRequest> get =
      BuildGetBalance(Args({}, {"members/alice", "contacts/ann"}), Acme());
  ASSERT_TRUE(get.ok()) << get.status();
  EXPECT_EQ(get->parent(), "firms/acme");
  EXPECT_EQ(get->party(), "firms/acme/members/alice");
  EXPECT_EQ(get->counterparty(), "firms/acme/contacts/ann");
  absl::StatusOr<v1::ExplainBalanceRequest> explain =
      BuildExplainBalance(Args({{"page-size", "3"}}, {"contacts/ann", "members/bob"}), Acme());
  ASSERT_TRUE(explain.ok()) << explain.status();
  EXPECT_EQ(explain->party(), "firms/acme/contacts/ann");
  EXPECT_EQ(explain->counterparty(), "firms/acme/members/bob");
  EXPECT_EQ(explain->page_size(), 3);
  absl::Status bare = BuildGetBalance(Args({}, {"alice", "contacts/ann"}), Acme()).status();
  EXPECT_TRUE(IsUsageError(bare));
  EXPECT_THAT(bare.message(), HasSubstr("PARTY"));
}

TEST(BalanceRequestsTest, ListDirectionWords) {
  auto direction = [](const std::string& word) {
    return BuildListBalances(Args({{"direction", word}}, {"members/alice"}), Acme());
  };
  EXPECT_EQ(direction("owed-to-party")->direction(), v1::BALANCE_DIRECTION_COUNTERPARTY_OWES);
  EXPECT_EQ(direction("owed-by-party")->direction(), v1::BALANCE_DIRECTION_PARTY_OWES);
  EXPECT_TRUE(IsUsageError(direction("even").status()));
  absl::StatusOr<v1::ListBalancesRequest> both =
      BuildListBalances(Args({}, {"members/alice"}), Acme());
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->direction(), v1::BALANCE_DIRECTION_UNSPECIFIED);
  EXPECT_EQ(both->party(), "firms/acme/members/alice");
}

TEST(BalanceRequestsTest, TopAndStanding) {
  EXPECT_EQ(BuildListTopBalances(Args({{"limit", "3"}}), Acme())->limit(), 3);
  EXPECT_EQ(BuildListTopBalances(Args({}), Acme())->limit(), 0);
  EXPECT_EQ(BuildGetStanding(Args({}, {"contacts/ann"}), Acme())->party(),
            "firms/acme/contacts/ann");
}

TEST(SettingsRequestsTest, UpdateMaskNamesOnlyTheFlagsGiven) {
  absl::StatusOr<v1::UpdateFirmSettingsRequest> request =
      BuildUpdateFirmSettings(Args({{"value", "lead=15"},
                                    {"value", "closed-business=200"},
                                    {"taker-ratio", "2.5"},
                                    {"key-max", "0"},
                                    {"etag", "W/\"3\""}}),
                              Acme());
  ASSERT_TRUE(request.ok()) << request.status();
  const v1::FirmSettings& settings = request->settings();
  EXPECT_EQ(settings.name(), "firms/acme/settings");
  ASSERT_EQ(settings.favour_values_size(), 2);
  EXPECT_EQ(settings.favour_values(0).kind(), v1::FAVOUR_KIND_LEAD);
  EXPECT_EQ(settings.favour_values(0).value_points(), 15);
  EXPECT_EQ(settings.favour_values(1).kind(), v1::FAVOUR_KIND_CLOSED_BUSINESS);
  EXPECT_DOUBLE_EQ(settings.taker_ratio(), 2.5);
  EXPECT_EQ(settings.key_relationships_max(), 0);
  EXPECT_EQ(settings.etag(), "W/\"3\"");
  EXPECT_EQ(request->request_id(), "6f1c2f7e-1111-4222-8333-444455556666");
  EXPECT_THAT(request->update_mask().paths(),
              ElementsAre("favour_values", "taker_ratio", "key_relationships_max"));
}

TEST(SettingsRequestsTest, ReviewAndNettingFlagsMapToTheirFields) {
  absl::StatusOr<v1::UpdateFirmSettingsRequest> request = BuildUpdateFirmSettings(
      Args({{"follow-up-days", "1,7,30"}, {"nurture-days", "45"}, {"netting", "false"}}), Acme());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_THAT(request->settings().follow_up_days(), ElementsAre(1, 7, 30));
  EXPECT_EQ(request->settings().nurture_days(), 45);
  ASSERT_TRUE(request->settings().has_netting_enabled());
  EXPECT_FALSE(request->settings().netting_enabled());
  EXPECT_THAT(request->update_mask().paths(),
              ElementsAre("follow_up_days", "nurture_days", "netting_enabled"));
  request = BuildUpdateFirmSettings(Args({{"netting", "true"}}), Acme());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_TRUE(request->settings().netting_enabled());
  absl::Status bad = BuildUpdateFirmSettings(Args({{"follow-up-days", "1,x"}}), Acme()).status();
  EXPECT_TRUE(IsUsageError(bad));
  EXPECT_THAT(bad.message(), HasSubstr("--follow-up-days"));
}

TEST(ReviewRequestsTest, TheMemberDefaultsToTheCaller) {
  absl::StatusOr<v1::GetWeeklyReviewRequest> request = BuildGetWeeklyReview(Args({}), Acme());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->member(), "firms/acme/members/alice");
  EXPECT_FALSE(request->has_as_of());
  EXPECT_EQ(request->max_items_per_section(), 0);
  request = BuildGetWeeklyReview(
      Args({{"member", "bob"}, {"as-of", "2026-11-16T09:00:00Z"}, {"max", "3"}}), Acme());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->member(), "firms/acme/members/bob");
  EXPECT_EQ(request->as_of().seconds(), 1794819600);
  EXPECT_EQ(request->max_items_per_section(), 3);
  EXPECT_TRUE(IsUsageError(BuildGetWeeklyReview(Args({{"max", "many"}}), Acme()).status()));
}

TEST(ReferralRequestsTest, MoneyIsCurrencyColonAmount) {
  absl::StatusOr<v1::Money> money = ParseMoney("EUR:12500.5", "closed");
  ASSERT_TRUE(money.ok()) << money.status();
  EXPECT_EQ(money->currency_code(), "EUR");
  EXPECT_EQ(money->units(), 12500);
  EXPECT_EQ(money->nanos(), 500000000);
  EXPECT_EQ(ParseMoney("USD:7", "closed")->nanos(), 0);
  for (const char* bad : {"12500", "EUR:", ":5", "EUR:1.x", "EUR:1.1234567891", "EUR:1.-5"}) {
    absl::StatusOr<v1::Money> refused = ParseMoney(bad, "closed");
    EXPECT_FALSE(refused.ok()) << bad;
    EXPECT_NE(refused.status().message().find("--closed"), std::string::npos) << bad;
  }
}

TEST(ReferralRequestsTest, MovesNameTheReferralAndTheStage) {
  absl::StatusOr<v1::MoveReferralRequest> request =
      BuildMoveReferral(Args({{"closed", "EUR:10"}}, {"r1", "won"}), Acme());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->name(), "firms/acme/referrals/r1");
  EXPECT_EQ(request->stage(), v1::STAGE_WON);
  EXPECT_EQ(request->closed_value().units(), 10);
  EXPECT_FALSE(BuildMoveReferral(Args({}, {"r1", "nowhere"}), Acme()).ok());
}

TEST(SettingsRequestsTest, ReferralAndAskFlagsHaveTheirPaths) {
  absl::StatusOr<v1::UpdateFirmSettingsRequest> request =
      BuildUpdateFirmSettings(Args({{"warmth-percents", "10,20,30,40,50"},
                                    {"stuck-days", "7"},
                                    {"ask-cap", "2"},
                                    {"ask-budget-base", "1"},
                                    {"ask-budget-points", "60"}}),
                              Acme());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_THAT(request->settings().referral_warmth_percents(), ElementsAre(10, 20, 30, 40, 50));
  EXPECT_EQ(request->settings().referral_stuck_days(), 7);
  EXPECT_EQ(request->settings().ask_weekly_cap(), 2);
  EXPECT_EQ(request->settings().ask_budget_base(), 1);
  EXPECT_EQ(request->settings().ask_budget_points_per_ask(), 60);
  EXPECT_THAT(request->update_mask().paths(),
              ElementsAre("referral_warmth_percents", "referral_stuck_days", "ask_weekly_cap",
                          "ask_budget_base", "ask_budget_points_per_ask"));
  absl::StatusOr<v1::UpdateFirmSettingsRequest> bad =
      BuildUpdateFirmSettings(Args({{"warmth-percents", "10,x"}}), Acme());
  EXPECT_NE(bad.status().message().find("--warmth-percents"), std::string::npos) << bad.status();
}

TEST(SettingsRequestsTest, EveryThresholdFlagHasItsPath) {
  absl::StatusOr<v1::UpdateFirmSettingsRequest> request =
      BuildUpdateFirmSettings(Args({{"balanced-band", "30"},
                                    {"one-way-min", "4"},
                                    {"dormant-days", "90"},
                                    {"taker-min", "6"}}),
                              Acme());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->settings().balanced_band_points(), 30);
  EXPECT_EQ(request->settings().one_way_min_count(), 4);
  EXPECT_EQ(request->settings().dormant_days(), 90);
  EXPECT_EQ(request->settings().taker_min_count(), 6);
  EXPECT_THAT(
      request->update_mask().paths(),
      ElementsAre("balanced_band_points", "one_way_min_count", "dormant_days", "taker_min_count"));
}

TEST(SettingsRequestsTest, BadOrMissingFlagsAreUsageErrors) {
  EXPECT_TRUE(IsUsageError(BuildUpdateFirmSettings(Args({}), Acme()).status()));
  EXPECT_TRUE(IsUsageError(BuildUpdateFirmSettings(Args({{"etag", "E"}}), Acme()).status()));
  for (const char* value : {"lead", "lead=", "lead=ten", "bribe=5", "=5"}) {
    EXPECT_TRUE(IsUsageError(BuildUpdateFirmSettings(Args({{"value", value}}), Acme()).status()))
        << value;
  }
  EXPECT_TRUE(
      IsUsageError(BuildUpdateFirmSettings(Args({{"taker-ratio", "lots"}}), Acme()).status()));
  EXPECT_TRUE(
      IsUsageError(BuildUpdateFirmSettings(Args({{"dormant-days", "1e3"}}), Acme()).status()));
}

TEST(SettingsRequestsTest, FirmWideRequestsNameTheFirm) {
  EXPECT_EQ(BuildGetFirmSettings(Args({}), Acme())->name(), "firms/acme/settings");
  EXPECT_EQ(BuildCheckLedger(Args({}), Acme())->parent(), "firms/acme");
  EXPECT_EQ(BuildRebuildCache(Args({}), Acme())->parent(), "firms/acme");
  EXPECT_TRUE(IsUsageError(BuildCheckLedger(Args({}), GlobalOptions()).status()));
}

}  // namespace
}  // namespace refnet::ctl
