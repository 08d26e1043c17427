// The asks use cases, each inside one store transaction: posting within the
// asker's budget, closing, routing under the weekly cap, fulfilling with a
// favour in the same transaction, and suggesting helpers.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/asks/domain/types.h"
#include "services/common/clock.h"
#include "services/ledger/domain/ledger.h"
#include "services/storage/store.h"

namespace refnet::asks {

// An ask that was fulfilled, with the favour it recorded, so callers can
// refresh cached balances with exactly the committed versions.
struct Fulfilled {
  Ask ask;
  ledger::Recorded recorded;
};

class AskBook {
 public:
  // Suggestions returned by default and at most.
  static constexpr int32_t kSuggestionsDefault = 10;
  static constexpr int32_t kSuggestionsMax = 50;
  // Helpers one ask may be routed to.
  static constexpr size_t kRoutesPerAskMax = 50;

  AskBook(Clock& clock, IdGenerator& ids, ledger::Ledger& ledger)
      : clock_(clock), ids_(ids), ledger_(ledger) {}

  // The asker must exist and not be merged away; beyond its budget of open
  // asks is RESOURCE_EXHAUSTED.
  absl::StatusOr<Ask> CreateAsk(storage::Tx& tx, Ask draft);
  // NOT_FOUND naming `name`.
  static absl::StatusOr<Ask> GetAsk(storage::Tx& tx, const std::string& firm_id,
                                    const std::string& ask_id);
  // Only an open ask; otherwise FAILED_PRECONDITION naming its state.
  absl::StatusOr<Ask> CloseAsk(storage::Tx& tx, Ask ask);
  // Only an open ask, a helper that exists and is not the asker, and not
  // beyond the helper's weekly cap.
  absl::StatusOr<Ask> RouteAsk(storage::Tx& tx, Ask ask, const std::string& helper,
                               const std::string& routed_by);
  // Records `favour` (helper → asker) and marks the ask fulfilled.
  absl::StatusOr<Fulfilled> FulfilAsk(storage::Tx& tx, Ask ask, ledger::Favour favour);
  // Ranked helpers for the ask, at most `limit`.
  absl::StatusOr<std::vector<Suggestion>> SuggestHelpers(storage::Tx& tx, const Ask& ask,
                                                         int32_t limit);

 private:
  absl::Status RequireOpen(const Ask& ask);
  absl::Status CheckBudget(storage::Tx& tx, const Ask& draft);

  Clock& clock_;
  IdGenerator& ids_;
  ledger::Ledger& ledger_;
};

const char* StateName(AskState state);

}  // namespace refnet::asks
