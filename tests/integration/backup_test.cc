// AdminService/BackupStore under write load: the copy restores into a
// server that holds every favour acknowledged before the backup began, and
// whose ledger checks out.
#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "refnet/v1/ledger_service.grpc.pb.h"
#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;

constexpr int kWriters = 3;
constexpr int kPairs = 4;

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Start({"--firm-rate-limit-rps=0"});
    admin_ = v1::AdminService::NewStub(server_.channel());
    ledger_ = v1::LedgerService::NewStub(server_.channel());
    auto contacts = v1::ContactService::NewStub(server_.channel());
    std::string root = server_.PlatformAdminToken();
    v1::CreateFirmRequest firm;
    firm.set_firm_id("acme");
    firm.mutable_firm()->set_display_name("Acme");
    v1::Firm f;
    ASSERT_TRUE(admin_->CreateFirm(Authed(root).get(), firm, &f).ok());
    for (auto [id, role] : {std::pair{"tool", v1::ROLE_SERVICE}, {"boss", v1::ROLE_ADMIN}}) {
      v1::CreateMemberRequest member;
      member.set_parent("firms/acme");
      member.set_member_id(id);
      member.mutable_member()->set_display_name(id);
      member.mutable_member()->set_email(std::string(id) + "@acme.test");
      member.mutable_member()->set_role(role);
      v1::Member m;
      ASSERT_TRUE(admin_->CreateMember(Authed(root).get(), member, &m).ok());
    }
    tool_ = server_.Token("acme", "tool", auth::Role::kService);
    for (int i = 0; i < kPairs; ++i) {
      for (const char* side : {"giver", "taker"}) {
        v1::CreateContactRequest contact;
        contact.set_parent("firms/acme");
        contact.set_contact_id(std::string(side) + std::to_string(i));
        contact.mutable_contact()->set_display_name(side);
        v1::Contact c;
        ASSERT_TRUE(contacts->CreateContact(Authed(tool_).get(), contact, &c).ok());
      }
    }
  }

  // Streams a backup into `path`; the call's status.
  grpc::Status Backup(const std::string& token, const std::string& path, int* chunks) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token);
    std::unique_ptr<grpc::ClientReader<v1::BackupChunk>> reader =
        admin_->BackupStore(&context, v1::BackupStoreRequest());
    std::ofstream out(path, std::ios::binary);
    std::string whole, sha256;
    int64_t total = -1;
    v1::BackupChunk chunk;
    while (reader->Read(&chunk)) {
      if (total < 0) total = chunk.total_bytes();
      whole += chunk.data();
      if (!chunk.sha256().empty()) sha256 = chunk.sha256();
      ++*chunks;
    }
    grpc::Status status = reader->Finish();
    if (status.ok()) {
      EXPECT_EQ(static_cast<int64_t>(whole.size()), total);
      EXPECT_EQ(sha256.size(), 64u);
    }
    out << whole;
    return status;
  }

  ServerProcess server_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
  std::unique_ptr<v1::LedgerService::Stub> ledger_;
  std::string tool_;
};

TEST_F(BackupTest, ACopyTakenUnderWritesHoldsEveryFavourAcknowledgedBeforeIt) {
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::mutex mu;
  std::vector<std::string> acknowledged;  // favour names, in acknowledgement order
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; !stop; ++i) {
        int pair = (w + i) % kPairs;
        v1::RecordFavourRequest request;
        request.set_parent("firms/acme");
        request.mutable_favour()->set_giver("firms/acme/contacts/giver" + std::to_string(pair));
        request.mutable_favour()->set_receiver("firms/acme/contacts/taker" + std::to_string(pair));
        request.mutable_favour()->set_kind(v1::FAVOUR_KIND_INTRODUCTION);
        request.mutable_favour()->set_value_points(1 + i % 5);
        request.mutable_favour()->set_note(std::string(600, 'n'));
        v1::Favour favour;
        if (!ledger_->RecordFavour(Authed(tool_).get(), request, &favour).ok()) {
          ++failures;
          continue;
        }
        std::lock_guard<std::mutex> lock(mu);
        acknowledged.push_back(favour.name());
      }
    });
  }
  auto acknowledged_count = [&] {
    std::lock_guard<std::mutex> lock(mu);
    return acknowledged.size();
  };
  while (acknowledged_count() < 600) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::vector<std::string> before;
  {
    std::lock_guard<std::mutex> lock(mu);
    before = acknowledged;
  }
  std::string copy = server_.folder() + "/backup.db";
  int chunks = 0;
  grpc::Status backed_up = Backup(server_.PlatformAdminToken(), copy, &chunks);
  // Writes went on during the backup.
  size_t at_end = acknowledged_count();
  stop = true;
  for (std::thread& t : writers) t.join();
  ASSERT_TRUE(backed_up.ok()) << backed_up.error_message();
  EXPECT_EQ(failures, 0);
  EXPECT_GE(chunks, 1);
  EXPECT_GT(at_end, before.size()) << "no write ran while the backup did";

  // Restoring is starting a server on the file.
  ServerProcess restored;
  ASSERT_EQ(std::rename(copy.c_str(), (restored.folder() + "/refnet.db").c_str()), 0);
  restored.Start();
  auto ledger = v1::LedgerService::NewStub(restored.channel());
  auto admin = v1::AdminService::NewStub(restored.channel());
  std::string tool = restored.Token("acme", "tool", auth::Role::kService);
  int missing = 0;
  for (const std::string& name : before) {
    v1::GetFavourRequest request;
    request.set_name(name);
    v1::Favour favour;
    grpc::Status status = ledger->GetFavour(Authed(tool).get(), request, &favour);
    if (!status.ok()) ++missing;
  }
  EXPECT_EQ(missing, 0) << "of " << before.size() << " favours acknowledged before the backup";
  v1::CheckLedgerRequest check;
  check.set_parent("firms/acme");
  v1::CheckLedgerResponse checked;
  grpc::Status status = admin->CheckLedger(
      Authed(restored.Token("acme", "boss", auth::Role::kAdmin)).get(), check, &checked);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(checked.ok()) << checked.ShortDebugString();
  // No snapshot is left beside the database.
  std::string leftovers = server_.folder() + "/refnet.db.backup-";
  EXPECT_EQ(std::system(("ls " + leftovers + "* >/dev/null 2>&1").c_str()) == 0, false);
}

TEST_F(BackupTest, OnlyPlatformAdminsBackUpTheStore) {
  int chunks = 0;
  std::string copy = server_.folder() + "/refused.db";
  grpc::Status status = Backup(server_.Token("acme", "boss", auth::Role::kAdmin), copy, &chunks);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << status.error_message();
  EXPECT_EQ(chunks, 0);
  status = Backup("not-a-token", copy, &chunks);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(chunks, 0);
}

}  // namespace
}  // namespace refnet::testing
