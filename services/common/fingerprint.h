// Stable digests of requests and queries (SHA-256), used to bind idempotency
// records and page tokens to the exact request that produced them.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

namespace refnet {

// Lower-case hex SHA-256 of the parts, each length-prefixed so that
// ("ab", "c") and ("a", "bc") differ.
std::string Fingerprint(std::initializer_list<absl::string_view> parts);

// SHA-256 of bytes that arrive in pieces (a backup's chunks).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(absl::string_view bytes);
  // Lower-case hex of everything updated so far; call once.
  std::string FinishHex();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace refnet
