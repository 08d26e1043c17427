// Every SQL statement of the SQLite adapter, as named constants. Optional
// filters are written as `(?N = '' OR …)` so that one prepared statement
// serves every combination.
#pragma once

namespace refnet::storage::sqlite::queries {

// --- transactions -------------------------------------------------------------
// Prepared once per connection like every other statement: a write group
// runs two of them per write.
inline constexpr const char kBegin[] = "BEGIN";
inline constexpr const char kBeginImmediate[] = "BEGIN IMMEDIATE";
inline constexpr const char kCommit[] = "COMMIT";
inline constexpr const char kRollback[] = "ROLLBACK";
inline constexpr const char kSavepoint[] = "SAVEPOINT write";
inline constexpr const char kRollbackToSavepoint[] = "ROLLBACK TO write";
inline constexpr const char kReleaseSavepoint[] = "RELEASE write";

// --- schema and idempotency ---------------------------------------------------
inline constexpr const char kCreateMigrationsTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_us INTEGER NOT NULL)";
inline constexpr const char kMaxMigration[] =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
inline constexpr const char kRecordMigration[] =
    "INSERT INTO schema_migrations (version, name, applied_us) VALUES (?, ?, ?)";
inline constexpr const char kGetIdempotency[] =
    "SELECT fingerprint, response FROM idempotency WHERE scope = ? AND request_id = ?";
inline constexpr const char kPutIdempotency[] =
    "INSERT INTO idempotency (scope, request_id, fingerprint, response, create_time_us)"
    " VALUES (?, ?, ?, ?, ?)";

// At most ?2 of the oldest request ids recorded before ?1, and of the first
// ?2 events those recorded before ?1 (events are in commit order, so this
// never scans more than ?2 rows).
inline constexpr const char kPruneRequestIds[] =
    "DELETE FROM idempotency WHERE (scope, request_id) IN"
    " (SELECT scope, request_id FROM idempotency WHERE create_time_us < ?1"
    " ORDER BY create_time_us LIMIT ?2)";
inline constexpr const char kPruneEvents[] =
    "DELETE FROM events WHERE seq IN (SELECT seq FROM"
    " (SELECT seq, create_time_us FROM events ORDER BY seq LIMIT ?2) WHERE create_time_us < ?1)";

// --- firms --------------------------------------------------------------------
#define REFNET_FIRM_COLUMNS "position, id, display_name, create_time_us, update_time_us, version"
inline constexpr const char kGetFirm[] = "SELECT " REFNET_FIRM_COLUMNS " FROM firms WHERE id = ?";
inline constexpr const char kInsertFirm[] =
    "INSERT INTO firms (id, display_name, create_time_us, update_time_us, version)"
    " VALUES (?, ?, ?, ?, ?)";
inline constexpr const char kListFirms[] =
    "SELECT " REFNET_FIRM_COLUMNS " FROM firms WHERE position > ? ORDER BY position LIMIT ?";

// --- members ------------------------------------------------------------------
#define REFNET_MEMBER_COLUMNS                                                  \
  "position, firm_id, id, display_name, email, role, active, create_time_us, " \
  "update_time_us, version"
inline constexpr const char kGetMember[] =
    "SELECT " REFNET_MEMBER_COLUMNS " FROM members WHERE firm_id = ? AND id = ?";
inline constexpr const char kFindMemberByEmail[] =
    "SELECT id FROM members WHERE firm_id = ? AND email_lower = ?";
inline constexpr const char kInsertMember[] =
    "INSERT INTO members (firm_id, id, display_name, email, email_lower, role, active,"
    " create_time_us, update_time_us, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr const char kUpdateMember[] =
    "UPDATE members SET display_name = ?, email = ?, email_lower = ?, role = ?, active = ?,"
    " update_time_us = ?, version = ? WHERE firm_id = ? AND id = ?";
