// Bearer tokens: signed claims round-trip; anything else is refused.
#include "services/auth/token.h"

#include <jwt.h>

#include "gtest/gtest.h"

namespace refnet::auth {
namespace {

const std::string kSecret(48, 's');
const absl::Time kNow = absl::FromUnixSeconds(1800000000);

KeySet Keys(const std::string& secret) { return *KeySet::Single(secret); }

TEST(TokenTest, MemberClaimsRoundTrip) {
  TokenClaims claims{{Role::kService, "acme", "crm-sync"}, kNow + absl::Hours(1)};
  std::string token = *IssueToken(kSecret, claims);
  absl::StatusOr<TokenClaims> verified = VerifyToken(Keys(kSecret), token, kNow);
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_EQ(verified->principal.role, Role::kService);
  EXPECT_EQ(verified->principal.firm_id, "acme");
  EXPECT_EQ(verified->principal.member_id, "crm-sync");
  EXPECT_EQ(verified->expire_time, kNow + absl::Hours(1));
}

TEST(TokenTest, PlatformAdminsHaveNoFirm) {
  TokenClaims claims{{Role::kPlatformAdmin, "", ""}, kNow + absl::Minutes(5)};
  absl::StatusOr<TokenClaims> verified =
      VerifyToken(Keys(kSecret), *IssueToken(kSecret, claims), kNow);
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->principal.role, Role::kPlatformAdmin);
  EXPECT_TRUE(verified->principal.firm_id.empty());
}

TEST(TokenTest, ExpiredWrongKeyAndTamperedTokensAreRefused) {
  TokenClaims claims{{Role::kAdmin, "acme", "boss"}, kNow + absl::Hours(1)};
  std::string token = *IssueToken(kSecret, claims);
  EXPECT_EQ(VerifyToken(Keys(kSecret), token, kNow + absl::Hours(2)).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(VerifyToken(Keys(std::string(48, 'x')), token, kNow).status().code(),
            absl::StatusCode::kUnauthenticated);
  std::string tampered = token;
  tampered[tampered.find('.') + 3] ^= 1;
  EXPECT_EQ(VerifyToken(Keys(kSecret), tampered, kNow).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(VerifyToken(Keys(kSecret), "", kNow).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST(TokenTest, UnsignedTokensAreRefused) {
  jwt_t* jwt = nullptr;
  ASSERT_EQ(jwt_new(&jwt), 0);
  jwt_add_grant(jwt, "iss", "refnet");
  jwt_add_grant(jwt, "role", "admin");
  jwt_add_grant(jwt, "firm", "acme");
  jwt_add_grant(jwt, "sub", "boss");
  jwt_add_grant_int(jwt, "exp", absl::ToUnixSeconds(kNow + absl::Hours(1)));
  char* encoded = jwt_encode_str(jwt);  // alg "none"
  std::string token(encoded);
  free(encoded);
  jwt_free(jwt);
  EXPECT_EQ(VerifyToken(Keys(kSecret), token, kNow).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST(TokenTest, RolesParseFromTheirNames) {
  EXPECT_EQ(*RoleFromString("platform-admin"), Role::kPlatformAdmin);
  EXPECT_EQ(*RoleFromString("member"), Role::kMember);
  EXPECT_FALSE(RoleFromString("root").ok());
}

// A token the way the server and refnetctl issue them: iat and nbf now.
TokenClaims Fresh(Role role, absl::Duration ttl, absl::Time issued = kNow) {
  TokenClaims claims{{role, "acme", "alice"}, issued + ttl};
  claims.issue_time = issued;
  claims.not_before = issued;
  return claims;
}

absl::StatusCode VerifyCode(const KeySet& keys, const std::string& token, absl::Time now) {
  return VerifyToken(keys, token, now).status().code();
}

TEST(TokenTest, ATokenNotValidYetIsRefusedBeyondTheClockSkew) {
  TokenClaims claims = Fresh(Role::kMember, absl::Hours(1));
  claims.not_before = kNow + absl::Minutes(5);
  std::string token = *IssueToken(kSecret, claims);
  absl::StatusOr<TokenClaims> early = VerifyToken(Keys(kSecret), token, kNow);
  EXPECT_EQ(early.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(early.status().message().find("not valid yet"), absl::string_view::npos);
  // Within the default 60 s of skew, and once the time has come, it is fine.
  EXPECT_TRUE(VerifyToken(Keys(kSecret), token, kNow + absl::Minutes(4)).ok());
  EXPECT_TRUE(VerifyToken(Keys(kSecret), token, kNow + absl::Minutes(6)).ok());
}

TEST(TokenTest, ATokenIssuedInTheFutureIsRefused) {
  std::string token =
      *IssueToken(kSecret, Fresh(Role::kMember, absl::Hours(1), kNow + absl::Minutes(10)));
  EXPECT_EQ(VerifyCode(Keys(kSecret), token, kNow), absl::StatusCode::kUnauthenticated);
  std::string skewed =
      *IssueToken(kSecret, Fresh(Role::kMember, absl::Hours(1), kNow + absl::Seconds(30)));
  EXPECT_TRUE(VerifyToken(Keys(kSecret), skewed, kNow).ok());
}

TEST(TokenTest, LifetimesAreCappedByRole) {
  // 24 hours for people, 30 days for service accounts, by default.
  EXPECT_TRUE(
      VerifyToken(Keys(kSecret), *IssueToken(kSecret, Fresh(Role::kMember, absl::Hours(24))), kNow)
          .ok());
  absl::StatusOr<TokenClaims> long_member =
      VerifyToken(Keys(kSecret), *IssueToken(kSecret, Fresh(Role::kMember, absl::Hours(25))), kNow);
  EXPECT_EQ(long_member.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(long_member.status().message().find("longer than the 24h"), absl::string_view::npos);
  EXPECT_TRUE(VerifyToken(Keys(kSecret),
                          *IssueToken(kSecret, Fresh(Role::kService, absl::Hours(24 * 30))), kNow)
                  .ok());
  EXPECT_EQ(VerifyCode(Keys(kSecret),
                       *IssueToken(kSecret, Fresh(Role::kService, absl::Hours(24 * 31))), kNow),
            absl::StatusCode::kUnauthenticated);
  TokenPolicy strict;
  strict.service_lifetime_max = absl::Hours(1);
  EXPECT_EQ(VerifyToken(Keys(kSecret), *IssueToken(kSecret, Fresh(Role::kService, absl::Hours(2))),
                        kNow, strict)
                .status()
                .code(),
            absl::StatusCode::kUnauthenticated);
}

TEST(TokenTest, TokensWithoutIssueTimeAreCappedOnWhatIsLeft) {
  // Tokens from before iat was written: what remains of them counts.
  TokenClaims claims{{Role::kAdmin, "acme", "boss"}, kNow + absl::Hours(48)};
  std::string token = *IssueToken(kSecret, claims);
  EXPECT_EQ(VerifyCode(Keys(kSecret), token, kNow), absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE(VerifyToken(Keys(kSecret), token, kNow + absl::Hours(25)).ok());
}

TEST(TokenTest, KeyedTokensCarryTheirKeyIdAndVerifyWithThatKey) {
  KeySet keys =
      *KeySet::Parse("new=" + std::string(40, 'n') + "\nold=" + std::string(40, 'o'), "test");
  std::string by_new = *IssueToken(keys.signing(), Fresh(Role::kMember, absl::Hours(1)));
  std::string by_old = *IssueToken(*keys.Find("old"), Fresh(Role::kMember, absl::Hours(1)));
  EXPECT_TRUE(VerifyToken(keys, by_new, kNow).ok());
  EXPECT_TRUE(VerifyToken(keys, by_old, kNow).ok());
  jwt_t* jwt = nullptr;
  ASSERT_EQ(jwt_decode(&jwt, by_new.c_str(), nullptr, 0), 0);
  EXPECT_STREQ(jwt_get_header(jwt, "kid"), "new");
  jwt_free(jwt);
  // Once "old" is retired, its tokens are refused, naming the key.
  KeySet retired = *KeySet::Parse("new=" + std::string(40, 'n'), "test");
  absl::StatusOr<TokenClaims> refused = VerifyToken(retired, by_old, kNow);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(refused.status().message().find("\"old\""), absl::string_view::npos);
  // A kid naming a key whose secret is another's does not verify.
  KeySet swapped = *KeySet::Parse("old=" + std::string(40, 'n'), "test");
  EXPECT_EQ(VerifyCode(swapped, by_old, kNow), absl::StatusCode::kUnauthenticated);
}

TEST(TokenTest, TokensWithoutKeyIdVerifyAgainstEveryListedKey) {
  // Signed with the bare secret a server used before its file listed keys.
  std::string legacy = *IssueToken(kSecret, Fresh(Role::kMember, absl::Hours(1)));
  KeySet keys = *KeySet::Parse("k2=" + std::string(40, 'n') + "\nk1=" + kSecret, "test");
  EXPECT_TRUE(VerifyToken(keys, legacy, kNow).ok());
  KeySet without = *KeySet::Parse("k2=" + std::string(40, 'n'), "test");
  EXPECT_EQ(VerifyCode(without, legacy, kNow), absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace refnet::auth
