// Options every remote command shares, from flags first and REFNET_*
// environment variables second.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "clients/refnetctl/flag_parser.h"
#include "services/common/clock.h"

namespace refnet::ctl {

// Looks up an environment variable; injected so tests control the environment.
using EnvLookup = std::function<std::optional<std::string>(absl::string_view name)>;

// The real process environment.
EnvLookup ProcessEnv();

struct GlobalOptions {
  std::string target = "localhost:50051";
  std::string token;             // sent as `authorization: Bearer <token>`
  std::string firm_id;           // --firm, else REFNET_FIRM, else the token's firm claim
  std::string caller_member_id;  // the token's subject, used as the default member
  bool json = false;
  absl::Duration timeout = absl::Seconds(10);
  std::string request_id;  // --request-id, else a fresh UUID for this invocation
  bool use_tls = false;    // plaintext unless a CA file is given
  std::string tls_ca_pem;  // root certificates trusted for TLS
};

// Flags accepted before and after every subcommand.
absl::Span<const FlagSpec> GlobalFlagSpecs();

// Reads the global flags in `args`, falling back to the environment, and
// loads the token and CA files they name.
absl::StatusOr<GlobalOptions> ResolveGlobalOptions(const ParsedArgs& args, const EnvLookup& env,
                                                   IdGenerator& ids);

}  // namespace refnet::ctl