inline constexpr const char kListMembers[] =
    "SELECT " REFNET_MEMBER_COLUMNS
    " FROM members"
    " WHERE firm_id = ?1 AND (?2 OR active) AND position > ?3 ORDER BY position LIMIT ?4";

// --- contacts -----------------------------------------------------------------
#define REFNET_CONTACT_COLUMNS                                                            \
  "c.position, c.firm_id, c.id, c.display_name, c.organization, c.title, c.emails_json, " \
  "c.phones_json, c.tags_json, c.offers_json, c.needs_json, c.notes, c.source, "          \
  "c.create_time_us, c.update_time_us, c.archived, c.merged_into, c.version"
inline constexpr const char kGetContact[] =
    "SELECT " REFNET_CONTACT_COLUMNS " FROM contacts c WHERE c.firm_id = ? AND c.id = ?";
inline constexpr const char kContactMergedInto[] =
    "SELECT merged_into FROM contacts WHERE firm_id = ? AND id = ?";
inline constexpr const char kFindContactByEmail[] =
    "SELECT contact_id FROM contact_emails WHERE firm_id = ? AND email_lower = ?";
inline constexpr const char kInsertContact[] =
    "INSERT INTO contacts (firm_id, id, display_name, organization, title, emails_json,"
    " phones_json, tags_json, offers_json, needs_json, notes, source, create_time_us,"
    " update_time_us, archived, merged_into, version)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr const char kUpdateContact[] =
    "UPDATE contacts SET display_name = ?, organization = ?, title = ?, emails_json = ?,"
    " phones_json = ?, tags_json = ?, offers_json = ?, needs_json = ?, notes = ?, source = ?,"
    " update_time_us = ?, archived = ?, merged_into = ?, version = ?"
    " WHERE firm_id = ? AND id = ?";
inline constexpr const char kDeleteContactEmails[] =
    "DELETE FROM contact_emails WHERE firm_id = ? AND contact_id = ?";
inline constexpr const char kInsertContactEmail[] =
    "INSERT INTO contact_emails (firm_id, email_lower, contact_id) VALUES (?, ?, ?)";
inline constexpr const char kDeleteContactTags[] =
    "DELETE FROM contact_tags WHERE firm_id = ? AND contact_id = ?";
inline constexpr const char kInsertContactTag[] =
    "INSERT OR IGNORE INTO contact_tags (firm_id, tag, contact_id) VALUES (?, ?, ?)";
// ?2 tag, ?3 organization, ?4 known-by member, ?5 LIKE pattern ('' for none),
// ?6 include archived, ?7 after position, ?8 limit.
inline constexpr const char kListContacts[] =
    "SELECT " REFNET_CONTACT_COLUMNS
    " FROM contacts c"
    " WHERE c.firm_id = ?1 AND c.merged_into = '' AND (?6 OR NOT c.archived)"
    " AND (?2 = '' OR EXISTS (SELECT 1 FROM contact_tags t"
    "      WHERE t.firm_id = c.firm_id AND t.tag = ?2 AND t.contact_id = c.id))"
    " AND (?3 = '' OR c.organization = ?3 COLLATE NOCASE)"
    " AND (?4 = '' OR EXISTS (SELECT 1 FROM relationships r"
    "      WHERE r.firm_id = c.firm_id AND r.member_id = ?4 AND r.contact_id = c.id))"
    " AND (?5 = '' OR c.display_name LIKE ?5 ESCAPE '\\' OR c.organization LIKE ?5 ESCAPE '\\'"
    "      OR EXISTS (SELECT 1 FROM contact_emails e WHERE e.firm_id = c.firm_id"
    "        AND e.contact_id = c.id AND e.email_lower LIKE ?5 ESCAPE '\\'))"
    " AND c.position > ?7 ORDER BY c.position LIMIT ?8";

