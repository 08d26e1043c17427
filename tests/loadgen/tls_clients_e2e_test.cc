// Both clients against a server that requires mutual TLS: refnetctl and
// refnet-loadgen with --tls-ca-file, --tls-cert-file and --tls-key-file, or
// the REFNET_TLS_* variables, and refused without a client certificate.
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "gtest/gtest.h"
#include "refnet/v1/admin_service.grpc.pb.h"
#include "tests/integration/support/server_process.h"
#include "tests/integration/support/test_pki.h"
#include "tests/loadgen/program.h"

namespace refnet::loadgen::testing {
namespace {

namespace v1 = ::refnet::v1;
using refnet::testing::Authed;
using refnet::testing::BinaryPath;

constexpr int kProgramTimeoutS = 60;

class TlsClientsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pki_.MakeCa("ca");
    pki_.MakeServer("server", "ca");
    pki_.MakeClient("client", "ca");
    server_.set_credentials(pki_.Credentials("ca", "client"));
    server_.Start({"--tls-cert-file=" + pki_.Cert("server"), "--tls-key-file=" + pki_.Key("server"),
                   "--tls-client-ca-file=" + pki_.Cert("ca"), "--firm-rate-limit-rps=0"});
    auto admin = v1::AdminService::NewStub(server_.channel());
    v1::CreateFirmRequest firm;
    firm.set_firm_id("secure");
    firm.mutable_firm()->set_display_name("Secure");
    v1::Firm created;
    ASSERT_TRUE(admin->CreateFirm(Authed(server_.PlatformAdminToken()).get(), firm, &created).ok());
    token_file_ = pki_.folder() + "/token";
    std::ofstream(token_file_) << server_.PlatformAdminToken() << "\n";
  }

  std::vector<std::string> TlsFlags() const {
    return {"--tls-ca-file",     pki_.Cert("ca"),  "--tls-cert-file",
            pki_.Cert("client"), "--tls-key-file", pki_.Key("client")};
  }

  ProgramResult Run(const std::string& binary, std::vector<std::string> args) {
    return RunProgram(BinaryPath(binary), args, pki_.folder(), kProgramTimeoutS);
  }

  refnet::testing::TestPki pki_;
  refnet::testing::ServerProcess server_;
  std::string token_file_;
};

TEST_F(TlsClientsTest, RefnetctlSpeaksMutualTlsFromFlagsOrTheEnvironment) {
  std::vector<std::string> args = {"--target", server_.address(), "--token-file", token_file_};
  std::vector<std::string> tls = TlsFlags();
  args.insert(args.end(), tls.begin(), tls.end());
  args.insert(args.end(), {"firms", "get", "secure"});
  ProgramResult flags = Run("clients/refnetctl/refnetctl", args);
  EXPECT_EQ(flags.exit_code, 0) << flags.err;
  EXPECT_NE(flags.out.find("firms/secure"), std::string::npos) << flags.out;

  setenv("REFNET_TLS_CA_FILE", pki_.Cert("ca").c_str(), 1);
  setenv("REFNET_TLS_CERT_FILE", pki_.Cert("client").c_str(), 1);
  setenv("REFNET_TLS_KEY_FILE", pki_.Key("client").c_str(), 1);
  ProgramResult env =
      Run("clients/refnetctl/refnetctl",
          {"--target", server_.address(), "--token-file", token_file_, "firms", "get", "secure"});
  EXPECT_EQ(env.exit_code, 0) << env.err;
  unsetenv("REFNET_TLS_CERT_FILE");
  unsetenv("REFNET_TLS_KEY_FILE");
  ProgramResult no_cert = Run("clients/refnetctl/refnetctl",
                              {"--target", server_.address(), "--token-file", token_file_,
                               "--timeout", "3s", "firms", "get", "secure"});
  EXPECT_NE(no_cert.exit_code, 0);
  EXPECT_NE(no_cert.err.find("UNAVAILABLE"), std::string::npos) << no_cert.err;
  unsetenv("REFNET_TLS_CA_FILE");
}

TEST_F(TlsClientsTest, RefnetctlNamesAMissingTlsFile) {
  ProgramResult result =
      Run("clients/refnetctl/refnetctl", {"--target", server_.address(), "--tls-ca-file",
                                          pki_.folder() + "/missing.pem", "firms", "list"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("--tls-ca-file"), std::string::npos) << result.err;
}

TEST_F(TlsClientsTest, TheLoadGeneratorMeasuresOverMutualTls) {
  std::vector<std::string> args = {
      "run",    "--target",   server_.address(), "--token-file", token_file_, "--firm",
      "secure", "--scenario", "health",          "--duration-s", "0.5",       "--warmup-s",
      "0",      "--json"};
  std::vector<std::string> tls = TlsFlags();
  args.insert(args.end(), tls.begin(), tls.end());
  ProgramResult result = Run("clients/loadgen/refnet-loadgen", args);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  nlohmann::json run = nlohmann::json::parse(result.out);
  EXPECT_EQ(run["errors"], 0) << run.dump();
  EXPECT_GT(run["rps"].get<double>(), 0);
}

}  // namespace
}  // namespace refnet::loadgen::testing
