// `refnetctl contacts import` end to end: a CSV file streamed to a real
// refnet-server, the per-row report, and a retry that changes nothing.
#include <fstream>
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
using ::testing::StartsWith;

using ImportE2eTest = RefnetctlTest;

std::string WriteCsv(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST_F(ImportE2eTest, ACsvFileIsImportedWithAReportPerRow) {
  std::string alice = BootstrapFirm("summit");
  ASSERT_EQ(Ctl({"--token", alice, "contacts", "create", "ann", "--display-name", "Ann Lee",
                 "--email", "ann@globex.com"})
                .exit_code,
            0);
  std::string csv = WriteCsv(
      "summit.csv",
      "display_name,organization,emails,tags,contact_id\n"
      "\"Lee, Ann\",Globex,ann@globex.com,vc,\n"
      "Bo Chen,\"Initech, Inc.\",bo@initech.com; bo@home.test,\"saas;\"\"big\"\" deals\",bo\n"
      "Bo Again,,bo@home.test,,\n"
      "Broken,,not-an-email,,\n");
  std::vector<std::string> import = {
      "--token",  alice,          "--request-id", "7d3c1b2a-0f4e-4a6b-8c9d-1e2f3a4b5c6d",
      "contacts", "import",       "--file",       csv,
      "--event",  "Spring Summit"};
  CommandResult first = Ctl(import);
  // A refused row makes the exit code 1, after the whole report.
  EXPECT_EQ(first.exit_code, 1) << first.err;
  EXPECT_THAT(first.err, StartsWith("refnetctl: 1 of 4 rows were refused"));
  EXPECT_THAT(first.out, StartsWith("ROW "));
  EXPECT_THAT(first.out, ContainsRegex("\n1 +updated +ann +contact.emails\\[0\\]"));
  EXPECT_THAT(first.out, ContainsRegex("\n2 +created +bo "));
  EXPECT_THAT(first.out,
              ContainsRegex("\n3 +duplicate +bo +contact.emails\\[0\\] +same contact as row 2"));
  EXPECT_THAT(first.out, ContainsRegex("\n4 +error +- +contact.emails\\[0\\] +\"not-an-email\""));
  EXPECT_THAT(first.out, HasSubstr("created: 1, updated: 1, duplicates: 1, errors: 1\n"));

  CommandResult bo = Ctl({"--token", alice, "contacts", "get", "bo"});
  ASSERT_EQ(bo.exit_code, 0) << bo.err;
  EXPECT_EQ(FieldOf(bo.out, "organization"), "Initech, Inc.");
  EXPECT_THAT(bo.out, HasSubstr("tags: \"big\" deals\n"));
  EXPECT_THAT(bo.out, HasSubstr("tags: Spring Summit\n"));
  EXPECT_THAT(bo.out, HasSubstr("emails: bo@home.test\n"));
  CommandResult ann = Ctl({"--token", alice, "contacts", "get", "ann"});
  EXPECT_EQ(FieldOf(ann.out, "display_name"), "Ann Lee");
  EXPECT_EQ(FieldOf(ann.out, "organization"), "Globex");
  CommandResult met =
      Ctl({"--token", alice, "interactions", "list", "--member", "alice", "--json"});
  EXPECT_EQ(met.exit_code, 0) << met.err;
  // One event interaction per created or updated row.
  std::vector<std::string> events = absl::StrSplit(met.out, "\"event_name\": \"Spring Summit\"");
  EXPECT_EQ(events.size(), 3u) << met.out;

  // The same file with the same request id: the same report, nothing new.
  CommandResult listed = Ctl({"--token", alice, "contacts", "list", "--json"});
  CommandResult again = Ctl(import);
  EXPECT_EQ(again.exit_code, 1) << again.err;
  EXPECT_EQ(again.out, first.out);
  EXPECT_EQ(Ctl({"--token", alice, "contacts", "list", "--json"}).out, listed.out);
}

TEST_F(ImportE2eTest, ACleanFileExitsZeroAndABadFileNeverReachesTheServer) {
  std::string alice = BootstrapFirm("expo");
  std::string clean = WriteCsv("expo.csv", "display_name,emails\nCy,cy@hooli.com\n");
  CommandResult ok = Ctl({"--token", alice, "contacts", "import", "--file", clean, "--json"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_THAT(ok.out, HasSubstr("\"outcome\": \"CREATED\""));
  std::string bad = WriteCsv("expo-bad.csv", "display_name,company\nCy,Hooli\n");
  CommandResult refused = Ctl({"--token", alice, "contacts", "import", "--file", bad});
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_THAT(refused.err, HasSubstr("unknown CSV column \"company\""));
  CommandResult missing = Ctl({"--token", alice, "contacts", "import"});
  EXPECT_EQ(missing.exit_code, 2) << missing.err;
}

}  // namespace
}  // namespace refnet::ctl::testing
