// `refnetctl settings|ledger|cache|server …`: the maintenance methods of
// AdminService.
#include "absl/strings/str_cat.h"
#include "clients/refnetctl/command.h"
#include "clients/refnetctl/exit_status.h"
#include "clients/refnetctl/rpc.h"
#include "clients/refnetctl/settings_requests.h"
#include "refnet/v1/admin_service.grpc.pb.h"
#include "services/common/status.h"

namespace refnet::ctl {
namespace {

using Stub = v1::AdminService::Stub;

std::vector<FlagSpec> UpdateFlags() {
  return {
      {"value", FlagKind::kRepeated, "KIND=POINTS",
       "default value of a kind of favour, e.g. lead=10 (repeatable)"},
      {"balanced-band", FlagKind::kValue, "N", "a |net| of at most N points is balanced"},
      {"one-way-min", FlagKind::kValue, "N", "favours one way, none back, before one-way"},
      {"dormant-days", FlagKind::kValue, "N", "days without a favour before dormant"},
      {"taker-ratio", FlagKind::kValue, "X", "receiving more than X times what one gives"},
      {"taker-min", FlagKind::kValue, "N", "favours received before a party can be a taker"},
      {"taker-window", FlagKind::kValue, "N", "the taker flag weighs the last N favours"},
      {"key-max", FlagKind::kValue, "N", "key relationships each member may mark"},
      {"warmth-percents", FlagKind::kValue, "P1,P2,P3,P4,P5",
       "percent of the referral value an offer of warmth 1..5 records"},
      {"stuck-days", FlagKind::kValue, "N", "days in one stage before a referral is stuck"},
      {"ask-cap", FlagKind::kValue, "N", "asks routed to one helper per week"},
      {"ask-budget-base", FlagKind::kValue, "N", "open asks allowed with nothing given"},
      {"ask-budget-points", FlagKind::kValue, "N", "points given that earn one more open ask"},
      {"follow-up-days", FlagKind::kValue, "D1,D2,...",
       "days after meeting a contact that each follow-up falls due, e.g. 1,7"},
      {"nurture-days", FlagKind::kValue, "N",
       "days without a touch before a key contact needs nurturing"},
      {"netting", FlagKind::kBool, "",
       "net pair balances into fewest moves (--netting=false keeps them raw)"},
      {"rate-limit-rps", FlagKind::kValue, "N",
       "calls/s the firm may make on each replica, 0 for the server's default (platform "
       "admins)"},
      {"rate-burst", FlagKind::kValue, "N",
       "calls the firm may make at once, 0 for the default (platform admins)"},
      {"etag", FlagKind::kValue, "ETAG", "refuse the change if the settings moved on"},
  };
}

// Prints the check; a ledger that is not sound is a failure of the command.
absl::Status RunCheckLedger(CommandEnv& env) {
  REFNET_ASSIGN_OR_RETURN(v1::CheckLedgerRequest request, BuildCheckLedger(env.args, env.options));
  v1::CheckLedgerResponse response;
  REFNET_RETURN_IF_ERROR(CallOnce(env, &Stub::CheckLedger, request, &response));
  REFNET_RETURN_IF_ERROR(PrintResource(env, response));
  if (response.ok()) return absl::OkStatus();
  return CheckFailedError(absl::StrCat("ledger check failed with ", response.problems_size(),
                                       response.problems_size() == 1 ? " problem" : " problems"));
}

}  // namespace

std::vector<Command> SettingsCommands() {
  return {
      {.group = "settings",
       .verb = "get",
       .summary = "show the firm's favour values and thresholds",
       .run = RunUnary<BuildGetFirmSettings, &Stub::GetFirmSettings>},
      {.group = "settings",
       .verb = "update",
       .summary = "change the settings whose flags are given (admins)",
       .flags = UpdateFlags(),
       .run = RunUnary<BuildUpdateFirmSettings, &Stub::UpdateFirmSettings>},
      {.group = "ledger",
       .verb = "check",
       .summary = "verify balances against the ledger (admins)",
       .notes = "Prints what was checked and any problems; exits 1 when the ledger is not sound.",
       .run = RunCheckLedger},
      {.group = "cache",
       .verb = "rebuild",
       .summary = "drop the firm's cached values (admins)",
       .run = RunUnary<BuildRebuildCache, &Stub::RebuildCache>},
      {.group = "server",
       .verb = "info",
       .summary = "show the server's version, revision, store, cache state and uptime",
       .run = RunUnary<BuildGetServerInfo, &Stub::GetServerInfo>},
  };
}

}  // namespace refnet::ctl
