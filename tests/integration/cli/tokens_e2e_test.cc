// refnetctl tokens issue and the rate-limit settings, end to end: an admin
// gets tokens from the server without the signing secret.
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "cli_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace refnet::ctl::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

using RefnetctlTokensTest = RefnetctlTest;

TEST_F(RefnetctlTokensTest, AnAdminIssuesTokensForItsMembersFromTheServer) {
  std::string alice = BootstrapFirm("tokens");
  CommandResult bob = Ctl({"--token", alice, "members", "create", "bob", "--display-name", "Bob",
                           "--email", "bob@tokens.example", "--role", "member"});
  ASSERT_EQ(bob.exit_code, 0) << bob.err;
  CommandResult issued = Ctl({"--token", alice, "tokens", "issue", "bob", "--ttl", "2h"});
  ASSERT_EQ(issued.exit_code, 0) << issued.err;
  std::string token(absl::StripAsciiWhitespace(issued.out));
  EXPECT_THAT(token, StartsWith("eyJ"));
  // The issued token works, as bob, a member.
  CommandResult as_bob = Ctl({"--token", token, "members", "get", "bob"});
  EXPECT_EQ(as_bob.exit_code, 0) << as_bob.err;
  CommandResult check = Ctl({"--token", token, "ledger", "check"});
  EXPECT_NE(check.exit_code, 0);
  EXPECT_THAT(check.err, HasSubstr("role member"));

  CommandResult json = Ctl({"--token", alice, "--json", "tokens", "issue", "bob"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"role\": \"ROLE_MEMBER\""));
  EXPECT_THAT(json.out, HasSubstr("\"expire_time\""));

  CommandResult too_long = Ctl({"--token", alice, "tokens", "issue", "bob", "--ttl", "30d"});
  EXPECT_NE(too_long.exit_code, 0);
  EXPECT_THAT(too_long.err, HasSubstr("ttl: must be at most 24h"));
  CommandResult by_member = Ctl({"--token", token, "tokens", "issue", "bob"});
  EXPECT_NE(by_member.exit_code, 0);
  EXPECT_THAT(by_member.err, HasSubstr("may not issue tokens"));
}

TEST_F(RefnetctlTokensTest, APlatformAdminSetsAFirmsRateLimit) {
  std::string alice = BootstrapFirm("limited");
  std::string root = Token({"--role", "platform-admin"});
  CommandResult set = Ctl({"--token", root, "--firm", "limited", "settings", "update",
                           "--rate-limit-rps", "250", "--rate-burst", "500"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(FieldOf(set.out, "rate_limit_rps"), "250");
  CommandResult raise = Ctl({"--token", alice, "settings", "update", "--rate-limit-rps", "9000"});
  EXPECT_NE(raise.exit_code, 0);
  EXPECT_THAT(raise.err, HasSubstr("only platform admins"));
}

}  // namespace
}  // namespace refnet::ctl::testing
