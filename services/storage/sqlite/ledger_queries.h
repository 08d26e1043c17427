// SQL of the ledger tables, as named constants (see queries.h for the rest).
#pragma once

namespace refnet::storage::sqlite::queries {

// The last column is the reversal that voided the favour; `r.voids != ''`
// lets the lookup use the partial index favours_voids.
#define REFNET_FAVOUR_COLUMNS                                                                 \
  "f.position, f.firm_id, f.id, f.giver, f.receiver, f.kind, f.value_points, "                \
  "f.occurred_at_us, f.note, f.referral, f.ask, f.introduced_party, f.voids, f.void_reason, " \
  "f.recorded_by, f.create_time_us, "                                                         \
  "COALESCE((SELECT r.id FROM favours r WHERE r.firm_id = f.firm_id AND r.voids != ''"        \
  " AND r.voids = f.id), '')"
inline constexpr const char kGetFavour[] =
    "SELECT " REFNET_FAVOUR_COLUMNS " FROM favours f WHERE f.firm_id = ? AND f.id = ?";
inline constexpr const char kInsertFavour[] =
    "INSERT INTO favours (firm_id, id, giver, receiver, kind, value_points, occurred_at_us, note,"
    " referral, ask, introduced_party, voids, void_reason, recorded_by, create_time_us)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
// ?2 party, ?3 counterparty, ?4 kind (0: any), ?5/?6 occurred range (null: open),
// ?7 after position, ?8 limit.
inline constexpr const char kListFavours[] =
    "SELECT " REFNET_FAVOUR_COLUMNS
    " FROM favours f WHERE f.firm_id = ?1"
    " AND (?2 = '' OR f.giver = ?2 OR f.receiver = ?2)"
    " AND (?3 = '' OR f.giver = ?3 OR f.receiver = ?3)"
    " AND (?4 = 0 OR f.kind = ?4)"
    " AND (?5 IS NULL OR f.occurred_at_us >= ?5) AND (?6 IS NULL OR f.occurred_at_us < ?6)"
    " AND f.position > ?7 ORDER BY f.position LIMIT ?8";
// ?2 party, ?3 limit. Each arm walks its (firm, party, position) index
// backwards and stops after ?3 rows, so a party with a long history costs
// no more than one with a short one; the merge keeps the newest ?3.
// `r.voids != ''` lets the void lookups use the partial index favours_voids.
#define REFNET_LIVE_FAVOURS_OF(role, other)                                         \
  "SELECT * FROM (SELECT " REFNET_FAVOUR_COLUMNS                                    \
  " FROM favours f WHERE f.firm_id = ?1"                                            \
  " AND f." role " = ?2 AND f." other                                               \
  " != ?2 AND f.voids = ''"                                                         \
  " AND NOT EXISTS (SELECT 1 FROM favours r WHERE r.firm_id = ?1 AND r.voids != ''" \
  " AND r.voids = f.id) ORDER BY f.position DESC LIMIT ?3)"
inline constexpr const char kRecentFavoursOf[] =
    REFNET_LIVE_FAVOURS_OF("giver", "receiver") " UNION ALL " REFNET_LIVE_FAVOURS_OF(
        "receiver", "giver") " ORDER BY 1 DESC LIMIT ?3";
#undef REFNET_LIVE_FAVOURS_OF
inline constexpr const char kAllFavours[] =
    "SELECT " REFNET_FAVOUR_COLUMNS " FROM favours f WHERE f.firm_id = ? ORDER BY f.position";
inline constexpr const char kReassignGiver[] =
    "UPDATE favours SET giver = ?3 WHERE firm_id = ?1 AND giver = ?2";
inline constexpr const char kReassignReceiver[] =
    "UPDATE favours SET receiver = ?3 WHERE firm_id = ?1 AND receiver = ?2";

#define REFNET_PAIR_COLUMNS                                                    \
  "firm_id, party_a, party_b, a_given_points, b_given_points, a_given_count, " \
  "b_given_count, a_last_given_us, b_last_given_us, version"
inline constexpr const char kGetPair[] =
    "SELECT " REFNET_PAIR_COLUMNS
    " FROM balances WHERE firm_id = ? AND party_a = ? AND party_b = ?";
inline constexpr const char kPutPair[] =
    "INSERT INTO balances (" REFNET_PAIR_COLUMNS
    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (firm_id, party_a, party_b) DO UPDATE SET a_given_points = "
    "excluded.a_given_points,"
    " b_given_points = excluded.b_given_points, a_given_count = excluded.a_given_count,"
    " b_given_count = excluded.b_given_count, a_last_given_us = excluded.a_last_given_us,"
    " b_last_given_us = excluded.b_last_given_us, version = excluded.version";
inline constexpr const char kDeletePairsOf[] =
    "DELETE FROM balances WHERE firm_id = ?1 AND (party_a = ?2 OR party_b = ?2)";
inline constexpr const char kAllPairs[] =
    "SELECT " REFNET_PAIR_COLUMNS " FROM balances WHERE firm_id = ? ORDER BY party_a, party_b";
// ?1 firm, ?2 party, ?3 direction (0 any, 1 counterparty owes, 2 party owes),
// ?4 cursor magnitude (null: start), ?5 cursor counterparty, ?6 limit.
inline constexpr const char kRankedPairsOf[] =
    "SELECT " REFNET_PAIR_COLUMNS
    " FROM ("
    " SELECT *, CASE WHEN party_a = ?2 THEN a_given_points - b_given_points"
    "   ELSE b_given_points - a_given_points END AS net,"
    " CASE WHEN party_a = ?2 THEN party_b ELSE party_a END AS other"
    " FROM balances WHERE firm_id = ?1 AND (party_a = ?2 OR party_b = ?2))"
    " WHERE (?3 = 0 OR (?3 = 1 AND net > 0) OR (?3 = 2 AND net < 0))"
    " AND (?4 IS NULL OR ABS(net) < ?4 OR (ABS(net) = ?4 AND other > ?5))"
    " ORDER BY ABS(net) DESC, other LIMIT ?6";

#define REFNET_TOTALS_COLUMNS \
  "firm_id, party, given_points, received_points, given_count, received_count, version"
inline constexpr const char kGetTotals[] =
    "SELECT " REFNET_TOTALS_COLUMNS " FROM party_totals WHERE firm_id = ? AND party = ?";
inline constexpr const char kPutTotals[] =
    "INSERT INTO party_totals (" REFNET_TOTALS_COLUMNS
    ") VALUES (?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (firm_id, party) DO UPDATE SET given_points = excluded.given_points,"
    " received_points = excluded.received_points, given_count = excluded.given_count,"
    " received_count = excluded.received_count, version = excluded.version";
inline constexpr const char kDeleteTotals[] =
    "DELETE FROM party_totals WHERE firm_id = ? AND party = ?";
inline constexpr const char kAllTotals[] =
    "SELECT " REFNET_TOTALS_COLUMNS " FROM party_totals WHERE firm_id = ? ORDER BY party";

// What each contact owes the firm: the members' side of every member–contact
// pair. Members are the range ['members/', 'members0'), so each arm seeks its
// index (the primary key, balances_party_b) instead of reading the firm.
inline constexpr const char kFirmBalanceOfContact[] =
    "SELECT COALESCE(SUM(owed), 0) FROM ("
    " SELECT b_given_points - a_given_points AS owed FROM balances"
    "  WHERE firm_id = ?1 AND party_a = ?2 AND party_b >= 'members/' AND party_b < 'members0'"
    " UNION ALL"
    " SELECT a_given_points - b_given_points FROM balances INDEXED BY balances_party_b"
    "  WHERE firm_id = ?1 AND party_b = ?2 AND party_a >= 'members/' AND party_a < 'members0')";
// Members sort before contacts ("c" < "m"), so a member–contact pair has the
// contact as party_a.
inline constexpr const char kTopContactBalances[] =
    "SELECT party_a, SUM(b_given_points - a_given_points) AS owed FROM balances"
    " WHERE firm_id = ?1 AND party_a LIKE 'contacts/%' AND party_b LIKE 'members/%'"
    " GROUP BY party_a HAVING (?2 AND owed > 0) OR (NOT ?2 AND owed < 0)"
    " ORDER BY CASE WHEN ?2 THEN -owed ELSE owed END, party_a LIMIT ?3";

inline constexpr const char kGetFirmBalanceVersion[] =
    "SELECT version FROM firm_balance_versions WHERE firm_id = ?";
inline constexpr const char kBumpFirmBalanceVersion[] =
    "INSERT INTO firm_balance_versions (firm_id, version) VALUES (?, 1)"
    " ON CONFLICT (firm_id) DO UPDATE SET version = version + 1 RETURNING version";

inline constexpr const char kGetSettings[] =
    "SELECT settings_json, version, update_time_us FROM firm_settings WHERE firm_id = ?";
inline constexpr const char kPutSettings[] =
    "INSERT INTO firm_settings (firm_id, settings_json, version, update_time_us) VALUES (?, ?, ?, "
    "?)"
    " ON CONFLICT (firm_id) DO UPDATE SET settings_json = excluded.settings_json,"
    " version = excluded.version, update_time_us = excluded.update_time_us";

inline constexpr const char kAppendEvent[] =
    "INSERT INTO events (firm_id, kind, resource, payload, create_time_us) VALUES (?, ?, ?, ?, ?)";

}  // namespace refnet::storage::sqlite::queries
