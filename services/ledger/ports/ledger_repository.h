// What the ledger needs from a store: favours, pair balances, party totals.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/ledger/domain/types.h"

namespace refnet::ledger {

// Where a ranked balance list resumes: after (|net|, counterparty) in order.
struct BalanceCursor {
  int64_t magnitude = 0;
  std::string counterparty;
};

enum class DirectionFilter { kAny, kCounterpartyOwes, kPartyOwes };

class LedgerRepository {
 public:
  virtual ~LedgerRepository() = default;

  // NOT_FOUND when absent; `voided_by` is filled in.
  virtual absl::StatusOr<Favour> GetFavour(absl::string_view firm_id, absl::string_view id) = 0;
  // Sets `position`. ALREADY_EXISTS when the favour it voids is already voided.
  virtual absl::Status InsertFavour(Favour& favour) = 0;
  virtual absl::StatusOr<std::vector<Favour>> ListFavours(absl::string_view firm_id,
                                                          const FavourFilter& filter,
                                                          int64_t after_position,
                                                          int32_t limit) = 0;
  // Calls `visit` for every favour of the firm in recorded order.
  virtual absl::Status ForEachFavour(absl::string_view firm_id,
                                     absl::FunctionRef<void(const Favour&)> visit) = 0;
  // The party's most recent favours given or received, newest first: live
  // ones only (no reversals, none that were voided, no self-favours).
  virtual absl::StatusOr<std::vector<Favour>> RecentFavoursOf(absl::string_view firm_id,
                                                              absl::string_view party,
                                                              int32_t limit) = 0;
  // Rewrites every favour given or received by `from` to `to` (contact merges).
  virtual absl::Status ReassignParty(absl::string_view firm_id, absl::string_view from,
                                     absl::string_view to) = 0;

  // The pair's balance; a zero balance with version 0 when never stored.
  // `a` < `b`.
  virtual absl::StatusOr<PairBalance> GetPair(absl::string_view firm_id, absl::string_view a,
                                              absl::string_view b) = 0;
  virtual absl::Status PutPair(const PairBalance& pair) = 0;
  virtual absl::Status DeletePairsOf(absl::string_view firm_id, absl::string_view party) = 0;
  // The party's pairs ranked by |net| (largest first) then counterparty,
  // resuming after `cursor` when given.
  virtual absl::StatusOr<std::vector<PairBalance>> RankedPairsOf(
      absl::string_view firm_id, absl::string_view party, DirectionFilter direction,
      const std::optional<BalanceCursor>& after, int32_t limit) = 0;
  virtual absl::StatusOr<std::vector<PairBalance>> AllPairs(absl::string_view firm_id) = 0;

  // Totals; zero totals with version 0 when never stored.
  virtual absl::StatusOr<PartyTotals> GetTotals(absl::string_view firm_id,
                                                absl::string_view party) = 0;
  virtual absl::Status PutTotals(const PartyTotals& totals) = 0;
  virtual absl::Status DeleteTotals(absl::string_view firm_id, absl::string_view party) = 0;
  virtual absl::StatusOr<std::vector<PartyTotals>> AllTotals(absl::string_view firm_id) = 0;

  // Every member's favours with the contact netted: what the contact owes the firm.
  virtual absl::StatusOr<int64_t> FirmBalanceOfContact(absl::string_view firm_id,
                                                       absl::string_view contact_party) = 0;
  // The firm's balance version: it rises with every change to a
  // member–contact pair, so it versions the firm's top lists. 0 before any.
  virtual absl::StatusOr<int64_t> GetFirmBalanceVersion(absl::string_view firm_id) = 0;
  // Raises it by one and returns the new version.
  virtual absl::StatusOr<int64_t> BumpFirmBalanceVersion(absl::string_view firm_id) = 0;
  // Contacts ranked by firm-wide balance: most owing the firm first when
  // `debtors`, else most owed by the firm first. Only non-zero balances.
  virtual absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> TopContactBalances(
      absl::string_view firm_id, bool debtors, int32_t limit) = 0;
};

}  // namespace refnet::ledger
