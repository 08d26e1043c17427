// The in-process pair cache follows the versioned protocol: a read that began
// before a write can never put back the value the write replaced.
#include "services/ledger/cache/near_cache.h"

#include "gtest/gtest.h"

namespace refnet::ledger {
namespace {

PairBalance Pair(int64_t version, int64_t given) {
  PairBalance p;
  p.firm_id = "acme";
  p.party_a = "contacts/ann";
  p.party_b = "members/alice";
  p.a_given_points = given;
  p.version = version;
  return p;
}

constexpr char kKey[] = "acme/contacts/ann|members/alice";

int64_t CachedVersion(const NearCache& cache) {
  std::optional<PairBalance> p = cache.Get(kKey);
  return p ? p->version : -1;
}

TEST(NearCacheTest, AReadThatBeganBeforeAWriteCannotPutTheOldValueBack) {
  NearCache cache(100);
  uint64_t reader = cache.Epoch();  // the reader misses and goes to the store
  cache.Tombstone(kKey, 2);         // a writer moves the pair to version 2
  EXPECT_EQ(CachedVersion(cache), -1) << "a tombstone is a miss";
  cache.Fill(reader, kKey, Pair(1, 10));  // the reader's version-1 answer
  EXPECT_EQ(CachedVersion(cache), -1);
  cache.Commit(kKey, Pair(2, 20));
  EXPECT_EQ(CachedVersion(cache), 2);
  cache.Fill(reader, kKey, Pair(1, 10));
  EXPECT_EQ(CachedVersion(cache), 2) << "an older fill never replaces a newer value";
}

TEST(NearCacheTest, ATombstoneAdmitsTheValueItAnnounced) {
  NearCache cache(100);
  cache.Tombstone(kKey, 3);
  cache.Fill(cache.Epoch(), kKey, Pair(3, 30));  // a reader saw the commit first
  EXPECT_EQ(CachedVersion(cache), 3);
}

TEST(NearCacheTest, CommitsArrivingOutOfOrderKeepTheNewest) {
  NearCache cache(100);
  cache.Tombstone(kKey, 4);
  cache.Tombstone(kKey, 5);
  cache.Commit(kKey, Pair(5, 50));
  cache.Commit(kKey, Pair(4, 40));
  EXPECT_EQ(CachedVersion(cache), 5);
}

TEST(NearCacheTest, AWriteInFlightStaysTombstonedThroughClearsAndEvictions) {
  NearCache cache(2);
  uint64_t reader = cache.Epoch();
  cache.Tombstone(kKey, 7);
  cache.Clear();
  cache.Fill(cache.Epoch(), kKey, Pair(6, 60));
  EXPECT_EQ(CachedVersion(cache), -1) << "the write in flight still guards its key";
  cache.Fill(reader, "acme/other", Pair(1, 1));
  EXPECT_EQ(cache.Get("acme/other"), std::nullopt) << "reads begun before a clear do not fill";
  // Fill past the bound: the table starts over, and reads begun before
  // that may not fill either.
  uint64_t before_eviction = cache.Epoch();
  cache.Fill(before_eviction, "acme/x", Pair(1, 1));
  cache.Fill(before_eviction, "acme/y", Pair(1, 1));
  cache.Fill(before_eviction, "acme/z", Pair(1, 1));
  EXPECT_NE(cache.Epoch(), before_eviction);
  cache.Commit(kKey, Pair(7, 70));
  EXPECT_EQ(CachedVersion(cache), 7);
}

}  // namespace
}  // namespace refnet::ledger
