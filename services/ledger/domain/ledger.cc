// Recording, voiding and reading; the arithmetic lives in balance_rules.cc.
#include "services/ledger/domain/ledger.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/status.h"
#include "services/ledger/domain/balance_rules.h"

namespace refnet::ledger {
namespace {

bool IsMember(const std::string& party) { return absl::StartsWith(party, "members/"); }

absl::StatusOr<PartyTotals> UpdateTotals(LedgerRepository& repo, const Favour& favour,
                                         const std::string& party) {
  REFNET_ASSIGN_OR_RETURN(PartyTotals totals, repo.GetTotals(favour.firm_id, party));
  ApplyToTotals(favour, totals);
  REFNET_RETURN_IF_ERROR(repo.PutTotals(totals));
  return totals;
}

}  // namespace

absl::Status Ledger::RequireParty(storage::Tx& tx, const std::string& firm_id,
                                  const std::string& party, absl::string_view field) {
  std::string name = absl::StrCat("firms/", firm_id, "/", party);
  if (IsMember(party)) {
    absl::StatusOr<admin::Member> member = tx.Admin().GetMember(firm_id, party.substr(8));
    if (absl::IsNotFound(member.status())) {
      return absl::NotFoundError(absl::StrCat(field, ": member ", name, " does not exist"));
    }
    return member.status();
  }
  absl::StatusOr<std::string> merged_into = tx.Contacts().MergedInto(firm_id, party.substr(9));
  if (absl::IsNotFound(merged_into.status())) {
    return absl::NotFoundError(absl::StrCat(field, ": contact ", name, " does not exist"));
  }
  if (!merged_into.ok()) return merged_into.status();
  if (!merged_into->empty()) {
    return absl::NotFoundError(absl::StrCat(field, ": contact ", name, " was merged into firms/",
                                            firm_id, "/contacts/", *merged_into));
  }
  return absl::OkStatus();
}

absl::StatusOr<Recorded> Ledger::Apply(storage::Tx& tx, Favour favour) {
  LedgerRepository& repo = tx.Ledger();
  REFNET_RETURN_IF_ERROR(repo.InsertFavour(favour));
  auto [a, b] = OrderedPair(favour.giver, favour.receiver);
  REFNET_ASSIGN_OR_RETURN(PairBalance pair, repo.GetPair(favour.firm_id, a, b));
  ApplyToPair(favour, pair);
  REFNET_RETURN_IF_ERROR(repo.PutPair(pair));
  Recorded recorded;
  REFNET_ASSIGN_OR_RETURN(recorded.giver_totals, UpdateTotals(repo, favour, favour.giver));
  REFNET_ASSIGN_OR_RETURN(recorded.receiver_totals, UpdateTotals(repo, favour, favour.receiver));
  // Only member–contact pairs make up the firm's top lists.
  if (IsMember(favour.giver) != IsMember(favour.receiver)) {
    REFNET_ASSIGN_OR_RETURN(recorded.firm_balance_version,
                            repo.BumpFirmBalanceVersion(favour.firm_id));
  }
  recorded.favour = std::move(favour);
  recorded.pair = std::move(pair);
  return recorded;
}

absl::StatusOr<Recorded> Ledger::RecordFavour(storage::Tx& tx, Favour draft) {
  if (draft.giver == draft.receiver) return FieldError("favour.receiver", "must not be the giver");
  REFNET_RETURN_IF_ERROR(RequireParty(tx, draft.firm_id, draft.giver, "favour.giver"));
  REFNET_RETURN_IF_ERROR(RequireParty(tx, draft.firm_id, draft.receiver, "favour.receiver"));
  if (!draft.introduced_party.empty()) {
    REFNET_RETURN_IF_ERROR(
        RequireParty(tx, draft.firm_id, draft.introduced_party, "favour.introduced_party"));
  }
  absl::Time now = clock_.Now();
  if (draft.value_points == 0) {
    REFNET_ASSIGN_OR_RETURN(admin::FirmSettings settings, tx.Admin().GetSettings(draft.firm_id));
    draft.value_points = settings.DefaultValue(static_cast<int>(draft.kind));
  }
  if (draft.occurred_at == absl::InfinitePast()) draft.occurred_at = now;
  if (draft.occurred_at > now + absl::Hours(24)) {
    return FieldError("favour.occurred_at", "is more than a day in the future");
  }
  draft.id = ids_.NewId();
  draft.create_time = now;
  draft.voids.clear();
  draft.voided_by.clear();
  return Apply(tx, std::move(draft));
}

absl::StatusOr<Recorded> Ledger::VoidFavour(storage::Tx& tx, const std::string& firm_id,
                                            const std::string& favour_id, const std::string& reason,
                                            const std::string& recorded_by) {
  absl::StatusOr<Favour> original = tx.Ledger().GetFavour(firm_id, favour_id);
  if (!original.ok()) return NotFoundIn(original.status(), "name");
  std::string name = absl::StrCat("firms/", firm_id, "/favours/", favour_id);
  if (original->is_reversal()) {
    return absl::FailedPreconditionError(
        absl::StrCat("name: ", name, " is a reversal entry and cannot be voided"));
  }
  if (!original->voided_by.empty()) {
    return absl::FailedPreconditionError(absl::StrCat("name: ", name,
                                                      " was already voided by firms/", firm_id,
                                                      "/favours/", original->voided_by));
  }
  Favour reversal = *original;
  reversal.id = ids_.NewId();
  reversal.value_points = -original->value_points;
  reversal.voids = favour_id;
  reversal.void_reason = reason;
  reversal.recorded_by = recorded_by;
  // The reversal keeps the original's date, so sums over any time window
  // that holds the original also hold its reversal.
  reversal.create_time = clock_.Now();
  return Apply(tx, std::move(reversal));
}

absl::StatusOr<Balance> Ledger::GetBalance(storage::Tx& tx, const std::string& firm_id,
                                           const std::string& party,
                                           const std::string& counterparty) {
  auto [a, b] = OrderedPair(party, counterparty);
  REFNET_ASSIGN_OR_RETURN(PairBalance pair, tx.Ledger().GetPair(firm_id, a, b));
  return FromSide(pair, party);
}

absl::StatusOr<StandingFacts> Ledger::ReadStandingFacts(storage::Tx& tx, const std::string& firm_id,
                                                        const std::string& party,
                                                        const FirmSettings& settings) {
  StandingFacts facts;
  REFNET_ASSIGN_OR_RETURN(facts.totals, tx.Ledger().GetTotals(firm_id, party));
  facts.window_favours = settings.taker_window_favours;
  REFNET_ASSIGN_OR_RETURN(std::vector<Favour> recent,
                          tx.Ledger().RecentFavoursOf(firm_id, party, facts.window_favours));
  facts.recent.firm_id = firm_id;
  facts.recent.party = party;
  for (const Favour& favour : recent) ApplyToTotals(favour, facts.recent);
  if (!IsMember(party)) {
    REFNET_ASSIGN_OR_RETURN(facts.firm_balance_points,
                            tx.Ledger().FirmBalanceOfContact(firm_id, party));
  }
  REFNET_ASSIGN_OR_RETURN(std::vector<PairBalance> pairs,
                          tx.Ledger().RankedPairsOf(firm_id, party, DirectionFilter::kAny,
                                                    std::nullopt, kStandingRelationshipsMax));
  facts.relationships.reserve(pairs.size());
  for (const PairBalance& pair : pairs) facts.relationships.push_back(FromSide(pair, party));
  return facts;
}

absl::StatusOr<TopBalances> Ledger::ReadTopBalances(storage::Tx& tx, const std::string& firm_id) {
  TopBalances top;
  REFNET_ASSIGN_OR_RETURN(top.version, tx.Ledger().GetFirmBalanceVersion(firm_id));
  REFNET_ASSIGN_OR_RETURN(top.debtors,
                          tx.Ledger().TopContactBalances(firm_id, true, kTopBalancesMax));
  REFNET_ASSIGN_OR_RETURN(top.creditors,
                          tx.Ledger().TopContactBalances(firm_id, false, kTopBalancesMax));
  return top;
}

}  // namespace refnet::ledger
