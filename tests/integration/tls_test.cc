// TLS and mutual TLS against a real server: certificates made with openssl,
// plaintext and strangers refused at the handshake, and a renewed
// certificate served without a restart while calls in flight carry on.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/support/refnet_fixture.h"
#include "tests/integration/support/test_pki.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;
using grpc::health::v1::Health;

// How long a test waits for the server to pick up a renewed certificate;
// it re-reads its files every second.
constexpr int kRotationPolls = 100;  // × 100 ms

// Replaces `to` with a copy of `from` in one rename, as Kubernetes does.
void CopyInPlace(const std::string& from, const std::string& to) {
  std::string aside = to + ".new";
  std::ofstream(aside) << ReadText(from);
  ASSERT_EQ(std::rename(aside.c_str(), to.c_str()), 0);
}

grpc::Status CheckHealth(const std::string& address,
                         std::shared_ptr<grpc::ChannelCredentials> credentials) {
  auto channel = grpc::CreateChannel(address, std::move(credentials));
  auto stub = Health::NewStub(channel);
  grpc::health::v1::HealthCheckResponse response;
  auto context = Authed("");
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
  return stub->Check(context.get(), {}, &response);
}

// The suite's server requires client certificates signed by "ca"; it serves
// "live", a copy of "server" that tests replace to renew it.
class MutualTlsTest : public RefnetTest {
 protected:
  static void SetUpTestSuite() {
    pki_ = new TestPki();
    pki_->MakeCa("ca");
    pki_->MakeServer("server", "ca");
    pki_->MakeClient("client", "ca");
    pki_->MakeCa("rogue");
    pki_->MakeClient("rogue-client", "rogue");
    CopyInPlace(pki_->Cert("server"), pki_->Cert("live"));
    CopyInPlace(pki_->Key("server"), pki_->Key("live"));
    StartSuite({"--tls-cert-file=" + pki_->Cert("live"), "--tls-key-file=" + pki_->Key("live"),
                "--tls-client-ca-file=" + pki_->Cert("ca"), "--tls-reload-interval=1s",
                "--health-listen=127.0.0.1:0"},
               pki_->Credentials("ca", "client"));
  }
  static void TearDownTestSuite() {
    RefnetTest::TearDownTestSuite();
    delete pki_;
    pki_ = nullptr;
  }

  static TestPki* pki_;
};

TestPki* MutualTlsTest::pki_ = nullptr;

TEST_F(MutualTlsTest, ClientsWithACertificateOfTheFirmsCaUseEveryService) {
  TestFirm firm = NewFirm();
  v1::Contact ann = AddContact(firm, "ann", "Ann Lee", "Globex");
  EXPECT_EQ(ann.name(), firm.Contact("ann"));
  EXPECT_TRUE(CheckHealth(server().address(), pki_->Credentials("ca", "client")).ok());
}

