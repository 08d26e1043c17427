// refnetctl's command-line parsing: flags, short ids, durations, enum names
// and the claims read from a token.
#include <string>
#include <vector>

#include "clients/refnetctl/duration_text.h"
#include "clients/refnetctl/enum_text.h"
#include "clients/refnetctl/exit_status.h"
#include "clients/refnetctl/flag_parser.h"
#include "clients/refnetctl/short_names.h"
#include "clients/refnetctl/token_claims.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "refnet/v1/admin_service.pb.h"
#include "refnet/v1/contact_service.pb.h"
#include "services/auth/token.h"

namespace refnet::ctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const FlagSpec kSpecs[] = {
    {"title", FlagKind::kValue, "T", ""},
    {"email", FlagKind::kRepeated, "E", ""},
    {"all", FlagKind::kBool, "", ""},
    {"help", FlagKind::kBool, "", ""},
};

ParsedArgs MustParse(std::vector<std::string> tokens) {
  absl::StatusOr<ParseResult> result = ParseFlags(tokens, kSpecs);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? result->args : ParsedArgs();
}

TEST(FlagParserTest, ReadsValuesWithSpaceOrEquals) {
  ParsedArgs args = MustParse({"ann", "--title", "CTO", "--email=a@x.com", "--email", "b@x.com"});
  EXPECT_THAT(args.positional, ElementsAre("ann"));
  EXPECT_EQ(args.Value("title"), "CTO");
  EXPECT_THAT(args.Values("email"), ElementsAre("a@x.com", "b@x.com"));
  EXPECT_FALSE(args.Has("all"));
}

TEST(FlagParserTest, BareBooleanIsTrueAndCanBeSpelledOut) {
  EXPECT_TRUE(MustParse({"--all"}).Bool("all"));
  ParsedArgs off = MustParse({"--all=false"});
  EXPECT_TRUE(off.Has("all"));
  EXPECT_FALSE(off.Bool("all"));
  EXPECT_TRUE(MustParse({"-h"}).Bool("help"));
}

TEST(FlagParserTest, DoubleDashEndsFlags) {
  ParsedArgs args = MustParse({"--", "--title", "-x"});
  EXPECT_THAT(args.positional, ElementsAre("--title", "-x"));
  EXPECT_FALSE(args.Has("title"));
}

TEST(FlagParserTest, ValueMayLookLikeAFlag) {
  EXPECT_EQ(MustParse({"--title", "--all"}).Value("title"), "--all");
}

TEST(FlagParserTest, UnknownFlagIsAUsageError) {
  std::vector<std::string> tokens = {"--colour", "red"};
  absl::StatusOr<ParseResult> result = ParseFlags(tokens, kSpecs);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(IsUsageError(result.status()));
  EXPECT_THAT(result.status().message(), HasSubstr("--colour"));
}

TEST(FlagParserTest, MissingValueAndBadBooleanAreUsageErrors) {
  std::vector<std::string> missing = {"--title"};
  EXPECT_TRUE(IsUsageError(ParseFlags(missing, kSpecs).status()));
  std::vector<std::string> bad_bool = {"--all=maybe"};
  EXPECT_TRUE(IsUsageError(ParseFlags(bad_bool, kSpecs).status()));
}

TEST(FlagParserTest, StopsAfterThePositionalLimit) {
  std::vector<std::string> tokens = {"--all", "contacts", "--title", "x"};
  absl::StatusOr<ParseResult> result = ParseFlags(tokens, kSpecs, 1);
  ASSERT_TRUE(result.ok());
  EXPECT_THAT(result->args.positional, ElementsAre("contacts"));
  EXPECT_EQ(result->next, 2u);
  EXPECT_FALSE(result->args.Has("title"));
}

TEST(FlagParserTest, Int32RefusesText) {
  ParsedArgs args;
  args.Add("page-size", "ten");
  int32_t value = 7;
  EXPECT_TRUE(IsUsageError(args.Int32("page-size", &value)));
  EXPECT_TRUE(args.Int32("absent", &value).ok());
  EXPECT_EQ(value, 7);
}

