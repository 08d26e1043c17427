// How ledger responses read: who owes whom, favour tables, rankings, and the
// exit codes of the ledger commands.
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "clients/refnetctl/cli.h"
#include "clients/refnetctl/exit_status.h"
#include "clients/refnetctl/ledger_printer.h"
#include "clients/refnetctl/list_printer.h"
#include "clients/refnetctl/message_printer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "refnet/v1/admin_service.pb.h"

namespace refnet::ctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

v1::Balance AliceAnn(int64_t net) {
  v1::Balance balance;
  balance.set_party("firms/acme/members/alice");
  balance.set_counterparty("firms/acme/contacts/ann");
  balance.set_net_points(net);
  balance.set_direction(net > 0   ? v1::BALANCE_DIRECTION_COUNTERPARTY_OWES
                        : net < 0 ? v1::BALANCE_DIRECTION_PARTY_OWES
                                  : v1::BALANCE_DIRECTION_EVEN);
  balance.set_version(net == 0 ? 0 : 2);
  return balance;
}

v1::Favour Favour(const std::string& id, const std::string& giver, const std::string& receiver,
                  int64_t points) {
  v1::Favour favour;
  favour.set_name("firms/acme/favours/" + id);
  favour.set_giver("firms/acme/" + giver);
  favour.set_receiver("firms/acme/" + receiver);
  favour.set_kind(v1::FAVOUR_KIND_LEAD);
  favour.set_value_points(points);
  favour.mutable_occurred_at()->set_seconds(1714555800);
  return favour;
}

TEST(LedgerOutputTest, SummarySaysWhoOwesWhom) {
  EXPECT_EQ(BalanceSummary(AliceAnn(5)), "contacts/ann owes members/alice 5 points");
  EXPECT_EQ(BalanceSummary(AliceAnn(-1)), "members/alice owes contacts/ann 1 point");
  EXPECT_EQ(BalanceSummary(AliceAnn(0)),
            "members/alice and contacts/ann have exchanged no favours");
  v1::Balance even = AliceAnn(0);
  even.set_version(4);
  EXPECT_EQ(BalanceSummary(even), "members/alice and contacts/ann are even");
}

TEST(LedgerOutputTest, BalanceKeepsItsFieldsAndAddsTheSummary) {
  std::ostringstream out;
  PrintBalanceText(AliceAnn(7), out);
  EXPECT_THAT(out.str(), HasSubstr("net_points: 7\ndirection: counterparty-owes\n"));
  EXPECT_THAT(out.str(), HasSubstr("summary: contacts/ann owes members/alice 7 points\n"));
}

TEST(LedgerOutputTest, ExplanationListsFavoursWithTheirEffect) {
  v1::ExplainBalanceResponse response;
  *response.mutable_balance() = AliceAnn(-3);
  *response.add_favours() = Favour("f1", "members/alice", "contacts/ann", 10);
  response.mutable_favours(0)->set_voided_by("firms/acme/favours/f3");
  *response.add_favours() = Favour("f2", "contacts/ann", "members/alice", 3);
  v1::Favour reversal = Favour("f3", "members/alice", "contacts/ann", -10);
  reversal.set_voids("firms/acme/favours/f1");
  *response.add_favours() = reversal;
  for (int64_t effect : {10, -3, -10}) response.add_effect_points(effect);
  response.set_next_page_token("MORE");
  std::ostringstream out;
  PrintExplanationText(response, out);
  EXPECT_THAT(out.str(), HasSubstr("summary: members/alice owes contacts/ann 3 points\n\n"));
  EXPECT_THAT(out.str(),
              HasSubstr("ID  GIVER          RECEIVER       KIND  POINTS  EFFECT  OCCURRED_AT"
                        "           STATUS\n"
                        "f1  members/alice  contacts/ann   lead  10      +10     "
                        "2024-05-01T09:30:00Z  voided\n"
                        "f2  contacts/ann   members/alice  lead  3       -3      "
                        "2024-05-01T09:30:00Z  -\n"
                        "f3  members/alice  contacts/ann   lead  -10     -10     "
                        "2024-05-01T09:30:00Z  voids f1\n"));
  EXPECT_THAT(out.str(), HasSubstr("next page: MORE\n"));
}

TEST(LedgerOutputTest, FavourListHasNoEffectColumn) {
  v1::ListFavoursResponse response;
  std::ostringstream empty;
  PrintFavourListText(response, empty);
  EXPECT_EQ(empty.str(), "no favours\n");
  *response.add_favours() = Favour("f1", "members/alice", "contacts/ann", 10);
  std::ostringstream out;
  PrintFavourListText(response, out);
  EXPECT_THAT(out.str(), HasSubstr("ID  GIVER          RECEIVER      KIND  POINTS  OCCURRED_AT"));
  EXPECT_THAT(out.str(), Not(HasSubstr("EFFECT")));
}

