// refnetctl end to end: a real refnet-server on port 0 with a fresh SQLite
// store, driven through the refnetctl binary exactly as an administrator would.
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "cli_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace refnet::ctl::testing {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

using RefnetctlE2eTest = RefnetctlTest;

TEST_F(RefnetctlE2eTest, PlatformAdminCreatesAFirmAndItsFirstAdmin) {
  std::string root = Token({"--role", "platform-admin"});
  CommandResult firm = Ctl({"--token", root, "firms", "create", "acme", "--display-name", "Acme"});
  ASSERT_EQ(firm.exit_code, 0) << firm.err;
  EXPECT_EQ(FieldOf(firm.out, "name"), "firms/acme");
  EXPECT_EQ(FieldOf(firm.out, "display_name"), "Acme");
  CommandResult got = Ctl({"--token", root, "firms", "get", "acme"});
  EXPECT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(FieldOf(got.out, "display_name"), "Acme");
  CommandResult member =
      Ctl({"--token", root, "--firm", "acme", "members", "create", "alice", "--display-name",
           "Alice", "--email", "alice@acme.example", "--role", "admin"});
  ASSERT_EQ(member.exit_code, 0) << member.err;
  EXPECT_EQ(FieldOf(member.out, "name"), "firms/acme/members/alice");
  EXPECT_EQ(FieldOf(member.out, "role"), "admin");
  EXPECT_EQ(FieldOf(member.out, "active"), "true");
  std::string alice = Token({"--firm", "acme", "--member", "alice", "--role", "admin"});
  CommandResult members = Ctl({"--token", alice, "members", "list"});
  EXPECT_EQ(members.exit_code, 0) << members.err;
  EXPECT_THAT(members.out, HasSubstr("alice"));
  CommandResult firms = Ctl({"--token", root, "firms", "list", "--json"});
  EXPECT_EQ(firms.exit_code, 0) << firms.err;
  EXPECT_THAT(firms.out, HasSubstr("\"name\": \"firms/acme\""));
}

TEST_F(RefnetctlE2eTest, ContactsAreCreatedListedUpdatedAndMerged) {
  std::string alice = BootstrapFirm("globex");
  CommandResult ann = Ctl({"--token",       alice,     "contacts", "create",  "--display-name",
                           "Ann Lee",       "--org",   "Globex",   "--email", "a@globex.com",
                           "--email",       "b@x.com", "--tag",    "fintech", "--offer",
                           "intros to VCs", "--need",  "CFO",      "--id",    "ann"});
  ASSERT_EQ(ann.exit_code, 0) << ann.err;
  EXPECT_EQ(FieldOf(ann.out, "name"), "firms/globex/contacts/ann");
  EXPECT_THAT(ann.out, HasSubstr("emails: b@x.com\n"));
  std::string etag = FieldOf(ann.out, "etag");
  ASSERT_FALSE(etag.empty());

  CommandResult listed = Ctl({"--token", alice, "contacts", "list", "--tag", "fintech"});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, StartsWith("ID "));
  EXPECT_THAT(listed.out, HasSubstr("Ann Lee"));

  CommandResult updated =
      Ctl({"--token", alice, "contacts", "update", "ann", "--title", "CTO", "--etag", etag});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  EXPECT_EQ(FieldOf(updated.out, "title"), "CTO");
  EXPECT_EQ(FieldOf(updated.out, "organization"), "Globex");
  CommandResult stale =
      Ctl({"--token", alice, "contacts", "update", "ann", "--title", "CEO", "--etag", etag});
  EXPECT_EQ(stale.exit_code, 10) << stale.err;
  EXPECT_THAT(stale.err, StartsWith("refnetctl: ABORTED: "));

  CommandResult twin = Ctl({"--token", alice, "contacts", "create", "ann2", "--display-name",
                            "Ann Lee (personal)", "--email", "ann@home.example"});
  ASSERT_EQ(twin.exit_code, 0) << twin.err;
  CommandResult merged = Ctl({"--token", alice, "contacts", "merge", "ann", "ann2"});
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_THAT(merged.out, HasSubstr("emails: ann@home.example\n"));
  CommandResult gone = Ctl({"--token", alice, "contacts", "get", "ann2"});
  EXPECT_EQ(gone.exit_code, 5) << gone.err;
  EXPECT_THAT(gone.err, StartsWith("refnetctl: NOT_FOUND: "));
  EXPECT_THAT(gone.err, HasSubstr("firms/globex/contacts/ann"));
}

