// `refnetctl token`: signs a bearer token with the server's shared secret.
#pragma once

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clients/refnetctl/flag_parser.h"
#include "services/auth/token.h"

namespace refnet::ctl {

// The claims asked for by --role, --firm, --member and --ttl (default 1h),
// expiring `ttl` after `now`. Platform-admin tokens name no firm or member;
// every other role needs both.
absl::StatusOr<auth::TokenClaims> TokenClaimsFromArgs(const ParsedArgs& args, absl::Time now);

}  // namespace refnet::ctl
