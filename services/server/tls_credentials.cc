// TLS through gRPC's FileWatcherCertificateProvider; the checks are OpenSSL's.
#include "services/server/tls_credentials.h"

#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_credentials_options.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "services/server/tls_reloader.h"

namespace refnet::server {
namespace {

// PEM files are small; anything larger is not one.
constexpr std::streamsize kPemBytesMax = 1 << 20;

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

absl::StatusOr<std::string> ReadPem(const std::string& path, absl::string_view flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(flag, ": cannot read ", path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (buffer.tellp() > kPemBytesMax) {
    return absl::InvalidArgumentError(absl::StrCat(flag, ": ", path, " is over 1 MiB"));
  }
  return buffer.str();
}

BioPtr MemoryBio(const std::string& pem) {
  return BioPtr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

// The first certificate in `pem`, or null.
X509Ptr FirstCertificate(const std::string& pem) {
  BioPtr bio = MemoryBio(pem);
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  ERR_clear_error();
  return cert;
}

std::string Describe(X509* cert, std::string* not_after) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  ASN1_TIME_print(bio.get(), X509_get0_notAfter(cert));
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  *not_after = std::string(data, static_cast<size_t>(size));
  char subject[256];
  X509_NAME_oneline(X509_get_subject_name(cert), subject, sizeof(subject));
  return subject;
}

}  // namespace

absl::StatusOr<TlsMaterial> ReadTlsMaterial(const TlsConfig& tls) {
  absl::StatusOr<std::string> chain = ReadPem(tls.cert_file, "--tls-cert-file");
  if (!chain.ok()) return chain.status();
  absl::StatusOr<std::string> key_pem = ReadPem(tls.key_file, "--tls-key-file");
  if (!key_pem.ok()) return key_pem.status();
  X509Ptr cert = FirstCertificate(*chain);
  if (cert == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("--tls-cert-file: ", tls.cert_file, " holds no PEM certificate"));
  }
  BioPtr key_bio = MemoryBio(*key_pem);
  std::unique_ptr<EVP_PKEY, KeyFree> key(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  if (key == nullptr) {
    ERR_clear_error();
    return absl::InvalidArgumentError(
        absl::StrCat("--tls-key-file: ", tls.key_file, " holds no PEM private key"));
  }
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    return absl::InvalidArgumentError(
        absl::StrCat("--tls-key-file: ", tls.key_file, " is not the key of ", tls.cert_file));
  }
  TlsMaterial material;
  // One blob for both: gRPC reads it through one path, so key and chain can
  // never come from two different renewals.
  material.identity_pem = absl::StrCat(*key_pem, "\n", *chain);
  material.subject = Describe(cert.get(), &material.not_after);
  if (!tls.client_ca_file.empty()) {
    absl::StatusOr<std::string> roots = ReadPem(tls.client_ca_file, "--tls-client-ca-file");
    if (!roots.ok()) return roots.status();
    if (FirstCertificate(*roots) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("--tls-client-ca-file: ", tls.client_ca_file, " holds no PEM certificate"));
    }
    material.roots_pem = *std::move(roots);
  }
  return material;
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    const TlsConfig& tls, const TlsReloader* reloader) {
  if (!tls.enabled() || reloader == nullptr) return grpc::InsecureServerCredentials();
  auto seconds = static_cast<unsigned int>(absl::ToInt64Seconds(tls.reload_interval));
  auto provider = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      reloader->identity_path(), reloader->identity_path(), reloader->roots_path(), seconds);
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
