// The steps of `seed-store`, each in transactions of kBatchRows rows.
// Members, contacts, interactions, asks and referrals go through the domain
// (FirmDirectory, ContactBook, Ledger, AskBook, ReferralDesk); favours
// through LedgerBatch, which applies the ledger's own balance rules.
// Relationships and connections go straight to the repository: the plan
// already guarantees what ContactBook checks (live parties, no duplicates,
// the key cap), and a relationship's last touch is set directly instead of
// through one logged interaction each.
#include "clients/loadgen/store_seeder.h"

#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "clients/loadgen/graph_shape.h"
#include "clients/loadgen/ledger_batch.h"
#include "clients/loadgen/ledger_shape.h"
#include "clients/loadgen/seeded_ids.h"
#include "clients/loadgen/store_activity.h"
#include "clients/loadgen/synthetic_firm.h"
#include "services/admin/domain/firm_directory.h"
#include "services/common/status.h"
#include "services/contacts/domain/contact_book.h"
#include "services/ledger/domain/ledger.h"
#include "services/storage/sqlite/sqlite_store.h"

namespace refnet::loadgen {
namespace {

// Rows per transaction: large enough that commits cost little, small
// enough that the writer's page cache and the WAL stay modest.
constexpr int64_t kBatchRows = 10000;

// User and system CPU time of this process so far.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Runs `write` for rows [0, rows) in transactions of kBatchRows.
absl::Status WriteRows(storage::Store& store, int64_t rows,
                       absl::FunctionRef<absl::Status(storage::Tx&, int64_t)> write) {
  for (int64_t start = 0; start < rows; start += kBatchRows) {
    int64_t end = std::min(rows, start + kBatchRows);
    absl::StatusOr<std::string> done =
        store.Write(std::nullopt, [&](storage::Tx& tx) -> absl::StatusOr<std::string> {
          for (int64_t row = start; row < end; ++row) REFNET_RETURN_IF_ERROR(write(tx, row));
          return std::string();
        });
    if (!done.ok()) return done.status();
  }
  return absl::OkStatus();
}

class Seeder {
 public:
  Seeder(const FirmShape& shape, storage::Store& store, std::ostream& progress)
      : shape_(shape),
        store_(store),
        progress_(progress),
        clock_(shape.as_of),
        ids_(shape.seed, shape.as_of),
        directory_(clock_, ids_),
        book_(clock_, ids_),
        ledger_(clock_, ids_) {}

  absl::Status Run(StoreSeedSummary& summary);

 private:
  // Times `step`, which returns the rows it wrote, and reports it.
  absl::Status Timed(const char* name, StoreSeedSummary& summary,
                     absl::FunctionRef<absl::StatusOr<int64_t>()> step);
  absl::StatusOr<int64_t> Members();
  absl::StatusOr<int64_t> Contacts();
  absl::StatusOr<int64_t> Relationships();
  absl::StatusOr<int64_t> Connections();
  absl::StatusOr<int64_t> Favours();
  absl::StatusOr<admin::FirmSettings> ReadSettings();

