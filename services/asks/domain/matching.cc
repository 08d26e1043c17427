// Helper scoring: each signal adds its weight and one reason in words.
#include "services/asks/domain/matching.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace refnet::asks {
namespace {

bool IsWordByte(unsigned char c) { return absl::ascii_isalnum(c) || c >= 0x80; }

bool IsFiller(absl::string_view word) {
  static const std::set<std::string, std::less<>> kFiller = {
      "the",  "and",  "for",  "with", "who",  "can",   "our",     "you", "your",
      "from", "that", "this", "into", "need", "want",  "looking", "any", "about",
      "help", "some", "are",  "has",  "have", "would", "like"};
  return kFiller.find(word) != kFiller.end();
}

std::string PartyName(const std::string& firm_id, absl::string_view key) {
  return absl::StrCat("firms/", firm_id, "/", key);
}

std::vector<std::string> SharedTags(const Ask& ask, const CandidateFacts& facts) {
  std::set<std::string> theirs(facts.tags.begin(), facts.tags.end());
  std::vector<std::string> shared;
  for (const std::string& tag : ask.tags) {
    if (theirs.count(tag) > 0) shared.push_back(tag);
  }
  return shared;
}

// The words the candidate's offers share with the ask's need and tags, in order.
std::vector<std::string> OfferWords(const Ask& ask, const CandidateFacts& facts) {
  std::set<std::string> wanted = MatchWords(ask.need);
  for (const std::string& tag : ask.tags) {
    std::set<std::string> words = MatchWords(tag);
    wanted.insert(words.begin(), words.end());
  }
  std::set<std::string> offered;
  for (const std::string& offer : facts.offers) {
    std::set<std::string> words = MatchWords(offer);
    offered.insert(words.begin(), words.end());
  }
  std::vector<std::string> shared;
  std::set_intersection(wanted.begin(), wanted.end(), offered.begin(), offered.end(),
                        std::back_inserter(shared));
  return shared;
}

void AddKnownBy(const std::string& firm_id, const KnownBy& known, Suggestion& s) {
  std::string member = PartyName(firm_id, absl::StrCat("members/", known.member_id));
  if (known.via_contact.empty()) {
    s.score += kKnownDirectlyPoints;
    s.reasons.push_back(
        absl::StrCat("known directly by ", member, " (strength ", known.strength, ")"));
    return;
  }
  s.score += kKnownThroughPoints;
  s.reasons.push_back(absl::StrCat("two hops from ", member, " through ",
                                   PartyName(firm_id, absl::StrCat("contacts/", known.via_contact)),
                                   " (strength ", known.strength, ")"));
}

}  // namespace

std::set<std::string> MatchWords(absl::string_view text) {
  std::set<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    std::string word = absl::AsciiStrToLower(text.substr(start, i - start));
    if (word.size() > 3 && word.back() == 's') word.pop_back();
    if (word.size() >= 3 && !IsFiller(word)) words.insert(std::move(word));
  }
  return words;
}

Suggestion ScoreCandidate(const std::string& firm_id, const Ask& ask, const CandidateFacts& facts,
                          int32_t weekly_cap) {
  Suggestion s;
  s.party = facts.party;
  std::vector<std::string> tags = SharedTags(ask, facts);
  if (!tags.empty()) {
    s.score += kSharedTagPoints * static_cast<int64_t>(tags.size());
    s.reasons.push_back(absl::StrCat("shares the ask's tags: ", absl::StrJoin(tags, ", ")));
  }
  std::vector<std::string> words = OfferWords(ask, facts);
  if (!words.empty()) {
    s.score += kOfferWordPoints *
               std::min<int64_t>(static_cast<int64_t>(words.size()), kOfferWordsCounted);
    s.reasons.push_back(absl::StrCat("offers what the ask needs: ", absl::StrJoin(words, ", ")));
  }
  if (facts.owes_asker_points > 0) {
    s.score += kOwesAskerPoints +
               std::min(facts.owes_asker_points / kOwesAskerPerPoints, kOwesAskerBonusMax);
    s.reasons.push_back(absl::StrCat("owes the asker ", facts.owes_asker_points, " points"));
  }
  if (facts.owes_firm_points > 0) {
    s.score +=
        kOwesFirmPoints + std::min(facts.owes_firm_points / kOwesFirmPerPoints, kOwesFirmBonusMax);
    s.reasons.push_back(absl::StrCat("owes the firm ", facts.owes_firm_points, " points"));
  }
  if (facts.known_by) AddKnownBy(firm_id, *facts.known_by, s);
  if (facts.taker) {
    s.flagged = true;
    s.reasons.push_back(absl::StrCat("flagged as a taker: ", facts.taker_reason));
  }
  if (facts.routes_this_week >= weekly_cap) {
    s.flagged = true;
    s.reasons.push_back(absl::StrCat("already had ", facts.routes_this_week,
                                     " asks routed this week (the firm's weekly cap is ",
                                     weekly_cap, ")"));
  }
  return s;
}

void RankSuggestions(std::vector<Suggestion>& suggestions) {
  std::sort(suggestions.begin(), suggestions.end(), [](const Suggestion& a, const Suggestion& b) {
    if (a.flagged != b.flagged) return !a.flagged;
    if (a.score != b.score) return a.score > b.score;
    return a.party < b.party;
  });
}

absl::Time WeekStart(absl::Time t) {
  absl::TimeZone utc = absl::UTCTimeZone();
  absl::CivilDay day = absl::ToCivilDay(t, utc);
  absl::CivilDay monday = absl::PrevWeekday(day + 1, absl::Weekday::monday);
  return absl::FromCivil(monday, utc);
}

}  // namespace refnet::asks
