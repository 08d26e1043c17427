// Gives memory freed after a burst of load back to the system. glibc keeps
// what a busy process frees in its arenas, so after an overload the server's
// resident memory stayed at its peak; malloc_trim returns the free pages.
// Trimming takes the arenas' locks, so it runs only once the server has gone
// quiet after real work, never under load.
#pragma once

#include <cstdint>
#include <functional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace refnet::server {

class MemoryTrimmer {
 public:
  // `activity` is a counter of work done (calls admitted) and `in_flight`
  // the work under way; both are read once a `poll`. `trim` gives memory
  // back (malloc_trim unless a test says otherwise).
  MemoryTrimmer(std::function<int64_t()> activity, std::function<int64_t()> in_flight,
                absl::Duration poll = absl::Seconds(1), std::function<void()> trim = {});
  ~MemoryTrimmer();
  MemoryTrimmer(const MemoryTrimmer&) = delete;
  MemoryTrimmer& operator=(const MemoryTrimmer&) = delete;

  // Calls admitted since the last trim before another is worth it.
  static constexpr int64_t kCallsBetweenTrims = 1000;
  // Polls in a row with nothing in flight before trimming.
  static constexpr int kQuietPolls = 3;

 private:
  void Run(absl::Duration poll, int64_t trimmed_at);

  std::function<int64_t()> activity_;
  std::function<int64_t()> in_flight_;
  std::function<void()> trim_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace refnet::server
