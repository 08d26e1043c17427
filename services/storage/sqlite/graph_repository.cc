// The relationship graph in SQLite: relationships (member↔contact),
// interactions and connections (contact↔contact).
#include <optional>

#include "absl/strings/str_cat.h"
#include "services/common/status.h"
#include "services/storage/sqlite/contact_repository.h"
#include "services/storage/sqlite/queries.h"
#include "services/storage/sqlite/row_helpers.h"
#include "services/storage/sqlite/time_columns.h"

namespace refnet::storage::sqlite {
namespace {

using contacts::Connection;
using contacts::Interaction;
using contacts::Relationship;

Relationship ReadRelationship(const Statement& s) {
  Relationship r;
  r.position = s.Int(0);
  r.firm_id = s.Text(1);
  r.member_id = s.Text(2);
  r.contact_id = s.Text(3);
  r.strength = static_cast<int32_t>(s.Int(4));
  r.how_met = s.Text(5);
  r.met_through = s.Text(6);
  r.key = s.Bool(7);
  if (!s.IsNull(8)) r.last_touch_time = FromMicros(s.Int(8));
  r.create_time = FromMicros(s.Int(9));
  r.update_time = FromMicros(s.Int(10));
  return r;
}

Interaction ReadInteraction(const Statement& s) {
  Interaction i;
  i.position = s.Int(0);
  i.firm_id = s.Text(1);
  i.id = s.Text(2);
  i.member_id = s.Text(3);
  i.contact_id = s.Text(4);
  i.kind = static_cast<contacts::InteractionKind>(s.Int(5));
  i.occurred_at = FromMicros(s.Int(6));
  i.event_name = s.Text(7);
  i.note = s.Text(8);
  i.create_time = FromMicros(s.Int(9));
  return i;
}

Connection ReadConnection(const Statement& s) {
  Connection c;
  c.position = s.Int(0);
  c.firm_id = s.Text(1);
  c.id = s.Text(2);
  c.contact_id = s.Text(3);
  c.other_id = s.Text(4);
  c.note = s.Text(5);
  c.create_time = FromMicros(s.Int(6));
  return c;
}

}  // namespace

absl::StatusOr<std::optional<Relationship>> SqliteContactRepository::GetRelationship(
    absl::string_view firm_id, absl::string_view member_id, absl::string_view contact_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kGetRelationship));
  s.Bind(firm_id, member_id, contact_id);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<Relationship>();
  return std::optional<Relationship>(ReadRelationship(s));
}

absl::Status SqliteContactRepository::UpsertRelationship(Relationship& r) {
  REFNET_ASSIGN_OR_RETURN(std::optional<Relationship> existing,
                          GetRelationship(r.firm_id, r.member_id, r.contact_id));
  if (existing) {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kUpdateRelationship));
    s.Bind(r.strength, r.how_met, r.met_through, r.key, OptionalMicros(r.last_touch_time),
           ToMicros(r.update_time), r.firm_id, r.member_id, r.contact_id);
    r.position = existing->position;
    return s.Run();
  }
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kInsertRelationship));
  s.Bind(r.firm_id, r.member_id, r.contact_id, r.strength, r.how_met, r.met_through, r.key,
         OptionalMicros(r.last_touch_time), ToMicros(r.create_time), ToMicros(r.update_time));
  REFNET_RETURN_IF_ERROR(s.Run());
  r.position = db_.LastInsertRowId();
  return absl::OkStatus();
}

absl::Status SqliteContactRepository::DeleteRelationship(absl::string_view firm_id,
                                                         absl::string_view member_id,
                                                         absl::string_view contact_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kDeleteRelationship));
  return s.Bind(firm_id, member_id, contact_id).Run();
}

absl::StatusOr<int32_t> SqliteContactRepository::CountKeyRelationships(
    absl::string_view firm_id, absl::string_view member_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kCountKeyRelationships));
  s.Bind(firm_id, member_id);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? static_cast<int32_t>(s.Int(0)) : 0;
}

absl::StatusOr<std::vector<Relationship>> SqliteContactRepository::ListRelationships(
    absl::string_view firm_id, const contacts::RelationshipFilter& filter, int64_t after_position,
    int32_t limit) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kListRelationships));
  s.Bind(firm_id, filter.member_id, filter.contact_id, filter.key_only, after_position, limit);
  return ReadAll<Relationship>(s, ReadRelationship);
}

absl::Status SqliteContactRepository::InsertInteraction(Interaction& i) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kInsertInteraction));
  s.Bind(i.firm_id, i.id, i.member_id, i.contact_id, static_cast<int64_t>(i.kind),
         ToMicros(i.occurred_at), i.event_name, i.note, ToMicros(i.create_time));
  REFNET_RETURN_IF_ERROR(s.Run());
  i.position = db_.LastInsertRowId();
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Interaction>> SqliteContactRepository::ListInteractions(
    absl::string_view firm_id, absl::string_view member_id, absl::string_view contact_id,
    int64_t after_position, int32_t limit) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kListInteractions));
  s.Bind(firm_id, member_id, contact_id, after_position, limit);
  return ReadAll<Interaction>(s, ReadInteraction);
}

absl::Status SqliteContactRepository::ReassignInteractions(absl::string_view firm_id,
                                                           absl::string_view from_contact,
                                                           absl::string_view to_contact) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kReassignInteractions));
  return s.Bind(firm_id, from_contact, to_contact).Run();
}

absl::Status SqliteContactRepository::ReassignMetThrough(absl::string_view firm_id,
                                                         absl::string_view from_contact,
                                                         absl::string_view to_contact) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kReassignMetThrough));
  return s.Bind(firm_id, from_contact, to_contact).Run();
}

absl::StatusOr<std::optional<Connection>> SqliteContactRepository::GetConnection(
    absl::string_view firm_id, absl::string_view contact_id, absl::string_view other_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kGetConnection));
  s.Bind(firm_id, contact_id, other_id);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<Connection>();
  return std::optional<Connection>(ReadConnection(s));
}

absl::Status SqliteContactRepository::InsertConnection(Connection& c) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kInsertConnection));
  s.Bind(c.firm_id, c.id, c.contact_id, c.other_id, c.note, ToMicros(c.create_time));
  REFNET_RETURN_IF_ERROR(s.Run());
  c.position = db_.LastInsertRowId();
  return absl::OkStatus();
}

absl::Status SqliteContactRepository::DeleteConnection(absl::string_view firm_id,
                                                       absl::string_view connection_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kDeleteConnection));
  return s.Bind(firm_id, connection_id).Run();
}

absl::StatusOr<std::vector<Connection>> SqliteContactRepository::ListConnections(
    absl::string_view firm_id, absl::string_view contact_id, int64_t after_position,
    int32_t limit) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kListConnections));
  s.Bind(firm_id, contact_id, after_position, limit);
  return ReadAll<Connection>(s, ReadConnection);
}

}  // namespace refnet::storage::sqlite
