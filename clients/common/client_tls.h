// TLS for refnet's clients: which files to use, from flags first and the
// REFNET_TLS_* environment second, and the channel credentials they make.
// Plaintext unless a file is given; a client certificate is for servers that
// require mutual TLS.
#pragma once

#include <grpcpp/security/credentials.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace refnet::clients {

struct ClientTlsFiles {
  std::string ca_file;    // roots the server's certificate must chain to; empty: the system's
  std::string cert_file;  // the client's certificate chain (mutual TLS)
  std::string key_file;   // its private key

  bool enabled() const { return !ca_file.empty() || !cert_file.empty() || !key_file.empty(); }
};

// Looks a variable up; injected so tests control the environment.
using EnvLookup = std::function<std::optional<std::string>(absl::string_view name)>;

// Fills what the flags left empty from REFNET_TLS_CA_FILE, REFNET_TLS_CERT_FILE
// and REFNET_TLS_KEY_FILE.
ClientTlsFiles WithEnvironment(ClientTlsFiles files, const EnvLookup& env);

// Insecure credentials, or TLS from the files (read now); errors name the
// flag and the file.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> MakeChannelCredentials(
    const ClientTlsFiles& files);

}  // namespace refnet::clients