TEST(ShortNamesTest, ExpandsShortIdsInTheFirm) {
  EXPECT_EQ(*ExpandChildName("acme", "contacts", "ann", "contact"), "firms/acme/contacts/ann");
  EXPECT_EQ(*ExpandChildName("acme", "members", "alice", "--member"), "firms/acme/members/alice");
}

TEST(ShortNamesTest, KeepsFullNamesEvenWithoutAFirm) {
  EXPECT_EQ(*ExpandChildName("", "contacts", "firms/other/contacts/bob", "contact"),
            "firms/other/contacts/bob");
}

TEST(ShortNamesTest, ShortIdWithoutAFirmIsAUsageError) {
  absl::StatusOr<std::string> name = ExpandChildName("", "contacts", "ann", "contact");
  ASSERT_FALSE(name.ok());
  EXPECT_TRUE(IsUsageError(name.status()));
  EXPECT_THAT(name.status().message(), HasSubstr("--firm"));
  EXPECT_TRUE(IsUsageError(ExpandChildName("acme", "contacts", "", "contact").status()));
  EXPECT_TRUE(IsUsageError(FirmParent("").status()));
}

TEST(ShortNamesTest, FirmNamesAndLastSegments) {
  EXPECT_EQ(*ExpandFirmName("acme"), "firms/acme");
  EXPECT_EQ(*ExpandFirmName("firms/acme"), "firms/acme");
  EXPECT_FALSE(ExpandFirmName("firms/acme/contacts/x").ok());
  EXPECT_EQ(FirmIdOf("firms/acme"), "acme");
  EXPECT_EQ(LastSegment("firms/acme/contacts/ann"), "ann");
  EXPECT_EQ(LastSegment("ann"), "ann");
}

TEST(FlagParserTest, Int64AndDoubleRefuseText) {
  ParsedArgs args;
  args.Add("points", "5000000000");
  args.Add("ratio", "2.5");
  args.Add("bad", "1.5x");
  args.Add("inf", "inf");
  int64_t points = 0;
  double ratio = 0;
  EXPECT_TRUE(args.Int64("points", &points).ok());
  EXPECT_EQ(points, 5000000000);
  EXPECT_TRUE(args.Double("ratio", &ratio).ok());
  EXPECT_DOUBLE_EQ(ratio, 2.5);
  EXPECT_TRUE(IsUsageError(args.Int64("bad", &points)));
  EXPECT_TRUE(IsUsageError(args.Double("bad", &ratio)));
  EXPECT_TRUE(IsUsageError(args.Double("inf", &ratio)));
  EXPECT_TRUE(IsUsageError(args.Int64("ratio", &points)));
}

TEST(ShortNamesTest, PartiesKeepTheirCollection) {
  EXPECT_EQ(*ExpandPartyName("acme", "members/alice", "--giver"), "firms/acme/members/alice");
  EXPECT_EQ(*ExpandPartyName("acme", "contacts/ann", "--giver"), "firms/acme/contacts/ann");
  EXPECT_EQ(*ExpandPartyName("", "firms/x/contacts/ann", "--giver"), "firms/x/contacts/ann");
  for (const char* input : {"alice", "members/", "members/a/b", "favours/f1", "member/alice"}) {
    absl::StatusOr<std::string> name = ExpandPartyName("acme", input, "--giver");
    EXPECT_TRUE(IsUsageError(name.status())) << input;
  }
  EXPECT_THAT(ExpandPartyName("acme", "ann", "--giver").status().message(),
              HasSubstr("members/ID, contacts/ID or a full name"));
  EXPECT_TRUE(IsUsageError(ExpandPartyName("", "members/alice", "--giver").status()));
  EXPECT_TRUE(IsUsageError(ExpandPartyName("acme", "", "--giver").status()));
}

TEST(ShortNamesTest, PartyShortNamesDropOnlyTheFirm) {
  EXPECT_EQ(PartyShortName("firms/acme/members/alice"), "members/alice");
  EXPECT_EQ(PartyShortName("firms/acme/contacts/ann"), "contacts/ann");
  EXPECT_EQ(PartyShortName("firms/acme/favours/f1"), "firms/acme/favours/f1");
  EXPECT_EQ(PartyShortName("contacts/ann"), "contacts/ann");
  EXPECT_EQ(PartyShortName(""), "");
}

