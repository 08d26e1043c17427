// The port the domain uses to cache committed values (e.g. balances) next to
// the store. The store stays the source of truth: the cache only ever holds a
// committed value tagged with its version, and an unavailable cache only
// sends callers to the store.
//
// Write protocol, for a transaction that moves keys to new versions:
//   1. generation = Tombstone(firm, keys at their new versions), before the
//      commit;
//   2. commit in the store;
//   3. TombstoneAfterCommit(firm, the same keys and versions), even when
//      step 1 failed;
//   4. optionally, when step 1 returned a generation, Fill(firm, that
//      generation, key, version, value).
// Step 1 keeps a reader that read the store before the commit from leaving
// the older value behind: its fill is refused by the tombstone or
// overwritten by it. Step 3 does the same when step 1 failed or its
// tombstone was lost while the write ran (FLUSHALL, a restarted Redis), in
// whatever generation is current once the commit is done; step 1 covers a
// crash between 2 and 3. Step 4 must use the generation of step 1, which was
// current before the value was committed, just as a reader's Get happens
// before its store read: a generation obtained after the commit may be newer
// than the tombstones of a later commit, and the fill would then put back an
// overwritten value.
// When the commit fails, skip 3 and 4: the tombstone of step 1 only costs
// misses until a commit reaches that version.
// A failed tombstone (1 or 3) makes the implementation invalidate everything
// before it serves again, so a write that could not reach the cache is still
// never hidden.
//
// Read protocol: Get; on a hit use the value; on a miss read the store and
// Fill with the generation Get returned and the version the store returned.
// On nullopt read the store and do not fill.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace refnet::cache {

struct CacheRead {
  // Opaque; pass it back to Fill so a fill lands only in the generation the
  // read saw.
  std::string generation;
  // The cached value; nullopt on a miss or a tombstone.
  std::optional<std::string> value;
  // The value's version; for a tombstone the version the key is changing to;
  // 0 on a miss.
  int64_t version = 0;
};

class VersionedCache {
 public:
  virtual ~VersionedCache() = default;

  // The cached value of `key` in `firm`'s namespace with its version, plus the
  // generation it was read in. nullopt when the cache is unavailable (breaker
  // open, timeout, error): callers then go to the store and do not fill.
  virtual std::optional<CacheRead> Get(absl::string_view firm, absl::string_view key) = 0;

  // Marks each key as changing to its version (a tombstone) in the firm's
  // current generation, so that no fill of an older version can land there.
  // Versions must be >= 0 and rise with every commit of a key. Returns the
  // generation used, or nullopt when the cache is unavailable; in that case
  // the cache invalidates all it holds before it serves again.
  virtual std::optional<std::string> Tombstone(
      absl::string_view firm, const std::vector<std::pair<std::string, int64_t>>& key_versions) = 0;

  // Step 3 of the write protocol: tombstones again in the generation that is
  // current now. Returns nothing on purpose: that generation must not be
  // used to fill (see the write protocol above).
  void TombstoneAfterCommit(absl::string_view firm,
                            const std::vector<std::pair<std::string, int64_t>>& key_versions) {
    Tombstone(firm, key_versions);
  }

  // Stores `value` at `version` only if the firm's generation is still
  // `generation` and the key holds nothing newer: no value or a value with a
  // lower version, or a tombstone with version <= `version`. Best effort;
  // failures only count toward the breaker.
  virtual void Fill(absl::string_view firm, absl::string_view generation, absl::string_view key,
                    int64_t version, absl::string_view value) = 0;

  // Makes every key of the firm unreachable (a new generation), e.g. for
  // RebuildCache. If Redis cannot be reached the whole cache is invalidated
  // before it serves again.
  virtual void RotateGeneration(absl::string_view firm) = 0;

  // True while the cache is believed usable (breaker closed, nothing to
  // invalidate first).
  virtual bool Available() const = 0;
};

}  // namespace refnet::cache
