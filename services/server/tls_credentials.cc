// TLS through gRPC's FileWatcherCertificateProvider; the check is OpenSSL's.
#include "services/server/tls_credentials.h"

#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_credentials_options.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <memory>

#include "absl/strings/str_cat.h"

namespace refnet::server {
namespace {

struct FileCloser {
  void operator()(FILE* file) const { std::fclose(file); }
};
struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};

absl::StatusOr<std::unique_ptr<X509, X509Free>> ReadCertificate(const std::string& path,
                                                                absl::string_view flag) {
  std::unique_ptr<FILE, FileCloser> file(std::fopen(path.c_str(), "r"));
  if (file == nullptr) return absl::NotFoundError(absl::StrCat(flag, ": cannot read ", path));
  std::unique_ptr<X509, X509Free> cert(PEM_read_X509(file.get(), nullptr, nullptr, nullptr));
  if (cert == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(flag, ": ", path, " holds no PEM certificate"));
  }
  return cert;
}

absl::Status CheckFiles(const TlsConfig& tls) {
  absl::StatusOr<std::unique_ptr<X509, X509Free>> cert =
      ReadCertificate(tls.cert_file, "--tls-cert-file");
  if (!cert.ok()) return cert.status();
  std::unique_ptr<FILE, FileCloser> file(std::fopen(tls.key_file.c_str(), "r"));
  if (file == nullptr) {
    return absl::NotFoundError(absl::StrCat("--tls-key-file: cannot read ", tls.key_file));
  }
  std::unique_ptr<EVP_PKEY, KeyFree> key(
      PEM_read_PrivateKey(file.get(), nullptr, nullptr, nullptr));
  if (key == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("--tls-key-file: ", tls.key_file, " holds no PEM private key"));
  }
  if (X509_check_private_key(cert->get(), key.get()) != 1) {
    ERR_clear_error();
    return absl::InvalidArgumentError(
        absl::StrCat("--tls-key-file: ", tls.key_file, " is not the key of ", tls.cert_file));
  }
  if (!tls.client_ca_file.empty()) {
    absl::StatusOr<std::unique_ptr<X509, X509Free>> ca =
        ReadCertificate(tls.client_ca_file, "--tls-client-ca-file");
    if (!ca.ok()) return ca.status();
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    const TlsConfig& tls) {
  if (!tls.enabled()) return grpc::InsecureServerCredentials();
  if (absl::Status files = CheckFiles(tls); !files.ok()) return files;
  auto seconds = static_cast<unsigned int>(absl::ToInt64Seconds(tls.reload_interval));
  auto provider = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      tls.key_file, tls.cert_file, tls.client_ca_file, seconds);
  grpc::experimental::TlsServerCredentialsOptions options(provider);
  options.watch_identity_key_cert_pairs();
  if (tls.client_ca_file.empty()) {
    options.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  } else {
    options.watch_root_certs();
    options.set_cert_request_type(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  }
  std::shared_ptr<grpc::ServerCredentials> credentials =
      grpc::experimental::TlsServerCredentials(options);
  if (credentials == nullptr) return absl::InternalError("gRPC refused the TLS options");
  return credentials;
}

}  // namespace refnet::server
