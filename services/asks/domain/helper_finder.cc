// SuggestHelpers: gathers candidates only through indexes (parties that owe
// the asker, contacts sharing a tag or a need word, contacts the asking
// member knows), reads what the scoring weighs about each, then ranks.
#include <algorithm>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/asks/domain/ask_book.h"
#include "services/asks/domain/matching.h"
#include "services/common/status.h"
#include "services/ledger/domain/balance_rules.h"

namespace refnet::asks {
namespace {

// Candidates weighed per call at most, and taken from one source at most.
constexpr size_t kCandidatesMax = 200;
constexpr int32_t kPerSourceMax = 100;
// Words of the need looked up as tags, at most.
constexpr size_t kNeedWordsLookedUpMax = 20;

constexpr absl::string_view kMemberPrefix = "members/";
constexpr absl::string_view kContactPrefix = "contacts/";

class Candidates {
 public:
  explicit Candidates(const std::string& asker) : asker_(asker) {}
  void Add(std::string key) {
    if (key == asker_ || keys_.size() >= kCandidatesMax) return;
    if (seen_.insert(key).second) keys_.push_back(std::move(key));
  }
  const std::vector<std::string>& keys() const { return keys_; }

 private:
  const std::string& asker_;
  std::set<std::string> seen_;
  std::vector<std::string> keys_;
};

// The tags to look contacts up by: the ask's own, then words of its need.
std::vector<std::string> LookupTags(const Ask& ask) {
  std::vector<std::string> tags = ask.tags;
  std::set<std::string> have(tags.begin(), tags.end());
  size_t words = 0;
  for (const std::string& word : MatchWords(ask.need)) {
    if (words++ >= kNeedWordsLookedUpMax) break;
    if (have.insert(word).second) tags.push_back(word);
  }
  return tags;
}

absl::StatusOr<std::vector<std::string>> GatherCandidates(storage::Tx& tx, const Ask& ask) {
  Candidates candidates(ask.asker);
  REFNET_ASSIGN_OR_RETURN(
      std::vector<ledger::PairBalance> owing,
      tx.Ledger().RankedPairsOf(ask.firm_id, ask.asker, ledger::DirectionFilter::kCounterpartyOwes,
                                std::nullopt, kPerSourceMax));
  for (const ledger::PairBalance& pair : owing) {
    candidates.Add(pair.party_a == ask.asker ? pair.party_b : pair.party_a);
  }
  for (const std::string& tag : LookupTags(ask)) {
    REFNET_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                            tx.Asks().ContactsTagged(ask.firm_id, tag, kPerSourceMax));
    for (std::string& id : ids) candidates.Add(absl::StrCat(kContactPrefix, id));
  }
  if (absl::StartsWith(ask.asker, kMemberPrefix)) {
    REFNET_ASSIGN_OR_RETURN(
        std::vector<std::string> ids,
        tx.Asks().ContactsKnownBy(ask.firm_id, ask.asker.substr(kMemberPrefix.size()),
                                  kPerSourceMax));
    for (std::string& id : ids) candidates.Add(absl::StrCat(kContactPrefix, id));
  }
  return candidates.keys();
}

// Fills in what only a contact has; false when it cannot help (archived or
// merged away).
absl::StatusOr<bool> ReadContactFacts(storage::Tx& tx, const std::string& firm_id,
                                      CandidateFacts& facts) {
  std::string id = facts.party.substr(kContactPrefix.size());
  absl::StatusOr<contacts::Contact> contact = tx.Contacts().GetContact(firm_id, id);
  if (absl::IsNotFound(contact.status())) return false;
  if (!contact.ok()) return contact.status();
  if (contact->archived || !contact->merged_into.empty()) return false;
  facts.tags = contact->tags;
  facts.offers = contact->offers;
  REFNET_ASSIGN_OR_RETURN(facts.owes_firm_points,
                          tx.Ledger().FirmBalanceOfContact(firm_id, facts.party));
  REFNET_ASSIGN_OR_RETURN(facts.known_by, tx.Asks().BestKnownBy(firm_id, id));
  return true;
}

absl::StatusOr<bool> IsActiveMember(storage::Tx& tx, const std::string& firm_id,
                                    const std::string& party) {
  absl::StatusOr<admin::Member> member =
      tx.Admin().GetMember(firm_id, party.substr(kMemberPrefix.size()));
  if (absl::IsNotFound(member.status())) return false;
  if (!member.ok()) return member.status();
  return member->active;
}

}  // namespace

absl::StatusOr<std::vector<Suggestion>> AskBook::SuggestHelpers(storage::Tx& tx, const Ask& ask,
                                                                int32_t limit) {
  REFNET_ASSIGN_OR_RETURN(admin::FirmSettings settings, tx.Admin().GetSettings(ask.firm_id));
  REFNET_ASSIGN_OR_RETURN(std::vector<std::string> keys, GatherCandidates(tx, ask));
  // First what the score weighs, for every candidate.
  struct Scored {
    int64_t score;
    CandidateFacts facts;
  };
  std::vector<Scored> scored;
  for (const std::string& key : keys) {
    CandidateFacts facts;
    facts.party = key;
    bool usable = false;
    if (absl::StartsWith(key, kContactPrefix)) {
      REFNET_ASSIGN_OR_RETURN(usable, ReadContactFacts(tx, ask.firm_id, facts));
    } else {
      REFNET_ASSIGN_OR_RETURN(usable, IsActiveMember(tx, ask.firm_id, key));
    }
    if (!usable) continue;
    REFNET_ASSIGN_OR_RETURN(ledger::Balance balance,
                            ledger_.GetBalance(tx, ask.firm_id, key, ask.asker));
    facts.owes_asker_points = std::max<int64_t>(-balance.net_points(), 0);
    int64_t score = ScoreCandidate(ask.firm_id, ask, facts, settings.ask_weekly_cap).score;
    if (score > 0) scored.push_back(Scored{score, std::move(facts)});
  }
  std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    return a.score != b.score ? a.score > b.score : a.facts.party < b.facts.party;
  });
  // The flags (taker, weekly cap) do not change a score, only move a party
  // to the end, so they are read in score order until `limit` unflagged
  // parties are found: no one further down could rank above those.
  absl::Time week = WeekStart(clock_.Now());
  std::vector<Suggestion> suggestions;
  int32_t unflagged = 0;
  for (Scored& candidate : scored) {
    if (unflagged >= limit) break;
    CandidateFacts& facts = candidate.facts;
    REFNET_ASSIGN_OR_RETURN(
        std::vector<ledger::Favour> recent,
        tx.Ledger().RecentFavoursOf(ask.firm_id, facts.party, settings.taker_window_favours));
    ledger::PartyTotals totals;
    totals.party = facts.party;
    for (const ledger::Favour& favour : recent) ledger::ApplyToTotals(favour, totals);
    facts.taker =
        ledger::IsTaker(totals, settings.taker_window_favours, settings, &facts.taker_reason);
    REFNET_ASSIGN_OR_RETURN(facts.routes_this_week,
                            tx.Asks().CountRoutesSince(ask.firm_id, facts.party, week));
    Suggestion suggestion = ScoreCandidate(ask.firm_id, ask, facts, settings.ask_weekly_cap);
    if (!suggestion.flagged) ++unflagged;
    suggestions.push_back(std::move(suggestion));
  }
  RankSuggestions(suggestions);
  if (suggestions.size() > static_cast<size_t>(limit)) {
    suggestions.resize(static_cast<size_t>(limit));
  }
  return suggestions;
}

}  // namespace refnet::asks
