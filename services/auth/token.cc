// JWT encoding and verification through libjwt; the crypto is OpenSSL's.
#include "services/auth/token.h"

#include <jwt.h>

#include <cerrno>
#include <cstdlib>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace refnet::auth {
namespace {

constexpr size_t kTokenLengthMax = 4096;
constexpr const char* kIssuer = "refnet";

struct JwtDeleter {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

const unsigned char* KeyBytes(absl::string_view secret) {
  return reinterpret_cast<const unsigned char*>(secret.data());
}

std::string GrantOrEmpty(jwt_t* jwt, const char* grant) {
  const char* value = jwt_get_grant(jwt, grant);
  return value == nullptr ? std::string() : std::string(value);
}

// A numeric claim, InfinitePast when absent; false when present but not a
// positive number.
bool OptionalTime(jwt_t* jwt, const char* grant, absl::Time* time) {
  *time = absl::InfinitePast();
  errno = 0;
  long seconds = jwt_get_grant_int(jwt, grant);
  if (errno == ENOENT) return true;  // libjwt's answer for a missing claim
  if (errno != 0 || seconds <= 0) return false;
  *time = absl::FromUnixSeconds(seconds);
  return true;
}

// Decodes and verifies the signature with `secret`; null when it fails.
JwtPtr DecodeWith(const std::string& token, absl::string_view secret) {
  jwt_t* raw = nullptr;
  if (jwt_decode(&raw, token.c_str(), KeyBytes(secret), static_cast<int>(secret.size())) != 0) {
    return nullptr;
  }
  return JwtPtr(raw);
}

// Finds the key the token names and verifies the signature with it.
absl::StatusOr<JwtPtr> DecodeVerified(const KeySet& keys, const std::string& token) {
  // Unverified first, only to read which key the header names.
  jwt_t* raw = nullptr;
  if (jwt_decode(&raw, token.c_str(), nullptr, 0) != 0) {
    return absl::UnauthenticatedError("token signature or format is invalid");
  }
  JwtPtr header(raw);
  const char* kid = jwt_get_header(header.get(), "kid");
  if (kid != nullptr) {
    const SigningKey* key = keys.Find(kid);
    if (key == nullptr || key->id.empty()) {
      return absl::UnauthenticatedError(
          absl::StrCat("token is signed with key \"", kid, "\", which this server does not hold"));
    }
    JwtPtr jwt = DecodeWith(token, key->secret);
    if (jwt == nullptr) return absl::UnauthenticatedError("token signature or format is invalid");
    return jwt;
  }
  // Tokens from before keys had ids: any listed key may have signed them.
  for (const SigningKey& key : keys.keys()) {
    JwtPtr jwt = DecodeWith(token, key.secret);
    if (jwt != nullptr) return jwt;
  }
  return absl::UnauthenticatedError("token signature or format is invalid");
}

absl::Status CheckTimes(const TokenClaims& claims, absl::Time now, const TokenPolicy& policy) {
  if (claims.expire_time <= now) return absl::UnauthenticatedError("token has expired");
  if (claims.not_before > now + policy.clock_skew) {
    return absl::UnauthenticatedError(
        absl::StrCat("token is not valid yet (nbf ", absl::FormatTime(claims.not_before), ")"));
  }
  if (claims.issue_time > now + policy.clock_skew) {
    return absl::UnauthenticatedError(absl::StrCat("token is issued in the future (iat ",
                                                   absl::FormatTime(claims.issue_time),
                                                   "); check the issuer's clock"));
  }
  absl::Time start = claims.issue_time == absl::InfinitePast() ? now : claims.issue_time;
  absl::Duration lifetime_max = policy.LifetimeMax(claims.principal.role);
  if (claims.expire_time - start > lifetime_max) {
    return absl::UnauthenticatedError(absl::StrCat(
        "token claims a lifetime of ", absl::FormatDuration(claims.expire_time - start),
        ", longer than the ", absl::FormatDuration(lifetime_max), " allowed for ",
        RoleToString(claims.principal.role), " tokens"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::string_view RoleToString(Role role) {
  switch (role) {
    case Role::kPlatformAdmin:
      return "platform-admin";
    case Role::kAdmin:
      return "admin";
    case Role::kMember:
      return "member";
    case Role::kService:
      return "service";
  }
  return "unknown";
}

absl::StatusOr<Role> RoleFromString(absl::string_view role) {
  for (Role r : {Role::kPlatformAdmin, Role::kAdmin, Role::kMember, Role::kService}) {
    if (RoleToString(r) == role) return r;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("role: \"", role, "\" is not one of platform-admin, admin, member, service"));
}

absl::StatusOr<std::string> IssueToken(const SigningKey& key, const TokenClaims& claims) {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return absl::InternalError("jwt_new failed");
  JwtPtr jwt(raw);
  const Principal& p = claims.principal;
  bool ok = jwt_set_alg(jwt.get(), JWT_ALG_HS256, KeyBytes(key.secret),
                        static_cast<int>(key.secret.size())) == 0;
  if (!key.id.empty()) ok = ok && jwt_add_header(jwt.get(), "kid", key.id.c_str()) == 0;
  ok = ok && jwt_add_grant(jwt.get(), "iss", kIssuer) == 0;
  ok = ok && jwt_add_grant(jwt.get(), "role", std::string(RoleToString(p.role)).c_str()) == 0;
  if (p.role != Role::kPlatformAdmin) {
    ok = ok && jwt_add_grant(jwt.get(), "firm", p.firm_id.c_str()) == 0;
    ok = ok && jwt_add_grant(jwt.get(), "sub", p.member_id.c_str()) == 0;
  }
  ok = ok && jwt_add_grant_int(jwt.get(), "exp", absl::ToUnixSeconds(claims.expire_time)) == 0;
  if (claims.issue_time != absl::InfinitePast()) {
    ok = ok && jwt_add_grant_int(jwt.get(), "iat", absl::ToUnixSeconds(claims.issue_time)) == 0;
  }
  if (claims.not_before != absl::InfinitePast()) {
    ok = ok && jwt_add_grant_int(jwt.get(), "nbf", absl::ToUnixSeconds(claims.not_before)) == 0;
  }
  if (!ok) return absl::InternalError("could not build the token");
  char* encoded = jwt_encode_str(jwt.get());
  if (encoded == nullptr) return absl::InternalError("could not sign the token");
  std::string token(encoded);
  free(encoded);  // libjwt 1.10 allocates with malloc.
  return token;
}

absl::StatusOr<std::string> IssueToken(absl::string_view secret, const TokenClaims& claims) {
  return IssueToken(SigningKey{"", std::string(secret)}, claims);
}

absl::StatusOr<TokenClaims> VerifyToken(const KeySet& keys, absl::string_view token, absl::Time now,
                                        const TokenPolicy& policy) {
  if (token.empty()) return absl::UnauthenticatedError("missing bearer token");
  if (token.size() > kTokenLengthMax) return absl::UnauthenticatedError("token is too long");
  absl::StatusOr<JwtPtr> decoded = DecodeVerified(keys, std::string(token));
  if (!decoded.ok()) return decoded.status();
  jwt_t* jwt = decoded->get();
  // Only HS256 is accepted: never "none", never an algorithm the caller picks.
  if (jwt_get_alg(jwt) != JWT_ALG_HS256) {
    return absl::UnauthenticatedError("token must be signed with HS256");
  }
  if (GrantOrEmpty(jwt, "iss") != kIssuer) {
    return absl::UnauthenticatedError("token was not issued by refnet");
  }
  errno = 0;
  long exp = jwt_get_grant_int(jwt, "exp");
  if (errno != 0 || exp <= 0) return absl::UnauthenticatedError("token has no expiry");
  TokenClaims claims;
  claims.expire_time = absl::FromUnixSeconds(exp);
  if (!OptionalTime(jwt, "iat", &claims.issue_time)) {
    return absl::UnauthenticatedError("token's iat is not a time");
  }
  if (!OptionalTime(jwt, "nbf", &claims.not_before)) {
    return absl::UnauthenticatedError("token's nbf is not a time");
  }
  absl::StatusOr<Role> role = RoleFromString(GrantOrEmpty(jwt, "role"));
  if (!role.ok()) return absl::UnauthenticatedError("token has an unknown role");
  claims.principal.role = *role;
  if (*role != Role::kPlatformAdmin) {
    claims.principal.firm_id = GrantOrEmpty(jwt, "firm");
    claims.principal.member_id = GrantOrEmpty(jwt, "sub");
    if (claims.principal.firm_id.empty() || claims.principal.member_id.empty()) {
      return absl::UnauthenticatedError("token names no firm or member");
    }
  }
  absl::Status times = CheckTimes(claims, now, policy);
  if (!times.ok()) return times;
  return claims;
}

}  // namespace refnet::auth
