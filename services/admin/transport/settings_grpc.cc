// Handlers for firm settings, the ledger check and cache rebuilds.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/admin/transport/admin_grpc.h"
#include "services/common/etag.h"
#include "services/common/resource_names.h"
#include "services/common/rpc/access.h"
#include "services/common/rpc/field_mask.h"
#include "services/common/rpc/idempotent_write.h"
#include "services/common/rpc/proto_time.h"
#include "services/common/status.h"

namespace refnet::admin {

using auth::Principal;
using auth::Role;
namespace v1 = ::refnet::v1;

namespace {

constexpr int64_t kValuePointsMax = 1000000;
constexpr int32_t kTakerWindowMax = 1000;
constexpr int32_t kFollowUpDayMax = 90;
constexpr int32_t kNurtureDaysMax = 3650;
constexpr int32_t kRateMax = 1000000;  // calls per second, and burst

absl::StatusOr<std::string> SettingsFirm(absl::string_view name, absl::string_view field) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 3 || parts[0] != "firms" || parts[2] != "settings") {
    return FieldError(field, absl::StrCat("expected firms/{firm}/settings, got \"", name, "\""));
  }
  return ParseFirmName(absl::StrCat("firms/", parts[1]), field);
}

void ToProto(const FirmSettings& s, v1::FirmSettings* out) {
  out->set_name(absl::StrCat("firms/", s.firm_id, "/settings"));
  for (int kind = 1; kind <= kFavourKindCount; ++kind) {
    v1::FavourValue* value = out->add_favour_values();
    value->set_kind(static_cast<v1::FavourKind>(kind));
    value->set_value_points(s.DefaultValue(kind));
  }
  out->set_balanced_band_points(s.balanced_band_points);
  out->set_one_way_min_count(s.one_way_min_count);
  out->set_dormant_days(s.dormant_days);
  out->set_taker_ratio(s.taker_ratio);
  out->set_taker_min_count(s.taker_min_count);
  out->set_taker_window_favours(s.taker_window_favours);
  out->set_key_relationships_max(s.key_relationships_max);
  for (int32_t percent : s.referral_warmth_percents) out->add_referral_warmth_percents(percent);
  out->set_referral_stuck_days(s.referral_stuck_days);
  out->set_ask_weekly_cap(s.ask_weekly_cap);
  out->set_ask_budget_base(s.ask_budget_base);
  out->set_ask_budget_points_per_ask(s.ask_budget_points_per_ask);
  for (int32_t days : s.follow_up_days) out->add_follow_up_days(days);
  out->set_nurture_days(s.nurture_days);
  out->set_netting_enabled(s.netting_enabled);
  out->set_rate_limit_rps(s.rate_limit_rps);
  out->set_rate_burst(s.rate_burst);
  out->set_etag(EtagFor(s.version));
  if (s.version > 0) rpc::ToProto(s.update_time, out->mutable_update_time());
}

// 1 to kFollowUpsMax days, strictly increasing, each 1 to kFollowUpDayMax.
absl::Status ApplyFollowUpDays(const v1::FirmSettings& in, FirmSettings& s) {
  int count = in.follow_up_days_size();
  REFNET_CHECK_FIELD(count >= 1 && count <= kFollowUpsMax, "settings.follow_up_days",
                     absl::StrCat("needs 1 to ", kFollowUpsMax, " entries"));
  for (int i = 0; i < count; ++i) {
    int32_t days = in.follow_up_days(i);
    std::string field = absl::StrCat("settings.follow_up_days[", i, "]");
    REFNET_CHECK_FIELD(days >= 1 && days <= kFollowUpDayMax, field,
                       absl::StrCat("must be between 1 and ", kFollowUpDayMax));
    REFNET_CHECK_FIELD(i == 0 || days > in.follow_up_days(i - 1), field,
                       "must be more than the entry before it (strictly increasing)");
  }
  s.follow_up_days.assign(in.follow_up_days().begin(), in.follow_up_days().end());
  return absl::OkStatus();
}

