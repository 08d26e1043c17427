// refnetctl as a user meets it without a server: global options, usage,
// exit codes, token issuing and the output formats.
#include "clients/refnetctl/cli.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "clients/refnetctl/global_options.h"
#include "clients/refnetctl/list_printer.h"
#include "clients/refnetctl/message_printer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "refnet/v1/contact_service.pb.h"
#include "services/auth/token.h"

namespace refnet::ctl {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr absl::string_view kSecret = "0123456789abcdef0123456789abcdef0123456789abcdef";

class FixedIds final : public IdGenerator {
 public:
  std::string NewId() override { return "00000000-0000-4000-8000-000000000001"; }
};

EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars](absl::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::string AliceToken() {
  auth::TokenClaims claims;
  claims.principal = {auth::Role::kAdmin, "acme", "alice"};
  claims.expire_time = absl::Now() + absl::Hours(1);
  return *auth::IssueToken(kSecret, claims);
}

std::string WriteTempFile(const std::string& name, absl::string_view contents) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

Outcome RunRefnetctl(std::vector<std::string> words, std::map<std::string, std::string> env = {}) {
  std::ostringstream out;
  std::ostringstream err;
  int code = RunCli(words, FakeEnv(std::move(env)), out, err);
  return {code, out.str(), err.str()};
}

TEST(GlobalOptionsTest, FirmAndCallerComeFromTheToken) {
  ParsedArgs args;
  args.Add("token", AliceToken());
  FixedIds ids;
  absl::StatusOr<GlobalOptions> options = ResolveGlobalOptions(args, FakeEnv({}), ids);
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->firm_id, "acme");
  EXPECT_EQ(options->caller_member_id, "alice");
  EXPECT_EQ(options->target, "localhost:50051");
  EXPECT_EQ(options->timeout, absl::Seconds(10));
  EXPECT_EQ(options->request_id, "00000000-0000-4000-8000-000000000001");
  EXPECT_FALSE(options->tls);
}

TEST(GlobalOptionsTest, FlagsBeatEnvironmentWhichBeatsTheToken) {
  std::string token_file = WriteTempFile("token", AliceToken() + "\n");
  ParsedArgs args;
  args.Add("firm", "firms/globex");
  args.Add("request-id", "r-1");
  FixedIds ids;
  absl::StatusOr<GlobalOptions> options =
      ResolveGlobalOptions(args,
                           FakeEnv({{"REFNET_TOKEN_FILE", token_file},
                                    {"REFNET_FIRM", "initech"},
                                    {"REFNET_TARGET", "refnet:443"},
                                    {"REFNET_TIMEOUT", "2s"}}),
                           ids);
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_THAT(options->token, StartsWith("eyJ"));
  EXPECT_THAT(options->token, ::testing::Not(HasSubstr("\n")));
  EXPECT_EQ(options->firm_id, "globex");
  EXPECT_EQ(options->target, "refnet:443");
  EXPECT_EQ(options->timeout, absl::Seconds(2));
  EXPECT_EQ(options->request_id, "r-1");
  EXPECT_EQ(FakeEnv({{"REFNET_FIRM", "initech"}})("REFNET_FIRM"), "initech");
}

