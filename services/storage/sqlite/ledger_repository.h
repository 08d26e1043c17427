// The favours ledger, pair balances and party totals in SQLite.
#pragma once

#include "services/common/clock.h"
#include "services/ledger/ports/ledger_repository.h"
#include "services/storage/sqlite/database.h"
#include "services/storage/store.h"

namespace refnet::storage::sqlite {

// A balances row in REFNET_PAIR_COLUMNS order (ledger_queries.h).
ledger::PairBalance ReadPair(const Statement& s);

class SqliteLedgerRepository final : public ledger::LedgerRepository {
 public:
  explicit SqliteLedgerRepository(Database& db) : db_(db) {}

  absl::StatusOr<ledger::Favour> GetFavour(absl::string_view firm_id,
                                           absl::string_view id) override;
  absl::Status InsertFavour(ledger::Favour& favour) override;
  absl::StatusOr<std::vector<ledger::Favour>> ListFavours(absl::string_view firm_id,
                                                          const ledger::FavourFilter& filter,
                                                          int64_t after_position,
                                                          int32_t limit) override;
  absl::Status ForEachFavour(absl::string_view firm_id,
                             absl::FunctionRef<void(const ledger::Favour&)> visit) override;
  absl::StatusOr<std::vector<ledger::Favour>> RecentFavoursOf(absl::string_view firm_id,
                                                              absl::string_view party,
                                                              int32_t limit) override;
  absl::Status ReassignParty(absl::string_view firm_id, absl::string_view from,
                             absl::string_view to) override;

  absl::StatusOr<ledger::PairBalance> GetPair(absl::string_view firm_id, absl::string_view a,
                                              absl::string_view b) override;
  absl::Status PutPair(const ledger::PairBalance& pair) override;
  absl::Status DeletePairsOf(absl::string_view firm_id, absl::string_view party) override;
  absl::StatusOr<std::vector<ledger::PairBalance>> RankedPairsOf(
      absl::string_view firm_id, absl::string_view party, ledger::DirectionFilter direction,
      const std::optional<ledger::BalanceCursor>& after, int32_t limit) override;
  absl::StatusOr<std::vector<ledger::PairBalance>> AllPairs(absl::string_view firm_id) override;

  absl::StatusOr<ledger::PartyTotals> GetTotals(absl::string_view firm_id,
                                                absl::string_view party) override;
  absl::Status PutTotals(const ledger::PartyTotals& totals) override;
  absl::Status DeleteTotals(absl::string_view firm_id, absl::string_view party) override;
  absl::StatusOr<std::vector<ledger::PartyTotals>> AllTotals(absl::string_view firm_id) override;

  absl::StatusOr<int64_t> FirmBalanceOfContact(absl::string_view firm_id,
                                               absl::string_view contact_party) override;
  absl::StatusOr<int64_t> GetFirmBalanceVersion(absl::string_view firm_id) override;
  absl::StatusOr<int64_t> BumpFirmBalanceVersion(absl::string_view firm_id) override;
  absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> TopContactBalances(
      absl::string_view firm_id, bool debtors, int32_t limit) override;

 private:
  Database& db_;
};

class SqliteEventLog final : public EventLog {
 public:
  SqliteEventLog(Database& db, Clock& clock) : db_(db), clock_(clock) {}
  absl::StatusOr<int64_t> Append(const Event& event) override;

 private:
  Database& db_;
  Clock& clock_;
};

}  // namespace refnet::storage::sqlite
