// How cached entries look inside Redis, and the per-call unique tokens that
// make generations impossible to reuse.
//
// An entry is "v:<version>:<bytes>" (a value) or "t:<version>" (a tombstone).
// Versions are written as 20 zero-padded digits so that the Lua scripts can
// compare them as strings: Lua 5.1 numbers are doubles and would lose
// precision above 2^53.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace refnet::cache {

inline constexpr size_t kVersionDigits = 20;

// The fixed-width decimal form of a version >= 0.
std::string EncodeVersion(int64_t version);

struct Entry {
  bool tombstone = false;
  int64_t version = 0;
  std::string value;  // empty for a tombstone
};

// nullopt when `text` is not an entry this library wrote.
std::optional<Entry> ParseEntry(absl::string_view text);

// Tokens that are unique across processes (a random instance part) and
// within one (a counter), in hex so they never contain the '.' and ':'
// separators of generations and keys.
class TokenSource {
 public:
  TokenSource();
  std::string Next();

 private:
  const uint64_t instance_;
  std::atomic<uint64_t> counter_{0};
};

}  // namespace refnet::cache
