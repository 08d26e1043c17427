// Balances served through the versioned cache, with the store as the source
// of truth: pair balances, party standings and the firm's top lists. Pairs
// are also kept in this process when it is the store's only writer. Reads
// try the cache and fill it on a miss; writes tombstone everything they
// change before their commit and again after it, then fill the committed
// pair so the next read on this server sees it. Without a cache (or while it
// is unavailable) every read goes to the store and gives the same answer.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/cache/versioned_cache.h"
#include "services/common/clock.h"
#include "services/ledger/cache/near_cache.h"
#include "services/ledger/domain/balance_rules.h"
#include "services/ledger/domain/ledger.h"
#include "services/ledger/domain/types.h"
#include "services/storage/store.h"

namespace refnet::ledger {

class BalanceCache {
 public:
  // `cache` may be null: no cache configured. `near` may be null: the store
  // has other writers, so pairs cannot be kept in this process.
  BalanceCache(storage::Store& store, cache::VersionedCache* cache, NearCache* near, Clock& clock)
      : store_(store), cache_(cache), near_(near), clock_(clock) {}

  // The balance between two parties from `party`'s side. Parties are checked
  // against the store on a miss; a cached value implies they existed.
  absl::StatusOr<Balance> GetBalance(const std::string& firm_id, const std::string& party,
                                     const std::string& counterparty);
  // The party's standing, assessed now under the firm's current settings.
  absl::StatusOr<Standing> GetStanding(const std::string& firm_id, const std::string& party);
  // The firm's top debtors and creditors (kTopBalancesMax of each).
  absl::StatusOr<TopBalances> GetTopBalances(const std::string& firm_id);

  // Inside the write transaction, before it commits. Returns the generation
  // to fill in after the commit (nullopt: do not fill).
  std::optional<std::string> BeforeCommit(const Recorded& recorded);
  // Once the write returned `written`: `changed` is what BeforeCommit was
  // given (nullopt when it never ran, e.g. a replayed request), `generation`
  // what it returned.
  void AfterWrite(const absl::Status& written, const std::optional<Recorded>& changed,
                  const std::optional<std::string>& generation);
  // Drops every cached value of the firm (RebuildCache, merges). Returns
  // whether a cache is configured and was reached.
  bool Invalidate(const std::string& firm_id);

 private:
  using KeyVersions = std::vector<std::pair<std::string, int64_t>>;
  static KeyVersions Changed(const Recorded& recorded);

  // The near cache's key: pair keys are only unique within a firm.
  static std::string NearKey(const PairBalance& pair);

  storage::Store& store_;
  cache::VersionedCache* cache_;
  NearCache* near_;
  Clock& clock_;
};

}  // namespace refnet::ledger
