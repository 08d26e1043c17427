// How to reach Redis and how patient to be with it, parsed from `--redis`.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace refnet::cache {

struct RedisOptions {
  std::string host = "127.0.0.1";
  int port = 6379;
  int db = 0;
  // Connections kept open; also the number of commands in flight at once.
  int pool_size = 4;
  // Bounds each round trip, and the wait for a free connection, so that a
  // slow Redis costs an RPC at most a few of these before it reads the store.
  absl::Duration command_timeout = absl::Milliseconds(50);
  absl::Duration connect_timeout = absl::Milliseconds(50);
  // Consecutive failures that open the breaker.
  int breaker_failures_to_open = 3;
  // How long an open breaker refuses every call before one probe.
  absl::Duration breaker_cooldown = absl::Seconds(1);
  // Lifetime of cached values and tombstones; bounds memory, not correctness.
  absl::Duration key_ttl = absl::Hours(1);
};

// Parses `redis://HOST:PORT` or `redis://HOST:PORT/DB` (HOST may be an
// `[IPv6]` literal; PORT defaults to 6379). Other fields keep their defaults.
// INVALID_ARGUMENT naming `--redis` when the URL is malformed.
absl::StatusOr<RedisOptions> ParseRedisUrl(absl::string_view url);

// INVALID_ARGUMENT naming the offending field when an option is out of range.
absl::Status ValidateRedisOptions(const RedisOptions& options);

}  // namespace refnet::cache
