// Settings flags are spelled as people say them (--key-max), each mapped to
// one FirmSettings field and update-mask path.
#include "clients/refnetctl/settings_requests.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/refnetctl/enum_text.h"
#include "clients/refnetctl/exit_status.h"
#include "clients/refnetctl/short_names.h"
#include "services/common/status.h"

namespace refnet::ctl {
namespace {

// `lead=10` → {FAVOUR_KIND_LEAD, 10}.
absl::StatusOr<v1::FavourValue> ParseFavourValue(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, absl::MaxSplits('=', 1));
  int64_t points = 0;
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[1], &points)) {
    return UsageError(
        absl::StrCat("--value wants KIND=POINTS such as lead=10, not \"", text, "\""));
  }
  REFNET_ASSIGN_OR_RETURN(int kind, ParseEnumFlag(*v1::FavourKind_descriptor(), parts[0], "value"));
  v1::FavourValue value;
  value.set_kind(static_cast<v1::FavourKind>(kind));
  value.set_value_points(points);
  return value;
}

// Reads the flag with `read` into the field and masks it when it was given.
template <typename Number, typename Setter>
absl::Status SetNumber(const ParsedArgs& args, absl::string_view flag, absl::string_view path,
                       absl::Status (ParsedArgs::*read)(absl::string_view, Number*) const,
                       google::protobuf::FieldMask* mask, Setter set) {
  if (!args.Has(flag)) return absl::OkStatus();
  Number value{};
  REFNET_RETURN_IF_ERROR((args.*read)(flag, &value));
  set(value);
  mask->add_paths(std::string(path));
  return absl::OkStatus();
}

absl::StatusOr<std::string> SettingsName(const GlobalOptions& options) {
  REFNET_ASSIGN_OR_RETURN(std::string firm, FirmParent(options.firm_id));
  return absl::StrCat(firm, "/settings");
}

}  // namespace

absl::StatusOr<v1::GetFirmSettingsRequest> BuildGetFirmSettings(const ParsedArgs& /*args*/,
                                                                const GlobalOptions& options) {
  v1::GetFirmSettingsRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_name(), SettingsName(options));
  return request;
}

