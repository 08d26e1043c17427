// Reading the PEM files and building gRPC's SSL credentials from them.
#include "clients/common/client_tls.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace refnet::clients {
namespace {

// PEM files are small; refuse anything that is not.
constexpr std::streamsize kFileBytesMax = 1 << 20;

absl::StatusOr<std::string> ReadPem(const std::string& path, absl::string_view flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("--", flag, ": cannot read ", path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (buffer.tellp() > kFileBytesMax) {
    return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", path, " is over 1 MiB"));
  }
  std::string pem = buffer.str();
  if (pem.find("-----BEGIN ") == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", path, " is not PEM"));
  }
  return pem;
}

void Fill(std::string& value, const EnvLookup& env, absl::string_view variable) {
  if (!value.empty()) return;
  std::optional<std::string> found = env(variable);
  if (found.has_value()) value = *found;
}

}  // namespace

ClientTlsFiles WithEnvironment(ClientTlsFiles files, const EnvLookup& env) {
  Fill(files.ca_file, env, "REFNET_TLS_CA_FILE");
  Fill(files.cert_file, env, "REFNET_TLS_CERT_FILE");
  Fill(files.key_file, env, "REFNET_TLS_KEY_FILE");
  return files;
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> MakeChannelCredentials(
    const ClientTlsFiles& files) {
  if (!files.enabled()) return grpc::InsecureChannelCredentials();
  if (files.cert_file.empty() != files.key_file.empty()) {
    return absl::InvalidArgumentError("--tls-cert-file and --tls-key-file go together");
  }
  grpc::SslCredentialsOptions ssl;
  if (!files.ca_file.empty()) {
    absl::StatusOr<std::string> ca = ReadPem(files.ca_file, "tls-ca-file");
    if (!ca.ok()) return ca.status();
    ssl.pem_root_certs = *std::move(ca);
  }
  if (!files.cert_file.empty()) {
    absl::StatusOr<std::string> cert = ReadPem(files.cert_file, "tls-cert-file");
    if (!cert.ok()) return cert.status();
    absl::StatusOr<std::string> key = ReadPem(files.key_file, "tls-key-file");
    if (!key.ok()) return key.status();
    ssl.pem_cert_chain = *std::move(cert);
    ssl.pem_private_key = *std::move(key);
  }
  return grpc::SslCredentials(ssl);
}

}  // namespace refnet::clients