  const FirmShape& shape_;
  storage::Store& store_;
  std::ostream& progress_;
  FixedClock clock_;
  SeededIdGenerator ids_;
  admin::FirmDirectory directory_;
  contacts::ContactBook book_;
  ledger::Ledger ledger_;
  std::vector<PlannedRelationship> relationships_;
  std::vector<PlannedConnection> connections_;
};

absl::Status Seeder::Timed(const char* name, StoreSeedSummary& summary,
                           absl::FunctionRef<absl::StatusOr<int64_t>()> step) {
  absl::Time start = absl::Now();
  double cpu_start = CpuSeconds();
  absl::StatusOr<int64_t> rows = step();
  if (!rows.ok()) {
    return absl::Status(rows.status().code(),
                        absl::StrCat("seeding ", name, ": ", rows.status().message()));
  }
  double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  double cpu_s = CpuSeconds() - cpu_start;
  summary.steps.push_back({name, *rows, seconds, cpu_s});
  progress_ << absl::StrFormat("seed-store: %s: %d rows in %.1f s (%.0f rows/s), %.1f s of CPU\n",
                               name, *rows, seconds,
                               seconds > 0 ? static_cast<double>(*rows) / seconds : 0, cpu_s)
            << std::flush;
  return absl::OkStatus();
}

absl::StatusOr<int64_t> Seeder::Members() {
  absl::StatusOr<std::string> firm =
      store_.Write(std::nullopt, [&](storage::Tx& tx) -> absl::StatusOr<std::string> {
        REFNET_RETURN_IF_ERROR(
            directory_.CreateFirm(tx.Admin(), shape_.firm_id, "Synthetic firm").status());
        REFNET_RETURN_IF_ERROR(
            directory_.CreateMember(tx.Admin(), ShapeMember(shape_, -1)).status());
        return std::string();
      });
  if (!firm.ok()) return firm.status();
  REFNET_RETURN_IF_ERROR(WriteRows(store_, shape_.members, [&](storage::Tx& tx, int64_t i) {
    return directory_.CreateMember(tx.Admin(), ShapeMember(shape_, i)).status();
  }));
  return shape_.members + 1;
}

absl::StatusOr<int64_t> Seeder::Contacts() {
  REFNET_RETURN_IF_ERROR(WriteRows(store_, shape_.contacts, [&](storage::Tx& tx, int64_t i) {
    return book_.CreateContact(tx.Contacts(), ShapeContact(shape_, i)).status();
  }));
  return shape_.contacts;
}

absl::StatusOr<admin::FirmSettings> Seeder::ReadSettings() {
  admin::FirmSettings settings;
  REFNET_RETURN_IF_ERROR(store_.Read([&](storage::Tx& tx) -> absl::Status {
    REFNET_ASSIGN_OR_RETURN(settings, tx.Admin().GetSettings(shape_.firm_id));
    return absl::OkStatus();
  }));
  return settings;
}

absl::StatusOr<int64_t> Seeder::Relationships() {
  REFNET_ASSIGN_OR_RETURN(admin::FirmSettings settings, ReadSettings());
  int32_t key_max = settings.key_relationships_max;
  relationships_ = PlanRelationships(shape_, key_max);
  auto rows = static_cast<int64_t>(relationships_.size());
  REFNET_RETURN_IF_ERROR(WriteRows(store_, rows, [&](storage::Tx& tx, int64_t i) {
    contacts::Relationship r = ShapeRelationship(shape_, relationships_[static_cast<size_t>(i)]);
    return tx.Contacts().UpsertRelationship(r);
  }));
  return rows;
}

absl::StatusOr<int64_t> Seeder::Connections() {
  connections_ = PlanConnections(shape_);
  auto rows = static_cast<int64_t>(connections_.size());
  REFNET_RETURN_IF_ERROR(WriteRows(store_, rows, [&](storage::Tx& tx, int64_t i) {
    const PlannedConnection& planned = connections_[static_cast<size_t>(i)];
    contacts::Connection c;
    c.firm_id = shape_.firm_id;
    c.id = ids_.NewId();
    c.contact_id = ContactId(planned.low);
    c.other_id = ContactId(planned.high);
    c.create_time = shape_.as_of;
    return tx.Contacts().InsertConnection(c);
  }));
  return rows;
}

// Favours go in first, in recorded order, with the balances they move kept
// in memory; then each pair and party's totals is written once, in key
// order. The result is what recording them one by one would have left (a
// test holds the two side by side); the store is only consistent once the
// step is done, which is fine before a server starts on it.
absl::StatusOr<int64_t> Seeder::Favours() {
  REFNET_ASSIGN_OR_RETURN(admin::FirmSettings settings, ReadSettings());
  LedgerBatch batch(clock_, ids_, settings);
  std::vector<PlannedFavour> favours = PlanFavours(shape_, relationships_, connections_);
  auto rows = static_cast<int64_t>(favours.size());
  REFNET_RETURN_IF_ERROR(WriteRows(store_, rows, [&](storage::Tx& tx, int64_t i) {
    return batch.Record(tx, ShapeFavour(shape_, favours[static_cast<size_t>(i)], i));
  }));
  favours = {};
  std::vector<ledger::PairBalance> pairs = batch.TakePairs();
  REFNET_RETURN_IF_ERROR(
      WriteRows(store_, static_cast<int64_t>(pairs.size()), [&](storage::Tx& tx, int64_t i) {
        return tx.Ledger().PutPair(pairs[static_cast<size_t>(i)]);
      }));
  std::vector<ledger::PartyTotals> totals = batch.TakeTotals();
  REFNET_RETURN_IF_ERROR(
      WriteRows(store_, static_cast<int64_t>(totals.size()), [&](storage::Tx& tx, int64_t i) {
        return tx.Ledger().PutTotals(totals[static_cast<size_t>(i)]);
      }));
  return rows;
}

absl::Status Seeder::Run(StoreSeedSummary& summary) {
  REFNET_RETURN_IF_ERROR(Timed("members", summary, [&] { return Members(); }));
  REFNET_RETURN_IF_ERROR(Timed("contacts", summary, [&] { return Contacts(); }));
  REFNET_RETURN_IF_ERROR(Timed("relationships", summary, [&] { return Relationships(); }));
  REFNET_RETURN_IF_ERROR(Timed("connections", summary, [&] { return Connections(); }));
  REFNET_RETURN_IF_ERROR(Timed("favours", summary, [&] { return Favours(); }));
  return Timed("activity", summary, [&]() -> absl::StatusOr<int64_t> {
    HubActivity activity(shape_, clock_, ids_, ledger_);
    absl::StatusOr<HubActivityCounts> counts;
    absl::StatusOr<std::string> done =
        store_.Write(std::nullopt, [&](storage::Tx& tx) -> absl::StatusOr<std::string> {
          counts = activity.Write(tx, relationships_);
          if (!counts.ok()) return counts.status();
          return std::string();
        });
    if (!done.ok()) return done.status();
    summary.asks_skipped = counts->asks_skipped;
    return counts->rows();
  });
}

}  // namespace

FirmShape ShapeOf(const StoreSeedOptions& options, absl::Time as_of) {
  FirmShape shape;
  shape.firm_id = options.firm;
  shape.members = options.members;
  shape.contacts = options.contacts;
  shape.relationships = options.relationships;
  shape.connections = options.connections;
  shape.favours = options.favours;
  shape.hub_member_contacts = options.hub_member_contacts;
  shape.seed = options.seed;
  shape.as_of = as_of;
  return shape;
}

absl::StatusOr<StoreSeedSummary> SeedStore(const StoreSeedOptions& options,
                                           std::ostream& progress) {
  StoreSeedSummary summary;
  // Whole seconds, so the same --as-of reproduces the same store.
  summary.shape = ShapeOf(
      options, options.as_of.value_or(absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()))));
  absl::Time start = absl::Now();
  double cpu_start = CpuSeconds();
  {
    SystemClock store_clock;
    absl::StatusOr<std::unique_ptr<storage::sqlite::SqliteStore>> store =
        storage::sqlite::SqliteStore::Open(options.store_path, store_clock);
    if (!store.ok()) return store.status();
    Seeder seeder(summary.shape, **store, progress);
    REFNET_RETURN_IF_ERROR(seeder.Run(summary));
  }  // Closing the store checkpoints its write-ahead log into the file.
  summary.total_s = absl::ToDoubleSeconds(absl::Now() - start);
  summary.total_cpu_s = CpuSeconds() - cpu_start;
  std::error_code error;
  auto bytes = std::filesystem::file_size(options.store_path, error);
  summary.store_bytes = error ? -1 : static_cast<int64_t>(bytes);
  return summary;
}

}  // namespace refnet::loadgen
