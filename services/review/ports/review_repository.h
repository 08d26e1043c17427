// What the weekly review reads from a store. Every read is bounded by one
// member, one pair or a fixed number of rows, and goes through an index: a
// review never scans the firm.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/asks/domain/types.h"
#include "services/contacts/domain/types.h"
#include "services/ledger/domain/types.h"
#include "services/referrals/domain/types.h"

namespace refnet::review {

// A contact a member knows, with only what ask matching reads.
struct KnownContact {
  std::string id;
  std::string display_name;
  // The contact's tags and offers as one text, for asks::MatchWords: words
  // never run across two entries.
  std::string match_text;
};

class ReviewRepository {
 public:
  virtual ~ReviewRepository() = default;

  // The pairs of `party`, as stored now, with a favour either way dated
  // after `after`.
  virtual absl::StatusOr<std::vector<ledger::PairBalance>> PairsChangedAfter(
      absl::string_view firm_id, absl::string_view party, absl::Time after) = 0;
  // The pairs where `party` owes the other party, the other party's latest
  // favour first (never before all), ties by the other party: at most
  // `limit` with `party` on each side of the pair, so at most 2 * limit.
  virtual absl::StatusOr<std::vector<ledger::PairBalance>> PairsOwedBy(absl::string_view firm_id,
                                                                       absl::string_view party,
                                                                       int32_t limit) = 0;
  // The pairs where only `party` gave, at least `count_min` favours, with a
  // favour either way at or after `active_since`; most points given first,
  // ties by the other party, at most `limit` from each side.
  virtual absl::StatusOr<std::vector<ledger::PairBalance>> OneWayPairsOf(absl::string_view firm_id,
                                                                         absl::string_view party,
                                                                         int32_t count_min,
                                                                         absl::Time active_since,
                                                                         int32_t limit) = 0;
  // Favours (reversals included) from `giver` to `receiver` that happened at
  // or before `until`, oldest first.
  virtual absl::StatusOr<std::vector<ledger::Favour>> FavoursUntil(absl::string_view firm_id,
                                                                   absl::string_view giver,
                                                                   absl::string_view receiver,
                                                                   absl::Time until) = 0;
  // The most recent favour from `giver` to `receiver` at or before `until`
  // that is neither a reversal nor voided; nullopt when there is none.
  virtual absl::StatusOr<std::optional<ledger::Favour>> LatestLiveFavour(absl::string_view firm_id,
                                                                         absl::string_view giver,
                                                                         absl::string_view receiver,
                                                                         absl::Time until) = 0;

  // The member's interactions that happened after `after` and at or before
  // `until`, in no particular order.
  virtual absl::StatusOr<std::vector<contacts::Interaction>> InteractionsOf(
      absl::string_view firm_id, absl::string_view member_id, absl::Time after,
      absl::Time until) = 0;
  // When the member last interacted with the contact at or before `until`.
  virtual absl::StatusOr<std::optional<absl::Time>> LastInteraction(absl::string_view firm_id,
                                                                    absl::string_view member_id,
                                                                    absl::string_view contact_id,
                                                                    absl::Time until) = 0;
  // The member's key relationships.
  virtual absl::StatusOr<std::vector<contacts::Relationship>> KeyRelationships(
      absl::string_view firm_id, absl::string_view member_id) = 0;

  // The firm's most recently posted open asks, newest first, at most `limit`.
  virtual absl::StatusOr<std::vector<asks::Ask>> RecentOpenAsks(absl::string_view firm_id,
                                                                int32_t limit) = 0;
  // The live (not archived, not merged) contacts the member knew at `until`.
  virtual absl::StatusOr<std::vector<KnownContact>> ContactsKnownBy(absl::string_view firm_id,
                                                                    absl::string_view member_id,
                                                                    absl::Time until) = 0;

  // Referrals where `party` is the referrer or the recipient that either sit
  // in an open stage entered before `stuck_before` or moved after `as_of`
  // (their stage at `as_of` is read from their history, which those carry;
  // one offered after `as_of` has no stage then).
  virtual absl::StatusOr<std::vector<referrals::Referral>> StuckReferralCandidates(
      absl::string_view firm_id, absl::string_view party, absl::Time stuck_before,
      absl::Time as_of) = 0;
};

}  // namespace refnet::review
