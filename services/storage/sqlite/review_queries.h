// SQL the weekly review reads through, as named constants (see queries.h for
// the rest). Each names the index it is meant to use.
#pragma once

namespace refnet::storage::sqlite::queries {

// The party's pairs, each query once with the party as party_a (the primary
// key) and once as party_b (balances_party_b, which covers every column);
// the other party is then the other column. Both read all of the party's
// pairs and keep those the condition wants: an index per condition made
// every favour recorded rewrite six more index entries.
#define REFNET_REVIEW_PAIR_COLUMNS                                             \
  "firm_id, party_a, party_b, a_given_points, b_given_points, a_given_count, " \
  "b_given_count, a_last_given_us, b_last_given_us, version"
#define REFNET_REVIEW_LATEST "max(coalesce(a_last_given_us, 0), coalesce(b_last_given_us, 0))"
// Pairs with a favour after ?3.
inline constexpr const char kReviewChangedAsA[] =
    "SELECT " REFNET_REVIEW_PAIR_COLUMNS
    " FROM balances WHERE firm_id = ? AND party_a = ? AND " REFNET_REVIEW_LATEST " > ?";
inline constexpr const char kReviewChangedAsB[] =
    "SELECT " REFNET_REVIEW_PAIR_COLUMNS
    " FROM balances WHERE firm_id = ? AND party_b = ? AND " REFNET_REVIEW_LATEST " > ?";
// Pairs the party owes, the other party's last favour first.
inline constexpr const char kReviewOwedAsA[] =
    "SELECT " REFNET_REVIEW_PAIR_COLUMNS
    " FROM balances WHERE firm_id = ? AND party_a = ?"
    " AND b_given_points > a_given_points ORDER BY b_last_given_us, party_b LIMIT ?";
inline constexpr const char kReviewOwedAsB[] =
    "SELECT " REFNET_REVIEW_PAIR_COLUMNS
    " FROM balances WHERE firm_id = ? AND party_b = ?"
    " AND a_given_points > b_given_points ORDER BY a_last_given_us, party_a LIMIT ?";
// Pairs where only the party gave, at least ?3 times, with a favour at or
// after ?4; most given first.
inline constexpr const char kReviewOneWayAsA[] =
    "SELECT " REFNET_REVIEW_PAIR_COLUMNS
    " FROM balances"
    " WHERE firm_id = ?1 AND party_a = ?2 AND b_given_count <= 0 AND a_given_count > 0 AND "
    "a_given_count >= ?3"
    " AND " REFNET_REVIEW_LATEST " >= ?4 ORDER BY a_given_points DESC, party_b LIMIT ?5";
inline constexpr const char kReviewOneWayAsB[] =
    "SELECT " REFNET_REVIEW_PAIR_COLUMNS
    " FROM balances"
    " WHERE firm_id = ?1 AND party_b = ?2 AND a_given_count <= 0 AND b_given_count > 0 AND "
    "b_given_count >= ?3"
    " AND " REFNET_REVIEW_LATEST " >= ?4 ORDER BY b_given_points DESC, party_a LIMIT ?5";

// favours_pair_time.
inline constexpr const char kReviewFavoursUntil[] =
    "SELECT id, giver, receiver, value_points, occurred_at_us, voids FROM favours"
    " WHERE firm_id = ? AND giver = ? AND receiver = ? AND occurred_at_us <= ?"
    " ORDER BY occurred_at_us, position";
// favours_pair_time, newest first; the void check goes through favours_voids.
inline constexpr const char kReviewLatestLiveFavour[] =
    "SELECT f.id, f.giver, f.receiver, f.value_points, f.occurred_at_us, f.voids FROM favours f"
    " WHERE f.firm_id = ?1 AND f.giver = ?2 AND f.receiver = ?3 AND f.occurred_at_us <= ?4"
    " AND f.voids = '' AND NOT EXISTS (SELECT 1 FROM favours v"
    "  WHERE v.firm_id = ?1 AND v.voids != '' AND v.voids = f.id)"
    " ORDER BY f.occurred_at_us DESC, f.position DESC LIMIT 1";

// interactions_member_time.
inline constexpr const char kReviewInteractionsOf[] =
    "SELECT position, id, contact_id, kind, occurred_at_us, event_name FROM interactions"
    " WHERE firm_id = ? AND member_id = ? AND occurred_at_us > ? AND occurred_at_us <= ?";
// interactions_member_contact_time.
inline constexpr const char kReviewLastInteraction[] =
    "SELECT MAX(occurred_at_us) FROM interactions"
    " WHERE firm_id = ? AND member_id = ? AND contact_id = ? AND occurred_at_us <= ?";
// relationships_member_key.
inline constexpr const char kReviewKeyRelationships[] =
    "SELECT contact_id, last_touch_us, create_time_us FROM relationships"
    " WHERE firm_id = ? AND member_id = ? AND key_flag = 1";

// asks_state, newest first.
inline constexpr const char kReviewRecentOpenAsks[] =
    "SELECT id, asker, need, tags_json, create_time_us FROM asks"
    " WHERE firm_id = ? AND state = 1 ORDER BY position DESC LIMIT ?";
// The member's relationships (their unique index), each joined to its
// contact by (firm_id, id).
inline constexpr const char kReviewContactsKnownBy[] =
    "SELECT c.id, c.display_name, c.tags_json, c.offers_json FROM relationships r"
    " JOIN contacts c ON c.firm_id = r.firm_id AND c.id = r.contact_id"
    " WHERE r.firm_id = ? AND r.member_id = ? AND r.create_time_us <= ?"
    " AND c.archived = 0 AND c.merged_into = ''";

// referrals_referrer_stage / referrals_recipient_stage: open referrals that
// entered their stage before ?3, and any referral that moved after ?4.
// Stages 1-4 are open; 1-8 are all of them. The offer time is left to the
// caller: a condition on it would tempt the planner into referrals_offer_time,
// a scan of the firm.
#define REFNET_REVIEW_REFERRAL_COLUMNS \
  "id, referrer, recipient, prospect_contact, prospect_description, stage, stage_time_us"
#define REFNET_REVIEW_STUCK_CANDIDATES(role)                                                     \
  "SELECT " REFNET_REVIEW_REFERRAL_COLUMNS " FROM referrals WHERE firm_id = ?1 AND " role        \
  " = ?2 AND stage IN (1, 2, 3, 4) AND stage_time_us < ?3"                                       \
  " UNION SELECT " REFNET_REVIEW_REFERRAL_COLUMNS " FROM referrals WHERE firm_id = ?1 AND " role \
  " = ?2 AND stage IN (1, 2, 3, 4, 5, 6, 7, 8) AND stage_time_us > ?4"
inline constexpr const char kReviewStuckAsReferrer[] = REFNET_REVIEW_STUCK_CANDIDATES("referrer");
inline constexpr const char kReviewStuckAsRecipient[] = REFNET_REVIEW_STUCK_CANDIDATES("recipient");
inline constexpr const char kReviewReferralMoves[] =
    "SELECT from_stage, to_stage, moved_by, move_time_us, note FROM referral_moves"
    " WHERE firm_id = ? AND referral_id = ? ORDER BY seq";

}  // namespace refnet::storage::sqlite::queries
