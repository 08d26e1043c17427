// Signed bearer tokens (JWT, HS256) naming the caller's firm, member and role.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace refnet::auth {

// What a caller may do. Platform admins manage firms and their members but
// see no firm data; the other roles belong to exactly one firm.
enum class Role { kPlatformAdmin, kAdmin, kMember, kService };

absl::string_view RoleToString(Role role);
absl::StatusOr<Role> RoleFromString(absl::string_view role);

// The verified identity behind a call. `firm_id` and `member_id` are empty
// for platform admins.
struct Principal {
  Role role = Role::kMember;
  std::string firm_id;
  std::string member_id;
};

struct TokenClaims {
  Principal principal;
  absl::Time expire_time;
};

// Signs the claims with the shared secret.
absl::StatusOr<std::string> IssueToken(absl::string_view secret, const TokenClaims& claims);

// Verifies signature, algorithm, expiry and the shape of the claims.
// Every failure is UNAUTHENTICATED.
absl::StatusOr<TokenClaims> VerifyToken(absl::string_view secret, absl::string_view token,
                                        absl::Time now);

// Reads a secret from a file, trimming trailing whitespace. A secret shorter
// than 32 bytes is refused: HS256 keys should be at least as long as the hash.
absl::StatusOr<std::string> ReadSecretFile(const std::string& path);

}  // namespace refnet::auth
