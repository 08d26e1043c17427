// Pair balances kept in this process, in front of Redis and the store, for a
// server that is the only writer of its store (the embedded SQLite store):
// every change then passes through this process, so the cache can follow
// the same versioned protocol as Redis without being told by anyone else.
// A write tombstones its pair at the new version before it commits and puts
// the committed value after; a read fills only a version no older than what
// the cache already knows, and only if no Clear happened since it began.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "services/ledger/domain/types.h"

namespace refnet::ledger {

class NearCache {
 public:
  explicit NearCache(size_t entries_max) : entries_max_(entries_max) {}

  // Where a read starts: pass it back to Fill.
  uint64_t Epoch() const;
  // The cached pair, if it holds a committed value. Keys name the firm too.
  std::optional<PairBalance> Get(const std::string& key) const;
  // A value read from Redis or the store, at its version, begun at `epoch`.
  void Fill(uint64_t epoch, const std::string& key, const PairBalance& pair);

  // Before the commit: `key` is changing to `version`; no older fill lands.
  void Tombstone(const std::string& key, int64_t version);
  // After the commit: the committed value replaces the tombstone.
  void Commit(const std::string& key, const PairBalance& pair);

  // Drops every value (merges, cache rebuilds); changes in flight keep their
  // tombstones.
  void Clear();

  // Lookups answered and not (a miss or a tombstone), and values held; for
  // metrics.
  struct Stats {
    int64_t hits = 0;
    int64_t misses = 0;
    int64_t entries = 0;
  };
  Stats stats() const;

 private:
  struct Entry {
    int64_t version = 0;
    std::optional<PairBalance> value;  // nullopt: a tombstone
  };

  // Whether a value at `version` may replace `current`.
  static bool Newer(const Entry& current, int64_t version);
  void MakeRoomLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const size_t entries_max_;
  mutable absl::Mutex mu_;
  uint64_t epoch_ ABSL_GUARDED_BY(mu_) = 0;
  mutable int64_t hits_ ABSL_GUARDED_BY(mu_) = 0;
  mutable int64_t misses_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
  // Keys whose write has not finished, with their pending versions; never
  // evicted, so a stale fill cannot slip in behind an eviction.
  absl::flat_hash_map<std::string, int64_t> in_flight_ ABSL_GUARDED_BY(mu_);
};

}  // namespace refnet::ledger