// --- relationships ------------------------------------------------------------
#define REFNET_RELATIONSHIP_COLUMNS                                                      \
  "position, firm_id, member_id, contact_id, strength, how_met, met_through, key_flag, " \
  "last_touch_us, create_time_us, update_time_us"
inline constexpr const char kGetRelationship[] =
    "SELECT " REFNET_RELATIONSHIP_COLUMNS
    " FROM relationships"
    " WHERE firm_id = ? AND member_id = ? AND contact_id = ?";
inline constexpr const char kInsertRelationship[] =
    "INSERT INTO relationships (firm_id, member_id, contact_id, strength, how_met, met_through,"
    " key_flag, last_touch_us, create_time_us, update_time_us)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr const char kUpdateRelationship[] =
    "UPDATE relationships SET strength = ?, how_met = ?, met_through = ?, key_flag = ?,"
    " last_touch_us = ?, update_time_us = ? WHERE firm_id = ? AND member_id = ? AND contact_id = ?";
inline constexpr const char kDeleteRelationship[] =
    "DELETE FROM relationships WHERE firm_id = ? AND member_id = ? AND contact_id = ?";
inline constexpr const char kCountKeyRelationships[] =
    "SELECT COUNT(*) FROM relationships WHERE firm_id = ? AND member_id = ? AND key_flag = 1";
inline constexpr const char kListRelationships[] =
    "SELECT " REFNET_RELATIONSHIP_COLUMNS
    " FROM relationships"
    " WHERE firm_id = ?1 AND (?2 = '' OR member_id = ?2) AND (?3 = '' OR contact_id = ?3)"
    " AND (NOT ?4 OR key_flag = 1) AND position > ?5 ORDER BY position LIMIT ?6";
inline constexpr const char kReassignMetThrough[] =
    "UPDATE relationships SET met_through = CASE WHEN contact_id = ?3 THEN '' ELSE ?3 END"
    " WHERE firm_id = ?1 AND met_through = ?2";

// --- interactions -------------------------------------------------------------
#define REFNET_INTERACTION_COLUMNS                                                         \
  "position, firm_id, id, member_id, contact_id, kind, occurred_at_us, event_name, note, " \
  "create_time_us"
inline constexpr const char kInsertInteraction[] =
    "INSERT INTO interactions (firm_id, id, member_id, contact_id, kind, occurred_at_us,"
    " event_name, note, create_time_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
inline constexpr const char kListInteractions[] =
    "SELECT " REFNET_INTERACTION_COLUMNS
    " FROM interactions"
    " WHERE firm_id = ?1 AND (?2 = '' OR member_id = ?2) AND (?3 = '' OR contact_id = ?3)"
    " AND position > ?4 ORDER BY position LIMIT ?5";
inline constexpr const char kReassignInteractions[] =
    "UPDATE interactions SET contact_id = ?3 WHERE firm_id = ?1 AND contact_id = ?2";

// --- connections --------------------------------------------------------------
#define REFNET_CONNECTION_COLUMNS \
  "position, firm_id, id, contact_id, other_id, note, create_time_us"
inline constexpr const char kGetConnection[] =
    "SELECT " REFNET_CONNECTION_COLUMNS
    " FROM connections"
    " WHERE firm_id = ? AND contact_id = ? AND other_id = ?";
inline constexpr const char kInsertConnection[] =
    "INSERT INTO connections (firm_id, id, contact_id, other_id, note, create_time_us)"
    " VALUES (?, ?, ?, ?, ?, ?)";
inline constexpr const char kDeleteConnection[] =
    "DELETE FROM connections WHERE firm_id = ? AND id = ?";
inline constexpr const char kListConnections[] =
    "SELECT " REFNET_CONNECTION_COLUMNS
    " FROM connections"
    " WHERE firm_id = ?1 AND (?2 = '' OR contact_id = ?2 OR other_id = ?2)"
    " AND position > ?3 ORDER BY position LIMIT ?4";

}  // namespace refnet::storage::sqlite::queries
