// Server credentials: plaintext, TLS, or mutual TLS from PEM files that are
// re-read while the server runs (cert-manager and Kubernetes replace mounted
// secrets in place), so a renewed certificate is served to new connections
// without a restart and connections already open carry on.
#pragma once

#include <grpcpp/security/server_credentials.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/server/server_config.h"

namespace refnet::server {

// The configured files, read and checked: the key matches the first
// certificate of the chain, and every file holds what it should.
struct TlsMaterial {
  std::string identity_pem;  // the private key, then the certificate chain
  std::string roots_pem;     // the client CA bundle; empty without mutual TLS
  std::string subject;       // of the server's certificate
  std::string not_after;     // its expiry, as OpenSSL prints it
};

absl::StatusOr<TlsMaterial> ReadTlsMaterial(const TlsConfig& tls);

class TlsReloader;

// Insecure credentials without TLS; otherwise TLS served from what
// `reloader` publishes.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    const TlsConfig& tls, const TlsReloader* reloader);

}  // namespace refnet::server