TEST(DurationTextTest, AcceptsAbslSyntaxAndDays) {
  EXPECT_EQ(*ParsePositiveDuration("30m", "ttl"), absl::Minutes(30));
  EXPECT_EQ(*ParsePositiveDuration("1h", "ttl"), absl::Hours(1));
  EXPECT_EQ(*ParsePositiveDuration("7d", "ttl"), absl::Hours(7 * 24));
  EXPECT_EQ(*ParsePositiveDuration("1d12h", "ttl"), absl::Hours(36));
  EXPECT_EQ(*ParsePositiveDuration("1.5s", "timeout"), absl::Milliseconds(1500));
}

TEST(DurationTextTest, RefusesNonPositiveAndMalformedDurations) {
  for (const char* text : {"", "0s", "-1h", "xd", "5", "1h-", "d", "400d"}) {
    absl::StatusOr<absl::Duration> d = ParsePositiveDuration(text, "ttl");
    EXPECT_TRUE(IsUsageError(d.status())) << text;
  }
  EXPECT_THAT(ParsePositiveDuration("soon", "ttl").status().message(), HasSubstr("--ttl"));
}

TEST(EnumTextTest, ShortNamesDropTheTypePrefix) {
  EXPECT_EQ(EnumShortName(*v1::Role_descriptor()->FindValueByNumber(v1::ROLE_ADMIN)), "admin");
  EXPECT_EQ(EnumShortName(
                *v1::InteractionKind_descriptor()->FindValueByNumber(v1::INTERACTION_KIND_MEETING)),
            "meeting");
  EXPECT_EQ(EnumChoices(*v1::Role_descriptor()), "admin, member, service");
}

TEST(EnumTextTest, ParsesShortOrFullNamesInAnyCase) {
  EXPECT_EQ(*ParseEnumFlag(*v1::Role_descriptor(), "service", "role"), v1::ROLE_SERVICE);
  EXPECT_EQ(*ParseEnumFlag(*v1::Role_descriptor(), "ADMIN", "role"), v1::ROLE_ADMIN);
  EXPECT_EQ(*ParseEnumFlag(*v1::Role_descriptor(), "role_member", "role"), v1::ROLE_MEMBER);
  absl::StatusOr<int> bad = ParseEnumFlag(*v1::Role_descriptor(), "unspecified", "role");
  EXPECT_TRUE(IsUsageError(bad.status()));
  EXPECT_THAT(bad.status().message(), HasSubstr("admin, member, service"));
}

TEST(TokenClaimsTest, ReadsFirmAndSubjectWithoutTheSecret) {
  auth::TokenClaims claims;
  claims.principal = {auth::Role::kAdmin, "acme", "alice"};
  claims.expire_time = absl::Now() + absl::Hours(1);
  absl::StatusOr<std::string> token =
      auth::IssueToken("0123456789abcdef0123456789abcdef0123456789abcdef", claims);
  ASSERT_TRUE(token.ok());
  UnverifiedClaims read = ReadUnverifiedClaims(*token);
  EXPECT_EQ(read.firm_id, "acme");
  EXPECT_EQ(read.member_id, "alice");
  EXPECT_EQ(read.role, "admin");
}

TEST(TokenClaimsTest, GarbageYieldsNoClaims) {
  for (const char* token : {"", "abc", "a.b.c", "a.%%%.c", "a.bnVsbA.c"}) {
    UnverifiedClaims read = ReadUnverifiedClaims(token);
    EXPECT_EQ(read.firm_id, "") << token;
    EXPECT_EQ(read.member_id, "") << token;
  }
}

TEST(ExitStatusTest, ReportsCodeNameAndReturnsCodeNumber) {
  std::ostringstream err;
  int code = ReportError(absl::InvalidArgumentError("contact.emails[0]: not an email"), err);
  EXPECT_EQ(code, 3);
  EXPECT_EQ(err.str(), "refnetctl: INVALID_ARGUMENT: contact.emails[0]: not an email\n");
  EXPECT_FALSE(IsUsageError(absl::InvalidArgumentError("x")));
  EXPECT_TRUE(IsUsageError(UsageError("x")));
}

}  // namespace
}  // namespace refnet::ctl
