// SQL of the referral tables, as named constants (see queries.h for the rest).
#pragma once

namespace refnet::storage::sqlite::queries {

#define REFNET_REFERRAL_COLUMNS                                                               \
  "position, firm_id, id, referrer, recipient, prospect_contact, prospect_description, need," \
  " warmth, estimated_currency, estimated_units, estimated_nanos, confidential, stage,"       \
  " closed_currency, closed_units, closed_nanos, offer_favour, closed_favour, offer_time_us," \
  " stage_time_us, created_by, create_time_us, update_time_us, version"
inline constexpr const char kGetReferral[] =
    "SELECT " REFNET_REFERRAL_COLUMNS " FROM referrals WHERE firm_id = ? AND id = ?";
inline constexpr const char kInsertReferral[] =
    "INSERT INTO referrals (firm_id, id, referrer, recipient, prospect_contact,"
    " prospect_description, need, warmth, estimated_currency, estimated_units, estimated_nanos,"
    " confidential, stage, closed_currency, closed_units, closed_nanos, offer_favour,"
    " closed_favour, offer_time_us, stage_time_us, created_by, create_time_us, update_time_us,"
    " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr const char kUpdateReferral[] =
    "UPDATE referrals SET stage = ?3, closed_currency = ?4, closed_units = ?5,"
    " closed_nanos = ?6, closed_favour = ?7, stage_time_us = ?8, update_time_us = ?9,"
    " version = ?10 WHERE firm_id = ?1 AND id = ?2";
// ?2 referrer, ?3 recipient, ?4 prospect contact ('' any), ?5 stage (0 any),
// ?6 status (0 any, 1 open, 2 closed), ?7 after position, ?8 limit.
inline constexpr const char kListReferrals[] =
    "SELECT " REFNET_REFERRAL_COLUMNS
    " FROM referrals WHERE firm_id = ?1"
    " AND (?2 = '' OR referrer = ?2) AND (?3 = '' OR recipient = ?3)"
    " AND (?4 = '' OR prospect_contact = ?4) AND (?5 = 0 OR stage = ?5)"
    " AND (?6 = 0 OR (?6 = 1 AND stage BETWEEN 1 AND 4) OR (?6 = 2 AND stage >= 5))"
    " AND position > ?7 ORDER BY position LIMIT ?8";
// ?2 party ('' every one), ?3/?4 offer time range (null: open), ?5 limit.
inline constexpr const char kReferralsOfferedBetween[] =
    "SELECT " REFNET_REFERRAL_COLUMNS
    " FROM referrals WHERE firm_id = ?1 AND (?2 = '' OR referrer = ?2 OR recipient = ?2)"
    " AND (?3 IS NULL OR offer_time_us >= ?3) AND (?4 IS NULL OR offer_time_us < ?4)"
    " ORDER BY position LIMIT ?5";
inline constexpr const char kReassignReferrer[] =
    "UPDATE referrals SET referrer = ?3, version = version + 1"
    " WHERE firm_id = ?1 AND referrer = ?2";
inline constexpr const char kReassignRecipient[] =
    "UPDATE referrals SET recipient = ?3, version = version + 1"
    " WHERE firm_id = ?1 AND recipient = ?2";
inline constexpr const char kReassignProspect[] =
    "UPDATE referrals SET prospect_contact = ?3, version = version + 1"
    " WHERE firm_id = ?1 AND prospect_contact != '' AND prospect_contact = ?2";
#undef REFNET_REFERRAL_COLUMNS

inline constexpr const char kAppendReferralMove[] =
    "INSERT INTO referral_moves (firm_id, referral_id, seq, from_stage, to_stage, moved_by,"
    " move_time_us, note) VALUES (?1, ?2,"
    " (SELECT COALESCE(MAX(seq), 0) + 1 FROM referral_moves WHERE firm_id = ?1"
    "  AND referral_id = ?2), ?3, ?4, ?5, ?6, ?7)";
inline constexpr const char kReferralMoves[] =
    "SELECT from_stage, to_stage, moved_by, move_time_us, note FROM referral_moves"
    " WHERE firm_id = ? AND referral_id = ? ORDER BY seq";

}  // namespace refnet::storage::sqlite::queries
