// The cache protocol of services/cache/versioned_cache.h applied to pairs.
#include "services/ledger/cache/balance_cache.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/status.h"
#include "services/ledger/domain/balance_rules.h"

namespace refnet::ledger {
namespace {

std::string OptionalMicros(const std::optional<absl::Time>& t) {
  return t ? absl::StrCat(absl::ToUnixMicros(*t)) : std::string();
}

bool ParseOptionalMicros(absl::string_view text, std::optional<absl::Time>* out) {
  if (text.empty()) {
    out->reset();
    return true;
  }
  int64_t us = 0;
  if (!absl::SimpleAtoi(text, &us)) return false;
  *out = absl::FromUnixMicros(us);
  return true;
}

}  // namespace

std::string BalanceCache::Key(const std::string& a, const std::string& b) {
  return absl::StrCat("pair:", a, "|", b);
}

std::string BalanceCache::Encode(const PairBalance& p) {
  return absl::StrCat(p.a_given_points, ",", p.b_given_points, ",", p.a_given_count, ",",
                      p.b_given_count, ",", OptionalMicros(p.a_last_given), ",",
                      OptionalMicros(p.b_last_given));
}

std::optional<PairBalance> BalanceCache::Decode(const std::string& firm_id, const std::string& a,
                                                const std::string& b, int64_t version,
                                                const std::string& text) {
  std::vector<absl::string_view> fields = absl::StrSplit(text, ',');
  PairBalance p;
  p.firm_id = firm_id;
  p.party_a = a;
  p.party_b = b;
  p.version = version;
  bool ok = fields.size() == 6 && absl::SimpleAtoi(fields[0], &p.a_given_points) &&
            absl::SimpleAtoi(fields[1], &p.b_given_points) &&
            absl::SimpleAtoi(fields[2], &p.a_given_count) &&
            absl::SimpleAtoi(fields[3], &p.b_given_count) &&
            ParseOptionalMicros(fields[4], &p.a_last_given) &&
            ParseOptionalMicros(fields[5], &p.b_last_given);
  if (!ok) return std::nullopt;
  return p;
}

absl::StatusOr<Balance> BalanceCache::GetBalance(const std::string& firm_id,
                                                 const std::string& party,
                                                 const std::string& counterparty) {
  auto [a, b] = OrderedPair(party, counterparty);
  std::optional<cache::CacheRead> cached;
  if (cache_ != nullptr) cached = cache_->Get(firm_id, Key(a, b));
  if (cached && cached->value) {
    std::optional<PairBalance> pair = Decode(firm_id, a, b, cached->version, *cached->value);
    if (pair) return FromSide(*pair, party);
  }
  PairBalance pair;
  REFNET_RETURN_IF_ERROR(store_.Read([&](storage::Tx& tx) -> absl::Status {
    REFNET_RETURN_IF_ERROR(Ledger::RequireParty(tx, firm_id, party, "party"));
    REFNET_RETURN_IF_ERROR(Ledger::RequireParty(tx, firm_id, counterparty, "counterparty"));
    REFNET_ASSIGN_OR_RETURN(pair, tx.Ledger().GetPair(firm_id, a, b));
    return absl::OkStatus();
  }));
  // Only pairs that exchanged a favour are cached: a version-0 pair has no
  // tombstone protocol behind it.
  if (cached && pair.version > 0) {
    cache_->Fill(firm_id, cached->generation, Key(a, b), pair.version, Encode(pair));
  }
  return FromSide(pair, party);
}

std::optional<std::string> BalanceCache::BeforeCommit(const PairBalance& pair) {
  if (cache_ == nullptr) return std::nullopt;
  return cache_->Tombstone(pair.firm_id, {{Key(pair.party_a, pair.party_b), pair.version}});
}

void BalanceCache::AfterCommit(const PairBalance& pair,
                               const std::optional<std::string>& generation) {
  if (cache_ == nullptr) return;
  std::string key = Key(pair.party_a, pair.party_b);
  cache_->TombstoneAfterCommit(pair.firm_id, {{key, pair.version}});
  // Only the generation seen before the commit may take the fill: a later
  // one could already hold a newer write's value.
  if (generation) cache_->Fill(pair.firm_id, *generation, key, pair.version, Encode(pair));
}

bool BalanceCache::Invalidate(const std::string& firm_id) {
  if (cache_ == nullptr) return false;
  cache_->RotateGeneration(firm_id);
  return cache_->Available();
}

}  // namespace refnet::ledger
