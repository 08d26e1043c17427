// The cache protocol of services/cache/versioned_cache.h applied to pairs,
// standings and top lists. Values are plain text: numbers and party keys
// separated by spaces, records by newlines; a value that does not parse is
// treated as a miss.
#include "services/ledger/cache/balance_cache.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/types/span.h"
#include "services/common/status.h"

namespace refnet::ledger {
namespace {

constexpr absl::string_view kTopKey = "top";

std::string PairKey(const std::string& a, const std::string& b) {
  return absl::StrCat("pair:", a, "|", b);
}
std::string StandingKey(const std::string& party) { return absl::StrCat("standing:", party); }

std::string Micros(const std::optional<absl::Time>& t) {
  return t ? absl::StrCat(absl::ToUnixMicros(*t)) : "-";
}

bool ParseMicros(absl::string_view text, std::optional<absl::Time>* out) {
  if (text == "-") {
    out->reset();
    return true;
  }
  int64_t us = 0;
  if (!absl::SimpleAtoi(text, &us)) return false;
  *out = absl::FromUnixMicros(us);
  return true;
}

// "a_given b_given a_count b_count a_last b_last"
std::string EncodePair(const PairBalance& p) {
  return absl::StrCat(p.a_given_points, " ", p.b_given_points, " ", p.a_given_count, " ",
                      p.b_given_count, " ", Micros(p.a_last_given), " ", Micros(p.b_last_given));
}

bool DecodePair(absl::string_view text, PairBalance* p) {
  std::vector<absl::string_view> f = absl::StrSplit(text, ' ');
  return f.size() == 6 && absl::SimpleAtoi(f[0], &p->a_given_points) &&
         absl::SimpleAtoi(f[1], &p->b_given_points) && absl::SimpleAtoi(f[2], &p->a_given_count) &&
         absl::SimpleAtoi(f[3], &p->b_given_count) && ParseMicros(f[4], &p->a_last_given) &&
         ParseMicros(f[5], &p->b_last_given);
}

// "given received given_count received_count"
std::string EncodeTotals(const PartyTotals& t) {
  return absl::StrCat(t.given_points, " ", t.received_points, " ", t.given_count, " ",
                      t.received_count);
}

bool DecodeTotals(absl::Span<const absl::string_view> f, PartyTotals* t) {
  return f.size() == 4 && absl::SimpleAtoi(f[0], &t->given_points) &&
         absl::SimpleAtoi(f[1], &t->received_points) && absl::SimpleAtoi(f[2], &t->given_count) &&
         absl::SimpleAtoi(f[3], &t->received_count);
}

// First line: the totals, the recent totals, the window and the firm
// balance; then one line per relationship: "counterparty version given
// received given_count received_count last_given last_received".
std::string EncodeStanding(const StandingFacts& s) {
  std::string out = absl::StrCat(EncodeTotals(s.totals), " ", EncodeTotals(s.recent), " ",
                                 s.window_favours, " ", s.firm_balance_points);
  for (const Balance& b : s.relationships) {
    absl::StrAppend(&out, "\n", b.counterparty, " ", b.version, " ", b.given_points, " ",
                    b.received_points, " ", b.given_count, " ", b.received_count, " ",
                    Micros(b.last_given), " ", Micros(b.last_received));
  }
  return out;
}

std::optional<StandingFacts> DecodeStanding(const std::string& firm_id, const std::string& party,
                                            int64_t version, absl::string_view text) {
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  StandingFacts s;
  for (PartyTotals* t : {&s.totals, &s.recent}) {
    t->firm_id = firm_id;
    t->party = party;
  }
  s.totals.version = version;
  std::vector<absl::string_view> f = absl::StrSplit(lines[0], ' ');
  absl::Span<const absl::string_view> fields(f);
  if (f.size() != 10 || !DecodeTotals(fields.subspan(0, 4), &s.totals) ||
      !DecodeTotals(fields.subspan(4, 4), &s.recent) ||
      !absl::SimpleAtoi(f[8], &s.window_favours) ||
      !absl::SimpleAtoi(f[9], &s.firm_balance_points)) {
    return std::nullopt;
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    f = absl::StrSplit(lines[i], ' ');
    if (f.size() != 8) return std::nullopt;
    Balance& b = s.relationships.emplace_back();
    b.party = party;
    b.counterparty = std::string(f[0]);
    if (!absl::SimpleAtoi(f[1], &b.version) || !absl::SimpleAtoi(f[2], &b.given_points) ||
        !absl::SimpleAtoi(f[3], &b.received_points) || !absl::SimpleAtoi(f[4], &b.given_count) ||
        !absl::SimpleAtoi(f[5], &b.received_count) || !ParseMicros(f[6], &b.last_given) ||
        !ParseMicros(f[7], &b.last_received)) {
      return std::nullopt;
    }
  }
  return s;
}

// One line per contact: "d contact points" for debtors, "c …" for creditors.
std::string EncodeTop(const TopBalances& top) {
  std::string out;
  for (const auto& [tag, rows] : {std::pair{"d", &top.debtors}, std::pair{"c", &top.creditors}}) {
    for (const auto& [contact, points] : *rows) {
      absl::StrAppend(&out, out.empty() ? "" : "\n", tag, " ", contact, " ", points);
    }
  }
  return out;
}

std::optional<TopBalances> DecodeTop(int64_t version, absl::string_view text) {
  TopBalances top;
  top.version = version;
  if (text.empty()) return top;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    std::vector<absl::string_view> f = absl::StrSplit(line, ' ');
    int64_t points = 0;
    if (f.size() != 3 || (f[0] != "d" && f[0] != "c") || !absl::SimpleAtoi(f[2], &points)) {
      return std::nullopt;
    }
    (f[0] == "d" ? top.debtors : top.creditors).emplace_back(std::string(f[1]), points);
  }
  return top;
}

}  // namespace