// The rate limits protect the other firms on a server, so a firm's own
// admins may read them but only platform admins set them. A firm admin who
// sends back the values it read changes nothing and is not refused.
absl::Status CheckRateLimitAccess(const Principal& caller, const std::set<std::string>& paths,
                                  const v1::FirmSettings& in, const FirmSettings& stored) {
  if (caller.role == Role::kPlatformAdmin) {
    for (const std::string& path : paths) {
      if (path != "rate_limit_rps" && path != "rate_burst") {
        return absl::PermissionDeniedError(absl::StrCat(
            "settings.", path,
            ": platform admins change only rate_limit_rps and rate_burst; name them in "
            "update_mask"));
      }
    }
    return absl::OkStatus();
  }
  if (paths.count("rate_limit_rps") && in.rate_limit_rps() != stored.rate_limit_rps) {
    return absl::PermissionDeniedError(
        "settings.rate_limit_rps: only platform admins set a firm's rate limits");
  }
  if (paths.count("rate_burst") && in.rate_burst() != stored.rate_burst) {
    return absl::PermissionDeniedError(
        "settings.rate_burst: only platform admins set a firm's rate limits");
  }
  return absl::OkStatus();
}

// Validates and applies the masked fields.
absl::Status ApplySettings(const Principal& caller, const v1::UpdateFirmSettingsRequest& request,
                           FirmSettings& s) {
  static const std::set<std::string> kMutable = {"favour_values",
                                                 "balanced_band_points",
                                                 "one_way_min_count",
                                                 "dormant_days",
                                                 "taker_ratio",
                                                 "taker_min_count",
                                                 "key_relationships_max",
                                                 "taker_window_favours",
                                                 "referral_warmth_percents",
                                                 "referral_stuck_days",
                                                 "ask_weekly_cap",
                                                 "ask_budget_base",
                                                 "ask_budget_points_per_ask",
                                                 "follow_up_days",
                                                 "nurture_days",
                                                 "netting_enabled",
                                                 "rate_limit_rps",
                                                 "rate_burst"};
  const v1::FirmSettings& in = request.settings();
  REFNET_ASSIGN_OR_RETURN(std::set<std::string> paths,
                          rpc::ResolveUpdateMask(request.update_mask(), in, kMutable));
  REFNET_RETURN_IF_ERROR(CheckRateLimitAccess(caller, paths, in, s));
  std::set<int> kinds_seen;
  for (int i = 0; paths.count("favour_values") && i < in.favour_values_size(); ++i) {
    const v1::FavourValue& v = in.favour_values(i);
    std::string field = absl::StrCat("settings.favour_values[", i, "]");
    if (v.kind() < 1 || v.kind() > kFavourKindCount) {
      return FieldError(absl::StrCat(field, ".kind"), "is not a known favour kind");
    }
    if (!kinds_seen.insert(v.kind()).second) {
      return FieldError(absl::StrCat(field, ".kind"), "is listed twice");
    }
    if (v.value_points() < 1 || v.value_points() > kValuePointsMax) {
      return FieldError(absl::StrCat(field, ".value_points"),
                        absl::StrCat("must be between 1 and ", kValuePointsMax));
    }
    s.favour_values[static_cast<size_t>(v.kind() - 1)] = v.value_points();
  }
  auto in_range = [](int64_t v, int64_t lo, int64_t hi) { return v >= lo && v <= hi; };
  if (paths.count("balanced_band_points")) {
    REFNET_CHECK_FIELD(in_range(in.balanced_band_points(), 0, kValuePointsMax),
                       "settings.balanced_band_points", "must be between 0 and 1000000");
    s.balanced_band_points = in.balanced_band_points();
  }
  if (paths.count("one_way_min_count")) {
    REFNET_CHECK_FIELD(in_range(in.one_way_min_count(), 1, 1000), "settings.one_way_min_count",
                       "must be between 1 and 1000");
    s.one_way_min_count = in.one_way_min_count();
  }
  if (paths.count("dormant_days")) {
    REFNET_CHECK_FIELD(in_range(in.dormant_days(), 1, 3650), "settings.dormant_days",
                       "must be between 1 and 3650");
    s.dormant_days = in.dormant_days();
  }
  if (paths.count("taker_ratio")) {
    REFNET_CHECK_FIELD(in.taker_ratio() >= 1.0 && in.taker_ratio() <= 1000.0,
                       "settings.taker_ratio", "must be between 1 and 1000");
    s.taker_ratio = in.taker_ratio();
  }
  if (paths.count("taker_min_count")) {
    REFNET_CHECK_FIELD(in_range(in.taker_min_count(), 1, 1000), "settings.taker_min_count",
                       "must be between 1 and 1000");
    s.taker_min_count = in.taker_min_count();
  }
  if (paths.count("key_relationships_max")) {
    REFNET_CHECK_FIELD(in_range(in.key_relationships_max(), 0, 1000),
                       "settings.key_relationships_max", "must be between 0 and 1000");
    s.key_relationships_max = in.key_relationships_max();
  }
  if (paths.count("taker_window_favours")) {
    REFNET_CHECK_FIELD(in_range(in.taker_window_favours(), 1, kTakerWindowMax),
                       "settings.taker_window_favours",
                       absl::StrCat("must be between 1 and ", kTakerWindowMax));
    s.taker_window_favours = in.taker_window_favours();
  }
  if (paths.count("referral_warmth_percents")) {
    REFNET_CHECK_FIELD(in.referral_warmth_percents_size() == 5, "settings.referral_warmth_percents",
                       "needs exactly five entries, for warmth 1 to 5");
    for (int i = 0; i < 5; ++i) {
      REFNET_CHECK_FIELD(in_range(in.referral_warmth_percents(i), 0, 1000),
                         absl::StrCat("settings.referral_warmth_percents[", i, "]"),
                         "must be between 0 and 1000");
      s.referral_warmth_percents[static_cast<size_t>(i)] = in.referral_warmth_percents(i);
    }
  }
  if (paths.count("referral_stuck_days")) {
    REFNET_CHECK_FIELD(in_range(in.referral_stuck_days(), 1, 3650), "settings.referral_stuck_days",
                       "must be between 1 and 3650");
    s.referral_stuck_days = in.referral_stuck_days();
  }
  if (paths.count("ask_weekly_cap")) {
    REFNET_CHECK_FIELD(in_range(in.ask_weekly_cap(), 0, 1000), "settings.ask_weekly_cap",
                       "must be between 0 and 1000");
    s.ask_weekly_cap = in.ask_weekly_cap();
  }
  if (paths.count("ask_budget_base")) {
    REFNET_CHECK_FIELD(in_range(in.ask_budget_base(), 0, 1000), "settings.ask_budget_base",
                       "must be between 0 and 1000");
    s.ask_budget_base = in.ask_budget_base();
  }
  if (paths.count("ask_budget_points_per_ask")) {
    REFNET_CHECK_FIELD(in_range(in.ask_budget_points_per_ask(), 1, kValuePointsMax),
                       "settings.ask_budget_points_per_ask",
                       absl::StrCat("must be between 1 and ", kValuePointsMax));
    s.ask_budget_points_per_ask = in.ask_budget_points_per_ask();
  }
  if (paths.count("follow_up_days")) {
    REFNET_RETURN_IF_ERROR(ApplyFollowUpDays(in, s));
  }
  if (paths.count("nurture_days")) {
    REFNET_CHECK_FIELD(in_range(in.nurture_days(), 1, kNurtureDaysMax), "settings.nurture_days",
                       absl::StrCat("must be between 1 and ", kNurtureDaysMax));
    s.nurture_days = in.nurture_days();
  }
  // Presence, not the value, decides: false is a real choice here.
  if (paths.count("netting_enabled")) s.netting_enabled = in.netting_enabled();
  if (paths.count("rate_limit_rps")) {
    REFNET_CHECK_FIELD(in_range(in.rate_limit_rps(), 0, kRateMax), "settings.rate_limit_rps",
                       absl::StrCat("must be between 0 and ", kRateMax));
    s.rate_limit_rps = in.rate_limit_rps();
  }
  if (paths.count("rate_burst")) {
    REFNET_CHECK_FIELD(in_range(in.rate_burst(), 0, kRateMax), "settings.rate_burst",
                       absl::StrCat("must be between 0 and ", kRateMax));
    s.rate_burst = in.rate_burst();
  }
  if (s.taker_window_favours < s.taker_min_count) {
    return FieldError(
        paths.count("taker_window_favours") ? "settings.taker_window_favours"
                                            : "settings.taker_min_count",
        absl::StrCat("the taker window (", s.taker_window_favours,
                     " favours) must hold at least taker_min_count (", s.taker_min_count, ")"));
  }
  return absl::OkStatus();
}

}  // namespace

