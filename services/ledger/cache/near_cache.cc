// The in-process tier of the pair-balance cache.
#include "services/ledger/cache/near_cache.h"

namespace refnet::ledger {

uint64_t NearCache::Epoch() const {
  absl::MutexLock lock(&mu_);
  return epoch_;
}

std::optional<PairBalance> NearCache::Get(const std::string& key) const {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || !it->second.value.has_value()) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  return it->second.value;
}

NearCache::Stats NearCache::stats() const {
  absl::MutexLock lock(&mu_);
  return Stats{.hits = hits_, .misses = misses_, .entries = static_cast<int64_t>(entries_.size())};
}

bool NearCache::Newer(const Entry& current, int64_t version) {
  // A tombstone admits its own version: the value it announced.
  return current.value ? version > current.version : version >= current.version;
}

void NearCache::Fill(uint64_t epoch, const std::string& key, const PairBalance& pair) {
  absl::MutexLock lock(&mu_);
  if (epoch != epoch_) return;
  auto pending = in_flight_.find(key);
  if (pending != in_flight_.end() && pair.version < pending->second) return;
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    if (Newer(it->second, pair.version)) it->second = Entry{pair.version, pair};
    return;
  }
  MakeRoomLocked();
  entries_.emplace(key, Entry{pair.version, pair});
}

void NearCache::Tombstone(const std::string& key, int64_t version) {
  absl::MutexLock lock(&mu_);
  int64_t& pending = in_flight_[key];
  if (version > pending) pending = version;
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    MakeRoomLocked();
    entries_.emplace(key, Entry{version, std::nullopt});
  } else if (version >= it->second.version) {
    it->second = Entry{version, std::nullopt};
  }
}

void NearCache::Commit(const std::string& key, const PairBalance& pair) {
  absl::MutexLock lock(&mu_);
  auto pending = in_flight_.find(key);
  if (pending != in_flight_.end() && pending->second <= pair.version) in_flight_.erase(pending);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    MakeRoomLocked();
    entries_.emplace(key, Entry{pair.version, pair});
  } else if (Newer(it->second, pair.version)) {
    it->second = Entry{pair.version, pair};
  }
}

void NearCache::Clear() {
  absl::MutexLock lock(&mu_);
  ++epoch_;
  entries_.clear();
  for (const auto& [key, version] : in_flight_) entries_.emplace(key, Entry{version, std::nullopt});
}

void NearCache::MakeRoomLocked() {
  if (entries_.size() < entries_max_) return;
  // Start over rather than track recency: a full table of hot pairs refills
  // in one pass. Tombstones of writes in flight stay, and reads that began
  // before may not fill: what they read may be older than a dropped value.
  ++epoch_;
  entries_.clear();
  for (const auto& [key, version] : in_flight_) entries_.emplace(key, Entry{version, std::nullopt});
}

}  // namespace refnet::ledger
