// SQL of the network reads, as named constants; each goes through an index.
#pragma once

namespace refnet::storage::sqlite::queries {

inline constexpr const char kTiesOfMember[] =
    "SELECT member_id, contact_id, strength, last_touch_us FROM relationships"
    " INDEXED BY relationships_member_ties WHERE firm_id = ? AND member_id = ?";
// Named, or the planner walks the (firm, member) index to skip the sort.
inline constexpr const char kTiesOfContact[] =
    "SELECT member_id, contact_id, strength, last_touch_us FROM relationships"
    " INDEXED BY relationships_contact WHERE firm_id = ? AND contact_id = ? ORDER BY member_id";
inline constexpr const char kCountKnowers[] =
    "SELECT COUNT(*) FROM (SELECT 1 FROM relationships WHERE firm_id = ? AND contact_id = ?"
    " LIMIT ?)";
// Connections are stored once, contact_id < other_id; both arms read only
// an index.
inline constexpr const char kNeighbours[] =
    "SELECT other_id FROM connections WHERE firm_id = ?1 AND contact_id = ?2"
    " UNION ALL SELECT contact_id FROM connections INDEXED BY connections_other"
    " WHERE firm_id = ?1 AND other_id = ?2 ORDER BY 1";
inline constexpr const char kConnected[] =
    "SELECT 1 FROM connections WHERE firm_id = ? AND contact_id = ? AND other_id = ?";
// A live (not voided) favour that introduced ?3 to ?2, or ?2 to ?3.
inline constexpr const char kIntroduced[] =
    "SELECT 1 FROM favours f WHERE f.firm_id = ?1"
    " AND ((f.receiver = ?2 AND f.introduced_party = ?3)"
    "   OR (f.receiver = ?3 AND f.introduced_party = ?2))"
    " AND f.voids = '' AND NOT EXISTS (SELECT 1 FROM favours v"
    "  WHERE v.firm_id = f.firm_id AND v.voids != '' AND v.voids = f.id) LIMIT 1";
inline constexpr const char kContactsAt[] =
    "SELECT id FROM contacts WHERE firm_id = ? AND organization = ? COLLATE NOCASE"
    " AND archived = 0 AND merged_into = '' ORDER BY id LIMIT ?";
#define REFNET_BRIEF_COLUMNS \
  "c.id, c.display_name, c.organization, c.offers_json, c.needs_json, c.archived, c.merged_into"
inline constexpr const char kGetBrief[] =
    "SELECT " REFNET_BRIEF_COLUMNS " FROM contacts c WHERE c.firm_id = ? AND c.id = ?";
// Both read contacts_matchable alone; its WHERE is repeated so that it may.
// The member's contacts come first (CROSS JOIN keeps that order).
#define REFNET_MATCHABLE                   \
  " c.archived = 0 AND c.merged_into = ''" \
  " AND (c.offers_json != '[]' OR c.needs_json != '[]')"
inline constexpr const char kMatchableOfMember[] =
    "SELECT " REFNET_BRIEF_COLUMNS
    " FROM relationships r INDEXED BY relationships_member_ties"
    " CROSS JOIN contacts c INDEXED BY contacts_matchable"
    " ON c.firm_id = r.firm_id AND c.id = r.contact_id"
    " WHERE r.firm_id = ? AND r.member_id = ? AND" REFNET_MATCHABLE " ORDER BY c.id LIMIT ?";
inline constexpr const char kMatchableOfFirm[] =
    "SELECT " REFNET_BRIEF_COLUMNS
    " FROM contacts c INDEXED BY contacts_matchable"
    " WHERE c.firm_id = ? AND" REFNET_MATCHABLE " ORDER BY c.id LIMIT ?";
inline constexpr const char kSoleKnowersOfMember[] =
    "SELECT r.member_id, r.contact_id FROM relationships r"
    " WHERE r.firm_id = ?1 AND r.member_id = ?2 AND NOT EXISTS (SELECT 1 FROM relationships o"
    "  WHERE o.firm_id = ?1 AND o.contact_id = r.contact_id AND o.member_id != ?2)"
    " ORDER BY r.contact_id";
inline constexpr const char kSoleKnowersOfFirm[] =
    "SELECT MIN(member_id), contact_id FROM relationships INDEXED BY relationships_contact"
    " WHERE firm_id = ? GROUP BY contact_id HAVING COUNT(*) = 1 ORDER BY contact_id";
// Points the party gave each counterparty, from either side of the pair.
inline constexpr const char kGivenBy[] =
    "SELECT party_b, a_given_points FROM balances"
    " WHERE firm_id = ?1 AND party_a = ?2 AND a_given_points > 0"
    " UNION ALL SELECT party_a, b_given_points FROM balances INDEXED BY balances_party_b"
    " WHERE firm_id = ?1 AND party_b = ?2 AND b_given_points > 0";

}  // namespace refnet::storage::sqlite::queries
