// Pair balances served through the versioned cache, with the store as the
// source of truth. Reads try the cache and fill it on a miss; writes
// tombstone the pair before their commit and again after it, then fill the
// committed value so the next read on this server sees it. Without a cache
// (or while it is unavailable) every read goes to the store.
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/cache/versioned_cache.h"
#include "services/ledger/domain/ledger.h"
#include "services/ledger/domain/types.h"
#include "services/storage/store.h"

namespace refnet::ledger {

class BalanceCache {
 public:
  // `cache` may be null: no cache configured.
  BalanceCache(storage::Store& store, cache::VersionedCache* cache)
      : store_(store), cache_(cache) {}

  // The balance between two parties from `party`'s side. Parties are checked
  // against the store on a miss; a cached pair implies both existed.
  absl::StatusOr<Balance> GetBalance(const std::string& firm_id, const std::string& party,
                                     const std::string& counterparty);

  // Inside the write transaction, before it commits. Returns the generation
  // to fill in after the commit (nullopt: do not fill).
  std::optional<std::string> BeforeCommit(const PairBalance& pair);
  // After the commit returned OK, with what BeforeCommit returned.
  void AfterCommit(const PairBalance& pair, const std::optional<std::string>& generation);
  // Drops every cached value of the firm (RebuildCache, merges). Returns
  // whether a cache is configured and was reached.
  bool Invalidate(const std::string& firm_id);

  // The cache's text form of a pair, and back; nullopt for a malformed value.
  static std::string Encode(const PairBalance& pair);
  static std::optional<PairBalance> Decode(const std::string& firm_id, const std::string& a,
                                           const std::string& b, int64_t version,
                                           const std::string& text);

 private:
  static std::string Key(const std::string& a, const std::string& b);

  storage::Store& store_;
  cache::VersionedCache* cache_;
};

}  // namespace refnet::ledger
