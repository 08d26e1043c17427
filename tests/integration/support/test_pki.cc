// openssl req/x509, one command per certificate; EC P-256 keys, two days.
#include "tests/integration/support/test_pki.h"

#include <stdlib.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"

namespace refnet::testing {
namespace {

void Run(const std::string& command) {
  int status = std::system((command + " 2>/dev/null").c_str());
  ASSERT_EQ(status, 0) << command;
}

}  // namespace

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TestPki::TestPki() {
  char pattern[] = "/tmp/refnet-pki-XXXXXX";
  folder_ = mkdtemp(pattern);
}

TestPki::~TestPki() {
  std::string command = "rm -rf '" + folder_ + "'";
  if (std::system(command.c_str()) != 0) ADD_FAILURE() << "could not remove " << folder_;
}

void TestPki::MakeCa(const std::string& name) {
  Run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
      " -subj '/CN=" +
      name +
      "' -addext basicConstraints=critical,CA:TRUE"
      " -addext keyUsage=critical,keyCertSign,cRLSign -keyout '" +
      Key(name) + "' -out '" + Cert(name) + "'");
}

void TestPki::MakeServer(const std::string& name, const std::string& ca) {
  MakeLeaf(name, ca, "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
}

void TestPki::MakeClient(const std::string& name, const std::string& ca) {
  MakeLeaf(name, ca, "extendedKeyUsage=clientAuth\n");
}

void TestPki::MakeLeaf(const std::string& name, const std::string& ca, const std::string& usage) {
  std::string csr = folder_ + "/" + name + ".csr";
  std::string ext = folder_ + "/" + name + ".ext";
  std::ofstream(ext) << usage;
  Run("openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj '/CN=" + name +
      "' -keyout '" + Key(name) + "' -out '" + csr + "'");
  Run("openssl x509 -req -days 2 -in '" + csr + "' -CA '" + Cert(ca) + "' -CAkey '" + Key(ca) +
      "' -set_serial " + std::to_string(std::rand()) + " -extfile '" + ext + "' -out '" +
      Cert(name) + "'");
}

std::shared_ptr<grpc::ChannelCredentials> TestPki::Credentials(const std::string& ca,
                                                               const std::string& client) const {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = ReadText(Cert(ca));
  if (!client.empty()) {
    options.pem_cert_chain = ReadText(Cert(client));
    options.pem_private_key = ReadText(Key(client));
  }
  return grpc::SslCredentials(options);
}

}  // namespace refnet::testing
