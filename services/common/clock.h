// Time and identity sources, injected so tests can fix them.
#pragma once

#include <atomic>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace refnet {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() = 0;
};

class SystemClock final : public Clock {
 public:
  absl::Time Now() override { return absl::Now(); }
};

class IdGenerator {
 public:
  virtual ~IdGenerator() = default;
  // A fresh, unguessable id that is a valid resource id segment.
  virtual std::string NewId() = 0;
};

// Time-ordered version-7 UUIDs in lower-case canonical form.
class RandomIdGenerator final : public IdGenerator {
 public:
  std::string NewId() override;
};

}  // namespace refnet
