// Reads the review's sections share; see review_context.h.
#include "services/review/domain/review_context.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/status.h"
#include "services/ledger/domain/balance_rules.h"
#include "services/review/domain/review_rules.h"

namespace refnet::review {
namespace {

constexpr absl::string_view kMemberPrefix = "members/";
constexpr absl::string_view kContactPrefix = "contacts/";

bool NeverExisted(const ledger::PairBalance& pair) {
  return pair.a_given_count == 0 && pair.b_given_count == 0 && pair.a_given_points == 0 &&
         pair.b_given_points == 0 && !pair.a_last_given && !pair.b_last_given;
}

}  // namespace

absl::StatusOr<const std::map<std::string, std::optional<ledger::Balance>>*>
ReviewContext::ChangedPairs() {
  if (changed_) return &*changed_;
  const std::string party = query_.party();
  REFNET_ASSIGN_OR_RETURN(std::vector<ledger::PairBalance> pairs,
                          tx_.Review().PairsChangedAfter(query_.firm_id, party, query_.as_of));
  std::map<std::string, std::optional<ledger::Balance>> changed;
  for (const ledger::PairBalance& pair : pairs) {
    REFNET_ASSIGN_OR_RETURN(
        std::vector<ledger::Favour> favours,
        tx_.Review().FavoursUntil(query_.firm_id, pair.party_a, pair.party_b, query_.as_of));
    REFNET_ASSIGN_OR_RETURN(
        std::vector<ledger::Favour> back,
        tx_.Review().FavoursUntil(query_.firm_id, pair.party_b, pair.party_a, query_.as_of));
    favours.insert(favours.end(), back.begin(), back.end());
    ledger::PairBalance then = ReplayPair(pair, favours);
    ledger::Balance balance = ledger::FromSide(then, party);
    std::string counterparty = balance.counterparty;
    changed[counterparty] =
        NeverExisted(then) ? std::nullopt : std::optional<ledger::Balance>(std::move(balance));
  }
  changed_ = std::move(changed);
  return &*changed_;
}

absl::StatusOr<int32_t> ReviewContext::ChangedPairCount() {
  REFNET_ASSIGN_OR_RETURN(auto* changed, ChangedPairs());
  return static_cast<int32_t>(changed->size());
}

absl::StatusOr<std::vector<ledger::Balance>> ReviewContext::BalancesAsOf(
    const std::vector<ledger::PairBalance>& stored,
    absl::FunctionRef<bool(const ledger::Balance&)> keep) {
  REFNET_ASSIGN_OR_RETURN(auto* changed, ChangedPairs());
  std::vector<ledger::Balance> kept;
  for (const ledger::PairBalance& pair : stored) {
    ledger::Balance balance = ledger::FromSide(pair, query_.party());
    if (changed->count(balance.counterparty) == 0 && keep(balance)) {
      kept.push_back(std::move(balance));
    }
  }
  for (const auto& [counterparty, balance] : *changed) {
    if (balance && keep(*balance)) kept.push_back(*balance);
  }
  return kept;
}

std::string ReviewContext::FullName(const std::string& party) const {
  return absl::StrCat("firms/", query_.firm_id, "/", party);
}

absl::StatusOr<std::string> ReviewContext::DisplayName(const std::string& party) {
  auto cached = names_.find(party);
  if (cached != names_.end()) return cached->second;
  std::string name;
  if (absl::StartsWith(party, kContactPrefix)) {
    std::string id = party.substr(kContactPrefix.size());
    absl::StatusOr<contacts::Contact> contact = tx_.Contacts().GetContact(query_.firm_id, id);
    if (!contact.ok() && !absl::IsNotFound(contact.status())) return contact.status();
    name = contact.ok() && !contact->display_name.empty() ? contact->display_name : id;
  } else if (absl::StartsWith(party, kMemberPrefix)) {
    std::string id = party.substr(kMemberPrefix.size());
    absl::StatusOr<admin::Member> member = tx_.Admin().GetMember(query_.firm_id, id);
    if (!member.ok() && !absl::IsNotFound(member.status())) return member.status();
    name = member.ok() && !member->display_name.empty() ? member->display_name : id;
  } else {
    name = party;
  }
  names_.emplace(party, name);
  return name;
}

absl::StatusOr<std::string> ReviewContext::ContactDisplayName(const std::string& contact_id) {
  return DisplayName(absl::StrCat(kContactPrefix, contact_id));
}

absl::StatusOr<std::string> ReviewContext::LatestFavourName(const std::string& giver,
                                                            const std::string& receiver) {
  REFNET_ASSIGN_OR_RETURN(
      std::optional<ledger::Favour> favour,
      tx_.Review().LatestLiveFavour(query_.firm_id, giver, receiver, query_.as_of));
  if (!favour) return std::string();
  return absl::StrCat("firms/", query_.firm_id, "/favours/", favour->id);
}

}  // namespace refnet::review
