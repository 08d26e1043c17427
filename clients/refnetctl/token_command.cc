// Tokens are issued by the same code the server verifies them with, so the
// claims and their encoding cannot drift apart.
#include "clients/refnetctl/token_command.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "clients/refnetctl/command.h"
#include "clients/refnetctl/duration_text.h"
#include "clients/refnetctl/exit_status.h"
#include "clients/refnetctl/short_names.h"
#include "services/common/status.h"

namespace refnet::ctl {
namespace {

constexpr absl::Duration kTtlDefault = absl::Hours(1);

absl::Status RunToken(CommandEnv& env) {
  std::optional<std::string> secret_file = env.args.Value("secret-file");
  if (!secret_file.has_value()) return UsageError("token needs --secret-file");
  REFNET_ASSIGN_OR_RETURN(auth::TokenClaims claims, TokenClaimsFromArgs(env.args, absl::Now()));
  // Signed with the file's first key, as the server signs.
  REFNET_ASSIGN_OR_RETURN(auth::KeySet keys, auth::ReadKeyFile(*secret_file));
  REFNET_ASSIGN_OR_RETURN(std::string token, auth::IssueToken(keys.signing(), claims));
  env.out << token << "\n";
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<auth::TokenClaims> TokenClaimsFromArgs(const ParsedArgs& args, absl::Time now) {
  std::optional<std::string> role_text = args.Value("role");
  if (!role_text.has_value()) {
    return UsageError("token needs --role platform-admin|admin|member|service");
  }
  absl::StatusOr<auth::Role> role = auth::RoleFromString(*role_text);
  if (!role.ok()) return UsageError(role.status().message());
  auth::TokenClaims claims;
  claims.principal.role = *role;
  std::string firm = FirmIdOf(args.Value("firm").value_or(""));
  std::string member = std::string(LastSegment(args.Value("member").value_or("")));
  if (*role == auth::Role::kPlatformAdmin) {
    if (!firm.empty() || !member.empty()) {
      return UsageError("platform-admin tokens name no --firm or --member");
    }
  } else if (firm.empty() || member.empty()) {
    return UsageError(absl::StrCat(*role_text, " tokens need --firm and --member"));
  }
  claims.principal.firm_id = firm;
  claims.principal.member_id = member;
  absl::Duration ttl = kTtlDefault;
  if (std::optional<std::string> text = args.Value("ttl")) {
    REFNET_ASSIGN_OR_RETURN(ttl, ParsePositiveDuration(*text, "ttl"));
  }
  absl::Time issued = absl::FromUnixSeconds(absl::ToUnixSeconds(now));
  claims.issue_time = issued;
  claims.not_before = issued;
  claims.expire_time = issued + ttl;
  return claims;
}

Command TokenCommand() {
  return {
      .group = "token",
      .summary = "print a signed bearer token",
      .flags = {{"secret-file", FlagKind::kValue, "FILE",
                 "the server's token secret file (a bare secret or KEY_ID=SECRET lines; the "
                 "first key signs)"},
                {"role", FlagKind::kValue, "ROLE", "platform-admin, admin, member or service"},
                {"member", FlagKind::kValue, "MEMBER", "the member the token speaks for"},
                {"ttl", FlagKind::kValue, "DURATION", "lifetime such as 30m, 1h, 7d (default 1h)"}},
      .remote = false,
      .run = RunToken,
  };
}

}  // namespace refnet::ctl
