// JWT encoding and verification through libjwt; the crypto is OpenSSL's.
#include "services/auth/token.h"

#include <jwt.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace refnet::auth {
namespace {

constexpr size_t kSecretLengthMin = 32;
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

absl::StatusOr<std::string> IssueToken(absl::string_view secret, const TokenClaims& claims) {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return absl::InternalError("jwt_new failed");
  JwtPtr jwt(raw);
  const Principal& p = claims.principal;
  bool ok =
      jwt_set_alg(jwt.get(), JWT_ALG_HS256, KeyBytes(secret), static_cast<int>(secret.size())) == 0;
  ok = ok && jwt_add_grant(jwt.get(), "iss", kIssuer) == 0;
  ok = ok && jwt_add_grant(jwt.get(), "role", std::string(RoleToString(p.role)).c_str()) == 0;
  if (p.role != Role::kPlatformAdmin) {
    ok = ok && jwt_add_grant(jwt.get(), "firm", p.firm_id.c_str()) == 0;
    ok = ok && jwt_add_grant(jwt.get(), "sub", p.member_id.c_str()) == 0;
  }
  ok = ok && jwt_add_grant_int(jwt.get(), "exp", absl::ToUnixSeconds(claims.expire_time)) == 0;
  if (!ok) return absl::InternalError("could not build the token");
  char* encoded = jwt_encode_str(jwt.get());
  if (encoded == nullptr) return absl::InternalError("could not sign the token");
  std::string token(encoded);
  free(encoded);  // libjwt 1.10 allocates with malloc.
  return token;
}

absl::StatusOr<TokenClaims> VerifyToken(absl::string_view secret, absl::string_view token,
                                        absl::Time now) {
  if (token.empty()) return absl::UnauthenticatedError("missing bearer token");
  if (token.size() > kTokenLengthMax) return absl::UnauthenticatedError("token is too long");
  jwt_t* raw = nullptr;
  std::string token_z(token);
  if (jwt_decode(&raw, token_z.c_str(), KeyBytes(secret), static_cast<int>(secret.size())) != 0) {
    return absl::UnauthenticatedError("token signature or format is invalid");
  }
  JwtPtr jwt(raw);
  // Only HS256 is accepted: never "none", never an algorithm the caller picks.
  if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256) {
    return absl::UnauthenticatedError("token must be signed with HS256");
  }
  if (GrantOrEmpty(jwt.get(), "iss") != kIssuer) {
    return absl::UnauthenticatedError("token was not issued by refnet");
  }
  errno = 0;
  long exp = jwt_get_grant_int(jwt.get(), "exp");
  if (errno != 0 || exp <= 0) return absl::UnauthenticatedError("token has no expiry");
  TokenClaims claims;
  claims.expire_time = absl::FromUnixSeconds(exp);
  if (claims.expire_time <= now) return absl::UnauthenticatedError("token has expired");
  absl::StatusOr<Role> role = RoleFromString(GrantOrEmpty(jwt.get(), "role"));
  if (!role.ok()) return absl::UnauthenticatedError("token has an unknown role");
  claims.principal.role = *role;
  if (*role != Role::kPlatformAdmin) {
    claims.principal.firm_id = GrantOrEmpty(jwt.get(), "firm");
    claims.principal.member_id = GrantOrEmpty(jwt.get(), "sub");
    if (claims.principal.firm_id.empty() || claims.principal.member_id.empty()) {
      return absl::UnauthenticatedError("token names no firm or member");
    }
  }
  return claims;
}

absl::StatusOr<std::string> ReadSecretFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read token secret file ", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string secret(absl::StripTrailingAsciiWhitespace(buffer.str()));
  if (secret.size() < kSecretLengthMin) {
    return absl::InvalidArgumentError(
        absl::StrCat("token secret in ", path, " is shorter than ", kSecretLengthMin, " bytes"));
  }
  return secret;
}

}  // namespace refnet::auth
