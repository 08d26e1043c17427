// Micro-benchmarks of the ledger's hot domain paths: a favour moving its pair
// and both parties' totals, classifying a relationship's health, and
// assessing a standing with a full page of relationships.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "services/ledger/domain/balance_rules.h"

namespace refnet::ledger {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1800000000);

Favour MakeFavour(int i) {
  Favour f;
  f.firm_id = "acme";
  f.giver = i % 2 == 0 ? "members/alice" : "contacts/ann";
  f.receiver = i % 2 == 0 ? "contacts/ann" : "members/alice";
  f.value_points = 10 + i % 40;
  f.occurred_at = kNow - absl::Minutes(i);
  return f;
}

// What recording a favour computes: the pair and both parties' totals.
void BM_BalanceUpdate(benchmark::State& state) {
  PairBalance pair;
  pair.party_a = "contacts/ann";
  pair.party_b = "members/alice";
  PartyTotals giver, receiver;
  giver.party = "members/alice";
  receiver.party = "contacts/ann";
  std::vector<Favour> favours;
  for (int i = 0; i < 64; ++i) favours.push_back(MakeFavour(i));
  size_t i = 0;
  for (auto _ : state) {
    const Favour& f = favours[i++ % favours.size()];
    ApplyToPair(f, pair);
    ApplyToTotals(f, giver);
    ApplyToTotals(f, receiver);
    benchmark::DoNotOptimize(pair);
  }
}
BENCHMARK(BM_BalanceUpdate);

Balance MakeBalance(int i) {
  Balance b;
  b.party = "members/alice";
  b.counterparty = "contacts/c" + std::to_string(i);
  b.given_points = 10 * (i % 7);
  b.received_points = 10 * (i % 5);
  b.given_count = i % 7;
  b.received_count = i % 5;
  if (b.given_count > 0) b.last_given = kNow - absl::Hours(24 * (i % 300));
  if (b.received_count > 0) b.last_received = kNow - absl::Hours(24 * (i % 200));
  b.version = i + 1;
  return b;
}

void BM_HealthClassification(benchmark::State& state) {
  FirmSettings settings;
  std::vector<Balance> balances;
  for (int i = 0; i < 64; ++i) balances.push_back(MakeBalance(i));
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ClassifyHealth(balances[i++ % balances.size()], settings, kNow));
  }
}
BENCHMARK(BM_HealthClassification);

void BM_AssessStanding(benchmark::State& state) {
  FirmSettings settings;
  StandingFacts facts;
  for (int i = 0; i < static_cast<int>(kStandingRelationshipsMax); ++i) {
    facts.relationships.push_back(MakeBalance(i));
  }
  facts.recent.received_points = 500;
  facts.recent.received_count = 20;
  facts.recent.given_points = 100;
  facts.window_favours = settings.taker_window_favours;
  for (auto _ : state) {
    benchmark::DoNotOptimize(AssessStanding(facts, settings, kNow));
  }
  state.SetLabel("100 relationships");
}
BENCHMARK(BM_AssessStanding);

}  // namespace
}  // namespace refnet::ledger

BENCHMARK_MAIN();
