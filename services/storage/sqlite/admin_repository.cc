// Firms and members in SQLite; column order follows REFNET_*_COLUMNS in queries.h.
#include "services/storage/sqlite/admin_repository.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "services/common/status.h"
#include "services/common/validation.h"
#include "services/storage/sqlite/ledger_queries.h"
#include "services/storage/sqlite/queries.h"
#include "services/storage/sqlite/time_columns.h"

namespace refnet::storage::sqlite {
namespace {

admin::Firm ReadFirm(const Statement& s) {
  admin::Firm f;
  f.position = s.Int(0);
  f.id = s.Text(1);
  f.display_name = s.Text(2);
  f.create_time = FromMicros(s.Int(3));
  f.update_time = FromMicros(s.Int(4));
  f.version = s.Int(5);
  return f;
}

admin::Member ReadMember(const Statement& s) {
  admin::Member m;
  m.position = s.Int(0);
  m.firm_id = s.Text(1);
  m.id = s.Text(2);
  m.display_name = s.Text(3);
  m.email = s.Text(4);
  m.role = static_cast<admin::MemberRole>(s.Int(5));
  m.active = s.Bool(6);
  m.create_time = FromMicros(s.Int(7));
  m.update_time = FromMicros(s.Int(8));
  m.version = s.Int(9);
  return m;
}

}  // namespace

absl::StatusOr<admin::Firm> SqliteAdminRepository::GetFirm(absl::string_view firm_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kGetFirm));
  s.Bind(firm_id);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return absl::NotFoundError(absl::StrCat("firm firms/", firm_id, " does not exist"));
  return ReadFirm(s);
}

absl::Status SqliteAdminRepository::InsertFirm(admin::Firm& firm) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kInsertFirm));
  s.Bind(firm.id, firm.display_name, ToMicros(firm.create_time), ToMicros(firm.update_time),
         firm.version);
  REFNET_RETURN_IF_ERROR(s.Run());
  firm.position = db_.LastInsertRowId();
  return absl::OkStatus();
}

absl::StatusOr<std::vector<admin::Firm>> SqliteAdminRepository::ListFirms(int64_t after_position,
                                                                          int32_t limit) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kListFirms));
  s.Bind(after_position, limit);
  std::vector<admin::Firm> firms;
  while (true) {
    REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    firms.push_back(ReadFirm(s));
  }
  return firms;
}

absl::StatusOr<admin::Member> SqliteAdminRepository::GetMember(absl::string_view firm_id,
                                                               absl::string_view member_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kGetMember));
  s.Bind(firm_id, member_id);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) {
    return absl::NotFoundError(
        absl::StrCat("member firms/", firm_id, "/members/", member_id, " does not exist"));
  }
  return ReadMember(s);
}

absl::StatusOr<std::optional<std::string>> SqliteAdminRepository::FindMemberByEmail(
    absl::string_view firm_id, absl::string_view email_lower) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kFindMemberByEmail));
  s.Bind(firm_id, email_lower);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(s.Text(0));
}

absl::Status SqliteAdminRepository::InsertMember(admin::Member& m) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kInsertMember));
  s.Bind(m.firm_id, m.id, m.display_name, m.email, LowerAscii(m.email),
         static_cast<int64_t>(m.role), m.active, ToMicros(m.create_time), ToMicros(m.update_time),
         m.version);
  REFNET_RETURN_IF_ERROR(s.Run());
  m.position = db_.LastInsertRowId();
  return absl::OkStatus();
}

absl::Status SqliteAdminRepository::UpdateMember(const admin::Member& m) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kUpdateMember));
  s.Bind(m.display_name, m.email, LowerAscii(m.email), static_cast<int64_t>(m.role), m.active,
         ToMicros(m.update_time), m.version, m.firm_id, m.id);
  return s.Run();
}

absl::StatusOr<std::vector<admin::Member>> SqliteAdminRepository::ListMembers(
    absl::string_view firm_id, bool include_inactive, int64_t after_position, int32_t limit) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kListMembers));
  s.Bind(firm_id, include_inactive, after_position, limit);
  std::vector<admin::Member> members;
  while (true) {
    REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    members.push_back(ReadMember(s));
  }
  return members;
}

