// LedgerBatch leaves a store exactly as Ledger::RecordFavour would have:
// the same favours, pairs, totals and versions.
#include "clients/loadgen/ledger_batch.h"

#include "absl/strings/str_cat.h"
#include "clients/loadgen/seeded_ids.h"
#include "clients/loadgen/stable_hash.h"
#include "gtest/gtest.h"
#include "services/common/status.h"
#include "services/ledger/domain/ledger.h"
#include "services/storage/sqlite/sqlite_store.h"

namespace refnet::loadgen {
namespace {

constexpr int kMembers = 3;
constexpr int kContacts = 6;
constexpr int kFavours = 300;

// A fresh store holding firm "bench" with members m0..m2 and contacts c0..c5.
std::unique_ptr<storage::Store> NewFirm(const std::string& path, Clock& clock) {
  auto store = storage::sqlite::SqliteStore::Open(path, clock);
  EXPECT_TRUE(store.ok()) << store.status();
  absl::StatusOr<std::string> done =
      (*store)->Write(std::nullopt, [](storage::Tx& tx) -> absl::StatusOr<std::string> {
        admin::Firm firm;
        firm.id = "bench";
        REFNET_RETURN_IF_ERROR(tx.Admin().InsertFirm(firm));
        for (int m = 0; m < kMembers; ++m) {
          admin::Member member;
          member.firm_id = "bench";
          member.id = absl::StrCat("m", m);
          member.email = absl::StrCat("m", m, "@bench.test");
          REFNET_RETURN_IF_ERROR(tx.Admin().InsertMember(member));
        }
        for (int c = 0; c < kContacts; ++c) {
          contacts::Contact contact;
          contact.firm_id = "bench";
          contact.id = absl::StrCat("c", c);
          REFNET_RETURN_IF_ERROR(tx.Contacts().InsertContact(contact));
        }
        return std::string();
      });
  EXPECT_TRUE(done.ok()) << done.status();
  return std::move(*store);
}

// Favour `i`: between a member and a contact or two contacts, any kind, a
// default or an explicit value.
ledger::Favour Draft(int i, absl::Time as_of) {
  SplitMix64 rng(StableHash("favour", static_cast<uint64_t>(i)));
  std::string contact = absl::StrCat("contacts/c", rng.Below(kContacts));
  std::string other =
      rng.Below(3) == 0
          ? absl::StrCat("contacts/c",
                         (rng.Below(kContacts - 1) + 1 + (contact.back() - '0')) % kContacts)
          : absl::StrCat("members/m", rng.Below(kMembers));
  ledger::Favour favour;
  favour.firm_id = "bench";
  bool swap = rng.Below(2) == 0;
  favour.giver = swap ? other : contact;
  favour.receiver = swap ? contact : other;
  favour.kind = static_cast<ledger::FavourKind>(1 + rng.Below(9));
  favour.value_points = rng.Below(4) == 0 ? static_cast<int64_t>(1 + rng.Below(50)) : 0;
  favour.occurred_at = as_of - absl::Hours(kFavours - i);
  favour.recorded_by = "m0";
  return favour;
}

struct Ledger {
  std::vector<ledger::Favour> favours;
  std::vector<ledger::PairBalance> pairs;
  std::vector<ledger::PartyTotals> totals;
  int64_t firm_version = 0;
};

Ledger ReadLedger(storage::Store& store) {
  Ledger out;
  absl::Status status = store.Read([&](storage::Tx& tx) -> absl::Status {
    REFNET_RETURN_IF_ERROR(tx.Ledger().ForEachFavour(
        "bench", [&](const ledger::Favour& f) { out.favours.push_back(f); }));
    REFNET_ASSIGN_OR_RETURN(out.pairs, tx.Ledger().AllPairs("bench"));
    REFNET_ASSIGN_OR_RETURN(out.totals, tx.Ledger().AllTotals("bench"));
    REFNET_ASSIGN_OR_RETURN(out.firm_version, tx.Ledger().GetFirmBalanceVersion("bench"));
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
  return out;
}

TEST(LoadgenLedgerBatchTest, LeavesWhatRecordingOneByOneLeaves) {
  char pattern[] = "/tmp/refnet-ledger-batch-XXXXXX";
  std::string folder = mkdtemp(pattern);
  absl::Time as_of = absl::FromUnixSeconds(1769850000);
  FixedClock clock(as_of);

  SeededIdGenerator one_ids(9, as_of);
  std::unique_ptr<storage::Store> one = NewFirm(folder + "/one.db", clock);
  ledger::Ledger ledger(clock, one_ids);
  for (int i = 0; i < kFavours; ++i) {
    absl::StatusOr<std::string> done =
        one->Write(std::nullopt, [&](storage::Tx& tx) -> absl::StatusOr<std::string> {
          REFNET_RETURN_IF_ERROR(ledger.RecordFavour(tx, Draft(i, as_of)).status());
          return std::string();
        });
    ASSERT_TRUE(done.ok()) << done.status();
  }

  SeededIdGenerator batch_ids(9, as_of);
  std::unique_ptr<storage::Store> batched = NewFirm(folder + "/batched.db", clock);
  LedgerBatch batch(clock, batch_ids, admin::FirmSettings{});
  absl::StatusOr<std::string> done =
      batched->Write(std::nullopt, [&](storage::Tx& tx) -> absl::StatusOr<std::string> {
        for (int i = 0; i < kFavours; ++i)
          REFNET_RETURN_IF_ERROR(batch.Record(tx, Draft(i, as_of)));
        for (const ledger::PairBalance& pair : batch.TakePairs()) {
          REFNET_RETURN_IF_ERROR(tx.Ledger().PutPair(pair));
        }
        for (const ledger::PartyTotals& totals : batch.TakeTotals()) {
          REFNET_RETURN_IF_ERROR(tx.Ledger().PutTotals(totals));
        }
        return std::string();
      });
  ASSERT_TRUE(done.ok()) << done.status();

  Ledger expected = ReadLedger(*one);
  Ledger actual = ReadLedger(*batched);
  ASSERT_EQ(actual.favours.size(), static_cast<size_t>(kFavours));
  for (size_t i = 0; i < expected.favours.size(); ++i) {
    const ledger::Favour& e = expected.favours[i];
    const ledger::Favour& a = actual.favours[i];
    EXPECT_EQ(a.id, e.id);
    EXPECT_EQ(a.giver, e.giver);
    EXPECT_EQ(a.value_points, e.value_points) << i;
    EXPECT_EQ(a.occurred_at, e.occurred_at);
    EXPECT_EQ(a.create_time, e.create_time);
  }
  ASSERT_EQ(actual.pairs.size(), expected.pairs.size());
  for (size_t i = 0; i < expected.pairs.size(); ++i) {
    const ledger::PairBalance& e = expected.pairs[i];
    const ledger::PairBalance& a = actual.pairs[i];
    EXPECT_EQ(a.party_a, e.party_a);
    EXPECT_EQ(a.party_b, e.party_b);
    EXPECT_EQ(a.a_given_points, e.a_given_points);
    EXPECT_EQ(a.b_given_points, e.b_given_points);
    EXPECT_EQ(a.a_given_count, e.a_given_count);
    EXPECT_EQ(a.b_given_count, e.b_given_count);
    EXPECT_EQ(a.a_last_given, e.a_last_given);
    EXPECT_EQ(a.b_last_given, e.b_last_given);
    EXPECT_EQ(a.version, e.version);
  }
  ASSERT_EQ(actual.totals.size(), expected.totals.size());
  for (size_t i = 0; i < expected.totals.size(); ++i) {
    const ledger::PartyTotals& e = expected.totals[i];
    const ledger::PartyTotals& a = actual.totals[i];
    EXPECT_EQ(a.party, e.party);
    EXPECT_EQ(a.given_points, e.given_points);
    EXPECT_EQ(a.received_points, e.received_points);
    EXPECT_EQ(a.given_count, e.given_count);
    EXPECT_EQ(a.received_count, e.received_count);
    EXPECT_EQ(a.version, e.version);
  }
  EXPECT_EQ(actual.firm_version, expected.firm_version);
  EXPECT_GT(actual.firm_version, 0);

  one.reset();
  batched.reset();
  ASSERT_EQ(std::system(("rm -rf '" + folder + "'").c_str()), 0);
}

}  // namespace
}  // namespace refnet::loadgen