TEST(LedgerOutputTest, BalanceListsKeepTheCounterpartysCollection) {
  v1::ListBalancesResponse response;
  *response.add_balances() = AliceAnn(12);
  std::ostringstream out;
  PrintList(response, out);
  EXPECT_EQ(out.str(),
            "COUNTERPARTY  NET_POINTS  DIRECTION          GIVEN_POINTS  RECEIVED_POINTS\n"
            "contacts/ann  12          counterparty-owes  0             0\n");
}

TEST(LedgerOutputTest, TopBalancesShowBothSides) {
  v1::ListTopBalancesResponse response;
  v1::ContactBalance* debtor = response.add_debtors();
  debtor->set_contact("firms/acme/contacts/ann");
  debtor->set_firm_balance_points(40);
  std::ostringstream out;
  PrintTopBalancesText(response, out);
  EXPECT_EQ(out.str(),
            "debtors (owe the firm):\n"
            "  CONTACT       POINTS\n"
            "  contacts/ann  40\n"
            "creditors (the firm owes them):\n"
            "  none\n");
}

TEST(LedgerOutputTest, StandingTabulatesRelationships) {
  v1::Standing standing;
  standing.set_party("firms/acme/members/alice");
  standing.set_karma_points(7);
  v1::RelationshipHealth* health = standing.add_relationships();
  health->set_counterparty("firms/acme/contacts/ann");
  *health->mutable_balance() = AliceAnn(7);
  health->set_health(v1::RECIPROCITY_HEALTH_ONE_WAY_GIVING);
  std::ostringstream out;
  PrintStandingText(standing, out);
  EXPECT_THAT(out.str(), HasSubstr("karma_points: 7\n"));
  EXPECT_THAT(out.str(), Not(HasSubstr("relationships:")));
  EXPECT_THAT(out.str(), HasSubstr("contacts/ann  7    counterparty-owes  one-way-giving"));
}

TEST(LedgerOutputTest, FavourValuesReadLikeTheFlag) {
  v1::FirmSettings settings;
  v1::FavourValue* value = settings.add_favour_values();
  value->set_kind(v1::FAVOUR_KIND_CLOSED_BUSINESS);
  value->set_value_points(100);
  std::ostringstream out;
  PrintFields(settings, out);
  EXPECT_THAT(out.str(), HasSubstr("favour_values: closed-business=100\n"));
}

TEST(LedgerCliTest, FailedCheckExitsOne) {
  std::ostringstream err;
  EXPECT_EQ(ReportError(CheckFailedError("ledger check failed with 2 problems"), err), 1);
  EXPECT_EQ(err.str(), "refnetctl: ledger check failed with 2 problems\n");
  EXPECT_FALSE(IsUsageError(CheckFailedError("x")));
}

int RunWords(std::vector<std::string> words, std::string* out, std::string* err) {
  std::ostringstream out_stream;
  std::ostringstream err_stream;
  auto no_env = [](absl::string_view) -> std::optional<std::string> { return std::nullopt; };
  int code = RunCli(words, no_env, out_stream, err_stream);
  *out = out_stream.str();
  *err = err_stream.str();
  return code;
}

TEST(LedgerCliTest, BareIdsAreRefusedBeforeAnyCall) {
  std::string out;
  std::string err;
  EXPECT_EQ(RunWords({"--firm", "acme", "--target", "127.0.0.1:1", "favours", "record", "--giver",
                      "alice", "--receiver", "contacts/ann", "--kind", "lead"},
                     &out, &err),
            2);
  EXPECT_THAT(err, HasSubstr("--giver \"alice\" is not a party"));
  EXPECT_EQ(RunWords({"--firm", "acme", "balances", "get", "members/alice"}, &out, &err), 2);
  EXPECT_THAT(err, HasSubstr("missing PARTY COUNTERPARTY"));
}

TEST(LedgerCliTest, UsageStatesThePartyRule) {
  std::string out;
  std::string err;
  EXPECT_EQ(RunWords({"help"}, &out, &err), 0);
  EXPECT_THAT(out, HasSubstr("balances explain PARTY COUNTERPARTY"));
  EXPECT_THAT(out, HasSubstr("members/alice, contacts/ann"));
  EXPECT_EQ(RunWords({"standing", "--help"}, &out, &err), 0);
  EXPECT_THAT(out, HasSubstr("A bare id such as `ann` is refused"));
  EXPECT_EQ(RunWords({"settings", "update", "--help"}, &out, &err), 0);
  EXPECT_THAT(out, HasSubstr("--value KIND=POINTS"));
  EXPECT_EQ(RunWords({"ledger", "check", "--help"}, &out, &err), 0);
  EXPECT_THAT(out, HasSubstr("exits 1"));
}

}  // namespace
}  // namespace refnet::ctl
