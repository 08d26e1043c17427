// Referral rows in SQLite; column order follows REFNET_REFERRAL_COLUMNS.
#include "services/storage/sqlite/referral_repository.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/status.h"
#include "services/storage/sqlite/referral_queries.h"
#include "services/storage/sqlite/row_helpers.h"
#include "services/storage/sqlite/time_columns.h"

namespace refnet::storage::sqlite {
namespace {

using referrals::Money;
using referrals::Referral;
using referrals::Stage;

Money ReadMoney(const Statement& s, int column) {
  return Money{s.Text(column), s.Int(column + 1), static_cast<int32_t>(s.Int(column + 2))};
}

Referral ReadReferral(const Statement& s) {
  Referral r;
  r.position = s.Int(0);
  r.firm_id = s.Text(1);
  r.id = s.Text(2);
  r.referrer = s.Text(3);
  r.recipient = s.Text(4);
  r.prospect_contact = s.Text(5);
  r.prospect_description = s.Text(6);
  r.need = s.Text(7);
  r.warmth = static_cast<int32_t>(s.Int(8));
  r.estimated_value = ReadMoney(s, 9);
  r.confidential = s.Bool(12);
  r.stage = static_cast<Stage>(s.Int(13));
  r.closed_value = ReadMoney(s, 14);
  r.offer_favour = s.Text(17);
  r.closed_favour = s.Text(18);
  r.offer_time = FromMicros(s.Int(19));
  r.stage_time = FromMicros(s.Int(20));
  r.created_by = s.Text(21);
  r.create_time = FromMicros(s.Int(22));
  r.update_time = FromMicros(s.Int(23));
  r.version = s.Int(24);
  return r;
}

}  // namespace

absl::Status SqliteReferralRepository::ReadHistory(Referral& r) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kReferralMoves));
  s.Bind(r.firm_id, r.id);
  r.history.clear();
  while (true) {
    REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return absl::OkStatus();
    r.history.push_back(referrals::ReferralMove{static_cast<Stage>(s.Int(0)),
                                                static_cast<Stage>(s.Int(1)), s.Text(2),
                                                FromMicros(s.Int(3)), s.Text(4)});
  }
}

absl::StatusOr<Referral> SqliteReferralRepository::GetReferral(absl::string_view firm_id,
                                                               absl::string_view id) {
  Referral r;
  {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kGetReferral));
    s.Bind(firm_id, id);
    REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) {
      return absl::NotFoundError(
          absl::StrCat("referral firms/", firm_id, "/referrals/", id, " does not exist"));
    }
    r = ReadReferral(s);
  }
  REFNET_RETURN_IF_ERROR(ReadHistory(r));
  return r;
}

absl::Status SqliteReferralRepository::InsertReferral(Referral& r) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kInsertReferral));
  s.Bind(r.firm_id, r.id, r.referrer, r.recipient, r.prospect_contact, r.prospect_description,
         r.need, int64_t{r.warmth}, r.estimated_value.currency_code, r.estimated_value.units,
         int64_t{r.estimated_value.nanos}, r.confidential, static_cast<int64_t>(r.stage),
         r.closed_value.currency_code, r.closed_value.units, int64_t{r.closed_value.nanos},
         r.offer_favour, r.closed_favour, ToMicros(r.offer_time), ToMicros(r.stage_time),
         r.created_by, ToMicros(r.create_time), ToMicros(r.update_time), r.version);
  REFNET_RETURN_IF_ERROR(s.Run());
  r.position = db_.LastInsertRowId();
  return absl::OkStatus();
}

absl::Status SqliteReferralRepository::UpdateReferral(const Referral& r) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kUpdateReferral));
  return s
      .Bind(r.firm_id, r.id, static_cast<int64_t>(r.stage), r.closed_value.currency_code,
            r.closed_value.units, int64_t{r.closed_value.nanos}, r.closed_favour,
            ToMicros(r.stage_time), ToMicros(r.update_time), r.version)
      .Run();
}

absl::Status SqliteReferralRepository::AppendMove(const Referral& r,
                                                  const referrals::ReferralMove& move) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kAppendReferralMove));
  return s
      .Bind(r.firm_id, r.id, static_cast<int64_t>(move.from), static_cast<int64_t>(move.to),
            move.moved_by, ToMicros(move.move_time), move.note)
      .Run();
}

absl::StatusOr<std::vector<Referral>> SqliteReferralRepository::ListReferrals(
    absl::string_view firm_id, const referrals::ReferralFilter& filter, int64_t after_position,
    int32_t limit) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kListReferrals));
  s.Bind(firm_id, filter.referrer, filter.recipient, filter.prospect_contact,
         static_cast<int64_t>(filter.stage), static_cast<int64_t>(filter.status), after_position,
         limit);
  return ReadAll<Referral>(s, ReadReferral);
}

absl::StatusOr<std::vector<Referral>> SqliteReferralRepository::ReferralsOfferedBetween(
    absl::string_view firm_id, absl::string_view party, std::optional<absl::Time> start,
    std::optional<absl::Time> end, size_t limit) {
  std::vector<Referral> rows;
  {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kReferralsOfferedBetween));
    s.Bind(firm_id, party, OptionalMicros(start), OptionalMicros(end), static_cast<int64_t>(limit));
    REFNET_ASSIGN_OR_RETURN(rows, ReadAll<Referral>(s, ReadReferral));
  }
  for (Referral& r : rows) REFNET_RETURN_IF_ERROR(ReadHistory(r));
  return rows;
}

absl::Status SqliteReferralRepository::ReassignParty(absl::string_view firm_id,
                                                     absl::string_view from_party,
                                                     absl::string_view to_party) {
  for (const char* sql : {queries::kReassignReferrer, queries::kReassignRecipient}) {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(sql));
    REFNET_RETURN_IF_ERROR(s.Bind(firm_id, from_party, to_party).Run());
  }
  if (!absl::StartsWith(from_party, "contacts/")) return absl::OkStatus();
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kReassignProspect));
  return s.Bind(firm_id, from_party.substr(9), to_party.substr(9)).Run();
}

}  // namespace refnet::storage::sqlite
