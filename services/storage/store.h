// The unit-of-work port: every read and write runs inside one store
// transaction, and a write is recorded against its request id in that same
// transaction so that retries return the first answer.
#pragma once

#include <optional>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/admin/ports/admin_repository.h"
#include "services/asks/ports/ask_repository.h"
#include "services/contacts/ports/contact_repository.h"
#include "services/ledger/ports/ledger_repository.h"
#include "services/network/ports/network_repository.h"
#include "services/referrals/ports/referral_repository.h"
#include "services/review/ports/review_repository.h"

namespace refnet::storage {

// One change, appended in the transaction that made it. The change feed and
// cache repair read these in sequence order.
struct Event {
  std::string firm_id;
  std::string kind;      // the method that made the change, e.g. "RecordFavour"
  std::string resource;  // the resource name it returned
  std::string payload;   // the serialized response
};

class EventLog {
 public:
  virtual ~EventLog() = default;
  // Appends and returns the event's sequence number.
  virtual absl::StatusOr<int64_t> Append(const Event& event) = 0;
};

// The repositories, bound to one open transaction.
class Tx {
 public:
  virtual ~Tx() = default;
  virtual admin::AdminRepository& Admin() = 0;
  virtual contacts::ContactRepository& Contacts() = 0;
  virtual ledger::LedgerRepository& Ledger() = 0;
  virtual referrals::ReferralRepository& Referrals() = 0;
  virtual asks::AskRepository& Asks() = 0;
  virtual network::NetworkRepository& Network() = 0;
  virtual review::ReviewRepository& Review() = 0;
  virtual EventLog& Events() = 0;
};

// Identifies a write for idempotency. `scope` is the firm id ("" for
// platform-level writes); `fingerprint` digests the method and request body.
struct IdempotencyKey {
  std::string scope;
  std::string request_id;
  std::string fingerprint;
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs `write` in one write transaction and commits when it returns a value.
  // `write` may run more than once, and only its last run counts: it must not
  // change anything outside the transaction beyond overwriting what it
  // reports (its response, say).
  // With a key: a committed write with the same scope and request id returns
  // its stored response without running `write` again (ALREADY_EXISTS when the
  // fingerprint differs); otherwise the response is stored with the write.
  virtual absl::StatusOr<std::string> Write(
      const std::optional<IdempotencyKey>& key,
      absl::FunctionRef<absl::StatusOr<std::string>(Tx&)> write) = 0;

  // Runs `read` in one read transaction (a consistent snapshot).
  virtual absl::Status Read(absl::FunctionRef<absl::Status(Tx&)> read) = 0;
};

}  // namespace refnet::storage
