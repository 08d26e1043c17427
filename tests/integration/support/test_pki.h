// Certificates for TLS tests, made with the openssl command in a temporary
// folder: certificate authorities, and server and client certificates each
// signed by one of them. Servers' certificates name 127.0.0.1 and localhost.
#pragma once

#include <grpcpp/security/credentials.h>

#include <memory>
#include <string>

namespace refnet::testing {

class TestPki {
 public:
  TestPki();
  ~TestPki();

  // A certificate authority: `name`.pem and `name`.key.
  void MakeCa(const std::string& name);
  // A certificate signed by `ca`, for a server or a client.
  void MakeServer(const std::string& name, const std::string& ca);
  void MakeClient(const std::string& name, const std::string& ca);

  std::string Cert(const std::string& name) const { return folder_ + "/" + name + ".pem"; }
  std::string Key(const std::string& name) const { return folder_ + "/" + name + ".key"; }
  const std::string& folder() const { return folder_; }

  // Channel credentials trusting `ca`, presenting `client` when not empty.
  std::shared_ptr<grpc::ChannelCredentials> Credentials(const std::string& ca,
                                                        const std::string& client = "") const;

 private:
  void MakeLeaf(const std::string& name, const std::string& ca, const std::string& usage);

  std::string folder_;
};

// The file's text.
std::string ReadText(const std::string& path);

}  // namespace refnet::testing
