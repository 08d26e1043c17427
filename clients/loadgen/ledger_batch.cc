// The same steps as Ledger::RecordFavour and Ledger::Apply, in the same
// order, so ids, times and versions come out the same.
#include "clients/loadgen/ledger_batch.h"

#include <utility>

#include "absl/strings/match.h"
#include "services/common/status.h"
#include "services/ledger/domain/balance_rules.h"

namespace refnet::loadgen {
namespace {

bool IsMember(const std::string& party) { return absl::StartsWith(party, "members/"); }

}  // namespace

absl::Status LedgerBatch::Record(storage::Tx& tx, ledger::Favour draft) {
  if (draft.value_points == 0) {
    draft.value_points = settings_.DefaultValue(static_cast<int>(draft.kind));
  }
  draft.id = ids_.NewId();
  draft.create_time = clock_.Now();
  REFNET_RETURN_IF_ERROR(tx.Ledger().InsertFavour(draft));
  auto key = ledger::OrderedPair(draft.giver, draft.receiver);
  ledger::PairBalance& pair = pairs_[key];
  if (pair.party_a.empty()) {
    pair.firm_id = draft.firm_id;
    pair.party_a = key.first;
    pair.party_b = key.second;
  }
  ledger::ApplyToPair(draft, pair);
  for (const std::string& party : {draft.giver, draft.receiver}) {
    ledger::PartyTotals& totals = totals_[party];
    if (totals.party.empty()) {
      totals.firm_id = draft.firm_id;
      totals.party = party;
    }
    ledger::ApplyToTotals(draft, totals);
  }
  if (IsMember(draft.giver) != IsMember(draft.receiver)) {
    REFNET_RETURN_IF_ERROR(tx.Ledger().BumpFirmBalanceVersion(draft.firm_id).status());
  }
  return absl::OkStatus();
}

std::vector<ledger::PairBalance> LedgerBatch::TakePairs() {
  std::vector<ledger::PairBalance> pairs;
  pairs.reserve(pairs_.size());
  for (auto& [key, pair] : pairs_) pairs.push_back(std::move(pair));
  pairs_.clear();
  return pairs;
}

std::vector<ledger::PartyTotals> LedgerBatch::TakeTotals() {
  std::vector<ledger::PartyTotals> totals;
  totals.reserve(totals_.size());
  for (auto& [party, t] : totals_) totals.push_back(std::move(t));
  totals_.clear();
  return totals;
}

}  // namespace refnet::loadgen
