// Command-line flags of refnet-server; each has a REFNET_* environment twin
// (--token-secret-file ↔ REFNET_TOKEN_SECRET_FILE). A flag given on the
// command line wins over the environment.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/server/server_config.h"

namespace refnet::server {

// Parses argv (after folding in REFNET_* variables) into a config.
absl::StatusOr<ServerConfig> ParseServerFlags(int argc, char** argv);

}  // namespace refnet::server
