// What the sections of one review share: the open transaction, the question,
// and reads more than one section needs (the member's balances as they stood
// at `as_of`, display names).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "services/ledger/domain/types.h"
#include "services/review/domain/types.h"
#include "services/storage/store.h"

namespace refnet::review {

class ReviewContext {
 public:
  ReviewContext(storage::Tx& tx, const ReviewQuery& query) : tx_(tx), query_(query) {}

  storage::Tx& tx() { return tx_; }
  const ReviewQuery& query() const { return query_; }
  size_t items_max() const { return static_cast<size_t>(query_.items_per_section_max); }

  // The member's pairs as stored now (from a ranked read) told from the
  // member's side as they stood at `as_of`, keeping those `keep` accepts.
  // Pairs touched after `as_of` are replayed from their favours up to then
  // (once per review) and judged on that, wherever they rank now.
  absl::StatusOr<std::vector<ledger::Balance>> BalancesAsOf(
      const std::vector<ledger::PairBalance>& stored,
      absl::FunctionRef<bool(const ledger::Balance&)> keep);
  // How many of the member's pairs changed after `as_of`: a ranked read
  // needs this many rows beyond what it keeps.
  absl::StatusOr<int32_t> ChangedPairCount();

  // A party key ("members/{id}" or "contacts/{id}") as a full resource name.
  std::string FullName(const std::string& party) const;
  // What a person is called: a member's or contact's display name, its id
  // when it has none or no longer exists.
  absl::StatusOr<std::string> DisplayName(const std::string& party);
  absl::StatusOr<std::string> ContactDisplayName(const std::string& contact_id);
  // The most recent live favour from `giver` to `receiver` by `as_of`, as a
  // full resource name; empty when there is none.
  absl::StatusOr<std::string> LatestFavourName(const std::string& giver,
                                               const std::string& receiver);

 private:
  storage::Tx& tx_;
  const ReviewQuery& query_;
  // The pairs touched after `as_of`, by the other party, as they stood
  // then; nullopt for a pair that did not exist yet.
  absl::StatusOr<const std::map<std::string, std::optional<ledger::Balance>>*> ChangedPairs();

  std::optional<std::map<std::string, std::optional<ledger::Balance>>> changed_;
  std::map<std::string, std::string> names_;
};

}  // namespace refnet::review
