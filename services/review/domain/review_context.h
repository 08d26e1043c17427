// What the sections of one review share: the open transaction, the question,
// and reads more than one section needs (the member's balances as they stood
// at `as_of`, display names).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

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

  // Every pair the member is part of, from the member's side, as it stood at
  // `as_of`: pairs touched later are replayed from their favours up to then.
  // Read once per review.
  absl::StatusOr<const std::vector<ledger::Balance>*> Balances();

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
  std::optional<std::vector<ledger::Balance>> balances_;
  std::map<std::string, std::string> names_;
};

}  // namespace refnet::review
