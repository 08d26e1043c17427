// Options every remote command shares, from flags first and REFNET_*
// environment variables second.
#pragma once

#include <grpcpp/security/credentials.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "clients/common/client_tls.h"
#include "clients/refnetctl/flag_parser.h"
#include "services/common/clock.h"

namespace refnet::ctl {

// Looks up an environment variable; injected so tests control the environment.
using EnvLookup = clients::EnvLookup;

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
  // Plaintext unless a TLS file is given (--tls-ca-file, --tls-cert-file,
  // --tls-key-file or their REFNET_TLS_* twins).
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  bool tls = false;
};

// Flags accepted before and after every subcommand.
absl::Span<const FlagSpec> GlobalFlagSpecs();

// Reads the global flags in `args`, falling back to the environment, and
// loads the token and TLS files they name.
absl::StatusOr<GlobalOptions> ResolveGlobalOptions(const ParsedArgs& args, const EnvLookup& env,
                                                   IdGenerator& ids);

}  // namespace refnet::ctl
