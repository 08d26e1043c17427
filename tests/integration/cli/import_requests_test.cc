// `contacts import` without a server: the CSV reader, and a file turned into
// the messages of one ImportContacts stream.
#include "clients/refnetctl/import_requests.h"

#include <string>
#include <vector>

#include "clients/refnetctl/csv_reader.h"
#include "clients/refnetctl/exit_status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace refnet::ctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Records = std::vector<std::vector<std::string>>;

Records Csv(absl::string_view text) {
  absl::StatusOr<Records> records = ParseCsv(text);
  EXPECT_TRUE(records.ok()) << records.status();
  return records.value_or(Records{});
}

TEST(CsvReaderTest, SplitsRecordsAndFields) {
  EXPECT_EQ(Csv("a,b,c\n1,2,3\n"), (Records{{"a", "b", "c"}, {"1", "2", "3"}}));
  EXPECT_EQ(Csv("a,b\r\n1,2"), (Records{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(Csv("a,,c\n,\n"), (Records{{"a", "", "c"}, {"", ""}}));
}

TEST(CsvReaderTest, QuotedFieldsKeepCommasQuotesAndLineBreaks) {
  EXPECT_EQ(Csv("name,notes\n\"Lee, Ann\",\"said \"\"hi\"\"\nthen left\"\n"),
            (Records{{"name", "notes"}, {"Lee, Ann", "said \"hi\"\nthen left"}}));
  EXPECT_EQ(Csv("\"\",\"x\"\n"), (Records{{"", "x"}}));
}

TEST(CsvReaderTest, BlankLinesAndAByteOrderMarkAreSkipped) {
  EXPECT_EQ(Csv("\xEF\xBB\xBFname\n\nAnn\n\r\n"), (Records{{"name"}, {"Ann"}}));
  EXPECT_EQ(Csv(""), Records{});
}

TEST(CsvReaderTest, BrokenQuotingIsAUsageErrorNamingTheLine) {
  absl::StatusOr<Records> open = ParseCsv("name\n\"Ann\nLee\n");
  ASSERT_FALSE(open.ok());
  EXPECT_TRUE(IsUsageError(open.status()));
  EXPECT_THAT(open.status().message(), HasSubstr("line 2"));
  absl::StatusOr<Records> stray = ParseCsv("name\nAnn \"Lee\"\n");
  ASSERT_FALSE(stray.ok());
  EXPECT_THAT(stray.status().message(), HasSubstr("line 2"));
  absl::StatusOr<Records> after = ParseCsv("\"Ann\"x,1\n");
  ASSERT_FALSE(after.ok());
  EXPECT_THAT(after.status().message(), HasSubstr("after a closing quote"));
}

GlobalOptions AcmeAlice() {
  GlobalOptions options;
  options.firm_id = "acme";
  options.caller_member_id = "alice";
  options.request_id = "6f1c2f7e-1111-4222-8333-444455556666";
  return options;
}

ParsedArgs Args(std::vector<std::pair<std::string, std::string>> flags) {
  ParsedArgs args;
  for (auto& [name, value] : flags) args.Add(name, value);
  return args;
}

TEST(ImportRequestsTest, EveryColumnFillsItsFieldAndTheFirstMessageCarriesTheBatch) {
  absl::StatusOr<std::vector<v1::ImportContactsRequest>> requests = BuildImportContacts(
      Args({{"event", "Spring Summit"}, {"event-time", "2024-05-01T09:30:00Z"}, {"member", "bob"}}),
      AcmeAlice(),
      "Display_Name,organization,title,emails,phones,tags,offers,needs,notes,contact_id\n"
      "\"Lee, Ann\",Globex,CFO,a@globex.com; ann@home.test,+1 555 0100,fintech;vc,"
      "intros,an auditor,\"Met at the \"\"bar\"\"\",ann\n"
      "Bo,,,,,,,,,\n");
  ASSERT_TRUE(requests.ok()) << requests.status();
  ASSERT_EQ(requests->size(), 2u);
  const v1::ImportContactsRequest& first = (*requests)[0];
  EXPECT_EQ(first.parent(), "firms/acme");
  EXPECT_EQ(first.request_id(), "6f1c2f7e-1111-4222-8333-444455556666");
  EXPECT_EQ(first.event_name(), "Spring Summit");
  EXPECT_EQ(first.event_time().seconds(), 1714555800);
  EXPECT_EQ(first.member(), "firms/acme/members/bob");
  EXPECT_EQ(first.contact_id(), "ann");
  const v1::Contact& ann = first.contact();
  EXPECT_EQ(ann.display_name(), "Lee, Ann");
  EXPECT_EQ(ann.organization(), "Globex");
  EXPECT_EQ(ann.title(), "CFO");
  EXPECT_THAT(ann.emails(), ElementsAre("a@globex.com", "ann@home.test"));
  EXPECT_THAT(ann.phones(), ElementsAre("+1 555 0100"));
  EXPECT_THAT(ann.tags(), ElementsAre("fintech", "vc"));
  EXPECT_THAT(ann.offers(), ElementsAre("intros"));
  EXPECT_THAT(ann.needs(), ElementsAre("an auditor"));
  EXPECT_EQ(ann.notes(), "Met at the \"bar\"");
  const v1::ImportContactsRequest& second = (*requests)[1];
  EXPECT_EQ(second.parent(), "");
  EXPECT_EQ(second.request_id(), "");
  EXPECT_EQ(second.contact().display_name(), "Bo");
  EXPECT_TRUE(second.contact().emails().empty());
}

TEST(ImportRequestsTest, MemberDefaultsToTheServersChoiceAndColumnsMayBeFew) {
  absl::StatusOr<std::vector<v1::ImportContactsRequest>> requests =
      BuildImportContacts(Args({}), AcmeAlice(), "emails,display_name\nann@globex.com,Ann\n,\n");
  ASSERT_TRUE(requests.ok()) << requests.status();
  ASSERT_EQ(requests->size(), 2u);
  EXPECT_EQ((*requests)[0].member(), "");
  EXPECT_FALSE((*requests)[0].has_event_time());
  EXPECT_EQ((*requests)[0].contact().display_name(), "Ann");
  // A blank row still travels, so the server reports it as a refused row.
  EXPECT_TRUE((*requests)[1].has_contact());
}

TEST(ImportRequestsTest, BadFilesAreUsageErrors) {
  auto build = [](absl::string_view csv) {
    return BuildImportContacts(Args({}), AcmeAlice(), csv);
  };
  EXPECT_THAT(build("display_name,company\nAnn,Globex\n").status().message(),
              HasSubstr("unknown CSV column \"company\""));
  EXPECT_THAT(build("display_name,emails,Emails\nAnn,,\n").status().message(),
              HasSubstr("appears twice"));
  EXPECT_THAT(build("emails\na@b.com\n").status().message(), HasSubstr("display_name column"));
  EXPECT_THAT(build("display_name\n").status().message(), HasSubstr("no contacts"));
  EXPECT_THAT(build("").status().message(), HasSubstr("empty"));
  EXPECT_THAT(build("display_name\nAnn,extra\n").status().message(),
              HasSubstr("CSV row 1 has 2 cells"));
  EXPECT_TRUE(IsUsageError(build("display_name\n").status()));
  std::string many = "display_name\n";
  for (int i = 0; i <= 10000; ++i) many += "x\n";
  EXPECT_THAT(build(many).status().message(), HasSubstr("at most 10000"));
}

}  // namespace
}  // namespace refnet::ctl
