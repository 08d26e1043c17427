// The server's token keys, re-read from their file while it runs, so keys
// are added, promoted and retired (docs/RUNBOOK.md) without a restart.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/auth/key_set.h"

namespace refnet::auth {

class KeyRing {
 public:
  // Reads the file, which must hold valid keys, and re-reads it every
  // `poll_interval` (none when zero).
  static absl::StatusOr<std::unique_ptr<KeyRing>> Open(std::string path,
                                                       absl::Duration poll_interval);
  ~KeyRing();
  KeyRing(const KeyRing&) = delete;
  KeyRing& operator=(const KeyRing&) = delete;

  // The keys as last read; a caller may hold them while the file changes.
  std::shared_ptr<const KeySet> Current() const;
  // Rises whenever the keys change, so caches of verified tokens know to
  // start over.
  uint64_t generation() const;

  // Reads the file again. When it holds other valid keys, they take over;
  // when it cannot be read or parsed (a half-written file, a typo), the keys
  // in use stay and the problem is logged.
  void Reload();

 private:
  KeyRing(std::string path, KeySet keys);
  void Watch(absl::Duration poll_interval);

  const std::string path_;
  mutable absl::Mutex mu_;
  std::string last_error_ ABSL_GUARDED_BY(mu_);  // of the last read, if it failed
  std::shared_ptr<const KeySet> keys_ ABSL_GUARDED_BY(mu_);
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread watcher_;
};

}  // namespace refnet::auth