absl::StatusOr<Balance> BalanceCache::GetBalance(const std::string& firm_id,
                                                 const std::string& party,
                                                 const std::string& counterparty) {
  auto [a, b] = OrderedPair(party, counterparty);
  PairBalance pair;
  pair.firm_id = firm_id;
  pair.party_a = a;
  pair.party_b = b;
  std::string near_key;
  uint64_t near_epoch = 0;
  if (near_ != nullptr) {
    near_key = NearKey(pair);
    std::optional<PairBalance> near = near_->Get(near_key);
    if (near) return FromSide(*near, party);
    near_epoch = near_->Epoch();
  }
  std::optional<cache::CacheRead> cached;
  if (cache_ != nullptr) cached = cache_->Get(firm_id, PairKey(a, b));
  if (cached && cached->value && DecodePair(*cached->value, &pair)) {
    pair.version = cached->version;
    if (near_ != nullptr) near_->Fill(near_epoch, near_key, pair);
    return FromSide(pair, party);
  }
  REFNET_RETURN_IF_ERROR(store_.Read([&](storage::Tx& tx) -> absl::Status {
    REFNET_RETURN_IF_ERROR(Ledger::RequireParty(tx, firm_id, party, "party"));
    REFNET_RETURN_IF_ERROR(Ledger::RequireParty(tx, firm_id, counterparty, "counterparty"));
    REFNET_ASSIGN_OR_RETURN(pair, tx.Ledger().GetPair(firm_id, a, b));
    return absl::OkStatus();
  }));
  // Pairs that never exchanged a favour are cached too, at version 0: the
  // first favour between them commits version 1 behind its tombstones.
  if (cached) {
    cache_->Fill(firm_id, cached->generation, PairKey(a, b), pair.version, EncodePair(pair));
  }
  if (near_ != nullptr) near_->Fill(near_epoch, near_key, pair);
  return FromSide(pair, party);
}

