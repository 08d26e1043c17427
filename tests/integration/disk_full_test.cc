// The SQLite store on a small file system that fills up: writes are refused
// RESOURCE_EXHAUSTED while reads go on, readiness turns NOT_SERVING and back,
// and once space is freed writes resume and keep working, with and without
// a restart in between.
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "refnet/v1/ledger_service.grpc.pb.h"
#include "tests/integration/support/metrics_scrape.h"
#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;
using grpc::health::v1::HealthCheckResponse;

// Big enough for the database, a whole log and the favours written after
// space is freed; small enough to fill in a few seconds.
constexpr int kFileSystemMib = 24;
// Favours of this note fill the store the fastest (the longest allowed is
// 2000 characters).
constexpr size_t kNoteBytes = 1500;
constexpr int kFavoursAfterRecovery = 1000;

std::string MountPoint() {
  static const std::string path = [] {
    char pattern[] = "/tmp/refnet-disk-XXXXXX";
    return std::string(mkdtemp(pattern));
  }();
  return path;
}

int64_t FreeBytes() {
  struct statvfs fs {};
  if (statvfs(MountPoint().c_str(), &fs) != 0) return -1;
  return static_cast<int64_t>(fs.f_bavail) * static_cast<int64_t>(fs.f_frsize);
}

int64_t FileBytes(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 ? st.st_size : 0;
}

class DiskFullTest : public RefnetTest {
 protected:
  static void SetUpTestSuite() {
    std::string options = absl::StrCat("size=", kFileSystemMib, "m");
    if (mount("tmpfs", MountPoint().c_str(), "tmpfs", 0, options.c_str()) != 0) {
      skip_reason_ = new std::string(absl::StrCat("cannot mount a ", kFileSystemMib,
                                                  " MiB tmpfs here (", std::strerror(errno),
                                                  "): the test needs root or CAP_SYS_ADMIN"));
      return;
    }
    StartSuite(Flags());
  }
  static void TearDownTestSuite() {
    if (skip_reason_ == nullptr) {
      RefnetTest::TearDownTestSuite();
      umount(MountPoint().c_str());
    }
    rmdir(MountPoint().c_str());
  }
  static std::vector<std::string> Flags() {
    return {"--store=sqlite:" + MountPoint() + "/refnet.db", "--metrics-listen=127.0.0.1:0",
            "--firm-rate-limit-rps=0"};
  }

  void SetUp() override {
    if (skip_reason_ != nullptr) GTEST_SKIP() << *skip_reason_;
    firm_ = NewFirm();
    AddContact(firm_, "giver", "Giver");
    AddContact(firm_, "taker", "Taker");
    Connect();
  }
  void TearDown() override {
    std::remove(Filler().c_str());
    if (HasFailure()) std::cout << server().log();
  }

  void Connect() {
    ledger_ = v1::LedgerService::NewStub(server().channel());
    health_ = grpc::health::v1::Health::NewStub(server().channel());
  }

  static std::string Filler() { return MountPoint() + "/filler"; }
  static std::string Wal() { return MountPoint() + "/refnet.db-wal"; }

  // Fills the file system but for `left` bytes.
  static void FillLeaving(int64_t left) {
    std::ofstream out(Filler(), std::ios::binary | std::ios::app);
    std::string block(64 * 1024, 'f');
    while (FreeBytes() > left + static_cast<int64_t>(block.size()) &&
           out.write(block.data(), block.size())) {
      out.flush();
    }
  }

  grpc::Status Record(const std::string& request_id, v1::Favour* favour) {
    v1::RecordFavourRequest request;
    request.set_parent(firm_.name);
    request.set_request_id(request_id);
    request.mutable_favour()->set_giver(firm_.Contact("giver"));
    request.mutable_favour()->set_receiver(firm_.Contact("taker"));
    request.mutable_favour()->set_kind(v1::FAVOUR_KIND_INTRODUCTION);
    request.mutable_favour()->set_value_points(1);
    request.mutable_favour()->set_note(std::string(kNoteBytes, 'n'));
    return ledger_->RecordFavour(Authed(firm_.service_token).get(), request, favour);
  }

