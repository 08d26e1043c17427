// seed-store on a small firm: every row asked for is in the store, the
// balances equal a replay of the ledger, and the same flags give the same
// store.
#include "clients/loadgen/store_seeder.h"

#include <sstream>

#include "clients/loadgen/seeded_ids.h"
#include "gtest/gtest.h"
#include "services/common/clock.h"
#include "services/ledger/domain/ledger.h"
#include "services/storage/sqlite/sqlite_store.h"

namespace refnet::loadgen {
namespace {

class LoadgenStoreSeederTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/refnet-seed-store-XXXXXX";
    folder_ = mkdtemp(pattern);
  }
  void TearDown() override {
    std::string command = "rm -rf '" + folder_ + "'";
    ASSERT_EQ(std::system(command.c_str()), 0);
  }

  StoreSeedOptions Options(const std::string& file) const {
    StoreSeedOptions options;
    options.store_path = folder_ + "/" + file;
    options.firm = "bench";
    options.members = 8;
    options.contacts = 200;
    options.relationships = 600;
    options.hub_member_contacts = 100;
    options.connections = 1500;
    options.favours = 1500;
    options.seed = 5;
    options.as_of = absl::FromUnixSeconds(1769850000);
    return options;
  }

  // Runs `read` on the seeded store at `path`.
  static void ReadStore(const std::string& path,
                        absl::FunctionRef<absl::Status(storage::Tx&)> read) {
    SystemClock clock;
    auto store = storage::sqlite::SqliteStore::Open(path, clock);
    ASSERT_TRUE(store.ok()) << store.status();
    absl::Status status = (*store)->Read(read);
    ASSERT_TRUE(status.ok()) << status;
  }

  static ledger::LedgerCheck CheckLedger(const std::string& path) {
    ledger::LedgerCheck check;
    ReadStore(path, [&](storage::Tx& tx) -> absl::Status {
      FixedClock clock(absl::Now());
      SeededIdGenerator ids(0, absl::Now());
      ledger::Ledger ledger(clock, ids);
      absl::StatusOr<ledger::LedgerCheck> checked = ledger.CheckLedger(tx, "bench");
      if (!checked.ok()) return checked.status();
      check = *checked;
      return absl::OkStatus();
    });
    return check;
  }

  std::string folder_;
};

TEST_F(LoadgenStoreSeederTest, WritesEveryRowWithASoundLedger) {
  std::ostringstream progress;
  absl::StatusOr<StoreSeedSummary> summary = SeedStore(Options("a.db"), progress);
  ASSERT_TRUE(summary.ok()) << summary.status() << progress.str();
  ASSERT_EQ(summary->steps.size(), 6u);
  EXPECT_EQ(summary->steps[0].name, "members");
  EXPECT_EQ(summary->steps[0].rows, 9);  // m0..m7 and the admin
  EXPECT_EQ(summary->steps[4].name, "favours");
  EXPECT_EQ(summary->steps[4].rows, 1500);
  EXPECT_GT(summary->store_bytes, 0);
  EXPECT_NE(progress.str().find("seed-store: favours: 1500 rows"), std::string::npos)
      << progress.str();

  ledger::LedgerCheck check = CheckLedger(folder_ + "/a.db");
  EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems[0]);
  EXPECT_EQ(check.karma_sum_points, 0);
  // The favours, and one per referral offered around m0.
  EXPECT_EQ(check.favour_count, 1500 + 10);

  ReadStore(folder_ + "/a.db", [](storage::Tx& tx) -> absl::Status {
    contacts::ContactFilter all;
    auto contacts = tx.Contacts().ListContacts("bench", all, 0, 1000);
    EXPECT_EQ(contacts->size(), 200u);
    contacts::RelationshipFilter hub;
    hub.member_id = "m0";
    auto known = tx.Contacts().ListRelationships("bench", hub, 0, 1000);
    EXPECT_EQ(known->size(), 100u);
    auto connections = tx.Contacts().ListConnections("bench", "", 0, 2000);
    EXPECT_EQ(connections->size(), 1500u);
    auto events = tx.Contacts().ListInteractions("bench", "m0", "", 0, 100);
    EXPECT_EQ(events->size(), 12u);
    auto boss = tx.Admin().GetMember("bench", "boss");
    EXPECT_TRUE(boss.ok()) << boss.status();
    EXPECT_EQ(boss->role, admin::MemberRole::kAdmin);
    return absl::OkStatus();
  });
}

TEST_F(LoadgenStoreSeederTest, TheSameFlagsGiveTheSameLedger) {
  std::ostringstream progress;
  ASSERT_TRUE(SeedStore(Options("a.db"), progress).ok()) << progress.str();
  ASSERT_TRUE(SeedStore(Options("b.db"), progress).ok()) << progress.str();
  std::vector<ledger::PairBalance> a;
  std::vector<ledger::PairBalance> b;
  ReadStore(folder_ + "/a.db", [&](storage::Tx& tx) -> absl::Status {
    a = *tx.Ledger().AllPairs("bench");
    return absl::OkStatus();
  });
  ReadStore(folder_ + "/b.db", [&](storage::Tx& tx) -> absl::Status {
    b = *tx.Ledger().AllPairs("bench");
    return absl::OkStatus();
  });
  ASSERT_EQ(a.size(), b.size());
  ASSERT_FALSE(a.empty());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].party_a, b[i].party_a);
    EXPECT_EQ(a[i].a_given_points, b[i].a_given_points);
    EXPECT_EQ(a[i].version, b[i].version);
  }
}

TEST_F(LoadgenStoreSeederTest, SeedingAFirmTwiceIsRefused) {
  std::ostringstream progress;
  ASSERT_TRUE(SeedStore(Options("a.db"), progress).ok()) << progress.str();
  absl::StatusOr<StoreSeedSummary> again = SeedStore(Options("a.db"), progress);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists) << again.status();
}

}  // namespace
}  // namespace refnet::loadgen
