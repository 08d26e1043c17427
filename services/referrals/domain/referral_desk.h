// Offers and moves referrals inside a store transaction, with their ledger
// effects: an offer records a referral favour, a win a closed-business
// favour, and a decline or withdrawal voids the offer's favour.
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/common/clock.h"
#include "services/ledger/domain/ledger.h"
#include "services/referrals/domain/types.h"
#include "services/storage/store.h"

namespace refnet::referrals {

// Who asks for a change: a member, or (privileged) an admin or a tool.
struct Actor {
  std::string member_id;
  bool privileged = false;
};

// A referral after a write, and the ledger entry the write made, if any.
struct Written {
  Referral referral;
  std::optional<ledger::Recorded> recorded;
};

struct MoveCommand {
  Stage to = Stage::kUnspecified;
  std::string note;
  Money closed_value;
  std::string etag;
  std::optional<absl::Time> move_time;
};

class ReferralDesk {
 public:
  ReferralDesk(Clock& clock, IdGenerator& ids, ledger::Ledger& ledger)
      : clock_(clock), ids_(ids), ledger_(ledger) {}

  // Offers `draft` (fields validated by the caller). Members offer only
  // referrals they give or receive.
  absl::StatusOr<Written> Create(storage::Tx& tx, Referral draft, const Actor& actor);
  // Moves a referral one step along the pipeline. Members move only
  // referrals they give or receive; only the referrer withdraws.
  absl::StatusOr<Written> Move(storage::Tx& tx, const std::string& firm_id, const std::string& id,
                               const MoveCommand& command, const Actor& actor);

 private:
  Clock& clock_;
  IdGenerator& ids_;
  ledger::Ledger& ledger_;
};

}  // namespace refnet::referrals
