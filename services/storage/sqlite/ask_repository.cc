// Ask rows in SQLite; column order follows REFNET_ASK_COLUMNS and
// REFNET_ROUTE_COLUMNS in ask_queries.h. Tags are a JSON array on the row and
// indexed in ask_tags for the tag filter.
#include "services/storage/sqlite/ask_repository.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "services/common/status.h"
#include "services/storage/sqlite/ask_queries.h"
#include "services/storage/sqlite/row_helpers.h"
#include "services/storage/sqlite/time_columns.h"

namespace refnet::storage::sqlite {
namespace {

using asks::Ask;
using asks::Route;

Ask ReadAsk(const Statement& s) {
  Ask a;
  a.position = s.Int(0);
  a.firm_id = s.Text(1);
  a.id = s.Text(2);
  a.asker = s.Text(3);
  a.need = s.Text(4);
  a.tags = StringsFromJson(s.Text(5));
  a.due_time = OptionalTime(s, 6);
  a.state = static_cast<asks::AskState>(s.Int(7));
  a.fulfilled_by = s.Text(8);
  a.favour = s.Text(9);
  a.create_time = FromMicros(s.Int(10));
  a.update_time = FromMicros(s.Int(11));
  a.version = s.Int(12);
  return a;
}

Route ReadRoute(const Statement& s) {
  Route r;
  r.position = s.Int(0);
  r.firm_id = s.Text(1);
  r.ask_id = s.Text(2);
  r.helper = s.Text(3);
  r.route_time = FromMicros(s.Int(4));
  r.routed_by = s.Text(5);
  return r;
}

std::vector<std::string> ReadFirstColumn(Statement& s, absl::Status* status) {
  std::vector<std::string> values;
  while (true) {
    absl::StatusOr<bool> row = s.Step();
    if (!row.ok()) *status = row.status();
    if (!row.ok() || !*row) return values;
    values.push_back(s.Text(0));
  }
}

}  // namespace

absl::Status SqliteAskRepository::ReadRoutes(Ask& ask) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kListRoutes));
  s.Bind(ask.firm_id, ask.id);
  REFNET_ASSIGN_OR_RETURN(ask.routes, ReadAll<Route>(s, ReadRoute));
  return absl::OkStatus();
}

absl::StatusOr<Ask> SqliteAskRepository::GetAsk(absl::string_view firm_id, absl::string_view id) {
  Ask ask;
  {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kGetAsk));
    s.Bind(firm_id, id);
    REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) {
      return absl::NotFoundError(
          absl::StrCat("ask firms/", firm_id, "/asks/", id, " does not exist"));
    }
    ask = ReadAsk(s);
  }
  REFNET_RETURN_IF_ERROR(ReadRoutes(ask));
  return ask;
}

absl::Status SqliteAskRepository::InsertAsk(Ask& a) {
  {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kInsertAsk));
    s.Bind(a.firm_id, a.id, a.asker, a.need, nlohmann::json(a.tags).dump(),
           OptionalMicros(a.due_time), static_cast<int64_t>(a.state), a.fulfilled_by, a.favour,
           ToMicros(a.create_time), ToMicros(a.update_time), a.version);
    REFNET_RETURN_IF_ERROR(s.Run());
    a.position = db_.LastInsertRowId();
  }
  for (const std::string& tag : a.tags) {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kInsertAskTag));
    REFNET_RETURN_IF_ERROR(s.Bind(a.firm_id, tag, a.id).Run());
  }
  return absl::OkStatus();
}

absl::Status SqliteAskRepository::UpdateAsk(const Ask& a) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kUpdateAsk));
  return s
      .Bind(static_cast<int64_t>(a.state), a.fulfilled_by, a.favour, ToMicros(a.update_time),
            a.version, a.firm_id, a.id)
      .Run();
}

absl::StatusOr<std::vector<Ask>> SqliteAskRepository::ListAsks(absl::string_view firm_id,
                                                               const asks::AskFilter& filter,
                                                               int64_t after_position,
                                                               int32_t limit) {
  std::vector<Ask> rows;
  {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kListAsks));
    s.Bind(firm_id, filter.state ? static_cast<int64_t>(*filter.state) : int64_t{0}, filter.asker,
           filter.tag, after_position, limit);
    REFNET_ASSIGN_OR_RETURN(rows, ReadAll<Ask>(s, ReadAsk));
  }
  for (Ask& ask : rows) REFNET_RETURN_IF_ERROR(ReadRoutes(ask));
  return rows;
}

absl::StatusOr<int64_t> SqliteAskRepository::CountOpenAsks(absl::string_view firm_id,
                                                           absl::string_view asker) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kCountOpenAsks));
  s.Bind(firm_id, asker);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

absl::Status SqliteAskRepository::InsertRoute(Route& r) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kInsertRoute));
  REFNET_RETURN_IF_ERROR(
      s.Bind(r.firm_id, r.ask_id, r.helper, ToMicros(r.route_time), r.routed_by).Run());
  r.position = db_.LastInsertRowId();
  return absl::OkStatus();
}

absl::StatusOr<int64_t> SqliteAskRepository::CountRoutesSince(absl::string_view firm_id,
                                                              absl::string_view helper,
                                                              absl::Time since) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kCountRoutesSince));
  s.Bind(firm_id, helper, ToMicros(since));
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

absl::Status SqliteAskRepository::ReassignParty(absl::string_view firm_id,
                                                absl::string_view from_party,
                                                absl::string_view to_party) {
  for (const char* sql :
       {queries::kReassignAsker, queries::kReassignFulfiller, queries::kReassignHelper}) {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(sql));
    REFNET_RETURN_IF_ERROR(s.Bind(firm_id, from_party, to_party).Run());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> SqliteAskRepository::ContactsTagged(
    absl::string_view firm_id, absl::string_view tag, int32_t limit) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kContactsTagged));
  s.Bind(firm_id, tag, limit);
  absl::Status status;
  std::vector<std::string> ids = ReadFirstColumn(s, &status);
  if (!status.ok()) return status;
  return ids;
}

absl::StatusOr<std::vector<std::string>> SqliteAskRepository::ContactsKnownBy(
    absl::string_view firm_id, absl::string_view member_id, int32_t limit) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kContactsKnownBy));
  s.Bind(firm_id, member_id, limit);
  absl::Status status;
  std::vector<std::string> ids = ReadFirstColumn(s, &status);
  if (!status.ok()) return status;
  return ids;
}

absl::StatusOr<std::optional<asks::KnownBy>> SqliteAskRepository::BestKnownBy(
    absl::string_view firm_id, absl::string_view contact_id) {
  {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kKnownDirectly));
    s.Bind(firm_id, contact_id);
    REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
    if (row) {
      return asks::KnownBy{s.Text(0), static_cast<int32_t>(s.Int(1)), std::string()};
    }
  }
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kKnownThrough));
  s.Bind(firm_id, contact_id);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<asks::KnownBy>();
  return asks::KnownBy{s.Text(0), static_cast<int32_t>(s.Int(1)), s.Text(2)};
}

}  // namespace refnet::storage::sqlite
