// Server credentials: plaintext, TLS, or mutual TLS, from PEM files that
// gRPC re-reads while the server runs (cert-manager and Kubernetes replace
// mounted secrets in place), so a renewed certificate is served to new
// connections without a restart and connections already open carry on.
#pragma once

#include <grpcpp/security/server_credentials.h>

#include <memory>

#include "absl/status/statusor.h"
#include "services/server/server_config.h"

namespace refnet::server {

// Checks the files once at start, so a missing file or a key that does not
// match its certificate stops the server instead of failing every handshake.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    const TlsConfig& tls);

}  // namespace refnet::server