TEST_F(RefnetctlE2eTest, BadInputNamesTheFieldAndExitsWithItsCode) {
  std::string alice = BootstrapFirm("initech");
  CommandResult bad = Ctl(
      {"--token", alice, "contacts", "create", "--display-name", "Bob", "--email", "not-an-email"});
  EXPECT_EQ(bad.exit_code, 3) << bad.err;
  EXPECT_THAT(bad.err, StartsWith("refnetctl: INVALID_ARGUMENT: "));
  EXPECT_THAT(bad.err, HasSubstr("contact.emails[0]"));
  EXPECT_EQ(bad.out, "");

  CommandResult first = Ctl({"--token", alice, "contacts", "create", "bob", "--display-name", "Bob",
                             "--email", "bob@initrode.example"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  CommandResult duplicate = Ctl({"--token", alice, "contacts", "create", "--display-name", "Robert",
                                 "--email", "BOB@initrode.example"});
  EXPECT_EQ(duplicate.exit_code, 6) << duplicate.err;
  EXPECT_THAT(duplicate.err, HasSubstr("firms/initech/contacts/bob"));

  CommandResult anonymous = Ctl({"--firm", "initech", "contacts", "list"});
  EXPECT_EQ(anonymous.exit_code, 16) << anonymous.err;
  EXPECT_THAT(anonymous.err, StartsWith("refnetctl: UNAUTHENTICATED: "));
  CommandResult other_firm = Ctl({"--token", alice, "contacts", "get", "firms/acme/contacts/x"});
  EXPECT_EQ(other_firm.exit_code, 7) << other_firm.err;
}

TEST_F(RefnetctlE2eTest, RelationshipsInteractionsAndConnections) {
  std::string alice = BootstrapFirm("hooli");
  for (const char* id : {"ann", "bob"}) {
    CommandResult c = Ctl({"--token", alice, "contacts", "create", id, "--display-name", id});
    ASSERT_EQ(c.exit_code, 0) << c.err;
  }
  CommandResult set = Ctl({"--token", alice, "relationships", "set", "--contact", "ann",
                           "--strength", "4", "--how-met", "conference", "--key"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(FieldOf(set.out, "member"), "firms/hooli/members/alice");
  EXPECT_EQ(FieldOf(set.out, "key"), "true");
  CommandResult rels = Ctl({"--token", alice, "relationships", "list", "--member", "alice"});
  EXPECT_EQ(rels.exit_code, 0) << rels.err;
  EXPECT_THAT(rels.out, ContainsRegex("alice +ann +4 +true"));
  CommandResult weak =
      Ctl({"--token", alice, "relationships", "set", "--contact", "bob", "--strength", "9"});
  EXPECT_EQ(weak.exit_code, 3) << weak.err;
  EXPECT_THAT(weak.err, HasSubstr("relationship.strength"));

  CommandResult logged = Ctl({"--token", alice, "interactions", "log", "--contact", "ann", "--kind",
                              "meeting", "--occurred-at", "2024-05-01T09:30:00Z"});
  ASSERT_EQ(logged.exit_code, 0) << logged.err;
  EXPECT_EQ(FieldOf(logged.out, "kind"), "meeting");
  CommandResult touches = Ctl({"--token", alice, "interactions", "list", "--contact", "ann"});
  EXPECT_EQ(touches.exit_code, 0) << touches.err;
  EXPECT_THAT(touches.out, HasSubstr("2024-05-01T09:30:00Z"));

  CommandResult linked =
      Ctl({"--token", alice, "connections", "create", "ann", "bob", "--note", "co-founders"});
  ASSERT_EQ(linked.exit_code, 0) << linked.err;
  CommandResult links = Ctl({"--token", alice, "connections", "list", "--contact", "bob"});
  EXPECT_EQ(links.exit_code, 0) << links.err;
  EXPECT_THAT(links.out, HasSubstr("co-founders"));
}

TEST_F(RefnetctlE2eTest, ListsPageAndAllFollowsTheTokens) {
  std::string alice = BootstrapFirm("umbrella");
  for (const char* id : {"c-one", "c-two", "c-three"}) {
    CommandResult c = Ctl({"--token", alice, "contacts", "create", id, "--display-name", id});
    ASSERT_EQ(c.exit_code, 0) << c.err;
  }
  CommandResult page = Ctl({"--token", alice, "contacts", "list", "--page-size", "2"});
  ASSERT_EQ(page.exit_code, 0) << page.err;
  std::string next = FieldOf(page.out, "next page");
  ASSERT_FALSE(next.empty()) << page.out;
  EXPECT_THAT(page.out, Not(HasSubstr("c-three")));
  CommandResult rest =
      Ctl({"--token", alice, "contacts", "list", "--page-size", "2", "--page-token", next});
  EXPECT_EQ(rest.exit_code, 0) << rest.err;
  EXPECT_THAT(rest.out, HasSubstr("c-three"));
  CommandResult all = Ctl({"--token", alice, "contacts", "list", "--page-size", "2", "--all"});
  EXPECT_EQ(all.exit_code, 0) << all.err;
  EXPECT_THAT(all.out, HasSubstr("c-one"));
  EXPECT_THAT(all.out, HasSubstr("c-three"));
  EXPECT_THAT(all.out, Not(HasSubstr("next page")));
}

TEST_F(RefnetctlE2eTest, AdminsUpdateMembersAndArchiveContacts) {
  std::string alice = BootstrapFirm("cyberdyne");
  CommandResult bob = Ctl({"--token", alice, "members", "create", "bob", "--display-name", "Bob",
                           "--email", "bob@cyberdyne.example", "--role", "member"});
  ASSERT_EQ(bob.exit_code, 0) << bob.err;
  CommandResult updated = Ctl({"--token", alice, "members", "update", "bob", "--active=false",
                               "--etag", FieldOf(bob.out, "etag")});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  EXPECT_EQ(FieldOf(updated.out, "active"), "false");
  EXPECT_EQ(FieldOf(updated.out, "role"), "member");
  CommandResult active = Ctl({"--token", alice, "members", "list"});
  EXPECT_THAT(active.out, Not(HasSubstr("bob")));
  CommandResult everyone = Ctl({"--token", alice, "members", "list", "--show-inactive"});
  EXPECT_THAT(everyone.out, HasSubstr("bob"));

  ASSERT_EQ(Ctl({"--token", alice, "contacts", "create", "t800", "--display-name", "T"}).exit_code,
            0);
  CommandResult archived = Ctl({"--token", alice, "contacts", "delete", "t800"});
  ASSERT_EQ(archived.exit_code, 0) << archived.err;
  EXPECT_EQ(FieldOf(archived.out, "archived"), "true");
  EXPECT_EQ(Ctl({"--token", alice, "contacts", "list"}).out, "no contacts\n");
  EXPECT_THAT(Ctl({"--token", alice, "contacts", "list", "--show-archived"}).out,
              HasSubstr("t800"));
}

TEST_F(RefnetctlE2eTest, RetryWithTheSameRequestIdDoesNotDuplicate) {
  std::string alice = BootstrapFirm("wonka");
  std::vector<std::string> create = {
      "--token",  alice,    "--request-id",   "5b0e7c7e-8f3a-4b61-9a55-0c2f4d1e6a10",
      "contacts", "create", "--display-name", "Charlie"};
  CommandResult first = Ctl(create);
  CommandResult again = Ctl(create);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(FieldOf(first.out, "name"), FieldOf(again.out, "name"));
  CommandResult listed = Ctl({"--token", alice, "contacts", "list", "--json"});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  std::vector<std::string> hits = absl::StrSplit(listed.out, "Charlie");
  EXPECT_EQ(hits.size(), 2u) << listed.out;
}

TEST_F(RefnetctlE2eTest, FavoursBalancesSettingsAndTheLedgerCheck) {
  std::string alice = BootstrapFirm("stark");
  ASSERT_EQ(Ctl({"--token", alice, "contacts", "create", "ann", "--display-name", "Ann"}).exit_code,
            0);
  CommandResult lead =
      Ctl({"--token", alice, "favours", "record", "--giver", "members/alice", "--receiver",
           "contacts/ann", "--kind", "lead", "--points", "10", "--note", "intro to a CFO"});
  ASSERT_EQ(lead.exit_code, 0) << lead.err;
  EXPECT_EQ(FieldOf(lead.out, "giver"), "firms/stark/members/alice");
  EXPECT_EQ(FieldOf(lead.out, "receiver"), "firms/stark/contacts/ann");
  EXPECT_EQ(FieldOf(lead.out, "kind"), "lead");
  CommandResult advice =
      Ctl({"--token", alice, "favours", "record", "--giver", "contacts/ann", "--receiver",
           "firms/stark/members/alice", "--kind", "advice", "--points", "3"});
  ASSERT_EQ(advice.exit_code, 0) << advice.err;
  std::string lead_name = FieldOf(lead.out, "name");
  std::string lead_id = lead_name.substr(lead_name.rfind('/') + 1);
  std::string advice_name = FieldOf(advice.out, "name");
  EXPECT_EQ(Ctl({"--token", alice, "favours", "record", "--giver", "alice"}).exit_code, 2);

  CommandResult balance =
      Ctl({"--token", alice, "balances", "get", "members/alice", "contacts/ann"});
  ASSERT_EQ(balance.exit_code, 0) << balance.err;
  EXPECT_EQ(FieldOf(balance.out, "net_points"), "7");
  EXPECT_EQ(FieldOf(balance.out, "direction"), "counterparty-owes");
  EXPECT_EQ(FieldOf(balance.out, "summary"), "contacts/ann owes members/alice 7 points");
  CommandResult explained =
      Ctl({"--token", alice, "balances", "explain", "members/alice", "contacts/ann", "--all"});
  ASSERT_EQ(explained.exit_code, 0) << explained.err;
  EXPECT_THAT(explained.out,
              ContainsRegex(lead_id + " +members/alice +contacts/ann +lead +10 +\\+10"));
  EXPECT_THAT(explained.out, ContainsRegex("contacts/ann +members/alice +advice +3 +-3"));

  CommandResult voided =
      Ctl({"--token", alice, "favours", "void", advice_name, "--reason", "recorded twice"});
  ASSERT_EQ(voided.exit_code, 0) << voided.err;
  EXPECT_EQ(FieldOf(voided.out, "voids"), advice_name);
  EXPECT_EQ(FieldOf(voided.out, "value_points"), "-3");
  EXPECT_EQ(FieldOf(Ctl({"--token", alice, "favours", "get", advice_name}).out, "voided_by"),
            FieldOf(voided.out, "name"));
  EXPECT_EQ(Ctl({"--token", alice, "favours", "void", advice_name, "--reason", "again"}).exit_code,
            9);
  CommandResult json =
      Ctl({"--token", alice, "--json", "balances", "get", "contacts/ann", "members/alice"});
  EXPECT_THAT(json.out, HasSubstr("\"net_points\": \"-10\""));
  CommandResult check = Ctl({"--token", alice, "ledger", "check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_EQ(FieldOf(check.out, "ok"), "true");
  EXPECT_EQ(FieldOf(check.out, "favour_count"), "3");

  std::string etag = FieldOf(Ctl({"--token", alice, "settings", "get"}).out, "etag");
  CommandResult updated =
      Ctl({"--token", alice, "settings", "update", "--value", "lead=25", "--etag", etag});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  EXPECT_THAT(updated.out, HasSubstr("favour_values: lead=25\n"));
  CommandResult priced = Ctl({"--token", alice, "favours", "record", "--giver", "members/alice",
                              "--receiver", "contacts/ann", "--kind", "lead"});
  ASSERT_EQ(priced.exit_code, 0) << priced.err;
  EXPECT_EQ(FieldOf(priced.out, "value_points"), "25");
  CommandResult top = Ctl({"--token", alice, "balances", "top", "--limit", "5"});
  ASSERT_EQ(top.exit_code, 0) << top.err;
  EXPECT_THAT(top.out, ContainsRegex("debtors[^\n]*\n +CONTACT +POINTS\n +contacts/ann +35\n"));
  EXPECT_EQ(FieldOf(Ctl({"--token", alice, "standing", "contacts/ann"}).out, "firm_balance_points"),
            "35");
  EXPECT_EQ(Ctl({"--token", alice, "cache", "rebuild"}).exit_code, 0);
}

TEST_F(RefnetctlE2eTest, AnAskIsPostedRankedRoutedAndFulfilled) {
  std::string alice = BootstrapFirm("oscorp");
  ASSERT_EQ(Ctl({"--token", alice, "contacts", "create", "ann", "--display-name", "Ann", "--tag",
                 "fintech"})
                .exit_code,
            0);
  CommandResult asked = Ctl({"--token", alice, "asks", "create", "--asker", "members/alice",
                             "--need", "an intro to a lender", "--tag", "fintech"});
  ASSERT_EQ(asked.exit_code, 0) << asked.err;
  EXPECT_EQ(FieldOf(asked.out, "state"), "open");
  std::string name = FieldOf(asked.out, "name");
  std::string id = name.substr(name.rfind('/') + 1);
  CommandResult suggested = Ctl({"--token", alice, "--json", "asks", "suggest", id});
  ASSERT_EQ(suggested.exit_code, 0) << suggested.err;
  EXPECT_THAT(suggested.out, HasSubstr("\"party\": \"firms/oscorp/contacts/ann\""));
  EXPECT_THAT(suggested.out, HasSubstr("fintech"));
  CommandResult routed = Ctl({"--token", alice, "asks", "route", id, "--helper", "contacts/ann"});
  ASSERT_EQ(routed.exit_code, 0) << routed.err;
  EXPECT_EQ(Ctl({"--token", alice, "asks", "route", id, "--helper", "ann"}).exit_code, 2);
  CommandResult fulfilled = Ctl({"--token", alice, "asks", "fulfil", id, "--helper",
                                 "contacts/ann", "--kind", "introduction", "--points", "12"});
  ASSERT_EQ(fulfilled.exit_code, 0) << fulfilled.err;
  EXPECT_EQ(FieldOf(fulfilled.out, "state"), "fulfilled");
  CommandResult balance =
      Ctl({"--token", alice, "balances", "get", "contacts/ann", "members/alice"});
  EXPECT_EQ(FieldOf(balance.out, "net_points"), "12");
  CommandResult open = Ctl({"--token", alice, "asks", "list", "--state", "open"});
  ASSERT_EQ(open.exit_code, 0) << open.err;
  EXPECT_THAT(open.out, Not(HasSubstr(id)));
  EXPECT_EQ(Ctl({"--token", alice, "asks", "close", id}).exit_code, 9);
}

TEST_F(RefnetctlE2eTest, NetworkPathsIntroductionsLoopsNettingAndRisk) {
  std::string alice = BootstrapFirm("globex-hunters");
  ASSERT_EQ(Ctl({"--token", alice, "contacts", "create", "ann", "--display-name", "Ann", "--offer",
                 "seed funding"})
                .exit_code,
            0);
  ASSERT_EQ(Ctl({"--token", alice, "contacts", "create", "ken", "--display-name", "Ken", "--org",
                 "Globex", "--need", "seed funding"})
                .exit_code,
            0);
  ASSERT_EQ(Ctl({"--token", alice, "relationships", "set", "--contact", "ann", "--strength", "5"})
                .exit_code,
            0);
  ASSERT_EQ(Ctl({"--token", alice, "relationships", "set", "--contact", "ken", "--strength", "2"})
                .exit_code,
            0);
  CommandResult paths =
      Ctl({"--token", alice, "--json", "network", "paths", "--organization", "globex"});
  ASSERT_EQ(paths.exit_code, 0) << paths.err;
  EXPECT_THAT(paths.out, HasSubstr("\"target\": \"firms/globex-hunters/contacts/ken\""));
  EXPECT_THAT(paths.out, HasSubstr("you know Ken (strength 2"));
  EXPECT_EQ(Ctl({"--token", alice, "network", "paths"}).exit_code, 2);
  EXPECT_EQ(Ctl({"--token", alice, "network", "paths", "--contact", "ken", "--max-hops", "9"})
                .exit_code,
            3);
  CommandResult intros = Ctl({"--token", alice, "--json", "network", "introductions"});
  ASSERT_EQ(intros.exit_code, 0) << intros.err;
  EXPECT_THAT(intros.out, HasSubstr("Ann offers seed funding; Ken needs seed funding"));
  ASSERT_EQ(Ctl({"--token", alice, "favours", "record", "--giver", "members/alice", "--receiver",
                 "contacts/ann", "--kind", "advice", "--points", "30"})
                .exit_code,
            0);
  ASSERT_EQ(Ctl({"--token", alice, "favours", "record", "--giver", "contacts/ann", "--receiver",
                 "contacts/ken", "--kind", "advice", "--points", "20"})
                .exit_code,
            0);
  ASSERT_EQ(Ctl({"--token", alice, "favours", "record", "--giver", "contacts/ken", "--receiver",
                 "members/alice", "--kind", "advice", "--points", "10"})
                .exit_code,
            0);
  CommandResult loops = Ctl({"--token", alice, "--json", "network", "loops"});
  ASSERT_EQ(loops.exit_code, 0) << loops.err;
  EXPECT_THAT(loops.out, HasSubstr("\"credit_points\": \"10\""));
  CommandResult netting = Ctl({"--token", alice, "--json", "network", "netting"});
  ASSERT_EQ(netting.exit_code, 0) << netting.err;
  EXPECT_THAT(netting.out, HasSubstr("\"total_moves\": 2"));
  CommandResult risk = Ctl({"--token", alice, "--json", "network", "key-person-risk"});
  ASSERT_EQ(risk.exit_code, 0) << risk.err;
  EXPECT_THAT(risk.out, HasSubstr("\"contact\": \"firms/globex-hunters/contacts/ann\""));
}

TEST_F(RefnetctlE2eTest, AReferralWalksFromOfferedToWonAndIsReported) {
  std::string alice = BootstrapFirm("wayne");
  ASSERT_EQ(Ctl({"--token", alice, "contacts", "create", "ann", "--display-name", "Ann"}).exit_code,
            0);
  CommandResult offered =
      Ctl({"--token", alice, "referrals", "create", "--referrer", "members/alice", "--recipient",
           "contacts/ann", "--prospect-text", "CFO of Initech", "--need", "an audit", "--warmth",
           "5", "--estimated", "EUR:20000", "--confidential"});
  ASSERT_EQ(offered.exit_code, 0) << offered.err;
  EXPECT_EQ(FieldOf(offered.out, "stage"), "offered");
  std::string name = FieldOf(offered.out, "name");
  std::string id = name.substr(name.rfind('/') + 1);
  CommandResult skipped = Ctl({"--token", alice, "referrals", "move", id, "won", "--closed",
                               "EUR:1"});
  EXPECT_EQ(skipped.exit_code, 9) << skipped.out << skipped.err;
  EXPECT_THAT(skipped.err, HasSubstr("STAGE_OFFERED cannot move to STAGE_WON"));
  for (std::string stage : {"accepted", "contacted", "meeting"}) {
    CommandResult moved = Ctl({"--token", alice, "referrals", "move", id, stage, "--note", "ok"});
    ASSERT_EQ(moved.exit_code, 0) << moved.err;
  }
  EXPECT_EQ(Ctl({"--token", alice, "referrals", "move", id, "won", "--closed", "EUR:1.x"})
                .exit_code,
            2);
  CommandResult won =
      Ctl({"--token", alice, "referrals", "move", id, "won", "--closed", "EUR:15000.50"});
  ASSERT_EQ(won.exit_code, 0) << won.err;
  EXPECT_EQ(FieldOf(won.out, "stage"), "won");
  CommandResult balance =
      Ctl({"--token", alice, "balances", "get", "members/alice", "contacts/ann"});
  EXPECT_EQ(FieldOf(balance.out, "net_points"), "140");
  CommandResult list = Ctl({"--token", alice, "referrals", "list", "--status", "closed"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr(id));
  CommandResult report =
      Ctl({"--token", alice, "--json", "referrals", "report", "--party", "members/alice"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_THAT(report.out, HasSubstr("\"won_count\": 1"));
  EXPECT_THAT(report.out, HasSubstr("\"units\": \"15000\""));
  EXPECT_THAT(report.out, HasSubstr("\"nanos\": 500000000"));
}

}  // namespace
}  // namespace refnet::ctl::testing
