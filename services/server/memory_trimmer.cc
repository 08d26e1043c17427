// One thread polling two counters; malloc_trim is glibc's.
#include "services/server/memory_trimmer.h"

#include <malloc.h>

#include <utility>

#include "services/common/log.h"

namespace refnet::server {

MemoryTrimmer::MemoryTrimmer(std::function<int64_t()> activity, std::function<int64_t()> in_flight,
                             absl::Duration poll, std::function<void()> trim)
    : activity_(std::move(activity)), in_flight_(std::move(in_flight)), trim_(std::move(trim)) {
  if (!trim_) trim_ = [] { malloc_trim(0); };
  // The baseline is taken now: work done from here on counts.
  int64_t start = activity_();
  thread_ = std::thread([this, poll, start] { Run(poll, start); });
}

MemoryTrimmer::~MemoryTrimmer() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void MemoryTrimmer::Run(absl::Duration poll, int64_t trimmed_at) {
  int quiet = 0;
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
      if (mu_.AwaitWithTimeout(absl::Condition(&stopping), poll)) return;
    }
    quiet = in_flight_() == 0 ? quiet + 1 : 0;
    int64_t activity = activity_();
    if (quiet < kQuietPolls || activity - trimmed_at < kCallsBetweenTrims) continue;
    trimmed_at = activity;
    absl::Time start = absl::Now();
    trim_();
    LogEvent("info", "returned free memory to the system after load",
             {{"duration_ms", absl::ToDoubleMilliseconds(absl::Now() - start)}});
  }
}

}  // namespace refnet::server
