// A JWT is `header.payload.signature`, each part base64url without padding.
#include "clients/refnetctl/token_claims.h"

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "nlohmann/json.hpp"

namespace refnet::ctl {
namespace {

std::string StringClaim(const nlohmann::json& payload, const char* key) {
  auto it = payload.find(key);
  if (it == payload.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

}  // namespace

UnverifiedClaims ReadUnverifiedClaims(absl::string_view token) {
  std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  if (parts.size() != 3) return {};
  std::string json_text;
  if (!absl::WebSafeBase64Unescape(parts[1], &json_text)) return {};
  nlohmann::json payload = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!payload.is_object()) return {};
  return UnverifiedClaims{
      .firm_id = StringClaim(payload, "firm"),
      .member_id = StringClaim(payload, "sub"),
      .role = StringClaim(payload, "role"),
  };
}

}  // namespace refnet::ctl