absl::StatusOr<admin::FirmSettings> SqliteAdminRepository::GetSettings(absl::string_view firm_id) {
  admin::FirmSettings settings;
  settings.firm_id = std::string(firm_id);
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kGetSettings));
  s.Bind(firm_id);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return settings;
  // Settings are a JSON object so that new fields need no migration; absent
  // fields keep their defaults.
  nlohmann::json j = nlohmann::json::parse(s.Text(0), nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return absl::DataLossError("firm settings are not a JSON object");
  if (j.contains("favour_values") && j["favour_values"].is_array() &&
      j["favour_values"].size() == settings.favour_values.size()) {
    for (size_t i = 0; i < settings.favour_values.size(); ++i) {
      settings.favour_values[i] = j["favour_values"][i].get<int64_t>();
    }
  }
  settings.balanced_band_points = j.value("balanced_band_points", settings.balanced_band_points);
  settings.one_way_min_count = j.value("one_way_min_count", settings.one_way_min_count);
  settings.dormant_days = j.value("dormant_days", settings.dormant_days);
  settings.taker_ratio = j.value("taker_ratio", settings.taker_ratio);
  settings.taker_min_count = j.value("taker_min_count", settings.taker_min_count);
  settings.key_relationships_max = j.value("key_relationships_max", settings.key_relationships_max);
  settings.taker_window_favours = j.value("taker_window_favours", settings.taker_window_favours);
  if (j.contains("referral_warmth_percents") && j["referral_warmth_percents"].is_array() &&
      j["referral_warmth_percents"].size() == settings.referral_warmth_percents.size()) {
    for (size_t i = 0; i < settings.referral_warmth_percents.size(); ++i) {
      settings.referral_warmth_percents[i] = j["referral_warmth_percents"][i].get<int32_t>();
    }
  }
  settings.referral_stuck_days = j.value("referral_stuck_days", settings.referral_stuck_days);
  settings.ask_weekly_cap = j.value("ask_weekly_cap", settings.ask_weekly_cap);
  settings.ask_budget_base = j.value("ask_budget_base", settings.ask_budget_base);
  settings.ask_budget_points_per_ask =
      j.value("ask_budget_points_per_ask", settings.ask_budget_points_per_ask);
  if (j.contains("follow_up_days") && j["follow_up_days"].is_array() &&
      !j["follow_up_days"].empty()) {
    settings.follow_up_days = j["follow_up_days"].get<std::vector<int32_t>>();
  }
  settings.nurture_days = j.value("nurture_days", settings.nurture_days);
  settings.netting_enabled = j.value("netting_enabled", settings.netting_enabled);
  settings.rate_limit_rps = j.value("rate_limit_rps", settings.rate_limit_rps);
  settings.rate_burst = j.value("rate_burst", settings.rate_burst);
  settings.version = s.Int(1);
  settings.update_time = FromMicros(s.Int(2));
  return settings;
}

absl::Status SqliteAdminRepository::PutSettings(const admin::FirmSettings& settings) {
  nlohmann::json j = {
      {"favour_values", settings.favour_values},
      {"balanced_band_points", settings.balanced_band_points},
      {"one_way_min_count", settings.one_way_min_count},
      {"dormant_days", settings.dormant_days},
      {"taker_ratio", settings.taker_ratio},
      {"taker_min_count", settings.taker_min_count},
      {"key_relationships_max", settings.key_relationships_max},
      {"taker_window_favours", settings.taker_window_favours},
      {"referral_warmth_percents", settings.referral_warmth_percents},
      {"referral_stuck_days", settings.referral_stuck_days},
      {"ask_weekly_cap", settings.ask_weekly_cap},
      {"ask_budget_base", settings.ask_budget_base},
      {"ask_budget_points_per_ask", settings.ask_budget_points_per_ask},
      {"follow_up_days", settings.follow_up_days},
      {"nurture_days", settings.nurture_days},
      {"netting_enabled", settings.netting_enabled},
      {"rate_limit_rps", settings.rate_limit_rps},
      {"rate_burst", settings.rate_burst},
  };
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kPutSettings));
  return s.Bind(settings.firm_id, j.dump(), settings.version, ToMicros(settings.update_time)).Run();
}

}  // namespace refnet::storage::sqlite
