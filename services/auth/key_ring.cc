// Polling, not inotify: Kubernetes replaces a mounted secret by swapping a
// symlink, which a watch on the file itself does not see.
#include "services/auth/key_ring.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/log.h"

namespace refnet::auth {
namespace {

std::string KeyIds(const KeySet& keys) {
  std::string ids;
  for (const SigningKey& key : keys.keys()) {
    absl::StrAppend(&ids, ids.empty() ? "" : ",", key.id.empty() ? "(bare secret)" : key.id);
  }
  return ids;
}

}  // namespace

absl::StatusOr<std::unique_ptr<KeyRing>> KeyRing::Open(std::string path,
                                                       absl::Duration poll_interval) {
  absl::StatusOr<KeySet> keys = ReadKeyFile(path);
  if (!keys.ok()) return keys.status();
  std::unique_ptr<KeyRing> ring(new KeyRing(std::move(path), *std::move(keys)));
  if (poll_interval > absl::ZeroDuration()) {
    ring->watcher_ =
        std::thread([ring = ring.get(), poll_interval] { ring->Watch(poll_interval); });
  }
  return ring;
}

KeyRing::KeyRing(std::string path, KeySet keys)
    : path_(std::move(path)), keys_(std::make_shared<const KeySet>(std::move(keys))) {}

KeyRing::~KeyRing() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (watcher_.joinable()) watcher_.join();
}

std::shared_ptr<const KeySet> KeyRing::Current() const {
  absl::MutexLock lock(&mu_);
  return keys_;
}

uint64_t KeyRing::generation() const {
  absl::MutexLock lock(&mu_);
  return generation_;
}

void KeyRing::Reload() {
  absl::StatusOr<KeySet> keys = ReadKeyFile(path_);
  absl::MutexLock lock(&mu_);
  if (!keys.ok()) {
    // Logged once for each new problem, not at every poll.
    std::string error(keys.status().message());
    if (error != last_error_) {
      LogEvent("error", "token keys not reloaded; the keys in use stay", {{"error", error}});
    }
    last_error_ = std::move(error);
    return;
  }
  last_error_.clear();
  if (*keys == *keys_) return;
  keys_ = std::make_shared<const KeySet>(*std::move(keys));
  ++generation_;
  LogEvent("info", "token keys reloaded", {{"keys", KeyIds(*keys_)}});
}

void KeyRing::Watch(absl::Duration poll_interval) {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
      if (mu_.AwaitWithTimeout(absl::Condition(&stopping), poll_interval)) return;
    }
    Reload();
  }
}

}  // namespace refnet::auth