TEST(GlobalOptionsTest, MissingTokenFileIsNotFound) {
  ParsedArgs args;
  args.Add("token-file", "/nonexistent/refnet-token");
  FixedIds ids;
  EXPECT_EQ(ResolveGlobalOptions(args, FakeEnv({}), ids).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(CliTest, HelpGoesToStdoutAndExitsZero) {
  Outcome help = RunRefnetctl({"help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_THAT(help.out, HasSubstr("contacts update NAME_OR_ID"));
  EXPECT_THAT(help.out, HasSubstr("--token-file FILE"));
  Outcome group = RunRefnetctl({"contacts", "--help"});
  EXPECT_EQ(group.code, 0);
  EXPECT_THAT(group.out, HasSubstr("contacts merge SURVIVOR MERGED"));
  EXPECT_THAT(group.out, ::testing::Not(HasSubstr("members create")));
  EXPECT_EQ(RunRefnetctl({"help", "bogus"}).code, 2);
  EXPECT_THAT(RunRefnetctl({"help", "token"}).out, HasSubstr("--secret-file FILE"));
  Outcome command = RunRefnetctl({"relationships", "set", "--help"});
  EXPECT_EQ(command.code, 0);
  EXPECT_THAT(command.out, HasSubstr("--strength 1..5"));
}

TEST(CliTest, UsageErrorsExitTwoWithAShortUsage) {
  Outcome none = RunRefnetctl({});
  EXPECT_EQ(none.code, 2);
  EXPECT_THAT(none.err, StartsWith("usage: refnetctl"));
  Outcome unknown = RunRefnetctl({"contacts", "frobnicate"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("unknown command \"contacts frobnicate\""));
  Outcome bad_flag = RunRefnetctl({"contacts", "list", "--colour", "red"});
  EXPECT_EQ(bad_flag.code, 2);
  EXPECT_THAT(bad_flag.err, HasSubstr("unknown flag --colour"));
  EXPECT_THAT(bad_flag.err, HasSubstr("usage: refnetctl contacts list [flags]"));
  Outcome extra = RunRefnetctl({"contacts", "get", "ann", "bob", "--firm", "acme"});
  EXPECT_EQ(extra.code, 2);
  EXPECT_THAT(extra.err, HasSubstr("unexpected operand \"bob\""));
  Outcome no_firm = RunRefnetctl({"contacts", "list"});
  EXPECT_EQ(no_firm.code, 2);
  EXPECT_THAT(no_firm.err, HasSubstr("no firm"));
}

TEST(CliTest, TokenCommandPrintsAVerifiableToken) {
  std::string secret_file = WriteTempFile("secret", kSecret);
  Outcome issued = RunRefnetctl({"token", "--secret-file", secret_file, "--firm", "acme",
                                 "--member", "alice", "--role", "member", "--ttl", "30m"});
  ASSERT_EQ(issued.code, 0) << issued.err;
  ASSERT_FALSE(issued.out.empty());
  EXPECT_EQ(issued.out.back(), '\n');
  absl::StatusOr<auth::TokenClaims> claims =
      auth::VerifyToken(*auth::KeySet::Single(std::string(kSecret)),
                        absl::StripTrailingAsciiWhitespace(issued.out), absl::Now());
  ASSERT_TRUE(claims.ok()) << claims.status();
  EXPECT_EQ(claims->principal.role, auth::Role::kMember);
  EXPECT_EQ(claims->principal.member_id, "alice");
  EXPECT_LE(claims->expire_time, absl::Now() + absl::Minutes(30));
}

TEST(CliTest, TokenCommandIgnoresABrokenTokenEnvironment) {
  std::string secret_file = WriteTempFile("secret2", kSecret);
  Outcome issued = RunRefnetctl({"token", "--secret-file", secret_file, "--role", "platform-admin"},
                                {{"REFNET_TOKEN_FILE", "/nonexistent"}});
  EXPECT_EQ(issued.code, 0) << issued.err;
}

TEST(CliTest, ServerErrorsExitWithTheGrpcCode) {
  Outcome down = RunRefnetctl({"--target", "127.0.0.1:1", "--timeout", "2s", "--token",
                               AliceToken(), "contacts", "get", "ann"});
  EXPECT_EQ(down.code, 14) << down.err;
  EXPECT_THAT(down.err, StartsWith("refnetctl: UNAVAILABLE: "));
}

v1::Contact SampleContact() {
  v1::Contact contact;
  contact.set_name("firms/acme/contacts/ann");
  contact.set_display_name("Ann Lee");
  contact.add_emails("a@globex.com");
  contact.add_emails("b@x.com");
  contact.mutable_create_time()->set_seconds(1714555800);
  return contact;
}

TEST(OutputTest, ResourcePrintsFieldLines) {
  std::ostringstream out;
  PrintFields(SampleContact(), out);
  EXPECT_EQ(out.str(),
            "name: firms/acme/contacts/ann\n"
            "display_name: Ann Lee\n"
            "emails: a@globex.com\n"
            "emails: b@x.com\n"
            "create_time: 2024-05-01T09:30:00Z\n"
            "archived: false\n");
}

TEST(OutputTest, TimestampFractionsLookLikeProtobufJson) {
  v1::Contact contact;
  contact.mutable_update_time()->set_seconds(1714555800);
  contact.mutable_update_time()->set_nanos(781690000);
  std::ostringstream out;
  PrintFields(contact, out);
  EXPECT_THAT(out.str(), HasSubstr("update_time: 2024-05-01T09:30:00.781690Z\n"));
  contact.mutable_update_time()->set_nanos(500000000);
  EXPECT_EQ(FieldText(contact, *contact.GetDescriptor()->FindFieldByName("update_time"), -1),
            "2024-05-01T09:30:00.500Z");
}

TEST(OutputTest, ListPrintsATableAndTheNextPage) {
  v1::ListContactsResponse response;
  *response.add_contacts() = SampleContact();
  response.set_next_page_token("NEXT");
  std::ostringstream out;
  PrintList(response, out);
  EXPECT_EQ(out.str(),
            "ID   DISPLAY_NAME  ORGANIZATION  TITLE  EMAILS                TAGS\n"
            "ann  Ann Lee       -             -      a@globex.com,b@x.com  -\n"
            "next page: NEXT\n");
  std::ostringstream empty;
  PrintList(v1::ListContactsResponse(), empty);
  EXPECT_EQ(empty.str(), "no contacts\n");
}

TEST(OutputTest, LongCellsAreCutButIdsAreNot) {
  v1::ListContactsResponse response;
  v1::Contact& contact = *response.add_contacts();
  std::string id(60, 'a');
  contact.set_name("firms/acme/contacts/" + id);
  contact.set_display_name("Zoë " + std::string(60, 'z'));
  std::ostringstream out;
  PrintList(response, out);
  EXPECT_THAT(out.str(), HasSubstr(id + "  "));
  EXPECT_THAT(out.str(), HasSubstr("Zoë " + std::string(33, 'z') + "..."));
  EXPECT_THAT(out.str(), ::testing::Not(HasSubstr(std::string(34, 'z'))));
}

TEST(OutputTest, JsonKeepsProtoNamesAndDefaults) {
  absl::StatusOr<std::string> json = ToJson(SampleContact());
  ASSERT_TRUE(json.ok());
  EXPECT_THAT(*json, HasSubstr("\"display_name\": \"Ann Lee\""));
  EXPECT_THAT(*json, HasSubstr("\"archived\": false"));
  EXPECT_THAT(*json, HasSubstr("\"title\": \"\""));
}

}  // namespace
}  // namespace refnet::ctl
