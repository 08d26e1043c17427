// Bearer tokens: signed claims round-trip; anything else is refused.
#include "services/auth/token.h"

#include <jwt.h>

#include "gtest/gtest.h"

namespace refnet::auth {
namespace {

const std::string kSecret(48, 's');
const absl::Time kNow = absl::FromUnixSeconds(1800000000);

TEST(TokenTest, MemberClaimsRoundTrip) {
  TokenClaims claims{{Role::kService, "acme", "crm-sync"}, kNow + absl::Hours(1)};
  std::string token = *IssueToken(kSecret, claims);
  absl::StatusOr<TokenClaims> verified = VerifyToken(kSecret, token, kNow);
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_EQ(verified->principal.role, Role::kService);
  EXPECT_EQ(verified->principal.firm_id, "acme");
  EXPECT_EQ(verified->principal.member_id, "crm-sync");
  EXPECT_EQ(verified->expire_time, kNow + absl::Hours(1));
}

TEST(TokenTest, PlatformAdminsHaveNoFirm) {
  TokenClaims claims{{Role::kPlatformAdmin, "", ""}, kNow + absl::Minutes(5)};
  absl::StatusOr<TokenClaims> verified = VerifyToken(kSecret, *IssueToken(kSecret, claims), kNow);
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->principal.role, Role::kPlatformAdmin);
  EXPECT_TRUE(verified->principal.firm_id.empty());
}

TEST(TokenTest, ExpiredWrongKeyAndTamperedTokensAreRefused) {
  TokenClaims claims{{Role::kAdmin, "acme", "boss"}, kNow + absl::Hours(1)};
  std::string token = *IssueToken(kSecret, claims);
  EXPECT_EQ(VerifyToken(kSecret, token, kNow + absl::Hours(2)).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(VerifyToken(std::string(48, 'x'), token, kNow).status().code(),
            absl::StatusCode::kUnauthenticated);
  std::string tampered = token;
  tampered[tampered.find('.') + 3] ^= 1;
  EXPECT_EQ(VerifyToken(kSecret, tampered, kNow).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(VerifyToken(kSecret, "", kNow).status().code(), absl::StatusCode::kUnauthenticated);
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
  EXPECT_EQ(VerifyToken(kSecret, token, kNow).status().code(), absl::StatusCode::kUnauthenticated);
}

TEST(TokenTest, RolesParseFromTheirNames) {
  EXPECT_EQ(*RoleFromString("platform-admin"), Role::kPlatformAdmin);
  EXPECT_EQ(*RoleFromString("member"), Role::kMember);
  EXPECT_FALSE(RoleFromString("root").ok());
}

}  // namespace
}  // namespace refnet::auth
