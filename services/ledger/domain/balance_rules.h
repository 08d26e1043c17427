// Pure ledger rules: how a favour moves a pair's balance, how a pair reads from
// one side, reciprocity health, and taker detection.
#pragma once

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/ledger/domain/types.h"

namespace refnet::ledger {

// The ordered pair key of two parties: (min, max).
std::pair<std::string, std::string> OrderedPair(const std::string& x, const std::string& y);

// Applies a favour (or reversal) to its pair. Self-favours, which only a merge
// can create, move nothing. Bumps the version.
void ApplyToPair(const Favour& favour, PairBalance& pair);

// Applies a favour to the giver's or receiver's totals.
void ApplyToTotals(const Favour& favour, PartyTotals& totals);

// The pair from `party`'s side.
Balance FromSide(const PairBalance& pair, const std::string& party);

// Classifies a relationship from the member's (`balance.party`'s) side.
Health ClassifyHealth(const Balance& balance, const FirmSettings& settings, absl::Time now);

// Whether a party takes far more than it gives, judged on `recent`: its sums
// over its last `window` favours. `reason` says why when it does.
bool IsTaker(const PartyTotals& recent, int32_t window, const FirmSettings& settings,
             std::string* reason);

struct Standing {
  StandingFacts facts;
  std::vector<Health> health;  // one per facts.relationships entry
  bool taker = false;
  std::string taker_reason;
};

// Classifies every relationship and the party itself.
Standing AssessStanding(StandingFacts facts, const FirmSettings& settings, absl::Time now);

}  // namespace refnet::ledger
