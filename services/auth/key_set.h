// The HS256 keys tokens are signed and verified with, read from one file.
// A file holding one bare secret is one key without an id: tokens carry no
// `kid`, as before keys had ids. A file of `KEY_ID=SECRET` lines holds
// several: the first signs, every one verifies, so keys rotate without a
// token being refused (docs/RUNBOOK.md).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace refnet::auth {

struct SigningKey {
  std::string id;  // the token header's `kid`; empty for a bare secret
  std::string secret;

  bool operator==(const SigningKey& other) const {
    return id == other.id && secret == other.secret;
  }
};

class KeySet {
 public:
  // HS256 keys should be at least as long as the hash.
  static constexpr size_t kSecretLengthMin = 32;
  // Several keys are for rotation; more than a handful is a mistake.
  static constexpr size_t kKeysMax = 16;
  static constexpr size_t kKeyIdLengthMax = 64;

  // One bare secret (at least kSecretLengthMin bytes).
  static absl::StatusOr<KeySet> Single(std::string secret);
  // A file's text: either one bare secret, or `KEY_ID=SECRET` lines (blank
  // lines and lines starting with # are skipped). Key ids are 1-64 of
  // [A-Za-z0-9._-] and unique. `source` names the file in errors.
  static absl::StatusOr<KeySet> Parse(absl::string_view text, absl::string_view source);

  // The key new tokens are signed with: the first.
  const SigningKey& signing() const { return keys_.front(); }
  // The key with this id, or null.
  const SigningKey* Find(absl::string_view id) const;
  absl::Span<const SigningKey> keys() const { return keys_; }
  // Whether the keys have ids (and tokens carry `kid`).
  bool keyed() const { return !keys_.front().id.empty(); }

  bool operator==(const KeySet& other) const { return keys_ == other.keys_; }

 private:
  explicit KeySet(std::vector<SigningKey> keys) : keys_(std::move(keys)) {}

  std::vector<SigningKey> keys_;  // never empty
};

// Reads and parses a key file (at most 64 KiB).
absl::StatusOr<KeySet> ReadKeyFile(const std::string& path);

}  // namespace refnet::auth
