// The flags of `seed` and `run`, parsed and checked before anything is sent.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "clients/common/client_tls.h"
#include "clients/loadgen/mix.h"
#include "clients/loadgen/scenario.h"

namespace refnet::loadgen {

struct SeedOptions {
  std::string target;
  clients::ClientTlsFiles tls;
  std::string token_file;
  std::string firm;
  int64_t contacts = 0;
  int64_t favours = 0;
  int64_t members = 20;
  int64_t in_flight = 64;
  bool json = false;
};

struct RunOptions {
  std::string target;
  clients::ClientTlsFiles tls;
  std::string token_file;
  std::string firm;
  Scenario scenario = Scenario::kHealth;
  int64_t in_flight = 64;  // closed loop: calls kept outstanding
  // Open loop: outstanding calls beyond this are dropped and counted as
  // errors. Generous, so that queueing shows up as latency, not as drops.
  int64_t max_in_flight = 10000;
  double duration_s = 0;
  double rate = 0;  // calls per second; 0 means closed loop
  int64_t channels = 4;
  double warmup_s = 1;
  int64_t members = 20;
  int64_t contacts = 1000;
  int64_t hot_pairs = 1000;
  int64_t note_bytes = 0;  // of each favour's note
  std::vector<MixEntry> mix;
  bool json = false;
};

// Usage errors are INVALID_ARGUMENT and name the flag. The TLS flags
// (--tls-ca-file, --tls-cert-file, --tls-key-file) fall back to their
// REFNET_TLS_* variables.
absl::StatusOr<SeedOptions> ParseSeedOptions(absl::Span<const std::string> args);
absl::StatusOr<RunOptions> ParseRunOptions(absl::Span<const std::string> args);

// Firm ids follow the server's rule: 2–63 lowercase letters, digits and
// hyphens, starting with a letter.
bool IsValidFirmId(absl::string_view firm);

// The bearer token in `path`, surrounding whitespace removed.
absl::StatusOr<std::string> ReadTokenFile(const std::string& path);

}  // namespace refnet::loadgen