  // Records favours until one fails; its status and request id.
  std::pair<grpc::Status, std::string> RecordUntilRefused(std::vector<std::string>* names) {
    for (int i = 0; i < 20000; ++i) {
      std::string request_id = NewRequestId();
      v1::Favour favour;
      grpc::Status status = Record(request_id, &favour);
      if (!status.ok()) return {status, request_id};
      names->push_back(favour.name());
    }
    return {grpc::Status::OK, ""};
  }

  HealthCheckResponse::ServingStatus Health(const std::string& service = "") {
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    HealthCheckResponse response;
    grpc::Status status = health_->Check(Authed("").get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.status();
  }

  // Waits (the bound only keeps a broken server from hanging the test) for
  // readiness to be `wanted`.
  bool AwaitHealth(HealthCheckResponse::ServingStatus wanted) {
    absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (Health() != wanted) {
      if (absl::Now() > deadline) return false;
      absl::SleepFor(absl::Milliseconds(50));
    }
    return true;
  }

  double Metric(const std::string& name) {
    int port = server().LoggedPort("metrics_port");
    std::string response = HttpGet(port, "/metrics");
    return Value(Samples(response.substr(response.find("\r\n\r\n") + 4)), name);
  }

  int LogLines(const std::string& fragment) {
    std::string log = server().log();
    int lines = 0;
    for (size_t at = log.find(fragment); at != std::string::npos; at = log.find(fragment, at + 1)) {
      ++lines;
    }
    return lines;
  }

  bool AwaitLogLine(const std::string& fragment) {
    absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (LogLines(fragment) == 0) {
      if (absl::Now() > deadline) return false;
      absl::SleepFor(absl::Milliseconds(50));
    }
    return true;
  }

  // Every favour in `names` reads back.
  void ExpectReadable(const std::vector<std::string>& names) {
    int unreadable = 0;
    for (const std::string& name : names) {
      v1::GetFavourRequest request;
      request.set_name(name);
      v1::Favour favour;
      if (!ledger_->GetFavour(Authed(firm_.service_token).get(), request, &favour).ok()) {
        ++unreadable;
      }
    }
    EXPECT_EQ(unreadable, 0) << "of " << names.size();
    v1::GetBalanceRequest balance;
    balance.set_parent(firm_.name);
    balance.set_party(firm_.Contact("giver"));
    balance.set_counterparty(firm_.Contact("taker"));
    v1::Balance answer;
    grpc::Status status = ledger_->GetBalance(Authed(firm_.service_token).get(), balance, &answer);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  // Writes kFavoursAfterRecovery favours; all must succeed. Returns the
  // largest log file seen.
  int64_t RecordAfterRecovery(std::vector<std::string>* names) {
    int64_t largest_log = 0;
    int failed = 0;
    grpc::Status first_failure;
    for (int i = 0; i < kFavoursAfterRecovery; ++i) {
      v1::Favour favour;
      grpc::Status status = Record(NewRequestId(), &favour);
      if (status.ok()) {
        names->push_back(favour.name());
      } else if (failed++ == 0) {
        first_failure = status;
      }
      largest_log = std::max(largest_log, FileBytes(Wal()));
    }
    EXPECT_EQ(failed, 0) << first_failure.error_message();
    return largest_log;
  }

  static std::string* skip_reason_;
  TestFirm firm_;
  std::unique_ptr<v1::LedgerService::Stub> ledger_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_;
};

std::string* DiskFullTest::skip_reason_ = nullptr;

TEST_F(DiskFullTest, WritesAreRefusedWhileFullAndResumeOnceSpaceIsFreed) {
  std::vector<std::string> names;
  FillLeaving(2 << 20);
  int64_t database_before = FileBytes(MountPoint() + "/refnet.db");
  auto [refused, refused_id] = RecordUntilRefused(&names);
  std::cout << "filled after " << names.size() << " favours; database " << database_before << " -> "
            << FileBytes(MountPoint() + "/refnet.db") << " bytes, log " << FileBytes(Wal())
            << " bytes\n";
  EXPECT_STATUS(refused, RESOURCE_EXHAUSTED, "the store is out of disk space");
  ASSERT_FALSE(refused_id.empty()) << "the disk never filled";

  // Refused at once, again and again, and said once.
  for (int i = 0; i < 20; ++i) {
    v1::Favour favour;
    EXPECT_STATUS(Record(NewRequestId(), &favour), RESOURCE_EXHAUSTED, "out of disk space");
  }
  EXPECT_EQ(Health(), HealthCheckResponse::NOT_SERVING);
  // Liveness is another matter: restarting would not free any space.
  EXPECT_EQ(Health("liveness"), HealthCheckResponse::SERVING);
  EXPECT_EQ(Metric("refnet_store_disk_full"), 1);
  EXPECT_EQ(Metric("refnet_store_disk_full_episodes_total"), 1);
  ExpectReadable(names);

  ASSERT_EQ(std::remove(Filler().c_str()), 0);
  absl::Time freed = absl::Now();
  ASSERT_TRUE(AwaitHealth(HealthCheckResponse::SERVING)) << server().log();
  std::cout << "ready again " << absl::ToDoubleMilliseconds(absl::Now() - freed)
            << " ms after the space was freed\n";
  EXPECT_EQ(Metric("refnet_store_disk_full"), 0);
  // Lines reach the log in batches, in order: once this one is there, so
  // is every line before it.
  ASSERT_TRUE(AwaitLogLine("the store has disk space again")) << server().log();
  EXPECT_EQ(LogLines("\"the store is out of disk space; writes are refused"), 1) << server().log();

  // The refused request was not half-written: sent again, it records once.
  v1::Favour retried;
  grpc::Status status = Record(refused_id, &retried);
  ASSERT_TRUE(status.ok()) << status.error_message();
  names.push_back(retried.name());
  int64_t largest_log = RecordAfterRecovery(&names);
  std::cout << kFavoursAfterRecovery << " favours after recovery; largest log " << largest_log
            << " bytes\n";
  EXPECT_LE(largest_log, 5 << 20);
  ExpectReadable(names);
  ExpectLedgerSound(firm_);
}

TEST_F(DiskFullTest, AServerRestartedOnAFullDiskServesReadsAndResumesOnceSpaceIsFreed) {
  std::vector<std::string> names;
  FillLeaving(2 << 20);
  auto [refused, refused_id] = RecordUntilRefused(&names);
  EXPECT_STATUS(refused, RESOURCE_EXHAUSTED, "the store is out of disk space");
  ASSERT_FALSE(refused_id.empty()) << "the disk never filled";

  // A crash while full, and a start on the same full disk.
  ledger_.reset();
  health_.reset();
  server().Kill();
  server().Start(Flags());
  ReconnectStubs();
  Connect();
  ExpectReadable(names);
  // Starting, it gave back what log it could; what room that made is soon
  // written again.
  auto [refused_again, unused] = RecordUntilRefused(&names);
  EXPECT_STATUS(refused_again, RESOURCE_EXHAUSTED, "the store is out of disk space");
  EXPECT_EQ(Health(), HealthCheckResponse::NOT_SERVING);
  EXPECT_EQ(Health("liveness"), HealthCheckResponse::SERVING);

  ASSERT_EQ(std::remove(Filler().c_str()), 0);
  ASSERT_TRUE(AwaitHealth(HealthCheckResponse::SERVING)) << server().log();
  RecordAfterRecovery(&names);
  ExpectReadable(names);
  ExpectLedgerSound(firm_);
}

}  // namespace
}  // namespace refnet::testing
