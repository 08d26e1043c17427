// Pure helper matching: how one candidate scores against an ask, how
// suggestions rank, and where a routing week starts. The weights are the
// ones the API documents on refnet.v1.HelperSuggestion.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/asks/domain/types.h"

namespace refnet::asks {

// The scoring weights.
inline constexpr int64_t kSharedTagPoints = 10;     // per shared tag
inline constexpr int64_t kOfferWordPoints = 6;      // per word an offer shares with the ask
inline constexpr int64_t kOfferWordsCounted = 5;    // offer words counted at most
inline constexpr int64_t kOwesAskerPoints = 5;      // the party owes the asker
inline constexpr int64_t kOwesAskerPerPoints = 10;  // +1 per this many points owed
inline constexpr int64_t kOwesAskerBonusMax = 15;
inline constexpr int64_t kOwesFirmPoints = 3;      // a contact owes the firm
inline constexpr int64_t kOwesFirmPerPoints = 20;  // +1 per this many points owed
inline constexpr int64_t kOwesFirmBonusMax = 10;
inline constexpr int64_t kKnownDirectlyPoints = 6;  // a member knows the contact
inline constexpr int64_t kKnownThroughPoints = 3;   // a member knows a connected contact

// The words of free text that matching compares: lower-cased runs of letters
// and digits of at least three characters, a trailing plural "s" dropped,
// common filler words left out.
std::set<std::string> MatchWords(absl::string_view text);

// Scores one candidate. Names in reasons are full resource names under
// `firm_id`. A candidate with nothing in its favour scores 0.
Suggestion ScoreCandidate(const std::string& firm_id, const Ask& ask, const CandidateFacts& facts,
                          int32_t weekly_cap);

// Unflagged first, then by score (highest first), then by party.
void RankSuggestions(std::vector<Suggestion>& suggestions);

// The start of the routing week holding `t`: the Monday before (or of) it,
// 00:00 UTC.
absl::Time WeekStart(absl::Time t);

}  // namespace refnet::asks
