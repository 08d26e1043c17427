// Replaying the ledger: the check that materialized balances equal the
// ledger, and the rebuild after a contact merge.
#include <limits>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/status.h"
#include "services/ledger/domain/balance_rules.h"
#include "services/ledger/domain/ledger.h"

namespace refnet::ledger {
namespace {

constexpr size_t kProblemsMax = 100;
constexpr int32_t kReplayBatch = 1000;

using PairKey = std::pair<std::string, std::string>;

struct Replay {
  std::map<PairKey, PairBalance> pairs;
  std::map<std::string, PartyTotals> totals;
  int64_t favour_count = 0;

  void Add(const std::string& firm_id, const Favour& favour) {
    ++favour_count;
    if (favour.giver == favour.receiver) return;
    PairKey key = OrderedPair(favour.giver, favour.receiver);
    PairBalance& pair = pairs[key];
    pair.firm_id = firm_id;
    pair.party_a = key.first;
    pair.party_b = key.second;
    ApplyToPair(favour, pair);
    for (const std::string& party : {favour.giver, favour.receiver}) {
      PartyTotals& t = totals[party];
      t.firm_id = firm_id;
      t.party = party;
      ApplyToTotals(favour, t);
    }
  }
};

bool SamePair(const PairBalance& x, const PairBalance& y) {
  return x.a_given_points == y.a_given_points && x.b_given_points == y.b_given_points &&
         x.a_given_count == y.a_given_count && x.b_given_count == y.b_given_count &&
         x.a_last_given == y.a_last_given && x.b_last_given == y.b_last_given;
}

bool SameTotals(const PartyTotals& x, const PartyTotals& y) {
  return x.given_points == y.given_points && x.received_points == y.received_points &&
         x.given_count == y.given_count && x.received_count == y.received_count;
}

bool IsZero(const PairBalance& p) {
  return p.a_given_points == 0 && p.b_given_points == 0 && p.a_given_count == 0 &&
         p.b_given_count == 0;
}

}  // namespace

absl::StatusOr<LedgerCheck> Ledger::CheckLedger(storage::Tx& tx, const std::string& firm_id) {
  Replay replay;
  REFNET_RETURN_IF_ERROR(tx.Ledger().ForEachFavour(
      firm_id, [&](const Favour& favour) { replay.Add(firm_id, favour); }));
  LedgerCheck check;
  check.favour_count = replay.favour_count;
  auto problem = [&check](std::string text) {
    check.ok = false;
    if (check.problems.size() < kProblemsMax) check.problems.push_back(std::move(text));
  };
  REFNET_ASSIGN_OR_RETURN(std::vector<PairBalance> stored_pairs, tx.Ledger().AllPairs(firm_id));
  check.pair_count = static_cast<int64_t>(stored_pairs.size());
  std::map<PairKey, const PairBalance*> stored;
  for (const PairBalance& p : stored_pairs) stored[{p.party_a, p.party_b}] = &p;
  for (const auto& [key, expected] : replay.pairs) {
    auto it = stored.find(key);
    if (it == stored.end() ? !IsZero(expected) : !SamePair(*it->second, expected)) {
      problem(absl::StrCat("pair ", key.first, " / ", key.second, " differs from the ledger"));
    }
  }
  for (const auto& [key, pair] : stored) {
    if (!replay.pairs.count(key) && !IsZero(*pair)) {
      problem(absl::StrCat("pair ", key.first, " / ", key.second, " has no favours behind it"));
    }
  }
  REFNET_ASSIGN_OR_RETURN(std::vector<PartyTotals> stored_totals, tx.Ledger().AllTotals(firm_id));
  for (const PartyTotals& t : stored_totals) {
    check.karma_sum_points += t.given_points - t.received_points;
    auto it = replay.totals.find(t.party);
    PartyTotals zero;
    if (!SameTotals(t, it == replay.totals.end() ? zero : it->second)) {
      problem(absl::StrCat("totals of ", t.party, " differ from the ledger"));
    }
  }
  std::set<std::string> stored_parties;
  for (const PartyTotals& t : stored_totals) stored_parties.insert(t.party);
  for (const auto& [party, totals] : replay.totals) {
    if (!stored_parties.count(party) && !SameTotals(totals, PartyTotals{})) {
      problem(absl::StrCat("totals of ", party, " are missing"));
    }
  }
  if (check.karma_sum_points != 0) {
    problem(absl::StrCat("karma sums to ", check.karma_sum_points, ", not 0"));
  }
  return check;
}

absl::Status Ledger::MergeParties(storage::Tx& tx, const std::string& firm_id,
                                  const std::string& from, const std::string& to) {
  LedgerRepository& repo = tx.Ledger();
  // Versions must keep rising across the rebuild, or a cache could take an
  // old value for a new one: start above everything the two parties had.
  int64_t version_floor = 0;
  for (const std::string& party : {from, to}) {
    REFNET_ASSIGN_OR_RETURN(std::vector<PairBalance> pairs,
                            repo.RankedPairsOf(firm_id, party, DirectionFilter::kAny, std::nullopt,
                                               std::numeric_limits<int32_t>::max()));
    for (const PairBalance& p : pairs) version_floor += p.version;
    REFNET_ASSIGN_OR_RETURN(PartyTotals totals, repo.GetTotals(firm_id, party));
    version_floor += totals.version;
    REFNET_RETURN_IF_ERROR(repo.DeletePairsOf(firm_id, party));
    REFNET_RETURN_IF_ERROR(repo.DeleteTotals(firm_id, party));
  }
  REFNET_RETURN_IF_ERROR(repo.ReassignParty(firm_id, from, to));
  Replay replay;
  FavourFilter filter;
  filter.party = to;
  int64_t after = 0;
  while (true) {
    REFNET_ASSIGN_OR_RETURN(std::vector<Favour> batch,
                            repo.ListFavours(firm_id, filter, after, kReplayBatch));
    if (batch.empty()) break;
    for (const Favour& favour : batch) replay.Add(firm_id, favour);
    after = batch.back().position;
  }
  for (auto& [key, pair] : replay.pairs) {
    pair.version += version_floor + 1;
    REFNET_RETURN_IF_ERROR(repo.PutPair(pair));
  }
  auto totals = replay.totals.find(to);
  if (totals != replay.totals.end()) {
    totals->second.version += version_floor + 1;
    REFNET_RETURN_IF_ERROR(repo.PutTotals(totals->second));
  }
  // The counterparties' totals stay, but their standings now name the
  // survivor: their versions rise so no cached standing outlives the merge.
  for (const auto& [party, unused] : replay.totals) {
    if (party == to) continue;
    REFNET_ASSIGN_OR_RETURN(PartyTotals counterparty, repo.GetTotals(firm_id, party));
    ++counterparty.version;
    REFNET_RETURN_IF_ERROR(repo.PutTotals(counterparty));
  }
  return repo.BumpFirmBalanceVersion(firm_id).status();
}

}  // namespace refnet::ledger
