// Contacts in SQLite. Lists are kept as JSON arrays on the row; emails and tags
// are also indexed in side tables for uniqueness and filtering.
#include "services/storage/sqlite/contact_repository.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/common/status.h"
#include "services/common/validation.h"
#include "services/storage/sqlite/queries.h"
#include "services/storage/sqlite/row_helpers.h"
#include "services/storage/sqlite/time_columns.h"

namespace refnet::storage::sqlite {
namespace {

using contacts::Contact;

std::string ToJson(const std::vector<std::string>& values) { return nlohmann::json(values).dump(); }

Contact ReadContact(const Statement& s) {
  Contact c;
  c.position = s.Int(0);
  c.firm_id = s.Text(1);
  c.id = s.Text(2);
  c.display_name = s.Text(3);
  c.organization = s.Text(4);
  c.title = s.Text(5);
  c.emails = StringsFromJson(s.Text(6));
  c.phones = StringsFromJson(s.Text(7));
  c.tags = StringsFromJson(s.Text(8));
  c.offers = StringsFromJson(s.Text(9));
  c.needs = StringsFromJson(s.Text(10));
  c.notes = s.Text(11);
  c.source = s.Text(12);
  c.create_time = FromMicros(s.Int(13));
  c.update_time = FromMicros(s.Int(14));
  c.archived = s.Bool(15);
  c.merged_into = s.Text(16);
  c.version = s.Int(17);
  return c;
}

// A LIKE pattern matching `text` anywhere, with LIKE's wildcards escaped.
std::string ContainsPattern(absl::string_view text) {
  if (text.empty()) return std::string();
  std::string escaped = absl::StrReplaceAll(text, {{"\\", "\\\\"}, {"%", "\\%"}, {"_", "\\_"}});
  return absl::StrCat("%", escaped, "%");
}

}  // namespace

absl::StatusOr<Contact> SqliteContactRepository::GetContact(absl::string_view firm_id,
                                                            absl::string_view contact_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kGetContact));
  s.Bind(firm_id, contact_id);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) {
    return absl::NotFoundError(
        absl::StrCat("contact firms/", firm_id, "/contacts/", contact_id, " does not exist"));
  }
  return ReadContact(s);
}

absl::StatusOr<std::string> SqliteContactRepository::MergedInto(absl::string_view firm_id,
                                                                absl::string_view contact_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kContactMergedInto));
  s.Bind(firm_id, contact_id);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) {
    return absl::NotFoundError(
        absl::StrCat("contact firms/", firm_id, "/contacts/", contact_id, " does not exist"));
  }
  return s.Text(0);
}

absl::StatusOr<std::optional<std::string>> SqliteContactRepository::FindContactByEmail(
    absl::string_view firm_id, absl::string_view email_lower) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kFindContactByEmail));
  s.Bind(firm_id, email_lower);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(s.Text(0));
}

absl::Status SqliteContactRepository::WriteContactIndexes(const Contact& c) {
  {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kDeleteContactEmails));
    REFNET_RETURN_IF_ERROR(s.Bind(c.firm_id, c.id).Run());
  }
  for (const std::string& email : c.emails) {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kInsertContactEmail));
    REFNET_RETURN_IF_ERROR(s.Bind(c.firm_id, LowerAscii(email), c.id).Run());
  }
  {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kDeleteContactTags));
    REFNET_RETURN_IF_ERROR(s.Bind(c.firm_id, c.id).Run());
  }
  for (const std::string& tag : c.tags) {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kInsertContactTag));
    REFNET_RETURN_IF_ERROR(s.Bind(c.firm_id, tag, c.id).Run());
  }
  return absl::OkStatus();
}

absl::Status SqliteContactRepository::InsertContact(Contact& c) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kInsertContact));
  s.Bind(c.firm_id, c.id, c.display_name, c.organization, c.title, ToJson(c.emails),
         ToJson(c.phones), ToJson(c.tags), ToJson(c.offers), ToJson(c.needs), c.notes, c.source,
         ToMicros(c.create_time), ToMicros(c.update_time), c.archived, c.merged_into, c.version);
  REFNET_RETURN_IF_ERROR(s.Run());
  c.position = db_.LastInsertRowId();
  return WriteContactIndexes(c);
}

absl::Status SqliteContactRepository::UpdateContact(const Contact& c) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kUpdateContact));
  s.Bind(c.display_name, c.organization, c.title, ToJson(c.emails), ToJson(c.phones),
         ToJson(c.tags), ToJson(c.offers), ToJson(c.needs), c.notes, c.source,
         ToMicros(c.update_time), c.archived, c.merged_into, c.version, c.firm_id, c.id);
  REFNET_RETURN_IF_ERROR(s.Run());
  return WriteContactIndexes(c);
}

absl::StatusOr<std::vector<Contact>> SqliteContactRepository::ListContacts(
    absl::string_view firm_id, const contacts::ContactFilter& filter, int64_t after_position,
    int32_t limit) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kListContacts));
  s.Bind(firm_id, filter.tag, filter.organization, filter.known_by_member_id,
         ContainsPattern(filter.query), filter.include_archived, after_position, limit);
  std::vector<Contact> result;
  while (true) {
    REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    result.push_back(ReadContact(s));
  }
  return result;
}

}  // namespace refnet::storage::sqlite
