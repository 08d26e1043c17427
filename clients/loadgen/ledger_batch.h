// Favours recorded as Ledger::RecordFavour records them, for a firm whose
// ledger starts empty, with the balances they move kept in memory and
// written once per pair and party at the end. Per favour that leaves one
// insert and the firm's balance version, instead of reading and rewriting a
// pair and two totals.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "services/admin/domain/settings.h"
#include "services/common/clock.h"
#include "services/ledger/domain/types.h"
#include "services/storage/store.h"

namespace refnet::loadgen {

class LedgerBatch {
 public:
  LedgerBatch(Clock& clock, IdGenerator& ids, admin::FirmSettings settings)
      : clock_(clock), ids_(ids), settings_(std::move(settings)) {}

  // Inserts the favour (a zero value takes the firm's default for the kind)
  // and applies it to its pair and both parties' totals in memory, with the
  // balance rules the ledger uses. The parties must exist and differ.
  absl::Status Record(storage::Tx& tx, ledger::Favour draft);

  // Every pair and party totals the favours moved, in key order, for the
  // caller to write with PutPair and PutTotals. Each hands its rows over
  // once, leaving the batch without them.
  std::vector<ledger::PairBalance> TakePairs();
  std::vector<ledger::PartyTotals> TakeTotals();

 private:
  Clock& clock_;
  IdGenerator& ids_;
  admin::FirmSettings settings_;
  std::map<std::pair<std::string, std::string>, ledger::PairBalance> pairs_;
  std::map<std::string, ledger::PartyTotals> totals_;
};

}  // namespace refnet::loadgen