TEST_F(MutualTlsTest, PlaintextIsRefused) {
  grpc::Status status = CheckHealth(server().address(), grpc::InsecureChannelCredentials());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

TEST_F(MutualTlsTest, AClientWithoutACertificateIsRefusedAtTheHandshake) {
  grpc::Status status = CheckHealth(server().address(), pki_->Credentials("ca"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

TEST_F(MutualTlsTest, AClientCertificateFromAnotherCaIsRefused) {
  grpc::Status status = CheckHealth(server().address(), pki_->Credentials("ca", "rogue-client"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

TEST_F(MutualTlsTest, AClientThatDoesNotTrustTheServersCaGivesUp) {
  grpc::Status status = CheckHealth(server().address(), pki_->Credentials("rogue", "client"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

TEST_F(MutualTlsTest, ARenewedCertificateIsServedWithoutARestartOrADroppedCall) {
  TestFirm firm = NewFirm();
  // A renewal by a new authority makes the change visible to clients.
  pki_->MakeCa("ca2");
  pki_->MakeServer("server2", "ca2");
  ASSERT_EQ(CheckHealth(server().address(), pki_->Credentials("ca2", "client")).error_code(),
            grpc::StatusCode::UNAVAILABLE);

  // A stream opened before the renewal, finished after it.
  v1::ImportContactsResponse imported;
  auto context = Authed(firm.admin_token);
  auto writer = contacts().ImportContacts(context.get(), &imported);
  v1::ImportContactsRequest first;
  first.set_parent(firm.name);
  first.set_request_id(NewRequestId());
  first.mutable_contact()->set_display_name("Before Renewal");
  ASSERT_TRUE(writer->Write(first));

  CopyInPlace(pki_->Key("server2"), pki_->Key("live"));
  CopyInPlace(pki_->Cert("server2"), pki_->Cert("live"));
  grpc::Status renewed;
  for (int i = 0; i < kRotationPolls; ++i) {
    renewed = CheckHealth(server().address(), pki_->Credentials("ca2", "client"));
    if (renewed.ok()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(renewed.ok()) << renewed.error_message() << "\n" << server().log();
  // New connections get the new certificate, so clients of the old CA fail.
  EXPECT_EQ(CheckHealth(server().address(), pki_->Credentials("ca", "client")).error_code(),
            grpc::StatusCode::UNAVAILABLE);

  v1::ImportContactsRequest second;
  second.mutable_contact()->set_display_name("After Renewal");
  ASSERT_TRUE(writer->Write(second));
  writer->WritesDone();
  grpc::Status finished = writer->Finish();
  EXPECT_TRUE(finished.ok()) << finished.error_message();
  EXPECT_EQ(imported.created(), 2);
}

TEST_F(MutualTlsTest, AKeyThatDoesNotMatchItsCertificateIsNotTaken) {
  // Half a renewal: a new key beside the old certificate.
  pki_->MakeServer("other", "ca");
  CopyInPlace(pki_->Key("other"), pki_->Key("live"));
  // Three reload intervals; the old pair is still served.
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));
  grpc::Status status = CheckHealth(server().address(), pki_->Credentials("ca", "client"));
  EXPECT_TRUE(status.ok()) << status.error_message() << "\n" << server().log();
  EXPECT_NE(server().log().find("TLS files not reloaded"), std::string::npos);
  // The second half lands: the new pair is taken.
  CopyInPlace(pki_->Cert("other"), pki_->Cert("live"));
  for (int i = 0; i < kRotationPolls; ++i) {
    if (server().log().find("\"TLS files reloaded\"") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(server().log().find("CN=other"), std::string::npos) << server().log();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // gRPC's own re-read
  status = CheckHealth(server().address(), pki_->Credentials("ca", "client"));
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(MutualTlsTest, ProbesThatSpeakNoTlsGetHealthAloneOnTheHealthPort) {
  int port = server().LoggedPort("health_port");
  ASSERT_GT(port, 0) << server().log();
  std::string address = "127.0.0.1:" + std::to_string(port);
  EXPECT_TRUE(CheckHealth(address, grpc::InsecureChannelCredentials()).ok());
  // Nothing of refnet is served there.
  auto channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  v1::ListFirmsResponse firms;
  grpc::Status status = v1::AdminService::NewStub(channel)->ListFirms(
      Authed(server().PlatformAdminToken()).get(), v1::ListFirmsRequest(), &firms);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED) << status.error_message();
}

// TLS without client certificates: any client that trusts the server's CA.
class TlsTest : public RefnetTest {
 protected:
  static void SetUpTestSuite() {
    pki_ = new TestPki();
    pki_->MakeCa("ca");
    pki_->MakeServer("server", "ca");
    StartSuite({"--tls-cert-file=" + pki_->Cert("server"), "--tls-key-file=" + pki_->Key("server")},
               pki_->Credentials("ca"));
  }
  static void TearDownTestSuite() {
    RefnetTest::TearDownTestSuite();
    delete pki_;
    pki_ = nullptr;
  }

  static TestPki* pki_;
};

TestPki* TlsTest::pki_ = nullptr;

TEST_F(TlsTest, ClientsTrustingTheCaNeedNoCertificate) {
  TestFirm firm = NewFirm();
  EXPECT_EQ(AddContact(firm, "ann", "Ann Lee").name(), firm.Contact("ann"));
}

TEST_F(TlsTest, PlaintextIsRefused) {
  EXPECT_EQ(CheckHealth(server().address(), grpc::InsecureChannelCredentials()).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

// The server checks its files before it listens.
TEST(TlsStartTest, AKeyThatIsNotTheCertificatesStopsTheServer) {
  TestPki pki;
  pki.MakeCa("ca");
  pki.MakeServer("one", "ca");
  pki.MakeServer("two", "ca");
  std::string log = pki.folder() + "/server.log";
  std::ofstream(pki.folder() + "/secret") << std::string(48, 's');
  std::string command = BinaryPath("services/server/refnet-server") +
                        " --listen=127.0.0.1:0 --store=sqlite:" + pki.folder() +
                        "/refnet.db --token-secret-file=" + pki.folder() +
                        "/secret --tls-cert-file=" + pki.Cert("one") +
                        " --tls-key-file=" + pki.Key("two") + " 2>" + log;
  int status = std::system(command.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_NE(ReadText(log).find("is not the key of"), std::string::npos) << ReadText(log);
}

}  // namespace
}  // namespace refnet::testing