absl::StatusOr<Standing> BalanceCache::GetStanding(const std::string& firm_id,
                                                   const std::string& party) {
  std::optional<cache::CacheRead> cached;
  if (cache_ != nullptr) cached = cache_->Get(firm_id, StandingKey(party));
  std::optional<StandingFacts> facts;
  if (cached && cached->value) {
    facts = DecodeStanding(firm_id, party, cached->version, *cached->value);
  }
  bool hit = false;
  // Settings are read every time: they change without touching any party.
  FirmSettings settings;
  REFNET_RETURN_IF_ERROR(store_.Read([&](storage::Tx& tx) -> absl::Status {
    REFNET_ASSIGN_OR_RETURN(settings, tx.Admin().GetSettings(firm_id));
    // Facts read under another taker window are no use.
    hit = facts && facts->window_favours == settings.taker_window_favours;
    if (hit) return absl::OkStatus();
    REFNET_RETURN_IF_ERROR(Ledger::RequireParty(tx, firm_id, party, "party"));
    REFNET_ASSIGN_OR_RETURN(facts, Ledger::ReadStandingFacts(tx, firm_id, party, settings));
    return absl::OkStatus();
  }));
  if (cached && !hit && facts->totals.version > 0) {
    cache_->Fill(firm_id, cached->generation, StandingKey(party), facts->totals.version,
                 EncodeStanding(*facts));
  }
  return AssessStanding(std::move(*facts), settings, clock_.Now());
}

absl::StatusOr<TopBalances> BalanceCache::GetTopBalances(const std::string& firm_id) {
  std::optional<cache::CacheRead> cached;
  if (cache_ != nullptr) cached = cache_->Get(firm_id, kTopKey);
  if (cached && cached->value) {
    std::optional<TopBalances> top = DecodeTop(cached->version, *cached->value);
    if (top) return *std::move(top);
  }
  TopBalances top;
  REFNET_RETURN_IF_ERROR(store_.Read([&](storage::Tx& tx) -> absl::Status {
    REFNET_ASSIGN_OR_RETURN(top, Ledger::ReadTopBalances(tx, firm_id));
    return absl::OkStatus();
  }));
  if (cached && top.version > 0) {
    cache_->Fill(firm_id, cached->generation, kTopKey, top.version, EncodeTop(top));
  }
  return top;
}

BalanceCache::KeyVersions BalanceCache::Changed(const Recorded& r) {
  KeyVersions keys = {{PairKey(r.pair.party_a, r.pair.party_b), r.pair.version},
                      {StandingKey(r.giver_totals.party), r.giver_totals.version},
                      {StandingKey(r.receiver_totals.party), r.receiver_totals.version}};
  if (r.firm_balance_version > 0) keys.emplace_back(kTopKey, r.firm_balance_version);
  return keys;
}

std::string BalanceCache::NearKey(const PairBalance& pair) {
  return absl::StrCat(pair.firm_id, "/", pair.party_a, "|", pair.party_b);
}

std::optional<std::string> BalanceCache::BeforeCommit(const Recorded& recorded) {
  if (near_ != nullptr) {
    // The store's only writer skips the Redis tombstone before the commit,
    // a round trip that would otherwise sit inside every group commit. The
    // tombstone after the commit still keeps older fills out, and a crash in
    // between is covered because every start of the server begins a new
    // Redis epoch. Without the generation of that first step, the value is
    // not filled into Redis after the commit; the near cache holds it.
    near_->Tombstone(NearKey(recorded.pair), recorded.pair.version);
    return std::nullopt;
  }
  if (cache_ == nullptr) return std::nullopt;
  return cache_->Tombstone(recorded.pair.firm_id, Changed(recorded));
}

void BalanceCache::AfterWrite(const absl::Status& written, const std::optional<Recorded>& changed,
                              const std::optional<std::string>& generation) {
  // A write that did not commit leaves its tombstones: they only cost
  // misses until the next commit of those keys.
  if (!changed || !written.ok()) return;
  const PairBalance& pair = changed->pair;
  if (near_ != nullptr) near_->Commit(NearKey(pair), pair);
  if (cache_ == nullptr) return;
  cache_->TombstoneAfterCommit(pair.firm_id, Changed(*changed));
  // Only the generation seen before the commit may take the fill: a later
  // one could already hold a newer write's value. Standings and top lists
  // are filled by the next read.
  if (generation) {
    cache_->Fill(pair.firm_id, *generation, PairKey(pair.party_a, pair.party_b), pair.version,
                 EncodePair(pair));
  }
}

bool BalanceCache::Invalidate(const std::string& firm_id) {
  if (near_ != nullptr) near_->Clear();
  if (cache_ == nullptr) return false;
  cache_->RotateGeneration(firm_id);
  return cache_->Available();
}

}  // namespace refnet::ledger
