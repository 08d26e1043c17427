// SQL of the ask tables, as named constants (see queries.h for the rest).
#pragma once

namespace refnet::storage::sqlite::queries {

#define REFNET_ASK_COLUMNS                                                              \
  "a.position, a.firm_id, a.id, a.asker, a.need, a.tags_json, a.due_time_us, a.state, " \
  "a.fulfilled_by, a.favour, a.create_time_us, a.update_time_us, a.version"
inline constexpr const char kGetAsk[] =
    "SELECT " REFNET_ASK_COLUMNS " FROM asks a WHERE a.firm_id = ? AND a.id = ?";
inline constexpr const char kInsertAsk[] =
    "INSERT INTO asks (firm_id, id, asker, need, tags_json, due_time_us, state, fulfilled_by,"
    " favour, create_time_us, update_time_us, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr const char kUpdateAsk[] =
    "UPDATE asks SET state = ?, fulfilled_by = ?, favour = ?, update_time_us = ?, version = ?"
    " WHERE firm_id = ? AND id = ?";
inline constexpr const char kInsertAskTag[] =
    "INSERT OR IGNORE INTO ask_tags (firm_id, tag, ask_id) VALUES (?, ?, ?)";
// ?2 state (0: any), ?3 asker, ?4 tag, ?5 after position, ?6 limit.
inline constexpr const char kListAsks[] =
    "SELECT " REFNET_ASK_COLUMNS
    " FROM asks a WHERE a.firm_id = ?1"
    " AND (?2 = 0 OR a.state = ?2) AND (?3 = '' OR a.asker = ?3)"
    " AND (?4 = '' OR EXISTS (SELECT 1 FROM ask_tags t"
    "      WHERE t.firm_id = a.firm_id AND t.tag = ?4 AND t.ask_id = a.id))"
    " AND a.position > ?5 ORDER BY a.position LIMIT ?6";
inline constexpr const char kCountOpenAsks[] =
    "SELECT COUNT(*) FROM asks WHERE firm_id = ? AND asker = ? AND state = 1";

#define REFNET_ROUTE_COLUMNS "position, firm_id, ask_id, helper, route_time_us, routed_by"
inline constexpr const char kListRoutes[] =
    "SELECT " REFNET_ROUTE_COLUMNS
    " FROM ask_routes WHERE firm_id = ? AND ask_id = ? ORDER BY position";
inline constexpr const char kInsertRoute[] =
    "INSERT INTO ask_routes (firm_id, ask_id, helper, route_time_us, routed_by)"
    " VALUES (?, ?, ?, ?, ?)";
inline constexpr const char kCountRoutesSince[] =
    "SELECT COUNT(*) FROM ask_routes WHERE firm_id = ? AND helper = ? AND route_time_us >= ?";

inline constexpr const char kReassignAsker[] =
    "UPDATE asks SET asker = ?3, version = version + 1 WHERE firm_id = ?1 AND asker = ?2";
inline constexpr const char kReassignFulfiller[] =
    "UPDATE asks SET fulfilled_by = ?3, version = version + 1"
    " WHERE firm_id = ?1 AND fulfilled_by != '' AND fulfilled_by = ?2";
inline constexpr const char kReassignHelper[] =
    "UPDATE ask_routes SET helper = ?3 WHERE firm_id = ?1 AND helper = ?2";

// Candidate helpers, each through an index.
inline constexpr const char kContactsTagged[] =
    "SELECT contact_id FROM contact_tags WHERE firm_id = ? AND tag = ? ORDER BY contact_id"
    " LIMIT ?";
inline constexpr const char kContactsKnownBy[] =
    "SELECT contact_id FROM relationships WHERE firm_id = ? AND member_id = ?"
    " ORDER BY contact_id LIMIT ?";
// The member who knows the contact best, directly.
inline constexpr const char kKnownDirectly[] =
    "SELECT member_id, strength FROM relationships WHERE firm_id = ? AND contact_id = ?"
    " ORDER BY strength DESC, member_id LIMIT 1";
// Through a connected contact: connections are stored once, contact_id < other_id.
inline constexpr const char kKnownThrough[] =
    "SELECT r.member_id, r.strength, n.other FROM ("
    " SELECT other_id AS other FROM connections WHERE firm_id = ?1 AND contact_id = ?2"
    " UNION SELECT contact_id FROM connections INDEXED BY connections_other"
    "  WHERE firm_id = ?1 AND other_id = ?2) n"
    " JOIN relationships r ON r.firm_id = ?1 AND r.contact_id = n.other"
    " ORDER BY r.strength DESC, r.member_id, n.other LIMIT 1";

}  // namespace refnet::storage::sqlite::queries