grpc::ServerUnaryReactor* AdminGrpcService::GetFirmSettings(
    grpc::CallbackServerContext* context, const v1::GetFirmSettingsRequest* request,
    v1::FirmSettings* response) {
  return runner_.Run(
      context, "/refnet.v1.AdminService/GetFirmSettings", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, SettingsFirm(request->name(), "name"));
        REFNET_RETURN_IF_ERROR(rpc::RequireMemberRead(p, firm_id, "name"));
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          REFNET_RETURN_IF_ERROR(NotFoundIn(tx.Admin().GetFirm(firm_id).status(), "name"));
          REFNET_ASSIGN_OR_RETURN(FirmSettings settings, tx.Admin().GetSettings(firm_id));
          ToProto(settings, response);
          return absl::OkStatus();
        });
      });
}

grpc::ServerUnaryReactor* AdminGrpcService::UpdateFirmSettings(
    grpc::CallbackServerContext* context, const v1::UpdateFirmSettingsRequest* request,
    v1::FirmSettings* response) {
  return runner_.Run(
      context, "/refnet.v1.AdminService/UpdateFirmSettings", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id,
                                SettingsFirm(request->settings().name(), "settings.name"));
        REFNET_RETURN_IF_ERROR(rpc::RequireMemberRead(p, firm_id, "settings.name"));
        REFNET_RETURN_IF_ERROR(
            rpc::RequireRole(p, {Role::kAdmin, Role::kPlatformAdmin}, "change firm settings"));
        REFNET_RETURN_IF_ERROR(rpc::IdempotentWrite(
            store_, firm_id, "UpdateFirmSettings", *request, response,
            [&](storage::Tx& tx) -> absl::Status {
              REFNET_RETURN_IF_ERROR(
                  NotFoundIn(tx.Admin().GetFirm(firm_id).status(), "settings.name"));
              REFNET_ASSIGN_OR_RETURN(FirmSettings settings, tx.Admin().GetSettings(firm_id));
              REFNET_RETURN_IF_ERROR(
                  CheckEtag(request->settings().etag(), settings.version, "settings"));
              REFNET_RETURN_IF_ERROR(ApplySettings(p, *request, settings));
              directory_.Stamp(settings);
              REFNET_RETURN_IF_ERROR(tx.Admin().PutSettings(settings));
              ToProto(settings, response);
              return absl::OkStatus();
            }));
        // Cached standings were read under the old taker window, and the
        // firm's rate limit may have changed.
        balances_.Invalidate(firm_id);
        runner_.ApplyFirmLimits(firm_id, {static_cast<double>(response->rate_limit_rps()),
                                          static_cast<double>(response->rate_burst())});
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AdminGrpcService::CheckLedger(grpc::CallbackServerContext* context,
                                                        const v1::CheckLedgerRequest* request,
                                                        v1::CheckLedgerResponse* response) {
  return runner_.Run(context, "/refnet.v1.AdminService/CheckLedger", [=, this](const Principal& p) {
    REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
    REFNET_RETURN_IF_ERROR(rpc::RequireRole(p, {Role::kAdmin}, "check the ledger"));
    return store_.Read([&](storage::Tx& tx) -> absl::Status {
      REFNET_ASSIGN_OR_RETURN(ledger::LedgerCheck check, ledger_.CheckLedger(tx, firm_id));
      response->set_ok(check.ok);
      response->set_favour_count(check.favour_count);
      response->set_pair_count(check.pair_count);
      response->set_karma_sum_points(check.karma_sum_points);
      for (const std::string& problem : check.problems) response->add_problems(problem);
      return absl::OkStatus();
    });
  });
}

grpc::ServerUnaryReactor* AdminGrpcService::RebuildCache(grpc::CallbackServerContext* context,
                                                         const v1::RebuildCacheRequest* request,
                                                         v1::RebuildCacheResponse* response) {
  return runner_.Run(
      context, "/refnet.v1.AdminService/RebuildCache", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        REFNET_RETURN_IF_ERROR(rpc::RequireRole(p, {Role::kAdmin}, "rebuild the cache"));
        REFNET_RETURN_IF_ERROR(store_.Read([&](storage::Tx& tx) {
          return NotFoundIn(tx.Admin().GetFirm(firm_id).status(), "parent");
        }));
        // A new generation makes every cached value of the firm unreachable; the
        // cache refills from the store on the next reads.
        response->set_cache_reached(balances_.Invalidate(firm_id));
        return absl::OkStatus();
      });
}

}  // namespace refnet::admin