absl::StatusOr<v1::UpdateFirmSettingsRequest> BuildUpdateFirmSettings(
    const ParsedArgs& args, const GlobalOptions& options) {
  v1::UpdateFirmSettingsRequest request;
  v1::FirmSettings& settings = *request.mutable_settings();
  REFNET_ASSIGN_OR_RETURN(*settings.mutable_name(), SettingsName(options));
  google::protobuf::FieldMask& mask = *request.mutable_update_mask();
  for (const std::string& text : args.Values("value")) {
    REFNET_ASSIGN_OR_RETURN(*settings.add_favour_values(), ParseFavourValue(text));
  }
  if (settings.favour_values_size() > 0) mask.add_paths("favour_values");
  REFNET_RETURN_IF_ERROR(SetNumber(args, "balanced-band", "balanced_band_points",
                                   &ParsedArgs::Int64, &mask,
                                   [&](int64_t v) { settings.set_balanced_band_points(v); }));
  REFNET_RETURN_IF_ERROR(SetNumber(args, "one-way-min", "one_way_min_count", &ParsedArgs::Int32,
                                   &mask, [&](int32_t v) { settings.set_one_way_min_count(v); }));
  REFNET_RETURN_IF_ERROR(SetNumber(args, "dormant-days", "dormant_days", &ParsedArgs::Int32, &mask,
                                   [&](int32_t v) { settings.set_dormant_days(v); }));
  REFNET_RETURN_IF_ERROR(SetNumber(args, "taker-ratio", "taker_ratio", &ParsedArgs::Double, &mask,
                                   [&](double v) { settings.set_taker_ratio(v); }));
  REFNET_RETURN_IF_ERROR(SetNumber(args, "taker-min", "taker_min_count", &ParsedArgs::Int32, &mask,
                                   [&](int32_t v) { settings.set_taker_min_count(v); }));
  REFNET_RETURN_IF_ERROR(SetNumber(args, "taker-window", "taker_window_favours", &ParsedArgs::Int32,
                                   &mask,
                                   [&](int32_t v) { settings.set_taker_window_favours(v); }));
  REFNET_RETURN_IF_ERROR(SetNumber(args, "key-max", "key_relationships_max", &ParsedArgs::Int32,
                                   &mask,
                                   [&](int32_t v) { settings.set_key_relationships_max(v); }));
  if (std::optional<std::string> text = args.Value("warmth-percents")) {
    for (absl::string_view part : absl::StrSplit(*text, ',')) {
      int32_t percent = 0;
      if (!absl::SimpleAtoi(part, &percent)) {
        return UsageError(absl::StrCat(
            "--warmth-percents wants five comma-separated percents such as 20,40,60,80,100, not \"",
            *text, "\""));
      }
      settings.add_referral_warmth_percents(percent);
    }
    mask.add_paths("referral_warmth_percents");
  }
  REFNET_RETURN_IF_ERROR(SetNumber(args, "stuck-days", "referral_stuck_days", &ParsedArgs::Int32,
                                   &mask, [&](int32_t v) { settings.set_referral_stuck_days(v); }));
  REFNET_RETURN_IF_ERROR(SetNumber(args, "ask-cap", "ask_weekly_cap", &ParsedArgs::Int32, &mask,
                                   [&](int32_t v) { settings.set_ask_weekly_cap(v); }));
  REFNET_RETURN_IF_ERROR(SetNumber(args, "ask-budget-base", "ask_budget_base", &ParsedArgs::Int32,
                                   &mask, [&](int32_t v) { settings.set_ask_budget_base(v); }));
  REFNET_RETURN_IF_ERROR(SetNumber(args, "ask-budget-points", "ask_budget_points_per_ask",
                                   &ParsedArgs::Int64, &mask,
                                   [&](int64_t v) { settings.set_ask_budget_points_per_ask(v); }));
  if (std::optional<std::string> text = args.Value("follow-up-days")) {
    for (absl::string_view part : absl::StrSplit(*text, ',')) {
      int32_t days = 0;
      if (!absl::SimpleAtoi(part, &days)) {
        return UsageError(absl::StrCat(
            "--follow-up-days wants comma-separated days such as 1,7, not \"", *text, "\""));
      }
      settings.add_follow_up_days(days);
    }
    mask.add_paths("follow_up_days");
  }
  REFNET_RETURN_IF_ERROR(SetNumber(args, "nurture-days", "nurture_days", &ParsedArgs::Int32, &mask,
                                   [&](int32_t v) { settings.set_nurture_days(v); }));
  if (args.Has("netting")) {
    settings.set_netting_enabled(args.Bool("netting"));
    mask.add_paths("netting_enabled");
  }
  REFNET_RETURN_IF_ERROR(SetNumber(args, "rate-limit-rps", "rate_limit_rps", &ParsedArgs::Int32,
                                   &mask, [&](int32_t v) { settings.set_rate_limit_rps(v); }));
  REFNET_RETURN_IF_ERROR(SetNumber(args, "rate-burst", "rate_burst", &ParsedArgs::Int32, &mask,
                                   [&](int32_t v) { settings.set_rate_burst(v); }));
  if (mask.paths().empty()) {
    return UsageError(
        "settings update needs at least one of --value, --balanced-band, --one-way-min, "
        "--dormant-days, --taker-ratio, --taker-min, --taker-window, --key-max, "
        "--warmth-percents, --stuck-days, --ask-cap, --ask-budget-base, --ask-budget-points, "
        "--follow-up-days, --nurture-days, --netting, --rate-limit-rps, --rate-burst");
  }
  settings.set_etag(args.Value("etag").value_or(""));
  request.set_request_id(options.request_id);
  return request;
}

absl::StatusOr<v1::CheckLedgerRequest> BuildCheckLedger(const ParsedArgs& /*args*/,
                                                        const GlobalOptions& options) {
  v1::CheckLedgerRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  return request;
}

absl::StatusOr<v1::RebuildCacheRequest> BuildRebuildCache(const ParsedArgs& /*args*/,
                                                          const GlobalOptions& options) {
  v1::RebuildCacheRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  return request;
}

absl::StatusOr<v1::GetServerInfoRequest> BuildGetServerInfo(const ParsedArgs& /*args*/,
                                                            const GlobalOptions& /*options*/) {
  return v1::GetServerInfoRequest();
}

}  // namespace refnet::ctl
