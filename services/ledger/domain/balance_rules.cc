// The arithmetic of the ledger. Everything here is pure so that the replay in
// CheckLedger and the live path share one definition.
#include "services/ledger/domain/balance_rules.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace refnet::ledger {
namespace {

void Later(std::optional<absl::Time>& slot, absl::Time t) {
  if (!slot || *slot < t) slot = t;
}

// A reversal subtracts one favour from the count; an entry adds one.
int64_t CountDelta(const Favour& favour) { return favour.is_reversal() ? -1 : 1; }

}  // namespace

std::pair<std::string, std::string> OrderedPair(const std::string& x, const std::string& y) {
  return x < y ? std::make_pair(x, y) : std::make_pair(y, x);
}

void ApplyToPair(const Favour& favour, PairBalance& pair) {
  if (favour.giver == favour.receiver) return;
  bool a_gave = favour.giver == pair.party_a;
  int64_t& points = a_gave ? pair.a_given_points : pair.b_given_points;
  int64_t& count = a_gave ? pair.a_given_count : pair.b_given_count;
  points += favour.value_points;
  count += CountDelta(favour);
  if (!favour.is_reversal())
    Later(a_gave ? pair.a_last_given : pair.b_last_given, favour.occurred_at);
  pair.version += 1;
}

void ApplyToTotals(const Favour& favour, PartyTotals& totals) {
  if (favour.giver == favour.receiver) return;
  if (favour.giver == totals.party) {
    totals.given_points += favour.value_points;
    totals.given_count += CountDelta(favour);
  } else {
    totals.received_points += favour.value_points;
    totals.received_count += CountDelta(favour);
  }
  totals.version += 1;
}

Balance FromSide(const PairBalance& pair, const std::string& party) {
  bool is_a = party == pair.party_a;
  Balance b;
  b.party = party;
  b.counterparty = is_a ? pair.party_b : pair.party_a;
  b.given_points = is_a ? pair.a_given_points : pair.b_given_points;
  b.received_points = is_a ? pair.b_given_points : pair.a_given_points;
  b.given_count = is_a ? pair.a_given_count : pair.b_given_count;
  b.received_count = is_a ? pair.b_given_count : pair.a_given_count;
  b.last_given = is_a ? pair.a_last_given : pair.b_last_given;
  b.last_received = is_a ? pair.b_last_given : pair.a_last_given;
  b.version = pair.version;
  return b;
}

Health ClassifyHealth(const Balance& balance, const FirmSettings& settings, absl::Time now) {
  std::optional<absl::Time> last = balance.last_given;
  if (balance.last_received) Later(last, *balance.last_received);
  if (!last || now - *last > absl::Hours(24) * settings.dormant_days) return Health::kDormant;
  if (balance.given_count >= settings.one_way_min_count && balance.received_count <= 0) {
    return Health::kOneWayGiving;
  }
  if (balance.received_count >= settings.one_way_min_count && balance.given_count <= 0) {
    return Health::kOneWayTaking;
  }
  int64_t net = balance.net_points();
  if (net > settings.balanced_band_points) return Health::kTheyOwe;
  if (net < -settings.balanced_band_points) return Health::kYouOwe;
  return Health::kBalanced;
}

bool IsTaker(const PartyTotals& totals, int32_t window, const FirmSettings& settings,
             std::string* reason) {
  if (totals.received_count < settings.taker_min_count || totals.received_points <= 0) return false;
  double given = static_cast<double>(std::max<int64_t>(totals.given_points, 0));
  double ratio = given > 0 ? static_cast<double>(totals.received_points) / given : 0;
  bool taker = given == 0 || ratio >= settings.taker_ratio;
  if (taker && reason != nullptr) {
    std::string took = absl::StrFormat("in its last %d favours, received %d points over %d favours",
                                       window, totals.received_points, totals.received_count);
    *reason = given == 0
                  ? absl::StrCat(took, " and gave nothing back")
                  : absl::StrFormat("%s and gave %d: %.1f times as much (the firm flags %.1f)",
                                    took, totals.given_points, ratio, settings.taker_ratio);
  }
  return taker;
}

Standing AssessStanding(StandingFacts facts, const FirmSettings& settings, absl::Time now) {
  Standing standing;
  standing.health.reserve(facts.relationships.size());
  for (const Balance& balance : facts.relationships) {
    standing.health.push_back(ClassifyHealth(balance, settings, now));
  }
  standing.taker = IsTaker(facts.recent, facts.window_favours, settings, &standing.taker_reason);
  standing.facts = std::move(facts);
  return standing;
}

}  // namespace refnet::ledger
