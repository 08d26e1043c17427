// Signed bearer tokens (JWT, HS256) naming the caller's firm, member and role.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/auth/key_set.h"

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
  absl::Time expire_time;  // exp
  // iat and nbf. Tokens issued before they were written carry neither; they
  // read back as InfinitePast.
  absl::Time issue_time = absl::InfinitePast();
  absl::Time not_before = absl::InfinitePast();
};

// What verification allows beyond the signature.
struct TokenPolicy {
  // Clocks of issuer and server may disagree by this much on iat and nbf.
  absl::Duration clock_skew = absl::Seconds(60);
  // The longest lifetime (exp - iat) a token may claim: service accounts,
  // and every other role.
  absl::Duration service_lifetime_max = absl::Hours(24 * 30);
  absl::Duration lifetime_max = absl::Hours(24);

  absl::Duration LifetimeMax(Role role) const {
    return role == Role::kService ? service_lifetime_max : lifetime_max;
  }
};

// Signs the claims with `key`; a key with an id puts it in the `kid` header.
// iat and nbf are written when set.
absl::StatusOr<std::string> IssueToken(const SigningKey& key, const TokenClaims& claims);
// Signs with a bare secret (no `kid`).
absl::StatusOr<std::string> IssueToken(absl::string_view secret, const TokenClaims& claims);

// Verifies algorithm, signature (with the key its `kid` names; a token
// without one against every key), expiry, iat and nbf within the clock skew,
// the lifetime cap of its role (exp - iat, or exp - now without iat), and the
// shape of the claims. Every failure is UNAUTHENTICATED.
absl::StatusOr<TokenClaims> VerifyToken(const KeySet& keys, absl::string_view token, absl::Time now,
                                        const TokenPolicy& policy = {});

}  // namespace refnet::auth
