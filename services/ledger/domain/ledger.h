// The ledger's use cases: recording and voiding favours with their balance
// effects in the same transaction, reading balances and standings, and
// checking that the materialized balances equal a replay of the ledger.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/clock.h"
#include "services/ledger/domain/types.h"
#include "services/storage/store.h"

namespace refnet::ledger {

// A favour together with the pair and totals it changed, so callers can
// refresh caches with exactly the committed versions.
struct Recorded {
  Favour favour;
  PairBalance pair;
  PartyTotals giver_totals;
  PartyTotals receiver_totals;
  // The firm's new balance version when the favour moved a member–contact
  // pair (the firm's top lists changed); 0 otherwise.
  int64_t firm_balance_version = 0;
};

struct LedgerCheck {
  bool ok = true;
  int64_t favour_count = 0;
  int64_t pair_count = 0;
  int64_t karma_sum_points = 0;
  std::vector<std::string> problems;
};

class Ledger {
 public:
  Ledger(Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // Parties must exist in the firm (merged contacts do not). A zero value
  // takes the firm's default for the kind.
  absl::StatusOr<Recorded> RecordFavour(storage::Tx& tx, Favour draft);
  // Appends the reversal of `favour_id`; FAILED_PRECONDITION when it is a
  // reversal itself or already voided.
  absl::StatusOr<Recorded> VoidFavour(storage::Tx& tx, const std::string& firm_id,
                                      const std::string& favour_id, const std::string& reason,
                                      const std::string& recorded_by);

  absl::StatusOr<Balance> GetBalance(storage::Tx& tx, const std::string& firm_id,
                                     const std::string& party, const std::string& counterparty);
  // What a party's standing is assessed from (see balance_rules.h).
  static absl::StatusOr<StandingFacts> ReadStandingFacts(storage::Tx& tx,
                                                         const std::string& firm_id,
                                                         const std::string& party,
                                                         const FirmSettings& settings);
  // The firm's top debtors and creditors, kTopBalancesMax of each.
  static absl::StatusOr<TopBalances> ReadTopBalances(storage::Tx& tx, const std::string& firm_id);
  absl::StatusOr<LedgerCheck> CheckLedger(storage::Tx& tx, const std::string& firm_id);

  // After a contact merge: favours of `from` become `to`'s, and the balances
  // and totals of both are rebuilt from the ledger with versions above any
  // they had.
  absl::Status MergeParties(storage::Tx& tx, const std::string& firm_id, const std::string& from,
                            const std::string& to);

  // NOT_FOUND naming `field` unless the party exists (a member, or a contact
  // that was not merged away).
  static absl::Status RequireParty(storage::Tx& tx, const std::string& firm_id,
                                   const std::string& party, absl::string_view field);

 private:
  absl::StatusOr<Recorded> Apply(storage::Tx& tx, Favour favour);

  Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace refnet::ledger
